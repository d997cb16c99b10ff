import type { ServerClock } from './clock';
import { MfaError, parseRetryAfter } from './errors';
import type { SyncState, WireAnswer } from './model';
import { parseSync } from './parse';
import type { ParseIssue } from './parse';

/** How {@link createSyncClient} reaches the partner's backend. Never a Quovo token: the backend adds it. */
export interface SyncClientOptions {
  /**
   * The partner's backend that forwards to Quovo, e.g. `'/api/quovo'` or
   * `'https://example.com/api/quovo'`. A relative URL is resolved against `location` in a
   * browser; outside one (Node, tests) it must be absolute.
   */
  baseUrl: string;
  /** Extra headers for every request (a CSRF token, a session header). */
  headers?: Record<string, string>;
  /** Headers computed per request; merged over `headers`, its values win. */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** A fetch implementation. @default globalThis.fetch, looked up at each call (so MSW's patch applies) */
  fetch?: typeof fetch;
  /** Per-request timeout in ms, covering the response and its body. @default 15000 */
  timeoutMs?: number;
  /**
   * Where answers go: `'sync'` posts `{answers}` to `/connections/{id}/sync`; `'challenges'`
   * PUTs it to `/connections/{id}/challenges`. @default 'sync'
   */
  answerRoute?: 'sync' | 'challenges';
  /** When given, every response's `Date` header is observed, errors included. */
  clock?: ServerClock;
}

/** A sync read or written, with the timing of the response that carried it. */
export interface SyncResult {
  /** The sync, normalized. */
  sync: SyncState;
  /** The response's `Date` header as received, or `null`. */
  date: string | null;
  /** Round trip until the response headers arrived, in ms. */
  rttMs: number;
  /** Local epoch ms just before the request was sent. */
  sentAt: number;
  /** Local epoch ms when the response headers arrived. */
  receivedAt: number;
}

/** Per-request options. */
export interface RequestOptions {
  /** Cancels the request; the promise then rejects with an `aborted` {@link MfaError}. */
  signal?: AbortSignal;
}

/** New login details, after `incorrect_credentials`. Never logged, never put in an error message. */
export interface Credentials {
  /** The user's login at the institution. */
  username: string;
  /** The user's password at the institution. */
  passcode: string;
}

/**
 * The Quovo v3 sync calls. Every call resolves with the sync object (POSTs answer with the same
 * shape as GET) and rejects only with {@link MfaError}.
 */
export interface SyncClient {
  /** `GET /connections/{id}/sync`: read the sync. */
  getSync(connectionId: number, options?: RequestOptions): Promise<SyncResult>;
  /**
   * `POST /connections/{id}/sync`: start (or restart) a sync with `{}`, or with
   * `{username, passcode}` after `incorrect_credentials`.
   */
  startSync(connectionId: number, credentials?: Credentials, options?: RequestOptions): Promise<SyncResult>;
  /**
   * Answer the pending challenges at once with `{answers}`: `POST /connections/{id}/sync`, or
   * `PUT /connections/{id}/challenges` with `answerRoute: 'challenges'`. Build `answers` with
   * `buildAnswers`.
   */
  answer(connectionId: number, answers: WireAnswer[], options?: RequestOptions): Promise<SyncResult>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function resolveBaseUrl(baseUrl: string): URL {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new TypeError('createSyncClient: `baseUrl` is required, e.g. "/api/quovo" in a browser or "http://localhost:4010" in Node.');
  }
  try {
    return new URL(baseUrl);
  } catch {
    // Relative: only a page's location can say relative to what.
  }
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  if (typeof href !== 'string') {
    throw new TypeError(
      `createSyncClient: baseUrl "${baseUrl}" is relative and there is no \`location\` to resolve it against ` +
        '(outside a browser). Pass an absolute URL, e.g. "http://localhost:4010".',
    );
  }
  try {
    return new URL(baseUrl, href);
  } catch {
    throw new TypeError('createSyncClient: `baseUrl` is not a valid URL.');
  }
}

type StopReason = 'timeout' | 'aborted';

/** Settles with `promise`, or rejects as soon as `signal` aborts (for fetches that ignore signals). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function issue(message: string): ParseIssue {
  return { path: [], message };
}

/** The error body's `id`, when the body is JSON with a short slug there. */
function readServerCode(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const id = (body as { id?: unknown }).id;
      if (typeof id === 'string' && /^[\w.-]{1,64}$/.test(id)) return id;
    }
  } catch {
    // Not JSON (an HTML error page): no code.
  }
  return null;
}

