import { describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, visible } from './support/flows';

const browser = useBrowser();

describe('drop-in MfaFlow: incorrect credentials', () => {
  it('asks to sign in again, refuses a wrong password, and links the bank with the right one', async () => {
    const { page } = await browser.open('credentials');
    // This test follows the browser's own reads (GET /sync): the demo's polling mode. Push, the
    // default, is covered by push.e2e.ts and the realtime PIN test.
    await page.addInitScript(() => localStorage.setItem('tally-updates', 'polling'));
    await page.goto('/#/link');
    const connectionId = await chooseTestBank(page, 'Wrong password');
    const syncPath = `/api/quovo/connections/${connectionId}/sync`;

    await visible(heading(page, 'Sign-in failed'));
    await visible(page.getByText('Your institution did not accept the username or password. Enter them again.'));
    await checkState(page, 'drop-in-7-credentials');

    // Nothing typed: the form says what is missing and sends nothing.
    let posted = 0;
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === syncPath && req.method() === 'POST') posted += 1;
    });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Enter both the username and the password.' }));
    expect(posted).toBe(0);

    // A wrong password: the bank refuses again and the form comes back, empty.
    const refusedAgain = page.waitForResponse(
      async (res) =>
        new URL(res.url()).pathname === syncPath &&
        res.request().method() === 'GET' &&
        ((await res.json()) as { sync: { status: string } }).sync.status === 'incorrect_credentials',
    );
    await page.getByRole('textbox', { name: 'Username' }).fill('sam.rivera');
    await page.getByLabel('Password').fill('hunter2');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await refusedAgain;
    expect(posted).toBe(1);
    await visible(heading(page, 'Sign-in failed'));
    expect(await page.getByLabel('Password').inputValue()).toBe('');

    // The sandbox's scenario accepts any username with the passcode "correct".
    await page.getByRole('textbox', { name: 'Username' }).fill('sam.rivera');
    await page.getByLabel('Password').fill('correct');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await visible(heading(page, 'Your bank is linked'));
    await visible(heading(page, 'You’re verified'));
    expect(posted).toBe(2);
  });
});
