/**
 * SVG helpers shared by the CAPTCHA and the security images. Browser-safe: no Node modules.
 */

/**
 * Encodes an ASCII SVG document as a `data:image/svg+xml;base64,` URI, the image form the kit's
 * `toSafeImageSrc` accepts.
 */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${base64Ascii(svg)}`;
}

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function base64Ascii(text: string): string {
  // `btoa` exists in browsers and in Node >= 16; the SVGs we build are ASCII only.
  return btoa(text);
}

/** Rounds to one decimal, to keep generated SVG short. */
export function r1(n: number): number {
  return Math.round(n * 10) / 10;
}
