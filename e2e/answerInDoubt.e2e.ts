import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';
import { setSandboxFaults } from './support/sandbox';

const browser = useBrowser();

/** Counts the browser's answer POSTs that carry this PIN. */
function countPinPosts(page: Page, pin: () => string | null): () => number {
  let count = 0;
  page.on('request', (request) => {
    const code = pin();
    if (code && request.method() === 'POST' && request.url().includes('/api/quovo/connections/') && (request.postData() ?? '').includes(`"${code}"`)) count += 1;
  });
  return () => count;
}

/** Links a bank with the realtime PIN flow while the sandbox loses (or delays) the reply to the PIN, after acting on it. */
async function linkWithLostReply(page: Page, ui: 'drop-in' | 'custom', faults: Record<string, unknown>) {
  let pin: string | null = null;
  const pinPosts = countPinPosts(page, () => pin);
  await page.goto('/');
  const [link, linked, submit] =
    ui === 'drop-in' ? (['Link your bank', 'Link your bank', 'Continue'] as const) : (['Custom UI', 'Link your bank (custom UI)', 'Verify'] as const);
  if (ui === 'drop-in') await page.getByRole('button', { name: link }).click();
  else await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await visible(heading(page, linked));
  const connectionId = await chooseTestBank(page, 'One-time PIN by text or call');
  const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
  await destinations.getByRole('radio', { name: /Text.*xxx-xxx-0695/ }).click();
  await page.getByRole('button', { name: submit, exact: true }).click();
  const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
  pin = (await readPinFromPhone(page)).pin;
  // The bank takes the PIN; its reply never reaches the browser (or comes after it gave up).
  await setSandboxFaults(connectionId, faults);
  await pinField.pressSequentially(pin);
  await page.getByRole('button', { name: submit, exact: true }).click();
  // Up to the client's 15 s timeout, then the read that settles the answer's fate.
  await heading(page, 'Your bank is linked').waitFor({ state: 'visible', timeout: 45_000 });
  return pinPosts();
}

describe('an accepted PIN whose reply was lost', () => {
  it('drop-in: ends linked, with the PIN posted once', async () => {
    const { page } = await browser.open('doubt-drop-in');
    expect(await linkWithLostReply(page, 'drop-in', { lostReply: { times: 1 } })).toBe(1);
    // Never the "Something went wrong" of a second, refused PIN.
    expect(await page.getByText('Something went wrong').count()).toBe(0);
  });

  it('custom UI: ends linked, with the PIN posted once', async () => {
    const { page } = await browser.open('doubt-custom');
    expect(await linkWithLostReply(page, 'custom', { lostReply: { times: 1 } })).toBe(1);
  });

  it('drop-in, a reply later than the client waits: ends linked, with the PIN posted once', async () => {
    const { page } = await browser.open('doubt-late');
    expect(await linkWithLostReply(page, 'drop-in', { latency: { ms: 17_000, times: 1 } })).toBe(1);
  });

  it('custom UI, a reply later than the client waits: ends linked, with the PIN posted once', async () => {
    const { page } = await browser.open('doubt-late-custom');
    expect(await linkWithLostReply(page, 'custom', { latency: { ms: 17_000, times: 1 } })).toBe(1);
  });
});
