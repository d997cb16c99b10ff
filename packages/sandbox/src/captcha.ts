/**
 * The `captcha` scenario's image: random characters, each rotated and offset, over noise lines
 * and dots, as an SVG `data:` URI. The engine keeps the text to check the answer against.
 */
import type { RandomSource } from './random';
import { pick, randomInt } from './random';
import { escapeXml, r1, svgDataUri } from './svg';

/** Characters a person can tell apart in a distorted image (no 0/O, 1/I/L). */
export const CAPTCHA_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A generated CAPTCHA. */
export interface Captcha {
  /** The characters drawn in the image (upper case). Answers compare case-insensitively, trimmed. */
  text: string;
  /** The image as a `data:image/svg+xml;base64,` URI. */
  image: string;
  /** The raw SVG document. */
  svg: string;
}

/**
 * Draws a CAPTCHA of `length` random characters.
 *
 * @param random the engine's random source (seed it for reproducible images).
 * @param length @default 5
 */
export function createCaptcha(random: RandomSource, length = 5): Captcha {
  const width = 40 + length * 28;
  const height = 60;
  let text = '';
  for (let i = 0; i < length; i += 1) text += pick(random, CAPTCHA_ALPHABET.split(''));

  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#f4f1ea"/>`);
  for (let i = 0; i < 5; i += 1) {
    const y1 = randomInt(random, 5, height - 5);
    const y2 = randomInt(random, 5, height - 5);
    const cy = randomInt(random, 0, height);
    parts.push(
      `<path d="M0 ${y1} Q${randomInt(random, 20, width - 20)} ${cy} ${width} ${y2}" stroke="${noiseColor(random)}" stroke-width="${r1(1 + random() * 1.5)}" fill="none"/>`,
    );
  }
  for (let i = 0; i < 30; i += 1) {
    parts.push(
      `<circle cx="${randomInt(random, 0, width)}" cy="${randomInt(random, 0, height)}" r="${r1(0.6 + random() * 1.2)}" fill="${noiseColor(random)}"/>`,
    );
  }
  text.split('').forEach((char, i) => {
    const x = 24 + i * 28 + randomInt(random, -4, 4);
    const y = 40 + randomInt(random, -7, 7);
    const angle = randomInt(random, -28, 28);
    const size = randomInt(random, 26, 34);
    const skew = randomInt(random, -12, 12);
    parts.push(
      `<text x="${x}" y="${y}" font-family="monospace" font-weight="bold" font-size="${size}" fill="${inkColor(random)}" text-anchor="middle" transform="rotate(${angle} ${x} ${y}) skewX(${skew})">${escapeXml(char)}</text>`,
    );
  });
  // Two lines across the text, so the glyphs are not trivially separable.
  for (let i = 0; i < 2; i += 1) {
    parts.push(
      `<path d="M${randomInt(random, 0, 20)} ${randomInt(random, 20, 45)} C${randomInt(random, 40, 80)} ${randomInt(random, 0, height)} ${randomInt(random, 90, 140)} ${randomInt(random, 0, height)} ${width - randomInt(random, 0, 20)} ${randomInt(random, 20, 45)}" stroke="${inkColor(random)}" stroke-width="2" fill="none"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return { text, image: svgDataUri(svg), svg };
}

/** Whether `answer` reads as the CAPTCHA's text: trimmed, case-insensitive. */
export function captchaMatches(captchaText: string, answer: unknown): boolean {
  return typeof answer === 'string' && answer.trim().toUpperCase() === captchaText.toUpperCase();
}

function inkColor(random: RandomSource): string {
  return pick(random, ['#1d3557', '#6a040f', '#283618', '#3c096c', '#212529']);
}

function noiseColor(random: RandomSource): string {
  return pick(random, ['#a8dadc', '#e9c46a', '#cdb4db', '#b7b7a4', '#90be6d']);
}