/**
 * Creates a {@link SyncClient} for the partner's backend.
 *
 * Failures reject with {@link MfaError}: fetch failures → `network`; `timeoutMs` elapsed →
 * `timeout`; the caller's signal → `aborted`; 401 → `unauthorized`; 404 → `not_found`; 429 →
 * `rate_limited` (with `retryAfterMs`); 409 `{"id":"challenge_expired"}` → `challenge_expired`;
 * 5xx → `server` (with `retryAfterMs` when given); every other non-2xx (400, 403, other 409s,
 * 422, unfollowed 3xx) → `server` with its `status`, which {@link isRetryable} reads as not
 * retryable; a 2xx body that is empty, not JSON or not a sync → `invalid_response` with `issues`.
 *
 * A connection id that is not a non-negative safe integer is a programming error and rejects
 * with a `TypeError`, before any request.
 *
 * @throws TypeError when `baseUrl` is missing, invalid, or relative outside a browser.
 */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const base = resolveBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new TypeError('createSyncClient: `timeoutMs` must be a positive number of milliseconds.');
  }
  const answerRoute = options.answerRoute ?? 'sync';
  const basePath = base.pathname.replace(/\/+$/, '');

  const urlFor = (path: string): string => {
    const url = new URL(base.href);
    url.pathname = basePath + path;
    return url.href;
  };

  const buildHeaders = async (hasBody: boolean): Promise<Headers> => {
    const headers = new Headers({ Accept: 'application/json' });
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    if (options.getHeaders) {
      for (const [name, value] of Object.entries(await options.getHeaders())) headers.set(name, value);
    }
    if (hasBody) headers.set('Content-Type', 'application/json');
    return headers;
  };

  async function request(
    method: 'GET' | 'POST' | 'PUT',
    connectionId: number,
    route: 'sync' | 'challenges',
    body: unknown,
    requestOptions: RequestOptions | undefined,
  ): Promise<SyncResult> {
    if (!Number.isSafeInteger(connectionId) || connectionId < 0) {
      throw new TypeError('SyncClient: the connection id must be a non-negative integer.');
    }
    // Paths and statuses only: never bodies, answers, credentials or header values.
    const what = `${method} /connections/${connectionId}/${route}`;
    const signal = requestOptions?.signal;
    if (signal?.aborted) throw new MfaError('aborted', `${what} was cancelled before it was sent.`);

    let headers: Headers;
    try {
      headers = await buildHeaders(body !== undefined);
    } catch (cause) {
      throw new MfaError('network', `${what} was not sent: getHeaders() failed.`, { cause });
    }

    const controller = new AbortController();
    let stopReason: StopReason | null = null;
    const stop = (reason: StopReason) => {
      if (stopReason !== null) return;
      stopReason = reason;
      controller.abort();
    };
    const onCallerAbort = () => stop('aborted');
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => stop('timeout'), timeoutMs);

    const stopped = (cause: unknown): MfaError =>
      stopReason === 'timeout'
        ? new MfaError('timeout', `${what} timed out after ${timeoutMs} ms.`, { cause })
        : new MfaError('aborted', `${what} was cancelled.`, { cause });

    try {
      // getHeaders() may have taken a while: the caller may have given up meanwhile.
      if (signal?.aborted) throw new MfaError('aborted', `${what} was cancelled before it was sent.`);
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const sentAt = Date.now();
      let response: Response;
      try {
        response = await raceAbort(
          fetchImpl(urlFor(`/connections/${connectionId}/${route}`), {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: controller.signal,
          }),
          controller.signal,
        );
      } catch (cause) {
        if (stopReason !== null) throw stopped(cause);
        if (cause instanceof Error && cause.name === 'AbortError') {
          throw new MfaError('aborted', `${what} was cancelled.`, { cause });
        }
        throw new MfaError('network', `${what} could not reach the server.`, { cause });
      }
      const receivedAt = Date.now();
      const date = response.headers.get('Date');
      options.clock?.observe({ date, sentAt, receivedAt });

      const { status } = response;
      const ok = status >= 200 && status <= 299;
      let text: string;
      try {
        text = await raceAbort(response.text(), controller.signal);
      } catch (cause) {
        if (stopReason !== null) throw stopped(cause);
        // An error status says enough on its own; a success without its body says nothing.
        if (!ok) text = '';
        else throw new MfaError('network', `${what}: the response body could not be read (HTTP ${status}).`, { cause, status });
      }

      if (!ok) {
        const serverCode = readServerCode(text);
        // Retry-After dates are in the server's clock: measure them from its Date header.
        const dateMs = date === null ? Number.NaN : Date.parse(date);
        const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Number.isNaN(dateMs) ? receivedAt : dateMs);
        const details = { status, serverCode, retryAfterMs };
        if (status === 401) throw new MfaError('unauthorized', `${what}: the session is missing or expired (401).`, details);
        if (status === 404) throw new MfaError('not_found', `${what}: connection not found (404).`, details);
        if (status === 429) {
          const wait = retryAfterMs === null ? '' : ` Retry after ${Math.ceil(retryAfterMs / 1000)} s.`;
          throw new MfaError('rate_limited', `${what}: rate limited (429).${wait}`, details);
        }
        if (status === 409 && serverCode === 'challenge_expired') {
          throw new MfaError('challenge_expired', `${what}: the challenge expired before the answer arrived (409).`, details);
        }
        const code = serverCode === null ? '' : ` (${serverCode})`;
        throw new MfaError('server', `${what}: the server answered HTTP ${status}${code}.`, details);
      }

      const invalid = (issues: ParseIssue[], cause?: unknown) =>
        new MfaError('invalid_response', `${what}: the response (HTTP ${status}) is not a sync object.`, {
          status,
          issues,
          cause,
        });
      if (text.trim() === '') throw invalid([issue('The response body is empty.')]);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        const contentType = response.headers.get('Content-Type') ?? '';
        const looksHtml = /html/i.test(contentType) || /^\s*</.test(text);
        throw invalid([issue(looksHtml ? 'The response body is HTML, not JSON.' : 'The response body is not valid JSON.')], cause);
      }
      const parsed = parseSync(json, { connectionId });
      if (!parsed.success) throw invalid(parsed.issues);
      return { sync: parsed.data, date, rttMs: receivedAt - sentAt, sentAt, receivedAt };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    getSync(connectionId, requestOptions) {
      return request('GET', connectionId, 'sync', undefined, requestOptions);
    },
    startSync(connectionId, credentials, requestOptions) {
      const body = credentials ? { username: credentials.username, passcode: credentials.passcode } : {};
      return request('POST', connectionId, 'sync', body, requestOptions);
    },
    answer(connectionId, answers, requestOptions) {
      return answerRoute === 'challenges'
        ? request('PUT', connectionId, 'challenges', { answers }, requestOptions)
        : request('POST', connectionId, 'sync', { answers }, requestOptions);
    },
  };
}
