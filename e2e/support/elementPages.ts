import { createEngine } from '@mfa-kit/sandbox';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Frontend } from '../../apps/demo/server/server';
import { startDemoServer, type DemoServer } from '../../apps/demo/server/server';
import { createSessionStore } from '../../apps/demo/server/sessions';
import { SANDBOX_TIMING } from '../globalSetup';
import { heading, readPinFromPhone, visible } from './flows';

/**
 * The demo's backend (its /api routes, push included, and an embedded sandbox with the run's
 * short stages) with another frontend: a page that is not the demo's React app, such as the
 * plain page or the Vue example, which load `<mfa-flow>`.
 */
export function startElementPageServer(frontend: (server: unknown) => Promise<Frontend>): Promise<DemoServer> {
  return startDemoServer({
    port: 0,
    frontend,
    sandboxEngine: createEngine({ timing: SANDBOX_TIMING }),
    sessions: createSessionStore({ maxSessionsPerClient: 500 }),
    log: () => {},
  });
}

/** One `mfa-*` event as the page saw it: its type, how it travels, and its `detail` as JSON. */
export interface SeenEvent {
  type: string;
  bubbles: boolean;
  composed: boolean;
  detail: string;
}

/** Records every `mfa-*` event that reaches the document, from the first script on. Read with {@link seenEvents}. */
export async function recordElementEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { type: string; bubbles: boolean; composed: boolean; detail: string }[] = [];
    (window as unknown as { __mfaEvents: typeof seen }).__mfaEvents = seen;
    for (const type of ['mfa-complete', 'mfa-error', 'mfa-expire', 'mfa-event', 'mfa-step-change']) {
      document.addEventListener(type, (event) => {
        seen.push({ type, bubbles: event.bubbles, composed: event.composed, detail: JSON.stringify((event as CustomEvent).detail) });
      });
    }
  });
}

/** The `mfa-*` events the document heard so far, oldest first. */
export function seenEvents(page: Page): Promise<SeenEvent[]> {
  return page.evaluate(() => [...(window as unknown as { __mfaEvents: SeenEvent[] }).__mfaEvents]);
}

/** True when `locator`'s element has focus (inside the element's shadow root too). */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((node) => (node.getRootNode() as Document | ShadowRoot).activeElement === node);
}

/** Counts the requests a page makes to the sync routes: reads (`GET /sync`) and push streams (`/events`). */
export function countSyncTraffic(page: Page): { reads: string[]; streams: string[] } {
  const traffic = { reads: [] as string[], streams: [] as string[] };
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (req.method() === 'GET' && /\/api\/quovo\/connections\/\d+\/sync$/.test(path)) traffic.reads.push(path);
    if (/\/api\/quovo\/connections\/\d+\/events$/.test(path)) traffic.streams.push(path);
  });
  return traffic;
}

/**
 * The realtime PIN flow inside `<mfa-flow>`, by keyboard alone, from the moment the element shows
 * stage one: focus lands on the first destination, the arrow keys choose the text message, Enter
 * sends it; focus lands on the PIN field, the PIN read off the Sandbox phone is typed, Enter sends
 * it. `check` runs at each state (axe and a screenshot).
 * @returns the PIN.
 */
export async function completePinByKeyboard(page: Page, check: (state: string) => Promise<void>): Promise<string> {
  const group = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
  const first = group.getByRole('radio').first();
  await expect.poll(() => isFocused(first), { timeout: 10_000 }).toBe(true);
  await check('choice');
  const text = group.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ });
  for (let i = 0; i < 6 && !(await isFocused(text)); i++) await page.keyboard.press('ArrowDown');
  expect(await isFocused(text), 'the arrow keys reach the text message').toBe(true);
  expect(await text.getAttribute('aria-checked')).toBe('true');
  await page.keyboard.press('Enter');

  const field = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
  await expect.poll(() => isFocused(field), { timeout: 10_000 }).toBe(true);
  const { pin } = await readPinFromPhone(page);
  await check('pin');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await visible(heading(page, 'You’re verified'));
  await check('done');
  return pin;
}
