/**
 * Response building shared by every route: the kit's error body and the headers every API
 * response carries.
 */

/**
 * Where `toNodeHandler` records the socket's peer address on the `Request` it builds: a
 * registered symbol, so no header can forge it and both entry points find the same key.
 */
export const CLIENT_ADDRESS: unique symbol = Symbol.for('@mfa-kit/server.clientAddress');

/** The error body of every response the server writes itself: a stable slug and a safe message. */
export interface ErrorBody {
  /** A stable slug, e.g. `not_found`, `rate_limited`, `upstream_error`. Switch on this, not on the message. */
  id: string;
  /** A message for people. Never holds upstream text, tokens, answers or addresses. */
  message: string;
}

/**
 * On every API response: nothing cached, nothing sniffed, and nothing an HTML page could run or
 * load, should a browser ever render one as a document.
 */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
});

/** A JSON response with {@link API_HEADERS}. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...API_HEADERS, ...headers, 'content-type': 'application/json; charset=utf-8' },
  });
}

/** An error in the kit's `{id, message}` shape, with {@link API_HEADERS}. */
export function errorResponse(status: number, id: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { id, message } satisfies ErrorBody, headers);
}

/** True for `application/json` and `application/*+json`, with or without parameters. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a body stream up to `limit` bytes. Resolves `null` when it is larger (the rest is
 * cancelled, not read), rejects when the stream fails or `signal` fires.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number, signal?: AbortSignal): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
