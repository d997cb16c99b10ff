/**
 * apps/plain-page: a plain HTML page, no framework, no bundler, one `<script type="module">` and
 * one `<mfa-flow>`, served by the demo's backend. The realtime PIN flow over push, by keyboard,
 * axe-clean at every state; the element's events reach the page; its styles and the page's stay
 * on their own side; removing it closes its stream.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainPageFrontend } from '../apps/plain-page/server/frontend';
import type { DemoServer } from '../apps/demo/server/server';
import { checkState } from './support/browser';
import { completePinByKeyboard, countSyncTraffic, recordElementEvents, seenEvents, startElementPageServer } from './support/elementPages';
import { useBrowser } from './support/fixtures';
import { heading, visible } from './support/flows';
import { lostFocus, recordBodyFocus, watchBodyFocus } from './support/seen';

const browser = useBrowser();
let server: DemoServer;
beforeAll(async () => {
  server = await startElementPageServer(plainPageFrontend());
});
afterAll(() => server?.close());

/** Picks the scenario with the keyboard, as the page offers it: Tab to the select's Continue, Enter. */
async function startScenario(page: Page): Promise<void> {
  await visible(heading(page, 'Link your bank'));
  await page.keyboard.press('Tab'); // the scenario select (realtime PIN is first)
  await page.keyboard.press('Tab'); // Continue
  await page.keyboard.press('Enter');
}

describe('a plain HTML page with <mfa-flow>', () => {
  it('completes the realtime PIN flow over push by keyboard, axe-clean, and the page hears every outcome', async () => {
    const { page } = await browser.open('plain-page');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await recordElementEvents(page);
    await recordBodyFocus(page);
    const traffic = countSyncTraffic(page);
    await page.goto(server.url);
    await startScenario(page);
    // From the flow's first step on, focus never rests on <body>: each step moves it to the next
    // step's field or heading before the browser notices the old one gone (the element renders
    // with Preact, whose passive effects run a frame later than React's: issue 22).
    await visible(page.locator('mfa-flow').getByRole('radiogroup'));
    await watchBodyFocus(page);

    const pin = await completePinByKeyboard(page, (state) => checkState(page, `plain-page-${state}`));
    expect(await lostFocus(page)).toEqual([]);
    await visible(page.getByRole('status').filter({ hasText: /Connection \d+ is linked\./ }));

    // Over push: the stream, and not one read.
    expect(traffic.streams.length).toBeGreaterThan(0);
    expect(traffic.reads).toEqual([]);

    const events = await seenEvents(page);
    expect(events.every((e) => e.bubbles && e.composed)).toBe(true);
    const complete = events.filter((e) => e.type === 'mfa-complete').map((e) => JSON.parse(e.detail) as { connectionId: number; sync: { status: string } });
    expect(complete).toHaveLength(1);
    expect(complete[0]!.sync.status).toBe('good');
    const steps = events.filter((e) => e.type === 'mfa-step-change').map((e) => (JSON.parse(e.detail) as { step: { type: string } }).step.type);
    expect(steps).toEqual(expect.arrayContaining(['wait', 'answer', 'done']));
    const names = events.filter((e) => e.type === 'mfa-event').map((e) => (JSON.parse(e.detail) as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['challenge_shown', 'answer_submitted', 'answer_accepted', 'sync_completed']));
    expect(events.filter((e) => e.detail.includes(pin))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps the page’s styles out and its own in, takes the --mfa-* tokens, and works in forced colours', async () => {
    const { page } = await browser.open('plain-page-styles');
    await page.goto(server.url);
    // A hostile page: rules that would restyle any button or text they reached.
    await page.addStyleTag({ content: '* { letter-spacing: 7px !important; } button { background: rgb(255, 0, 255) !important; } h2 { font-size: 60px !important; }' });
    await startScenario(page);
    const group = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await group.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
    const submit = page.locator('mfa-flow').getByRole('button', { name: 'Continue', exact: true });
    const inside = await submit.evaluate((button) => {
      const style = getComputedStyle(button);
      return { background: style.backgroundColor, letterSpacing: style.letterSpacing, font: style.fontFamily };
    });
    // The page's accent token (#1d5e3a), not its button rule; no inherited letter-spacing; the kit's font, not the page's Georgia.
    expect(inside.background).toBe('rgb(29, 94, 58)');
    expect(inside.letterSpacing).toBe('normal');
    expect(inside.font).not.toContain('Georgia');
    expect(await page.locator('mfa-flow').getByRole('heading').first().evaluate((h) => getComputedStyle(h).fontSize)).not.toBe('60px');
    // The element added no stylesheet to the page: every rule of the kit is in its shadow root.
    const pageRules = await page.evaluate(() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).filter((text) => text.includes('data-scope')));
    expect(pageRules).toEqual([]);

    await page.emulateMedia({ forcedColors: 'active' });
    const chosen = group.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ });
    const [outline, ink, paper] = await chosen.evaluate((radio) => {
      const indicator = radio.querySelector('[data-part="choice-indicator"]')!;
      return [getComputedStyle(radio).outlineStyle, getComputedStyle(indicator).color, getComputedStyle(indicator).backgroundColor];
    });
    // The chosen destination is outlined and its mark drawn in one system colour on another.
    expect(outline).toBe('solid');
    expect(ink).not.toBe(paper);
  });

  it('speaks Arabic right to left with locale="ar", axe-clean, and the page stays left to right', async () => {
    const { page } = await browser.open('plain-page-arabic');
    await page.goto(server.url);
    await page.locator('mfa-flow').evaluate((flow) => flow.setAttribute('locale', 'ar'));
    await startScenario(page);
    const group = await visible(page.locator('mfa-flow').getByRole('radiogroup'));
    const submit = page.locator('mfa-flow').getByRole('button', { name: 'متابعة' });
    await visible(submit);
    expect(await group.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
    expect(await page.locator('main h1').evaluate((node) => getComputedStyle(node).direction)).toBe('ltr');
    // The heading starts at the right edge, as Arabic reads (the kit's CSS is all logical properties).
    const heading = page.locator('mfa-flow').getByRole('heading').first();
    const title = await heading.evaluate((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      const { left, right } = range.getBoundingClientRect();
      return { left, right };
    });
    const flow = await page.locator('mfa-flow').boundingBox();
    expect(flow!.x + flow!.width - title.right).toBeLessThan(title.left - flow!.x);
    await checkState(page, 'plain-page-arabic');
  });

  it('closes its stream when the element is removed', async () => {
    const { page } = await browser.open('plain-page-removal');
    await page.goto(server.url);
    await startScenario(page);
    await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    const stream = page.waitForEvent('requestfailed', (req) => /\/api\/quovo\/connections\/\d+\/events$/.test(new URL(req.url()).pathname));
    await page.evaluate(() => document.querySelector('mfa-flow')!.remove());
    const ended = await stream;
    expect(ended.failure()?.errorText).toContain('ABORTED');
  });
});
