/**
 * The `image_choices` scenario's pictures: small generated SVG shapes, one of which is the
 * user's "security image".
 */
import type { RandomSource } from './random';
import { shuffle } from './random';
import { svgDataUri } from './svg';

/** The shapes the sandbox can draw, by name. */
export const SECURITY_IMAGE_NAMES = ['star', 'house', 'tree', 'boat'] as const;

/** One of {@link SECURITY_IMAGE_NAMES}. */
export type SecurityImageName = (typeof SECURITY_IMAGE_NAMES)[number];

const SHAPES: Record<SecurityImageName, string> = {
  star: '<polygon points="32,6 39,24 58,24 43,36 49,55 32,44 15,55 21,36 6,24 25,24" fill="#f4a261" stroke="#9c4a00" stroke-width="2"/>',
  house:
    '<polygon points="10,30 32,10 54,30" fill="#e63946"/><rect x="16" y="30" width="32" height="24" fill="#f1faee" stroke="#1d3557" stroke-width="2"/><rect x="28" y="40" width="8" height="14" fill="#1d3557"/>',
  tree: '<rect x="28" y="38" width="8" height="18" fill="#7f5539"/><circle cx="32" cy="26" r="18" fill="#2a9d8f"/>',
  boat: '<path d="M8 40 H56 L48 52 H16 Z" fill="#457b9d"/><polygon points="32,8 32,38 50,38" fill="#f1faee" stroke="#1d3557" stroke-width="2"/><line x1="32" y1="8" x2="32" y2="40" stroke="#1d3557" stroke-width="2"/>',
};

/** One picture offered in an `image_choices` challenge. */
export interface SecurityImage {
  /** The key to answer with. */
  key: number;
  /** Which shape it shows. */
  name: SecurityImageName;
  /** The picture as a `data:image/svg+xml;base64,` URI. */
  image: string;
}

/** Draws one named shape as a 64×64 SVG `data:` URI, titled with its name (read by screen readers). */
export function drawSecurityImage(name: SecurityImageName): string {
  return svgDataUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><title>${name}</title><rect width="64" height="64" rx="8" fill="#fdfcdc"/>${SHAPES[name]}</svg>`,
  );
}

/**
 * The four pictures in a random order, keys 0–3; the caller decides which name is right.
 */
export function createSecurityImages(random: RandomSource): SecurityImage[] {
  return shuffle(random, SECURITY_IMAGE_NAMES).map((name, key) => ({ key, name, image: drawSecurityImage(name) }));
}
