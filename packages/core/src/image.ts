/**
 * Image-source checks: the one gate between a challenge's image as received and an `<img src>`.
 * An allow-list, not a block-list: only base64 image data URIs of a few raster/vector types,
 * `https:` URLs and bare base64 pass; everything else is refused with a reason.
 */

/**
 * Why an image was refused:
 * - `unsafe_scheme`: a scheme that is never an image source (`javascript:`, `vbscript:`, `file:`, …)
 * - `insecure_url`: an `http:` URL (mixed content, and readable in transit)
 * - `malformed_base64`: base64 (bare or in a data URI) that does not decode
 * - `unsupported_type`: a data URI that is not a base64-encoded png, jpeg, gif, webp or svg image
 * - `invalid`: not a string or `{source}` object, empty, or an unparseable URL
 */
export type ImageRefusalReason = 'unsafe_scheme' | 'insecure_url' | 'malformed_base64' | 'unsupported_type' | 'invalid';

/** The outcome of {@link toSafeImageSrc}: a `src` safe to render, or a refusal. */
export type SafeImageResult =
  | { ok: true; src: string }
  | { ok: false; reason: ImageRefusalReason; message: string };

const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ASCII_WHITESPACE = /[\t\n\f\r ]+/g;
const BASE64_BODY = /^[A-Za-z0-9+/]*$/;

function refuse(reason: ImageRefusalReason, message: string): SafeImageResult {
  return { ok: false, reason, message };
}

/**
 * Canonical (padded, whitespace-free) base64, or `null` when the text does not decode. Follows
 * the WHATWG "forgiving-base64 decode" that browsers apply to data URLs, in linear time: ASCII
 * whitespace is ignored, one or two `=` may end a length that is a multiple of four, and a
 * length that leaves one character over is never valid.
 */
function canonicalBase64(text: string): string | null {
  let body = text.replace(ASCII_WHITESPACE, '');
  if (body.length % 4 === 0) {
    if (body.endsWith('==')) body = body.slice(0, -2);
    else if (body.endsWith('=')) body = body.slice(0, -1);
  }
  if (body.length === 0 || body.length % 4 === 1 || !BASE64_BODY.test(body)) return null;
  return body + '='.repeat((4 - (body.length % 4)) % 4);
}

function fromDataUri(uri: string): SafeImageResult {
  const comma = uri.indexOf(',');
  if (comma === -1) return refuse('invalid', 'the data: URI has no "," before its data');
  // The header is short; the payload, possibly megabytes, is only scanned linearly below.
  const [mediaType = '', ...params] = uri.slice('data:'.length, comma).split(';');
  const type = mediaType.trim().toLowerCase();
  if (!IMAGE_TYPES.has(type)) {
    return refuse('unsupported_type', 'only png, jpeg, gif, webp and svg+xml data: URIs are accepted');
  }
  if (params.length === 0 || params[params.length - 1]?.trim().toLowerCase() !== 'base64') {
    return refuse('unsupported_type', 'only base64-encoded data: URIs are accepted');
  }
  const data = canonicalBase64(uri.slice(comma + 1));
  if (data === null) return refuse('malformed_base64', 'the data: URI does not hold valid base64');
  return { ok: true, src: `data:${type};base64,${data}` };
}

function fromHttpsUrl(text: string): SafeImageResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('invalid', 'the https: URL cannot be parsed');
  }
  if (url.protocol !== 'https:' || url.hostname === '') return refuse('invalid', 'the https: URL has no host');
  return { ok: true, src: url.href };
}

/**
 * Turns a challenge image, as received, into a `src` that is safe to put on an `<img>`.
 *
 * Accepts `data:image/{png,jpeg,gif,webp,svg+xml};base64,…` with valid base64, `https:` URLs,
 * bare base64 (read as PNG: `data:image/png;base64,…`) and the older `{source, html}` object,
 * of which only `source` is read: `html` is never looked at. Refuses `javascript:` and other
 * schemes, `http:`, other data URI types (`data:text/html`), data URIs that are not base64,
 * malformed base64 and anything else. The returned `src` is normalized (lower-case type,
 * whitespace removed, padding restored; URLs as `URL.href`).
 *
 * @param input - the image as received: any value
 */
export function toSafeImageSrc(input: unknown): SafeImageResult {
  let source: unknown = input;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    source = (input as { source?: unknown }).source;
    if (typeof source !== 'string') return refuse('invalid', 'the image object has no string `source`');
  }
  if (typeof source !== 'string') return refuse('invalid', 'the image is not a string or an object with a `source`');
  // Browsers strip surrounding whitespace from URLs too; this keeps " javascript:" a scheme.
  const text = source.trim();
  if (text === '') return refuse('invalid', 'the image is empty');
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const data = canonicalBase64(text);
    if (data === null) return refuse('malformed_base64', 'the image is neither a URL nor valid base64');
    return { ok: true, src: `data:image/png;base64,${data}` };
  }
  switch (scheme) {
    case 'data':
      return fromDataUri(text);
    case 'https':
      return fromHttpsUrl(text);
    case 'http':
      return refuse('insecure_url', 'http: images are refused; serve the image over https:');
    default:
      return refuse('unsafe_scheme', `the ${scheme.length <= 24 ? `${scheme}: ` : ''}scheme is not an image source`);
  }
}
