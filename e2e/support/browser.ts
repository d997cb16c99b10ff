import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { expect, inject } from 'vitest';
import './context';
import { ARTIFACTS_DIR } from './paths';

/** Debian's Chromium, never a downloaded browser (`CHROMIUM_PATH` overrides the path). */
export const CHROMIUM_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** Connects to the Chromium that the global setup launched (one browser for the run; each test gets fresh contexts). */
export function connectChromium(): Promise<Browser> {
  return chromium.connect(inject('e2e').browserWsEndpoint);
}

/** How long a locator waits for the UI: generous, since the sandbox's stages take a few seconds each. */
export const UI_TIMEOUT_MS = 20_000;

/**
 * A new browser session (its own cookie jar, so its own demo session) on the demo's URL.
 * Reduced motion keeps screenshots and axe's contrast checks away from mid-transition frames.
 */
export async function newSession(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('e2e').demoUrl,
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
    locale: 'en-US',
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  return { context, page };
}

/** Saves a full-page screenshot as `test-results/e2e/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}.png`, fullPage: true });
}

/** One axe violation as lines a person can act on: rule, impact, help, and each element with its failure. */
export function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map((node) => `    at ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
  return [`${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n    ${violation.helpUrl}`, ...nodes].join('\n');
}

/**
 * Records a UI state: a screenshot under `name`, then axe over the whole page. Fails with the
 * violations spelled out.
 */
export async function checkState(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map(describeViolation), `axe violations in state "${name}"`).toEqual([]);
}
