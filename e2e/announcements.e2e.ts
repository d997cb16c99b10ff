/**
 * Every sandbox scenario with the keyboard alone inside the flow, in the drop-in and the demo's
 * custom UI, logging every live-region change inside the flow (support/liveRegions.ts) and
 * asserting what a screen reader hears, stage by stage: each thing said once, at its moment.
 * The partner's own page (the bank picker) is driven as a test would; the flow, by keys.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';
import { flowAnnouncements, recordLiveRegions } from './support/liveRegions';
import { advanceSandboxClock, readCaptchaAnswer, resetSandboxClock } from './support/sandbox';

const browser = useBrowser();

afterAll(async () => {
  await resetSandboxClock();
});

/** Done: the heading "You’re verified" is read by the focus on it; the polite region says the rest, once. */
const DONE = 'polite: Your account is connected.';
/** "2 minutes left to answer." (the Date header's second of uncertainty may say 1 minute 59). */
const TWO_MINUTES = /^polite: (2 minutes|1 minute, 59 seconds) left to answer\.$/;

/** How the demo follows the sync: pushed by its server (its default) or polled by the browser. */
type Updates = 'push' | 'polling';
let updates: Updates = 'push';

/** Opens the drop-in (or the custom UI) on a new connection of `scenario`, the log recording from the first paint. */
async function open(name: string, ui: 'drop-in' | 'custom', scenario: string, clock = false): Promise<{ page: Page; connectionId: number }> {
  const { page } = await browser.open(`${name}-${updates}`);
  const mode = updates;
  await page.addInitScript((value) => localStorage.setItem('tally-updates', value), mode);
  await recordLiveRegions(page);
  if (clock) await page.clock.install();
  await page.goto(ui === 'drop-in' ? '/#/link' : '/#/link/custom');
  const connectionId = await chooseTestBank(page, scenario);
  return { page, connectionId };
}

/** Presses keys one after another. */
async function keys(page: Page, ...sequence: string[]) {
  for (const key of sequence) await page.keyboard.press(key);
}

/** Waits until the focused element matches `name` (by its accessible name) and returns its role. */
async function focused(page: Page): Promise<{ role: string | null; name: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const labelled = el?.getAttribute('aria-labelledby');
    const name = el?.getAttribute('aria-label') ?? (labelled ? document.getElementById(labelled)?.textContent : null) ?? (el as HTMLInputElement | null)?.labels?.[0]?.textContent ?? el?.textContent ?? '';
    return { role: el?.getAttribute('role') ?? el?.tagName.toLowerCase() ?? null, name: name.trim() };
  });
}

