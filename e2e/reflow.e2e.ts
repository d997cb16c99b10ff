import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';

const browser = useBrowser();

/**
 * How far the page and the drop-in flow reach past the viewport's right edge, in CSS px.
 * WCAG 1.4.10 (Reflow): at 320 CSS px (1280 px at 400 % zoom) nothing may need horizontal scrolling.
 */
async function overflow(page: Page): Promise<{ page: number; flow: number }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const flow = document.querySelector('[data-part="flow"]');
    return {
      page: document.documentElement.scrollWidth - width,
      flow: flow ? Math.max(0, flow.getBoundingClientRect().right - width) : Number.NaN,
    };
  });
}

describe('the drop-in flow at 320 CSS px (400 % zoom) and 640 CSS px (200 % zoom)', () => {
  for (const width of [320, 640]) {
    it(`reflows without horizontal scrolling at ${width} px, from the destination choice to done`, async () => {
      const { page } = await browser.open(`reflow-${width}`);
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      await page.getByRole('button', { name: 'Link your bank' }).click();
      await chooseTestBank(page, 'One-time PIN by text or call');

      const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
      expect(await overflow(page)).toEqual({ page: 0, flow: 0 });
      await checkState(page, `reflow-${width}-1-destination-choice`);
      await destinations.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();

      const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
      expect(await overflow(page)).toEqual({ page: 0, flow: 0 });
      await checkState(page, `reflow-${width}-2-pin-entry`);
      const { pin } = await readPinFromPhone(page);
      await pinField.pressSequentially(pin);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();

      await visible(heading(page, 'You’re verified'));
      expect(await overflow(page)).toEqual({ page: 0, flow: 0 });
    });
  }
});
