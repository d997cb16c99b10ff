/**
 * Issue 21, "Heard and seen", in both UIs (the drop-in and the demo's custom UI): what a screen
 * reader hears ("I can't see the images", progress and done), where focus is at every step, and
 * what forced colours (Windows High Contrast) still show.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';
import { flowAnnouncements, recordLiveRegions } from './support/liveRegions';
import { advanceSandboxClock, resetSandboxClock } from './support/sandbox';
import { filledRegions, lostFocus, pictureOf, recordBodyFocus, recordFilledRegions, watchBodyFocus } from './support/seen';

const browser = useBrowser();

afterAll(async () => {
  await resetSandboxClock();
});

type Ui = 'drop-in' | 'custom';
const UIS: Ui[] = ['drop-in', 'custom'];
const PATH: Record<Ui, string> = { 'drop-in': '/#/link', custom: '/#/link/custom' };
/** Each UI's done step: the heading focus lands on, and the words said after it. */
const DONE: Record<Ui, { title: string; body: string }> = {
  'drop-in': { title: 'You’re verified', body: 'Your account is connected.' },
  custom: { title: 'All set', body: 'Your account is linked. Balances and transactions will appear on your overview.' },
};
const CANT_SEE_HELP =
  'This bank only offers a picture check here, and it can’t be swapped for another kind. Ask the people who gave you this app for another way to connect your account.';

/** Opens a UI with every recorder on, from the first paint. */
async function open(name: string, ui: Ui, options: { clock?: boolean; forcedColors?: boolean } = {}): Promise<Page> {
  const { page } = await browser.open(`${name}-${ui}`);
  await recordLiveRegions(page);
  await recordFilledRegions(page);
  await recordBodyFocus(page);
  if (options.forcedColors) await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  if (options.clock) await page.clock.install();
  await page.goto(PATH[ui]);
  return page;
}

/** The focused element's text (its accessible name, for the headings and buttons checked here). */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
}

describe.each(UIS)('%s: heard', (ui) => {
  it.each(['Image CAPTCHA', 'Security image'])('%s: “I can’t see the images” is said, and the button is described by its help', async (scenario) => {
    const page = await open(`cant-see-${scenario.replace(/\W+/g, '-')}`, ui);
    await chooseTestBank(page, scenario);
    const button = await visible(page.getByRole('button', { name: 'I can’t see the images' }));
    // The way back to a readable image is offered next to it, in both UIs.
    if (scenario === 'Image CAPTCHA' || ui === 'custom') await visible(page.getByRole('button', { name: 'Get a new image' }));
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => flowAnnouncements(page)).toContain(`polite: ${CANT_SEE_HELP}`);
    // Focus stays on the button, which now points at the help, shown on screen.
    expect(await focusedText(page)).toBe('I can’t see the images');
    const ids = ((await button.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    expect(ids).toHaveLength(1);
    const help = await visible(page.locator(`[id="${ids[0]}"]`));
    expect((await help.textContent())?.trim()).toBe(CANT_SEE_HELP);
    expect((await flowAnnouncements(page)).filter((line) => line.includes(CANT_SEE_HELP))).toHaveLength(1);
  });

  it('realtime_pin by keys: no region arrives filled, focus never rests on <body>, done is said once', async () => {
    const page = await open('regions', ui);
    const picker = await visible(page.getByRole('group', { name: 'Sandbox scenario' }));
    const radio = picker.getByRole('radio', { name: 'One-time PIN by text or call', exact: true });
    // Already chosen (the default), so checking it moves nothing: focus it, as a keyboard user would be.
    await radio.check();
    await radio.focus();
    // From here every step is watched: Continue, the flow's steps, done, and back to the picker.
    await watchBodyFocus(page);
    await chooseTestBank(page, 'One-time PIN by text or call');
    await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    const { pin } = await readPinFromPhone(page);
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
    await visible(heading(page, DONE[ui].title));
    await expect.poll(() => focusedText(page)).toBe(DONE[ui].title);
    await expect.poll(() => flowAnnouncements(page)).toContain(`polite: ${DONE[ui].body}`);

    const heard = await flowAnnouncements(page);
    // Progress ("Sending your PIN", "Checking your answers") came through a region that was there first.
    expect(heard.some((line) => /^polite: .*(Sending your PIN|Checking your answers|Fetching accounts)/.test(line))).toBe(true);
    expect(await filledRegions(page)).toEqual([]);
    // The heading is spoken by the focus on it; the live region says only what the heading does not.
    expect(heard.filter((line) => line.includes(DONE[ui].title))).toEqual([]);
    expect(heard.filter((line) => line.includes(DONE[ui].body))).toHaveLength(1);

    await page.getByRole('button', { name: 'Link another bank' }).focus();
    await page.keyboard.press('Enter');
    await visible(heading(page, 'Choose your bank'));
    expect(await lostFocus(page)).toEqual([]);
  });
});

describe('custom UI: the same as the drop-in', () => {
  it('a named form, and an expiry said assertively in the words of its button, which takes focus', async () => {
    const page = await open('custom-expiry', 'custom', { clock: true });
    await chooseTestBank(page, 'One-time PIN by text or call');
    await visible(page.getByRole('form', { name: 'Verify it’s you' }));
    await page.getByRole('radiogroup', { name: 'Where should we send your pin?' }).getByRole('radio').first().click();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
    await visible(page.getByRole('form', { name: 'Verify it’s you' }));
    await advanceSandboxClock(125_000);
    await page.clock.fastForward(125_000);
    const restart = await visible(page.getByRole('button', { name: /^Send a new/ }));
    const words = ((await restart.textContent()) ?? '').trim();
    await expect.poll(() => flowAnnouncements(page)).toContainEqual(expect.stringMatching(/^assertive: Time is up\./));
    const heard = await flowAnnouncements(page);
    const expiry = heard.filter((line) => line.includes('Time is up'));
    expect(expiry).toHaveLength(1);
    expect(expiry[0]).toMatch(/^assertive: /);
    expect(expiry[0]).toContain(words);
    expect(heard.join('\n')).not.toContain('Start again');
    expect(await focusedText(page)).toBe(words);
    await resetSandboxClock();
  });
});

describe.each(UIS)('%s: forced colours', (ui) => {
  it.each([
    ['One-time PIN by text or call', 'destination'],
    ['Security image', 'picture'],
  ])('%s: the chosen %s differs from itself unchosen once focus moves on', async (scenario, what) => {
    const page = await open(`forced-${what}`, ui, { forcedColors: true });
    await chooseTestBank(page, scenario);
    const radios = page.getByRole('radiogroup').getByRole('radio');
    await visible(radios.nth(1));
    const elsewhere = page.getByRole('heading', { level: 1 });
    expect(await radios.nth(1).getAttribute('aria-checked')).toBe('false');
    const before = { chosen: await pictureOf(page, radios.nth(1), elsewhere), other: await pictureOf(page, radios.nth(0), elsewhere) };
    await radios.nth(1).click();
    expect(await radios.nth(1).getAttribute('aria-checked')).toBe('true');
    const after = { chosen: await pictureOf(page, radios.nth(1), elsewhere), other: await pictureOf(page, radios.nth(0), elsewhere) };
    await screenshot(page, `forced-colors-${ui}-${what}-chosen`);
    // The control: an option whose state did not change draws the same pixels.
    expect(after.other.equals(before.other), 'the unchosen option looks the same as before').toBe(true);
    expect(after.chosen.equals(before.chosen), 'the chosen option looks different from itself unchosen').toBe(false);
  });
});
