import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectChromium, newSession, screenshot } from './browser';

/** A file's browser: the run's Chromium, a fresh context (session) per `open()`, closed after each test. */
export interface BrowserFixture {
  /** A new browser session on the demo. The page is screenshotted as `FAILED-<name>-<n>` if the test fails. */
  open(name: string): Promise<{ context: BrowserContext; page: Page }>;
}

/** Registers the hooks of a file's browser: connect once, close every session after each test, disconnect at the end. */
export function useBrowser(): BrowserFixture {
  let browser: Browser | null = null;
  let open: { name: string; context: BrowserContext; page: Page }[] = [];

  beforeAll(async () => {
    browser = await connectChromium();
  });
  afterEach(async ({ task }) => {
    const sessions = open;
    open = [];
    if (task.result?.state === 'fail') {
      await Promise.all(sessions.map((s, i) => screenshot(s.page, `FAILED-${s.name}-${i + 1}`).catch(() => {})));
    }
    await Promise.all(sessions.map((s) => s.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    async open(name) {
      if (!browser) throw new Error('useBrowser(): not connected to the browser (call open() inside a test).');
      const session = await newSession(browser);
      open.push({ name, ...session });
      return session;
    },
  };
}
