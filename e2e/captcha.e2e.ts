import { describe, expect, it } from 'vitest';
import { checkState } from './support/browser';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, sandboxPhone, visible } from './support/flows';
import { readCaptchaAnswer } from './support/sandbox';

const browser = useBrowser();

describe('drop-in MfaFlow: CAPTCHA', () => {
  it('links a bank once the characters in the image are typed', async () => {
    const { page } = await browser.open('captcha');
    await page.goto('/#/link');
    const connectionId = await chooseTestBank(page, 'Image CAPTCHA');

    const image = await visible(page.getByRole('img', { name: 'Security image: type the characters it shows' }));
    expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const field = await visible(page.getByRole('textbox', { name: 'Type the characters you see in the picture.' }));
    await visible(page.getByRole('timer', { name: 'Time left' }));
    await checkState(page, 'drop-in-6-captcha');

    // A person reads the image; the test asks the sandbox's admin API what it shows.
    const answer = await readCaptchaAnswer(connectionId);
    expect(answer).toMatch(/^\w{5}$/);
    // The demo's own test aid (through its backend) reads the same text.
    const phone = sandboxPhone(page);
    await phone.getByRole('button', { name: 'Reveal the CAPTCHA text' }).click();
    await visible(phone.getByRole('status').filter({ hasText: `The image says ${answer}` }));

    await field.pressSequentially(answer);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    await visible(heading(page, 'Your bank is linked'));
    await visible(heading(page, 'You’re verified'));
  });
});
