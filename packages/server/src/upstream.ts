/**
 * One request to the Quovo-compatible upstream, with the token added, a total deadline for
 * headers and body, cancellation and a size cap. Failures never carry the upstream's address
 * or the token.
 */
import { readLimited } from './http';

/** Why an upstream request produced no usable response. */
export type UpstreamFailure = 'unavailable' | 'timeout' | 'too_large' | 'aborted';

/** An upstream answer, body read in full. */
export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** Where and how to reach the upstream. */
export interface UpstreamConfig {
  apiUrl: URL;
  token: string;
  fetch: typeof fetch;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** Rejects {@link callUpstream}; the message names only the failure. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(readonly failure: UpstreamFailure) {
    super(`upstream ${failure}`);
  }
}

/**
 * Sends `method path` to the upstream. The deadline covers the response headers and the whole
 * body, so an upstream trickling one byte a second cannot hold the request open; `signal`
 * (the browser going away) aborts the upstream call, which closes its socket.
 */
export async function callUpstream(
  config: UpstreamConfig,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body: string | undefined,
  signal?: AbortSignal,
): Promise<UpstreamAnswer> {
  const url = new URL(config.apiUrl.href);
  url.pathname = `${config.apiUrl.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  const controller = new AbortController();
  let failure: UpstreamFailure | null = null;
  const stop = (why: UpstreamFailure) => {
    failure ??= why;
    controller.abort();
  };
  const timer = setTimeout(() => stop('timeout'), config.timeoutMs);
  const onAbort = () => stop('aborted');
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort);
  try {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${config.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await config.fetch(url.href, { method, headers, body, signal: controller.signal, redirect: 'manual' });
    } catch {
      // The cause may name the upstream's address: it is not kept.
      throw new UpstreamError(failure ?? 'unavailable');
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > config.maxResponseBytes) {
      controller.abort();
      throw new UpstreamError('too_large');
    }
    let read: Uint8Array | null;
    try {
      read = await readLimited(response.body, config.maxResponseBytes, controller.signal);
    } catch {
      throw new UpstreamError(failure ?? 'unavailable');
    }
    if (read === null) {
      controller.abort();
      throw new UpstreamError('too_large');
    }
    return { status: response.status, headers: response.headers, body: read };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
