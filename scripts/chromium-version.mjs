#!/usr/bin/env node
/**
 * Which Chromium drew the screenshot baselines, and which one runs here. Pixels are exact only
 * within one Chromium build, and `.ci/run` installs whatever Debian's security archive has that
 * day: on another build `pnpm test:screenshots` compares within a tolerance
 * (packages/components/test/screenshotComparison.ts), and `pnpm test` ends with the one line this
 * script prints (`pnpm check:chromium`), naming both builds and the command that retakes the
 * baselines. On the baselines' own build it prints nothing and one changed pixel fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The file `pnpm test:screenshots -u` writes beside the baselines. */
export const BASELINE_FILE = fileURLToPath(new URL('../packages/components/test/__screenshots__/chromium-version.txt', import.meta.url));

/** The command that retakes every baseline on the running build. */
export const REFRESH_COMMAND = 'pnpm test:screenshots -u';

/** The Chromium the browser tests launch (`CHROMIUM_PATH`, else Debian's). */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The version of the Chromium that runs here, e.g. `156.0.8078.129`, or `unknown`. */
export function runningChromium() {
  try {
    return /\d+(\.\d+)+/.exec(execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))?.[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The version the baselines were taken with, or `unknown`. */
export function baselineChromium() {
  return existsSync(BASELINE_FILE) ? readFileSync(BASELINE_FILE, 'utf8').trim() || 'unknown' : 'unknown';
}

/** Records the running version as the baselines' (done by `pnpm test:screenshots -u`). */
export function recordBaselineChromium(version) {
  writeFileSync(BASELINE_FILE, `${version}\n`);
}

/** The one-line warning when the builds differ, or `null` when they match. */
export function mismatchWarning({ running, baseline }) {
  if (running === baseline) return null;
  return `Warning: the screenshot baselines were taken with Chromium ${baseline}, this is Chromium ${running}, so they were compared within a tolerance; retake them on this build with \`${REFRESH_COMMAND}\`.`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const warning = mismatchWarning({ running: runningChromium(), baseline: baselineChromium() });
  if (warning) console.warn(warning);
}
