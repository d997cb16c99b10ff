import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import type { BrowserCommand } from 'vitest/node';
import { defineProject } from 'vitest/config';
import { chromiumPath } from '../../scripts/chromium-version.mjs';
import { workspaceAliases } from '../aliases.ts';

/**
 * The `screenshots` projects (`pnpm test:screenshots`, one per mode, `screenshots-light` …):
 * screenshot baselines in Chromium (Vitest browser mode's `toMatchScreenshot`), compared pixel
 * for pixel: every story in four modes (`packages/components/test/stories.screenshot.tsx`: light,
 * dark, forced colours, 320 px wide) and the right-to-left parts (`rightToLeft.screenshot.tsx`).
 *
 * `pnpm test:screenshots` compares; after an intended visual change, `pnpm test:screenshots -u`
 * writes the baselines that differ or are missing (`packages/components/test/__screenshots__/`),
 * to be looked at and committed. Without `-u` nothing in the repository is written: a difference
 * or a missing baseline fails the test, and the actual, reference and diff images go to
 * `test-results/screenshots/` (`update: 'none'` in the root vitest.config.ts, the same on CI and
 * locally).
 *
 * Debian's Chromium and fonts (fonts-liberation, DejaVu), fixed viewports, reduced motion and a
 * light `prefers-color-scheme` keep the pixels the same from run to run.
 */

const launchOptions = {
  executablePath: chromiumPath(),
  args: [
    ...['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    // The same pixels for the same page whatever happened before: a full raster of each
    // invalidated tile (partial raster leaves rounded corners 1/255 off, depending on which
    // frames were drawn during the play function), Skia's portable code paths rather than the
    // ones for this CPU's SIMD, and sRGB output.
    ...['--disable-partial-raster', '--disable-skia-runtime-opts', '--force-color-profile=srgb'],
  ],
};
const contextOptions = { reducedMotion: 'reduce', colorScheme: 'light' } as const;

/** Moves the mouse off the page, so no `:hover` from the play function's last click shows. */
const moveMouseAway: BrowserCommand<[]> = async (context) => {
  if (context.provider.name === 'playwright') await (await context.frame()).page().mouse.move(-1000, -1000);
};

const STORIES = 'packages/components/test/stories.screenshot.tsx';

export const screenshotsProject = defineProject({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  // The sandbox's MSW worker script (`/mockServiceWorker.js`), as Storybook serves it.
  publicDir: '.storybook/public',
  // Found late by the optimizer they would make Vite reload the page mid-run; bundle them up front.
  optimizeDeps: {
    include: ['@tanstack/react-query', 'msw', 'msw/browser', '@storybook/react-vite', 'storybook/test', 'storybook/preview-api', 'react-dom/client'],
  },
  test: {
    name: 'screenshots',
    sequence: { groupOrder: 2 },
    // Which Chromium drew the baselines and which one runs (`inject('chromium')`); `-u` records
    // the running one (see the global setup).
    globalSetup: ['./tooling/vitest/screenshots.setup.ts'],
    include: ['packages/components/test/**/*.screenshot.tsx'],
    // A sandbox flow walks several stages before its screenshot.
    testTimeout: 30_000,
    // Two tabs on a 2-core machine; each mode is one file in its own tab.
    maxWorkers: 2,
    // The actual and diff images of a failed comparison go with the other test artifacts.
    attachmentsDir: 'test-results/screenshots',
    browser: {
      enabled: true,
      headless: true,
      // A failed test's page screenshot would land next to the baselines; the comparison's own
      // actual and diff images are what matters, and they go to test-results/.
      screenshotFailures: false,
      viewport: { width: 480, height: 720 },
      provider: playwright({ launchOptions, contextOptions }),
      commands: { moveMouseAway },
      expect: {
        toMatchScreenshot: {
          // One changed pixel fails: no colour tolerance, anti-aliased pixels count too.
          comparatorName: 'pixelmatch',
          comparatorOptions: { threshold: 0, includeAA: true, allowedMismatchedPixels: 0 },
        },
      },
      instances: [
        // The right-to-left parts, at the viewport their baselines were taken at.
        { browser: 'chromium', name: 'screenshots-rtl', include: ['packages/components/test/rightToLeft.screenshot.tsx'] },
        // Every story, once per mode (the test reads the mode with `inject('screenshotMode')`).
        { browser: 'chromium', name: 'screenshots-light', include: [STORIES], viewport: { width: 640, height: 720 }, provide: { screenshotMode: 'light' } },
        { browser: 'chromium', name: 'screenshots-dark', include: [STORIES], viewport: { width: 640, height: 720 }, provide: { screenshotMode: 'dark' } },
        {
          browser: 'chromium',
          name: 'screenshots-forced-colors',
          include: [STORIES],
          viewport: { width: 640, height: 720 },
          provide: { screenshotMode: 'forced-colors' },
          // Chromium's forced-colors emulation (Windows High Contrast), from the first paint.
          provider: playwright({ launchOptions, contextOptions: { ...contextOptions, forcedColors: 'active' } }),
        },
        { browser: 'chromium', name: 'screenshots-narrow', include: [STORIES], viewport: { width: 320, height: 568 }, provide: { screenshotMode: 'narrow' } },
      ],
    },
  },
});
