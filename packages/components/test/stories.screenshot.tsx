/// <reference types="vite/client" />
/**
 * Visual regression: every story of every `*.stories.tsx` in the packages (the components' and the
 * hooks' headless example; the ones Storybook shows), screenshotted
 * in Chromium and compared pixel for pixel with its committed baseline, in the mode this browser
 * instance runs (tooling/vitest/screenshots.ts gives each mode its own instance and tab):
 *
 * - `light`: the preview's light frame, 640 px wide;
 * - `dark`: the preview's theme global set to dark (`data-theme="dark"` on the frame), 640 px;
 * - `forced-colors`: Chromium's `forced-colors: active` emulation, light frame, 640 px;
 * - `narrow`: the light frame at a 320 × 568 viewport.
 *
 * Stories are found with `import.meta.glob` and composed with the preview's own annotations
 * (`composeStories`), so a new story is a new test here, and a test without a baseline fails.
 * Only the catalogue is captured: the stories Storybook's sidebar shows (tag `dev`); the
 * walkthroughs (`!dev`, e.g. MfaFlowWalkthroughs.stories.tsx) are tests of behaviour that
 * `pnpm test:stories` runs. Each story runs as in Storybook (`run()`: its loaders, such as the
 * sandbox brought to the story's moment and its MSW worker, its `beforeEach`, render and play
 * function), then its frame (the preview's theme decorator, the story root) is compared.
 * Baselines: `__screenshots__/stories.screenshot.tsx/<mode>/<story id>`; no two of them may be
 * the same picture unless listed (`baselines.test.ts`).
 *
 * The same pixels every run: every story sees a frozen `Date` (so a countdown always shows the
 * same time; the flow stories' sandboxes reach their moment by skipping their own clock, not by
 * waiting). Reduced motion, animations and transitions off, the caret hidden, fonts loaded, the
 * mouse moved off the page before the screenshot.
 */
import { composeStories, setProjectAnnotations, type composeStory } from '@storybook/react-vite';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { commands, page } from 'vitest/browser';
import preview from '../../../.storybook/preview';
import { comparison, declareChromiumMismatch } from './screenshotComparison';

/** The four modes (one browser instance each). */
export type ScreenshotMode = 'light' | 'dark' | 'forced-colors' | 'narrow';

declare module 'vitest' {
  interface ProvidedContext {
    screenshotMode: ScreenshotMode;
  }
}
declare module 'vitest/browser' {
  interface BrowserCommands {
    moveMouseAway: () => Promise<void>;
  }
}

/** The documentation's example day, 2018-01-28 13:00 UTC: `Date.now()` while a story is captured. */
const FROZEN_NOW = Date.UTC(2018, 0, 28, 13, 0, 0);

/**
 * Stories left out, by id, with the reason (shown in the test name). Keep this short: a story
 * that cannot be drawn the same way twice is better fixed than skipped.
 */
const SKIPPED: Record<string, string> = {};

const mode = inject('screenshotMode');
const annotations = setProjectAnnotations([preview]);
beforeAll(annotations.beforeAll);

/**
 * Everything that moves stands still for a screenshot, and the caret is never drawn, or, in
 * forced colours (which override `caret-color`), drawn without blinking (`caret-animation`).
 */
const STILL = `*, *::before, *::after {
  caret-color: transparent !important;
  caret-animation: manual !important;
  transition: none !important;
  animation: none !important;
  scroll-behavior: auto !important;
}`;
beforeAll(() => {
  const style = document.createElement('style');
  style.textContent = STILL;
  document.head.append(style);
});

afterEach(() => {
  vi.useRealTimers();
});

type StoriesModule = Parameters<typeof composeStories>[0];
type ComposedStory = ReturnType<typeof composeStory>;
// The same files Storybook shows (.storybook/main.ts: packages/*/src/**/*.stories.*).
const modules = import.meta.glob<StoriesModule>('../../*/src/**/*.stories.{ts,tsx}', { eager: true });
/** The committed baselines of this mode (names only; nothing is loaded). */
const baselines = Object.keys(import.meta.glob('./__screenshots__/stories.screenshot.tsx/*/*.png')).filter((path) => path.split('/').at(-2) === mode);

/** A story's baseline name, as `toMatchScreenshot` turns its argument into a file name. */
const fileNameOf = (storyId: string) => storyId.replace(/\s+/g, '-').replace(/[^\w-]+/g, '').replace(/-{2,}/g, '-');

const files = Object.entries(modules)
  .map(([path, module]) => ({
    file: path.replace(/^(\.\.\/)+/, ''),
    // A module's composed stories, by export name (composeStories' own type maps a known module's
    // exports), the catalogue's only: a story tagged `!dev` is a walkthrough, not a picture.
    stories: Object.fromEntries(
      Object.entries(composeStories(module, { initialGlobals: { theme: mode === 'dark' ? 'dark' : 'light' } }) as Record<string, ComposedStory>).filter(([, story]) =>
        story.tags.includes('dev'),
      ),
    ),
  }))
  .filter(({ stories }) => Object.keys(stories).length > 0);

describe(`every story, ${mode}`, () => {
  declareChromiumMismatch();

  it('finds the stories', () => {
    // Guards the glob: an empty or broken pattern would otherwise pass with no story tested.
    expect(files.flatMap(({ stories }) => Object.keys(stories))).not.toHaveLength(0);
  });

  it('keeps no baseline without a story (delete the ones listed)', () => {
    const expected = new Set(files.flatMap(({ stories }) => Object.values(stories).filter((story) => !SKIPPED[story.id]).map((story) => fileNameOf(story.id))));
    const orphans = baselines.filter((path) => !expected.has(path.split('/').at(-1)!.replace(/-chromium-\w+\.png$/, '')));
    expect(orphans).toEqual([]);
  });

  for (const { file, stories } of files) {
    describe(file, () => {
      for (const [exportName, story] of Object.entries(stories)) {
        const skipped = SKIPPED[story.id];
        if (skipped) {
          it.skip(`${exportName} — skipped: ${skipped}`, () => {});
          continue;
        }
        it(exportName, async () => {
          vi.useFakeTimers({ toFake: ['Date'], now: FROZEN_NOW });
          const canvasElement = document.createElement('div');
          document.body.append(canvasElement);
          try {
            // Loaders (the sandbox, its MSW worker), beforeEach, render and play, as in Storybook;
            // the previous story is unmounted first.
            await story.run({ canvasElement });
            await document.fonts.ready;
            await commands.moveMouseAway();
            const frame = canvasElement.firstElementChild;
            if (!frame) throw new Error(`${story.id} rendered nothing`);
            await expect.element(page.elementLocator(frame)).toMatchScreenshot(`${mode}/${story.id}`, comparison);
          } finally {
            canvasElement.remove();
          }
        });
      }
    });
  }
});
