import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, visible } from './support/flows';

const browser = useBrowser();

/**
 * The demo on a phone. Before issue 14 at 320 px: the header's nav stacked into three rows
 * (238 px of header), the avatar was an oval (20 × 36), the stepper wrapped with a connector
 * dangling at the start of a row, the test banks' radios were 13 px wide, and Continue sat
 * 3,040 px down a 3,759 px page. After: header 122 px at 320 and 390 px (brand and avatar, then
 * the nav on at most two rows), so the threshold is 130 px.
 */
const HEADER_MAX_PX = 130;
const PHONES = [
  { width: 320, height: 568 },
  { width: 390, height: 844 },
] as const;

interface Layout {
  header: number;
  avatar: { width: number; height: number };
  radios: number[];
  horizontalScroll: number;
  /** Continue's bottom edge, in page coordinates, at the top of the page. */
  continueBottom: number;
  viewportHeight: number;
  /** Connectors of the stepper that start a row of their own (a wrapped, dangling line). */
  danglingConnectors: number;
}

async function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const avatar = box('.avatar');
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Continue')!;
    const steps = [...document.querySelectorAll('.stepper li')].map((li) => li.getBoundingClientRect());
    return {
      header: box('.topbar-inner').height,
      avatar: { width: avatar.width, height: avatar.height },
      radios: [...document.querySelectorAll<HTMLInputElement>('input[type="radio"][name="scenario"]')].map((r) => r.getBoundingClientRect().width),
      horizontalScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      continueBottom: button.getBoundingClientRect().bottom + window.scrollY,
      viewportHeight: window.innerHeight,
      danglingConnectors: steps.filter((step, i) => i > 0 && step.top > steps[i - 1]!.bottom - 1).length,
    };
  });
}

function horizontalScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Text nodes anywhere on the page that carry the bank emoji (it renders as an empty box without an emoji font). */
async function bankEmojiCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent?.includes('\u{1F3E6}')) count += 1;
    return count + [...document.querySelectorAll('[aria-label], [title], [alt]')].filter((el) => /\u{1F3E6}/u.test(el.outerHTML)).length;
  });
}

describe('the demo on a phone', () => {
  for (const phone of PHONES) {
    it(`at ${phone.width} × ${phone.height}: one-row brand, round avatar, 20 px radios, Continue on screen, no scrolling sideways`, async () => {
      const { page } = await browser.open(`phone-${phone.width}`);
      await page.setViewportSize(phone);
      await page.goto('/#/link');
      await visible(page.getByRole('group', { name: 'Sandbox scenario' }));
      await visible(page.getByRole('button', { name: 'Continue', exact: true }));

      const layout = await measure(page);
      expect(layout.header, 'header height (brand row + at most two nav rows)').toBeLessThanOrEqual(HEADER_MAX_PX);
      expect(layout.avatar.width).toBeGreaterThan(0);
      expect(Math.abs(layout.avatar.width - layout.avatar.height), 'avatar is a circle').toBeLessThan(0.5);
      expect(layout.radios).toHaveLength(10);
      for (const width of layout.radios) expect(width, 'radio width').toBeGreaterThanOrEqual(20);
      expect(layout.horizontalScroll).toBe(0);
      expect(layout.continueBottom, 'Continue within the first 1.5 screens').toBeLessThanOrEqual(layout.viewportHeight * 1.5);
      expect(layout.danglingConnectors).toBe(0);
      expect(await bankEmojiCount(page)).toBe(0);
      // Descriptions are for people; the sandbox's technical wording is folded away.
      const realtime = page.locator('.scenario-option', { has: page.getByRole('radio', { name: 'One-time PIN by text or call' }) });
      await expect(realtime.getByText('The bank sends a code to your phone.', { exact: false }).isVisible()).resolves.toBe(true);
      await expect(realtime.getByText(/POST|should_answer|expires/).isVisible()).resolves.toBe(false);
      await checkState(page, `phone-${phone.width}-1-picker`);

      // A whole link on the phone, then the accounts list: no emoji box there either.
      await chooseTestBank(page, 'No extra verification');
      await visible(heading(page, 'You’re verified'));
      expect(await horizontalScroll(page)).toBe(0);
      await page.getByRole('button', { name: 'Go to your accounts' }).click();
      await visible(page.getByText('Sandbox Bank · No extra verification'));
      expect(await horizontalScroll(page)).toBe(0);
      expect(await bankEmojiCount(page)).toBe(0);
      await checkState(page, `phone-${phone.width}-2-accounts`);
    });
  }
});
