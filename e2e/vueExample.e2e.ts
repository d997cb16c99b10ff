/**
 * apps/vue-example: a Vue 3 app built with Vite (`@mfa-kit/element` from its ES module, bound
 * with `:connection-id` and `@mfa-complete`), served by the demo's backend. Built here, so the
 * test runs what `vite build` makes of the app today.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../apps/demo/server/server';
import { vueExampleFrontend } from '../apps/vue-example/server/frontend';
import { checkState } from './support/browser';
import { completePinByKeyboard, countSyncTraffic, recordElementEvents, seenEvents, startElementPageServer } from './support/elementPages';
import { useBrowser } from './support/fixtures';
import { heading, visible } from './support/flows';

const browser = useBrowser();
let server: DemoServer;
beforeAll(async () => {
  await build({ root: fileURLToPath(new URL('../apps/vue-example', import.meta.url)), logLevel: 'warn' });
  server = await startElementPageServer(vueExampleFrontend());
});
afterAll(() => server?.close());

describe('a Vue 3 app with <mfa-flow>', () => {
  it('completes the realtime PIN flow over push by keyboard, axe-clean, and Vue hears the element’s events', async () => {
    const { page } = await browser.open('vue-example');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await recordElementEvents(page);
    const traffic = countSyncTraffic(page);
    await page.goto(server.url);
    await visible(heading(page, 'Link your bank'));
    await checkState(page, 'vue-example-start');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Link with a one-time PIN"

    const pin = await completePinByKeyboard(page, (state) => checkState(page, `vue-example-${state}`));
    // Vue's own @mfa-complete handler put this on the page.
    await visible(page.getByRole('status').filter({ hasText: /Connection \d+ is linked\./ }));

    expect(traffic.streams.length).toBeGreaterThan(0);
    expect(traffic.reads).toEqual([]);
    const events = await seenEvents(page);
    expect(events.filter((e) => e.type === 'mfa-complete')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'mfa-step-change').length).toBeGreaterThan(1);
    expect(events.filter((e) => e.detail.includes(pin))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
