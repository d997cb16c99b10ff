import type { ServerClock } from './clock';
import { MfaError, isAbortError, parseRetryAfter, type MfaErrorKind, type MfaErrorOptions } from './errors';
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

/** Statuses with a kind of their own; every other non-2xx is `server` (see {@link createSyncClient}). */
const KIND_OF_STATUS: Partial<Record<number, MfaErrorKind>> = { 401: 'unauthorized', 404: 'not_found', 429: 'rate_limited' };
/** Status and error-body id pairs with a kind of their own. */
const KIND_OF_CODE: Partial<Record<string, MfaErrorKind>> = { '409 challenge_expired': 'challenge_expired', '400 answer_too_long': 'answer_too_long' };

function resolveBaseUrl(baseUrl: string): URL {
  try {
    // A relative URL resolves against the page; outside a browser there is none, and URL throws.
    if (typeof baseUrl === 'string' && baseUrl.trim()) return new URL(baseUrl, (globalThis as { location?: { href?: string } }).location?.href);
  } catch {
    // Reported below, with the other ways baseUrl can be wrong.
  }
  throw new TypeError(
    'createSyncClient: `baseUrl` is missing, invalid, or relative outside a browser; pass an absolute URL such as "http://localhost:4010".',
  );
}

/** The error body's `id`, when the body is JSON with a short slug there. */
function readServerCode(text: string): string | null {
  try {
    const id: unknown = JSON.parse(text)?.id;
    if (typeof id === 'string' && /^[\w.-]{1,64}$/.test(id)) return id;
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
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!(timeoutMs > 0)) throw new TypeError('createSyncClient: `timeoutMs` must be a positive number.');
  const basePath = base.pathname.replace(/\/+$/, '');

  async function request(
    method: 'GET' | 'POST' | 'PUT',
    connectionId: number,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<SyncResult> {
    if (!Number.isSafeInteger(connectionId) || connectionId < 0) {
      throw new TypeError('SyncClient: the connection id must be a non-negative integer.');
    }
    const path = `/connections/${connectionId}/${method === 'PUT' ? 'challenges' : 'sync'}`;
    const url = new URL(base);
    url.pathname = basePath + path;
    // Paths and statuses only: never bodies, answers, credentials or header values.
    const fail = (kind: MfaErrorKind, what: string, details?: MfaErrorOptions) => new MfaError(kind, `${method} ${path} ${what}`, details);

    // Our own controller stops the request for the caller's signal and for the timeout alike;
    // its reason is the error to reject with.
    const controller = new AbortController();
    const stopped = controller.signal;
    const cancel = () => controller.abort(fail('aborted', 'was cancelled.'));
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      if (stopped.aborted) throw stopped.reason;
      const headers = new Headers({ Accept: 'application/json' });
      try {
        for (const extra of [options.headers, await options.getHeaders?.()]) {
          for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
        }
      } catch (cause) {
        throw fail('network', 'was not sent: getHeaders() failed.', { cause });
      }
      if (body !== undefined) headers.set('Content-Type', 'application/json');
      timer = setTimeout(() => controller.abort(fail('timeout', `timed out after ${timeoutMs} ms.`)), timeoutMs);
      // getHeaders() may have taken a while: the caller may have given up meanwhile.
      if (stopped.aborted) throw stopped.reason;
      // Also for a fetch that ignores its signal, and for reading the body.
      const whenStopped = new Promise<never>((_, reject) => stopped.addEventListener('abort', () => reject(stopped.reason)));
      const race = <T>(promise: Promise<T>) => Promise.race([promise, whenStopped]);

      const sentAt = Date.now();
      let response: Response;
      try {
        const fetchImpl = options.fetch ?? globalThis.fetch;
        response = await race(fetchImpl(url.href, { method, headers, body: JSON.stringify(body), signal: stopped }));
      } catch (cause) {
        if (stopped.aborted) throw stopped.reason;
        const aborted = isAbortError(cause);
        throw fail(aborted ? 'aborted' : 'network', aborted ? 'was cancelled.' : 'could not reach the server.', { cause });
      }
      const receivedAt = Date.now();
      const date = response.headers.get('Date');
      options.clock?.observe({ date, sentAt, receivedAt });

      const { status, ok } = response;
      let text = '';
      try {
        text = await race(response.text());
      } catch (cause) {
        if (stopped.aborted) throw stopped.reason;
        // An error status says enough on its own; a success without its body says nothing.
        if (ok) throw fail('network', `could not read the body of its HTTP ${status} response.`, { cause, status });
      }

      if (!ok) {
        const serverCode = readServerCode(text);
        const kind = KIND_OF_STATUS[status] ?? KIND_OF_CODE[`${status} ${serverCode}`] ?? 'server';
        // Retry-After dates are in the server's clock: measure them from its Date header.
        const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Date.parse(date ?? '') || receivedAt);
        const code = serverCode === null ? '' : ` (${serverCode})`;
        const wait = retryAfterMs === null ? '' : ` Retry after ${Math.ceil(retryAfterMs / 1000)} s.`;
        throw fail(kind, `answered HTTP ${status}${code}.${wait}`, { status, serverCode, retryAfterMs });
      }

      let issues: ParseIssue[];
      let cause: unknown;
      try {
        const parsed = parseSync(JSON.parse(text), { connectionId });
        if (parsed.success) return { sync: parsed.data, date, rttMs: receivedAt - sentAt, sentAt, receivedAt };
        issues = parsed.issues;
      } catch (error) {
        // Only JSON.parse throws here: parseSync never does.
        cause = error;
        const what = !text.trim() ? 'empty' : /^\s*</.test(text) ? 'HTML, not JSON' : 'not valid JSON';
        issues = [{ path: [], message: `The response body is ${what}.` }];
      }
      throw fail('invalid_response', `answered HTTP ${status} with no sync object.`, { status, issues, cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  return {
    getSync: (connectionId, requestOptions) => request('GET', connectionId, undefined, requestOptions?.signal),
    startSync: (connectionId, credentials, requestOptions) =>
      request('POST', connectionId, credentials ? { username: credentials.username, passcode: credentials.passcode } : {}, requestOptions?.signal),
    answer: (connectionId, answers, requestOptions) =>
      request(options.answerRoute === 'challenges' ? 'PUT' : 'POST', connectionId, { answers }, requestOptions?.signal),
  };
}
