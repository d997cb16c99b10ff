import { afterAll, describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';
import { advanceSandboxClock, readSentPins, resetSandboxClock } from './support/sandbox';

const browser = useBrowser();

/** The sandbox's realtime PIN window (its default, which the demo uses). */
const PIN_WINDOW_MS = 120_000;
/** How far past the deadline both clocks jump: beyond the hook's 1 s grace before its confirming read. */
const PAST_DEADLINE_MS = PIN_WINDOW_MS + 5_000;

afterAll(async () => {
  await resetSandboxClock();
});

describe('drop-in MfaFlow: an expired PIN', () => {
  /*
   * Deterministic expiry without waiting two minutes: the test moves both clocks past the
   * deadline by the same amount, server first.
   * - The sandbox's clock (POST /__sandbox/clock): the PIN challenge's deadline passes, its sync
   *   now reads `resync`, and its `Date` header jumps ahead with it.
   * - The browser's clock (Playwright's page.clock, installed before the app loads, flowing in
   *   real time until the jump): the hook's one timer at the deadline fires, the flow shows
   *   "The PIN expired", and the hook's confirming read meets `resync` from a server whose
   *   `Date` agrees with the browser, so no clock offset undoes the expiry.
   * Jumping the browser first would let that confirming read see the old sync with a `Date`
   * two minutes behind, and the kit would rightly go back to the PIN.
   */
  it('shows the expiry at the deadline, and “Send a new PIN” re-sends to the same phone and links the bank', async () => {
    const { page } = await browser.open('expiry');
    // This test follows the browser's own reads (GET /sync): the demo's polling mode. Push, the
    // default, is covered by push.e2e.ts and the realtime PIN test.
    await page.addInitScript(() => localStorage.setItem('tally-updates', 'polling'));
    await page.clock.install();
    await page.goto('/#/link');
    const connectionId = await chooseTestBank(page, 'One-time PIN by text or call');

    const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await destinations.getByRole('radio', { name: /Text message.*xxx-xxx-5309/ }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    const first = await readPinFromPhone(page, 1);

    const syncPath = `/api/quovo/connections/${connectionId}/sync`;
    const confirmingRead = page.waitForResponse((res) => new URL(res.url()).pathname === syncPath && res.request().method() === 'GET');
    await advanceSandboxClock(PAST_DEADLINE_MS);
    await page.clock.fastForward(PAST_DEADLINE_MS);

    await visible(heading(page, 'The PIN expired'));
    expect(await page.getByRole('textbox', { name: 'Enter your pin:' }).count()).toBe(0);
    expect(await page.getByRole('timer').count()).toBe(0);
    // The kit checked with the server, which agrees: the sync must be started again.
    const confirmed = (await (await confirmingRead).json()) as { sync: { status: string } };
    expect(confirmed.sync.status).toBe('resync');
    await visible(heading(page, 'The PIN expired'));
    await checkState(page, 'drop-in-5-expired');

    // One click: the flow restarts and picks the same destination again by itself.
    await page.getByRole('button', { name: 'Send a new PIN' }).click();
    const second = await readPinFromPhone(page, 2);
    expect(second.text).toContain('Text message to xxx-xxx-5309');
    expect(await readSentPins(connectionId)).toEqual([first.pin, second.pin]);
    const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    expect(await pinField.inputValue()).toBe('');
    await pinField.pressSequentially(second.pin);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    await visible(heading(page, 'Your bank is linked'));
    await visible(heading(page, 'You’re verified'));
  });
});

describe('drop-in MfaFlow: a PIN sent after the server’s deadline', () => {
  it('is refused, and the flow offers a new code', async () => {
    const { page } = await browser.open('late-answer');
    await page.goto('/#/link');
    const connectionId = await chooseTestBank(page, 'One-time PIN by text or call');
    const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await destinations.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    const { pin } = await readPinFromPhone(page, 1);

    // Only the server's time passes (a browser whose clock lags, a laptop lid closed and opened).
    await advanceSandboxClock(PAST_DEADLINE_MS);
    const answerPath = `/api/quovo/connections/${connectionId}/sync`;
    const refused = page.waitForResponse((res) => new URL(res.url()).pathname === answerPath && res.request().method() === 'POST');
    await pinField.pressSequentially(pin);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const response = await refused;
    expect(response.status()).toBe(409);
    expect(((await response.json()) as { id: string }).id).toBe('challenge_expired');

    await visible(page.getByRole('button', { name: 'Send a new PIN' }));
    await checkState(page, 'drop-in-8-late-answer');
    expect(await page.getByRole('textbox', { name: 'Enter your pin:' }).count()).toBe(0);
  });
});
