import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where the backend forwards to: a Quovo-compatible API and the token it needs. */
export interface Upstream {
  /** Base URL, e.g. `https://api.quovo.com/v3` or the embedded sandbox's `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The API token. Server-side only: added to upstream requests, never sent to the browser. */
  readonly token: string;
}

/** A request to the upstream, path relative to {@link Upstream.url}. */
export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Starts with `/`, e.g. `/connections/12/sync`. */
  path: string;
  /** Sent as-is with `Content-Type: application/json`. */
  body?: Buffer;
  /** @default 15000 */
  timeoutMs?: number;
  /** Largest response body accepted. @default 2 MiB */
  maxResponseBytes?: number;
}

/** What came back from the upstream. */
export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Why an upstream request produced no usable response. */
export type UpstreamFailure = 'unavailable' | 'timeout' | 'too_large';

/** An upstream request that failed before a usable response. Its message never names the token. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(readonly failure: UpstreamFailure) {
    super(`upstream ${failure}`);
  }
}

/** The response headers a browser may see from the upstream; everything else is dropped. */
export const FORWARDED_RESPONSE_HEADERS = ['content-type', 'retry-after', 'date'] as const;

/**
 * Sends one request to the upstream with the token added. Redirects are not followed (node:http
 * never follows them); the caller decides what a 3xx means. Rejects with {@link UpstreamError}.
 */
export function requestUpstream(upstream: Upstream, req: UpstreamRequest): Promise<UpstreamResponse> {
  const base = new URL(upstream.url);
  const target = new URL(base.href);
  target.pathname = `${base.pathname.replace(/\/+$/, '')}${req.path}`;
  target.search = '';
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBytes = req.maxResponseBytes ?? 2 * 1024 * 1024;
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${upstream.token}`,
  };
  if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(req.body.length);
  }

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (failure: UpstreamFailure) => {
      if (settled) return;
      settled = true;
      reject(new UpstreamError(failure));
      outgoing.destroy();
    };
    const outgoing = send(target, { method: req.method, headers, timeout: req.timeoutMs ?? 15_000 }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          fail('too_large');
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: Buffer.concat(chunks) });
      });
      incoming.on('error', () => fail('unavailable'));
    });
    outgoing.on('timeout', () => fail('timeout'));
    // The error's own message may hold the upstream address; it is deliberately not kept.
    outgoing.on('error', () => fail('unavailable'));
    outgoing.end(req.body);
  });
}
