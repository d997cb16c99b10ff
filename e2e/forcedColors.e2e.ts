import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, visible } from './support/flows';
import { advanceSandboxClock, resetSandboxClock } from './support/sandbox';

const browser = useBrowser();

describe('forced colours (Windows High Contrast): no state by colour alone', () => {
  it('a chosen destination shows a check mark, and the last seconds say so in words with an icon', async () => {
    const { page } = await browser.open('forced-colors');
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await page.clock.install();
    await page.goto('/#/link');
    await chooseTestBank(page, 'One-time PIN by text or call');
    const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    const text = destinations.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ });
    await text.click();
    const check = text.locator('[data-part="choice-indicator"] svg');
    await visible(check);
    // The mark is drawn in one system colour on another (HighlightText on Highlight).
    const [stroke, background] = await check.evaluate((svg) => [getComputedStyle(svg).color, getComputedStyle(svg.closest('[data-part="choice-indicator"]')!).backgroundColor]);
    expect(stroke).not.toBe(background);
    await screenshot(page, 'forced-colors-1-chosen');

    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    // 105 s into the 120 s window: the warning state. The page first: a pushed sync's Date from a
    // server already ahead would read as a skewed clock until the page caught up.
    await page.clock.fastForward(105_000);
    await advanceSandboxClock(105_000);
    const warning = await visible(page.locator('[data-part="countdown-warning"]'));
    expect((await warning.textContent())?.trim()).toBe('Less than 20 seconds left');
    expect(await warning.locator('svg').count()).toBe(1);
    // Words and icon in a system colour, visible on the system background.
    const [ink, paper] = await warning.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor]);
    expect(ink).not.toBe(paper);
    await screenshot(page, 'forced-colors-2-warning');
    await resetSandboxClock();
  });
});
