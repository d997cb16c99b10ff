import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';

const browser = useBrowser();

describe('pushed updates (the demo’s default)', () => {
  it('links a bank over the event stream with no GET /sync, and the switch turns polling on', async () => {
    const { page } = await browser.open('push');
    const reads: string[] = [];
    const streams: string[] = [];
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (req.method() === 'GET' && /\/api\/quovo\/connections\/\d+\/sync$/.test(path)) reads.push(path);
      if (/\/api\/quovo\/connections\/\d+\/events$/.test(path)) streams.push(path);
    });
    await page.goto('/#/link');
    const live = await visible(page.getByRole('switch', { name: 'Live updates from the server' }));
    expect(await live.isChecked()).toBe(true);

    await chooseTestBank(page, 'One-time PIN by text or call');
    const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await destinations.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    const { pin } = await readPinFromPhone(page, 1);
    await pinField.pressSequentially(pin);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await visible(heading(page, 'Your bank is linked'));
    expect(streams.length).toBeGreaterThan(0);
    expect(reads).toEqual([]);

    // Off: the next flow polls.
    await page.getByRole('button', { name: 'Link another bank' }).click();
    await live.uncheck();
    await visible(page.getByText('Off: the browser polls for changes.'));
    await chooseTestBank(page, 'No extra verification');
    await visible(heading(page, 'Your bank is linked'));
    expect(reads.length).toBeGreaterThan(0);
  });
});
