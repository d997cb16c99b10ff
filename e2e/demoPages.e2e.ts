/**
 * Issue 21, "The demo, looked at closely": every page at a laptop's 1280×800 and a phone's
 * 390×844 (screenshots in test-results/e2e), Continue in reach, the nav and the stepper on one
 * line each, the drop-in as wide as its card, and a wrong PIN said once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';
import { flowAnnouncements, recordLiveRegions } from './support/liveRegions';
import { linesOf } from './support/seen';

const browser = useBrowser();

const WIDTHS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const PAGES = [
  { name: 'overview', path: '/#/', title: 'Good morning, Sam' },
  { name: 'link', path: '/#/link', title: 'Link your bank' },
  { name: 'custom', path: '/#/link/custom', title: 'Link your bank (custom UI)' },
] as const;

/** Where an element is drawn, in viewport px. */
async function box(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      contentLeft: r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft),
      contentRight: r.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight),
    };
  });
}

describe.each(WIDTHS)('every page at $width×$height ($name)', ({ name, width, height }) => {
  it.each(PAGES)('$name: shown whole, Continue in reach without scrolling', async (shown) => {
    const { page } = await browser.open(`page-${name}-${shown.name}`);
    await page.setViewportSize({ width, height });
    await page.goto(shown.path);
    await visible(heading(page, shown.title));
    if (shown.name !== 'overview') {
      const continueButton = await visible(page.getByRole('button', { name: 'Continue', exact: true }));
      const scrolled = await page.evaluate(() => window.scrollY);
      const place = await continueButton.boundingBox();
      expect(scrolled).toBe(0);
      expect(place!.y).toBeGreaterThanOrEqual(0);
      expect(place!.y + place!.height, `Continue's bottom edge within the ${height} px viewport`).toBeLessThanOrEqual(height);
    }
    await checkState(page, `page-${name}-${shown.name}`);
  });
});

describe('the header and the stepper on a phone (390 px)', () => {
  it('each nav link and each step label takes one line, and the nav one row', async () => {
    const { page } = await browser.open('phone-nav-stepper');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/#/link/custom');
    await visible(heading(page, 'Link your bank (custom UI)'));
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    expect(await links.count()).toBe(3);
    const tops = new Set<number>();
    for (const link of await links.all()) {
      expect(await linesOf(link), `"${await link.textContent()}" on one line`).toBe(1);
      tops.add(Math.round((await link.boundingBox())!.y));
    }
    expect(tops.size, 'the nav links on one row').toBe(1);
    const steps = page.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    expect(await steps.count()).toBe(3);
    for (const step of await steps.all()) {
      expect(await linesOf(step, '.stepper-dot'), `"${await step.textContent()}" on one line`).toBe(1);
    }
  });
});

describe.each(['link', 'custom'] as const)('the %s page at 1280×800', (route) => {
  it('the flow fills its card, as wide as the card’s content', async () => {
    const { page } = await browser.open(`fill-${route}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(route === 'link' ? '/#/link' : '/#/link/custom');
    await chooseTestBank(page, 'One-time PIN by text or call');
    await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    const card = await box(page, '.link-card');
    const flow = await box(page, '[data-scope="mfa"]:is([data-part="flow"], [data-part="root"])');
    expect(Math.abs(flow.left - card.contentLeft)).toBeLessThanOrEqual(1);
    expect(Math.abs(flow.right - card.contentRight), `the flow's right edge (${flow.right}) at the card's content edge (${card.contentRight})`).toBeLessThanOrEqual(1);
    await checkState(page, `fill-${route}-destination-choice`);
  });

  it('a wrong PIN is said once: the bank’s words, not the kit’s beside them', async () => {
    const { page } = await browser.open(`wrong-pin-${route}`);
    await recordLiveRegions(page);
    await page.goto(route === 'link' ? '/#/link' : '/#/link/custom');
    await chooseTestBank(page, 'One-time PIN by text or call');
    const submit = route === 'link' ? 'Continue' : 'Verify';
    await (await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }))).getByRole('radio', { name: /Text.*xxx-xxx-0695/ }).click();
    await page.getByRole('button', { name: submit, exact: true }).click();
    const field = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    const { pin } = await readPinFromPhone(page);
    await field.pressSequentially(pin.replace(/\d$/, (d) => String((Number(d) + 1) % 10)));
    await page.getByRole('button', { name: submit, exact: true }).click();
    // The bank's words name the field again, which takes focus.
    const again = await visible(page.getByRole('textbox', { name: 'That PIN was not right. Enter your pin:' }));
    await expect.poll(() => again.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByText('That answer wasn’t accepted. Please try again.').count()).toBe(0);
    expect((await flowAnnouncements(page)).filter((line) => /not accepted|wasn’t accepted|not right/i.test(line))).toEqual([]);
    await checkState(page, `wrong-pin-${route}`);

    await again.pressSequentially(pin);
    await page.getByRole('button', { name: submit, exact: true }).click();
    await visible(heading(page, 'Your bank is linked'));
  });
});
