/**
 * Image-source checks: the one gate between a challenge's image as received and an `<img src>`.
 * An allow-list, not a block-list: only base64 image data URIs of a few raster/vector types,
 * `https:` URLs and bare base64 pass; everything else is refused with a reason.
 */
import { isRecord } from './envelope';

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

const IMAGE_TYPE = /^image\/(png|jpeg|gif|webp|svg\+xml)$/;

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
  let body = text.replace(/[\t\n\f\r ]+/g, '');
  if (body.length % 4 === 0) body = body.replace(/={1,2}$/, '');
  if (!body || body.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(body)) return null;
  return body + '='.repeat((4 - (body.length % 4)) % 4);
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
  const source = isRecord(input) ? input.source : input;
  // Browsers strip surrounding whitespace from URLs too; this keeps " javascript:" a scheme.
  const text = typeof source === 'string' ? source.trim() : '';
  if (!text) return refuse('invalid', 'the image is empty, or neither text nor an object with a text `source`');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]!.toLowerCase();
  if (scheme === 'https') {
    try {
      const url = new URL(text);
      if (url.hostname) return { ok: true, src: url.href };
    } catch {
      // Refused below.
    }
    return refuse('invalid', 'the https: URL does not parse or has no host');
  }
  if (scheme === 'http') return refuse('insecure_url', 'http: images are refused; serve the image over https:');
  if (scheme !== undefined && scheme !== 'data') return refuse('unsafe_scheme', `the ${scheme.length <= 24 ? `${scheme}: ` : ''}scheme is not an image source`);

  // Bare base64 is read as PNG.
  let type = 'image/png';
  let data = text;
  if (scheme === 'data') {
    const comma = text.indexOf(',');
    if (comma < 0) return refuse('invalid', 'the data: URI has no "," before its data');
    // The header is short; the payload, possibly megabytes, is only scanned linearly below.
    const [mediaType = '', ...params] = text.slice(5, comma).toLowerCase().split(';');
    type = mediaType.trim();
    if (!IMAGE_TYPE.test(type) || params.pop()?.trim() !== 'base64') {
      return refuse('unsupported_type', 'only base64 png, jpeg, gif, webp and svg+xml data: URIs are accepted');
    }
    data = text.slice(comma + 1);
  }
  const base64 = canonicalBase64(data);
  if (base64 === null) return refuse('malformed_base64', 'the image is neither an https: URL nor valid base64');
  return { ok: true, src: `data:${type};base64,${base64}` };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/**
 * The text an image carries for people who cannot see it, or `null`: an SVG's `<title>` (else
 * its `aria-label`, else its `<desc>`), or the `alt` of the older `{source, html}` form's markup.
 * The markup is only searched as text, never rendered. Use it to name an image choice ("star")
 * when the wire gives no caption; a CAPTCHA's text must not be read this way.
 *
 * @param input - the image as received: any value
 */
export function imageText(input: unknown): string | null {
  const { source, html } = (typeof input === 'object' && input !== null ? input : { source: input }) as { source?: unknown; html?: unknown };
  let markup = typeof html === 'string' ? html : '';
  const safe = toSafeImageSrc(source);
  if (safe.ok && safe.src.startsWith('data:image/svg+xml;base64,')) {
    try {
      markup = `${atob(safe.src.slice(26))} ${markup}`;
    } catch {
      // Checked above; a decoder that still refuses leaves no text.
    }
  }
  const found = /<title[^>]*>([^<]*)<\/title>|\saria-label\s*=\s*"([^"]*)"|<desc[^>]*>([^<]*)<\/desc>|\salt\s*=\s*"([^"]*)"/i.exec(markup);
  const text = (found?.slice(1).find((part) => part?.trim()) ?? '').replace(/&(#39|amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!).replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 120) : null;
}
