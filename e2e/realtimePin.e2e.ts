import { describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, countdownSeconds, heading, readPinFromPhone, sandboxPhone, visible } from './support/flows';
import { readSentPins } from './support/sandbox';

const browser = useBrowser();

describe('drop-in MfaFlow: realtime PIN', () => {
  it('links a bank with a PIN sent by text, read off the Sandbox phone', async () => {
    const { page } = await browser.open('realtime-pin');
    await page.goto('/');
    await page.getByRole('button', { name: 'Link your bank' }).click();
    await visible(heading(page, 'Link your bank'));
    await visible(page.getByRole('radio', { name: 'One-time PIN by text or call', exact: true }));
    await checkState(page, 'drop-in-1-scenario-picker');

    const connectionId = await chooseTestBank(page, 'One-time PIN by text or call');

    // Stage one: where to send the PIN.
    const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await checkState(page, 'drop-in-2-destination-choice');
    await destinations.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    // Stage two: the PIN, against the clock.
    const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    const timer = await visible(page.getByRole('timer', { name: 'Time left' }));
    // The sandbox gives two minutes; a slow machine may have spent some of them already.
    const secondsLeft = countdownSeconds(await timer.textContent());
    expect(secondsLeft).toBeGreaterThan(60);
    expect(secondsLeft).toBeLessThanOrEqual(120);
    const { pin, text } = await readPinFromPhone(page);
    expect(text).toContain('Text message to xxx-xxx-0695');
    expect(await readSentPins(connectionId)).toEqual([pin]);
    await checkState(page, 'drop-in-3-pin-entry');

    await pinField.pressSequentially(pin);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    await visible(heading(page, 'Your bank is linked'));
    // Focus lands on the done heading, which says it (no status region repeats it).
    const verified = await visible(heading(page, 'You’re verified'));
    await expect.poll(() => verified.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('list', { name: 'Steps' }).getByRole('listitem').filter({ hasText: 'Done' }).getAttribute('aria-current')).toBe('step');
    expect(await sandboxPhone(page).getByRole('listitem').count()).toBe(1);
    await checkState(page, 'drop-in-4-done');

    // The partner app carries on: the account is listed as linked.
    await page.getByRole('button', { name: 'Go to your accounts' }).click();
    const accounts = await visible(page.getByRole('region', { name: 'Accounts' }));
    await visible(accounts.getByText('Sandbox Bank · One-time PIN by text or call'));
    await visible(accounts.getByText(`Connection ${connectionId}`, { exact: false }));
  });
});
