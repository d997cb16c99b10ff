export const BASELINE_FILE: string;
export const REFRESH_COMMAND: string;
export function chromiumPath(): string;
export function runningChromium(): string;
export function baselineChromium(): string;
export function recordBaselineChromium(version: string): void;
export function mismatchWarning(versions: { running: string; baseline: string }): string | null;
