/** The webhook's sender, authenticated: an HMAC-SHA256 signature of the body, or a shared secret. */
import type { WebhookOptions } from './proxy';

const encoder = new TextEncoder();

/** Compares two byte strings in time that depends on their length only. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A check of a webhook's headers and raw body against `options`, on Web Crypto (so it runs
 * wherever the proxy does). Throws a TypeError at once for a missing or short secret.
 */
export function createWebhookVerifier(options: WebhookOptions): (headers: Headers, body: Uint8Array) => Promise<boolean> {
  const { secret } = options;
  if (typeof secret !== 'string' || secret.length < 16) throw new TypeError('createMfaProxy: `webhook.secret` must be a string of at least 16 characters.');
  const scheme = options.scheme ?? 'hmac-sha256';
  if (scheme !== 'hmac-sha256' && scheme !== 'shared-secret') throw new TypeError("createMfaProxy: `webhook.scheme` must be 'hmac-sha256' or 'shared-secret'.");
  const header = (options.header ?? 'x-mfa-kit-signature').toLowerCase();
  const secretBytes = encoder.encode(secret);
  const key = scheme === 'hmac-sha256' ? crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) : null;
  return async (headers, body) => {
    const given = headers.get(header)?.trim();
    if (!given) return false;
    if (!key) return equalBytes(encoder.encode(given), secretBytes);
    const signature = hex(await crypto.subtle.sign('HMAC', await key, body as BufferSource));
    return equalBytes(encoder.encode(given.replace(/^sha256=/i, '').toLowerCase()), encoder.encode(signature));
  };
}

function positiveId(value: unknown): number | null {
  const id = typeof value === 'string' && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The default `connectionIdOf`: `connection_id` at the top level, or in `sync`. */
export function defaultWebhookConnectionId(body: unknown): number | null {
  if (!body || typeof body !== 'object') return null;
  const record = body as { connection_id?: unknown; sync?: { connection_id?: unknown } | null };
  return positiveId(record.connection_id) ?? positiveId(record.sync?.connection_id);
}