describe.each(['push', 'polling'] as const)('drop-in over %s: heard, by keyboard alone', (mode) => {
  beforeAll(() => {
    updates = mode;
  });

  it('realtime_pin: the time left once, an empty submit spoken although focus stays, then done', async () => {
    const { page } = await open('sr-pin', 'drop-in', 'One-time PIN by text or call');
    await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    // Focus is already on the first destination: arrows choose, Enter sends.
    expect((await focused(page)).role).toBe('radio');
    await keys(page, 'ArrowDown', 'Enter');
    await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    expect((await focused(page)).name).toBe('Enter your pin:');
    await keys(page, 'Enter');
    await expect.poll(() => flowAnnouncements(page)).toContain('assertive: One answer needs your attention. Enter an answer.');
    const { pin } = await readPinFromPhone(page);
    await page.keyboard.type(pin);
    await keys(page, 'Enter');
    await visible(heading(page, 'You’re verified'));
    const heard = await flowAnnouncements(page);
    expect(heard.filter((line) => TWO_MINUTES.test(line))).toHaveLength(1);
    expect(heard.filter((line) => line.startsWith('assertive:'))).toEqual(['assertive: One answer needs your attention. Enter an answer.']);
    expect(heard.at(-1)).toBe(DONE);
  });

  it('question: a second question is said to be one, then done', async () => {
    const { page } = await open('sr-question', 'drop-in', 'Security question');
    await visible(page.getByRole('textbox', { name: /Not Hotdog/ }));
    await page.keyboard.type('Pied Piper');
    await keys(page, 'Enter');
    await visible(page.getByRole('textbox', { name: /first pet/ }));
    expect((await focused(page)).name).toMatch(/first pet/);
    await page.keyboard.type('Rex');
    await keys(page, 'Enter');
    await visible(heading(page, 'You’re verified'));
    const heard = await flowAnnouncements(page);
    expect(heard.filter((line) => line.startsWith('assertive:'))).toEqual(['assertive: Your bank asked another question.']);
    expect(heard.at(-1)).toBe(DONE);
  });

  it('choices: a refused choice is said once, the right one completes', async () => {
    const { page } = await open('sr-choices', 'drop-in', 'Multiple-choice question');
    await visible(page.getByRole('radiogroup'));
    // The first option is focused; Space chooses it (a wrong one), Enter sends.
    await keys(page, 'Space', 'Enter');
    await visible(page.getByText('That answer wasn’t accepted. Please try again.', { exact: true }).first());
    await keys(page, 'ArrowDown', 'Enter');
    await visible(heading(page, 'You’re verified'));
    const heard = await flowAnnouncements(page);
    expect(heard.filter((line) => line.startsWith('assertive:'))).toEqual(['assertive: That answer wasn’t accepted. Please try again.']);
    expect(heard.at(-1)).toBe(DONE);
  });

  it('captcha, image choices and two questions: completed by keys, nothing said but the time and done', async () => {
    const captcha = await open('sr-captcha', 'drop-in', 'Image CAPTCHA');
    await visible(captcha.page.getByRole('textbox', { name: /characters/i }));
    await captcha.page.keyboard.type(await readCaptchaAnswer(captcha.connectionId));
    await keys(captcha.page, 'Enter');
    await visible(heading(captcha.page, 'You’re verified'));
    const heardCaptcha = await flowAnnouncements(captcha.page);
    expect(heardCaptcha.filter((line) => line.startsWith('assertive:'))).toEqual([]);
    expect(heardCaptcha.at(-1)).toBe(DONE);

    const images = await open('sr-images', 'drop-in', 'Security image');
    const radios = images.page.getByRole('radio');
    await visible(radios.first());
    // The pictures are named by their words: the star is found without sight.
    const names = await radios.evaluateAll((nodes) => nodes.map((node) => node.querySelector('img')?.getAttribute('alt') ?? ''));
    const star = names.indexOf('star');
    expect(star).toBeGreaterThanOrEqual(0);
    await keys(images.page, ...Array<string>(star).fill('ArrowDown'), ...(star === 0 ? ['Space'] : []), 'Enter');
    await visible(heading(images.page, 'You’re verified'));
    expect((await flowAnnouncements(images.page)).at(-1)).toBe(DONE);

    const multi = await open('sr-multi', 'drop-in', 'Two questions at once');
    await visible(multi.page.getByRole('textbox', { name: /first pet/ }));
    await multi.page.keyboard.type('Rex');
    await keys(multi.page, 'Enter');
    // The second field is still empty: said, and focus goes to it.
    await expect.poll(() => flowAnnouncements(multi.page)).toContain('assertive: One answer needs your attention. Enter an answer.');
    expect((await focused(multi.page)).name).toMatch(/city/);
    await multi.page.keyboard.type('Springfield');
    await keys(multi.page, 'Enter');
    await visible(heading(multi.page, 'You’re verified'));
    expect((await flowAnnouncements(multi.page)).at(-1)).toBe(DONE);
  });

  it('wrong password, action at the bank and maintenance: each step reached and left by keys', async () => {
    const credentials = await open('sr-credentials', 'drop-in', 'Wrong password');
    await visible(heading(credentials.page, 'Sign-in failed'));
    await keys(credentials.page, 'Tab');
    await credentials.page.keyboard.type('jane');
    await keys(credentials.page, 'Tab');
    await credentials.page.keyboard.type('correct');
    await keys(credentials.page, 'Enter');
    await visible(heading(credentials.page, 'You’re verified'));
    expect((await flowAnnouncements(credentials.page)).at(-1)).toBe(DONE);

    const config = await open('sr-config', 'drop-in', 'Action needed at the bank');
    await visible(heading(config.page, 'Action needed at your institution'));
    await keys(config.page, 'Tab', 'Enter');
    await visible(heading(config.page, 'You’re verified'));
    expect((await flowAnnouncements(config.page)).at(-1)).toBe(DONE);

    const maintenance = await open('sr-maintenance', 'drop-in', 'Bank under maintenance');
    await visible(maintenance.page.getByRole('button', { name: 'Try again' }));
    expect((await flowAnnouncements(maintenance.page)).filter((line) => line.startsWith('assertive:'))).toEqual([]);
  });

  it.each([
    ['inside the flow', true],
    ['elsewhere on the page', false],
  ] as const)('an expiry with focus %s is said once; focus goes to the restart only from inside', async (_where, inside) => {
    const { page } = await open(`sr-expiry-${inside ? 'in' : 'out'}`, 'drop-in', 'One-time PIN by text or call', true);
    await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await keys(page, 'ArrowDown', 'Enter');
    await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    if (!inside) await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().focus();
    await advanceSandboxClock(125_000);
    await page.clock.fastForward(125_000);
    await visible(heading(page, 'The PIN expired'));
    await expect.poll(() => flowAnnouncements(page)).toContain('assertive: Time is up. For your security, a PIN only works for a short time.');
    const heard = await flowAnnouncements(page);
    expect(heard.filter((line) => line.startsWith('assertive: Time is up.'))).toHaveLength(1);
    const now = await focused(page);
    if (inside) expect(now.name).toBe('Send a new PIN');
    else expect(now.role).not.toBe('button');
    await resetSandboxClock();
  });
});

describe('custom UI (the demo’s own markup on the hooks): heard, by keyboard alone', () => {
  beforeAll(() => {
    updates = 'push';
  });

  it('realtime_pin: focus follows every step, the time left is said once, then done', async () => {
    const { page } = await open('sr-custom-pin', 'custom', 'One-time PIN by text or call');
    await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    expect((await focused(page)).role).toBe('radio');
    await keys(page, 'ArrowDown', 'Enter');
    await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    expect((await focused(page)).name).toBe('Enter your pin:');
    const { pin } = await readPinFromPhone(page);
    await page.keyboard.type(pin);
    await keys(page, 'Enter');
    await visible(heading(page, 'All set'));
    // Focus never fell to <body> on the way.
    expect((await focused(page)).role).not.toBe('body');
    const heard = await flowAnnouncements(page);
    expect(heard.filter((line) => /^polite: You have (2 minutes|1 minute 59 seconds) to answer\.$/.test(line))).toHaveLength(1);
  });

  it('question: answered by keys to done', async () => {
    const { page } = await open('sr-custom-question', 'custom', 'Security question');
    await visible(page.getByRole('textbox', { name: /Not Hotdog/ }));
    expect((await focused(page)).name).toMatch(/Not Hotdog/);
    await page.keyboard.type('Periscope');
    await keys(page, 'Enter');
    await visible(heading(page, 'All set'));
  });
});
