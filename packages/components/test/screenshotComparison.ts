/**
 * How screenshots are compared, by the Chromium that runs. On the build the baselines were taken
 * with (`__screenshots__/chromium-version.txt`, written by `pnpm test:screenshots -u`), one
 * changed pixel fails: the config's pixelmatch options, no tolerance. On any other build (a
 * Debian security update of Chromium moves anti-aliasing by a shade), the comparison allows a
 * colour distance of 0.1, ignores anti-aliased pixels and lets at most 1 % of the pixels differ.
 * A layout break or a changed colour still fails. Each suite then shows a skipped test whose
 * name says which builds differ and how to retake the baselines, and `pnpm test` ends with the
 * same in one line (`pnpm check:chromium`, scripts/chromium-version.mjs).
 */
import { inject, it } from 'vitest';

declare module 'vitest' {
  interface ProvidedContext {
    chromium: { running: string; baseline: string };
  }
}

const { running, baseline } = inject('chromium');

/** Options for `toMatchScreenshot`: none (the config's exact comparison) on the baselines' Chromium. */
export const comparison =
  running === baseline
    ? {}
    : { comparatorName: 'pixelmatch' as const, comparatorOptions: { threshold: 0.1, includeAA: false, allowedMismatchedPixelRatio: 0.01 } };

/** Declares, on another Chromium, the skipped pixel-exact check with the reason in its name. */
export function declareChromiumMismatch(): void {
  if (running === baseline) return;
  it.skip(
    `pixel-exact comparison — skipped: the baselines were taken with Chromium ${baseline}, this is Chromium ${running}; compared within a small tolerance until \`pnpm test:screenshots -u\` retakes them`,
    () => {},
  );
}
