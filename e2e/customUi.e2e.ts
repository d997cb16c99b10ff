import { describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, countdownSeconds, heading, readPinFromPhone, visible } from './support/flows';

const browser = useBrowser();

describe('custom UI on the headless hooks: realtime PIN', () => {
  it('links a bank on “Custom UI” with a PIN sent by text, counting down on the server’s clock', async () => {
    const { page } = await browser.open('custom-ui');
    // This browser's clock is ten minutes slow; the countdown must not show twelve minutes.
    await page.clock.install({ time: Date.now() - 10 * 60_000 });
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Custom UI' }).click();
    await visible(heading(page, 'Link your bank (custom UI)'));
    await visible(page.getByRole('radio', { name: 'One-time PIN by text or call', exact: true }));
    await checkState(page, 'custom-1-scenario-picker');

    await chooseTestBank(page, 'One-time PIN by text or call');

    const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await checkState(page, 'custom-2-destination-choice');
    await destinations.getByRole('radio', { name: /Text.*xxx-xxx-0695/ }).click();
    await page.getByRole('button', { name: 'Verify', exact: true }).click();

    const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    const timer = await visible(page.getByText(/Time left to answer: \d+:\d\d/));
    const secondsLeft = countdownSeconds(await timer.textContent());
    expect(secondsLeft).toBeGreaterThan(60);
    expect(secondsLeft).toBeLessThanOrEqual(120);
    const { pin, text } = await readPinFromPhone(page);
    expect(text).toContain('Text message to xxx-xxx-0695');
    await checkState(page, 'custom-3-pin-entry');

    await pinField.pressSequentially(pin);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();

    await visible(heading(page, 'Your bank is linked'));
    await visible(heading(page, 'All set'));
    await visible(page.locator('.tally-outcome').getByText('Your account is linked. Balances and transactions will appear on your overview.'));
    await checkState(page, 'custom-4-done');
  });
});
