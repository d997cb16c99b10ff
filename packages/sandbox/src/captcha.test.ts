import { describe, expect, it } from 'vitest';
import { CAPTCHA_ALPHABET, captchaMatches, createCaptcha } from './captcha';
import { createSeededRandom } from './random';

describe('createCaptcha', () => {
  it('draws random characters, rotated and offset, over noise, as an SVG data URI', () => {
    const captcha = createCaptcha(createSeededRandom(3));
    expect(captcha.text).toMatch(new RegExp(`^[${CAPTCHA_ALPHABET}]{5}$`));
    expect(captcha.image).toBe(`data:image/svg+xml;base64,${btoa(captcha.svg)}`);
    expect(captcha.svg.match(/<text /g)).toHaveLength(5);
    expect(captcha.svg.match(/rotate\(/g)).toHaveLength(5);
    expect(captcha.svg.match(/<path /g)!.length).toBeGreaterThanOrEqual(5);
    for (const char of captcha.text) expect(captcha.svg).toContain(`>${char}</text>`);
  });

  it('differs from seed to seed', () => {
    expect(createCaptcha(createSeededRandom(1)).svg).not.toBe(createCaptcha(createSeededRandom(2)).svg);
  });

  it('checks answers trimmed and case-insensitively', () => {
    expect(captchaMatches('AB3CD', ' ab3cd ')).toBe(true);
    expect(captchaMatches('AB3CD', 'ab3c')).toBe(false);
    expect(captchaMatches('AB3CD', 12345)).toBe(false);
  });
});
