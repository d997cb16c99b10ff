import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the element is visible; the wait is the assertion (it throws on timeout). */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

/** The page's `h1`… by level and exact name. */
export function heading(page: Page | Locator, name: string | RegExp): Locator {
  return page.getByRole('heading', { name, exact: typeof name === 'string' ? true : undefined });
}

/**
 * On a Link page: picks a test bank in the "Sandbox scenario" group, presses Continue, and
 * returns the connection the backend created for this session.
 */
export async function chooseTestBank(page: Page, title: string): Promise<number> {
  const picker = await visible(page.getByRole('group', { name: 'Sandbox scenario' }));
  await picker.getByRole('radio', { name: title, exact: true }).check();
  const created = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/demo/connections' && res.request().method() === 'POST');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const response = await created;
  expect(response.status(), 'POST /api/demo/connections').toBe(201);
  const body = (await response.json()) as { connection: { id: number } };
  return body.connection.id;
}

/** The "Sandbox phone" region, where the demo shows what the sandbox sent. */
export function sandboxPhone(page: Page): Locator {
  return page.getByRole('region', { name: 'Sandbox phone' });
}

/**
 * Reads the PIN from the `count`-th message on the Sandbox phone (waiting for it to arrive),
 * the way a person reads it off their phone.
 */
export async function readPinFromPhone(page: Page, count = 1): Promise<{ pin: string; text: string }> {
  const message = await visible(sandboxPhone(page).getByRole('listitem').nth(count - 1));
  const text = (await message.textContent()) ?? '';
  const pin = /\bPIN is (\d{6})\b/.exec(text)?.[1];
  expect(pin, `a 6-digit PIN in the phone message "${text}"`).toBeDefined();
  return { pin: pin!, text };
}

/** The seconds a countdown shows (`1:58` → 118), or `NaN` when the text has none. */
export function countdownSeconds(text: string | null): number {
  const match = /(\d+):(\d\d)/.exec(text ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}
