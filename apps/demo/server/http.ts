import type { IncomingMessage, ServerResponse } from 'node:http';

/** The error body every backend error uses, as the contract's `{"id", "message"}`. */
export interface ErrorBody {
  id: string;
  message: string;
}

/** Headers on every API response the backend writes itself or relays. */
const API_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/**
 * Writes a JSON response with the backend's own `Date` and no-store caching.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_HEADERS,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/**
 * Writes an error in the contract's shape.
 */
export function sendError(res: ServerResponse, status: number, id: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { id, message } satisfies ErrorBody, headers);
}

/**
 * Writes an upstream response with only the whitelisted headers. The backend's own `Date` is
 * suppressed so the upstream's passes through unchanged: the kit estimates the server's clock
 * from it. An absent upstream `Date` stays absent rather than being replaced by ours.
 */
export function sendRelayed(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.sendDate = false;
  res.writeHead(status, { ...API_HEADERS, ...headers, 'content-length': String(body.length) });
  res.end(body);
}

/** True for `application/json` and `application/*+json`, with or without parameters. */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Whether the request declares a body (a non-zero length, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads the request body up to `limit` bytes. Resolves `null` when it is larger, after which
 * the rest is drained and discarded (answering mid-upload would reset the client's socket).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
