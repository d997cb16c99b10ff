import type { ParseIssue } from './parse';

/**
 * Why a request to the partner's backend failed.
 *
 * - `network`: no response (offline, DNS, connection refused, CORS), or `getHeaders` failed.
 * - `timeout`: no complete response within the client's `timeoutMs`.
 * - `aborted`: the caller's `AbortSignal` fired.
 * - `unauthorized`: 401, the partner's session (or the token behind it) is missing or expired.
 * - `not_found`: 404, unknown connection.
 * - `rate_limited`: 429; see {@link MfaError.retryAfterMs}.
 * - `challenge_expired`: 409 with `{"id": "challenge_expired"}`; the server now reads `resync`.
 * - `configuration`: the partner's backend refused this page: 403 `{"id": "cross_site_request"}`
 *   (its `Origin` is not one the server accepts; a dev server's proxy such as Vite's
 *   `server.proxy` rewrites `Host`, so set `allowedOrigins`) or 421 (its `Host` is not in
 *   `allowedHosts`). Trying again cannot help; the server's log names the value and the option.
 * - `server`: any other non-2xx status. 5xx is upstream trouble (retryable); other 4xx
 *   (400, other 403s, 409 with another id, 422, …) are kept here too, with their
 *   {@link MfaError.status}, and are not retryable.
 * - `invalid_response`: a 2xx whose body is empty, not JSON (an HTML page) or not a sync object;
 *   see {@link MfaError.issues}.
 * - `answer_too_long`: 400 with `{"id": "answer_too_long"}`; the partner's server refused an
 *   answer longer than its challenge allows (`MAX_ANSWER_LENGTH`) without sending it on.
 */
export type MfaErrorKind =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'not_found'
  | 'rate_limited'
  | 'challenge_expired'
  | 'configuration'
  | 'server'
  | 'invalid_response'
  | 'answer_too_long';

/** The optional details of an {@link MfaError}. Every field defaults to "none". */
export interface MfaErrorOptions {
  /** HTTP status, when there was a response. @default null */
  status?: number | null;
  /** How long the server asked us to wait, in ms. @default null */
  retryAfterMs?: number | null;
  /** What was wrong with the body, for `invalid_response`. @default [] */
  issues?: ParseIssue[];
  /** The error body's `id` slug, when the body was JSON and had one. @default null */
  serverCode?: string | null;
  /** The underlying error (a fetch `TypeError`, a `SyntaxError`, …), for debugging. */
  cause?: unknown;
}

const defaultMessages: Record<MfaErrorKind, string> = {
  network: 'The server could not be reached.',
  timeout: 'The server took too long to answer.',
  aborted: 'The request was cancelled.',
  unauthorized: 'The session is missing or has expired.',
  not_found: 'The connection was not found.',
  rate_limited: 'Too many requests; the server asked us to wait.',
  challenge_expired: 'The challenge expired; the sync must start again.',
  configuration: 'The server refused this page.',
  server: 'The server reported an error.',
  invalid_response: 'The server did not answer with a sync.',
  answer_too_long: 'The answer is longer than the challenge allows.',
};

/**
 * The one error type the client rejects with. Switch on {@link MfaError.kind}, not on the
 * message: messages are for people and may change. Messages never contain request bodies,
 * answers, PINs, credentials or header values.
 */
export class MfaError extends Error {
  /** Always `'MfaError'`, so the error can be recognised across bundles (see {@link isMfaError}). */
  override readonly name = 'MfaError' as const;
  /** Why the request failed; see {@link MfaErrorKind}. */
  declare readonly kind: MfaErrorKind;
  /** The HTTP status when there was a response, else `null`. */
  declare readonly status: number | null;
  /** How long to wait before retrying, in ms, from `Retry-After` (429, and 5xx such as 503); else `null`. */
  declare readonly retryAfterMs: number | null;
  /** For `invalid_response`: what was wrong with the body. Empty otherwise. */
  declare readonly issues: ParseIssue[];
  /** The error body's `id` (e.g. `challenge_expired`) when the body was JSON, else `null`. */
  declare readonly serverCode: string | null;

  /**
   * @param kind why the request failed.
   * @param message a readable message; must not contain secrets. @default a generic message for `kind`
   * @param options status, Retry-After, issues, server code and cause.
   */
  constructor(kind: MfaErrorKind, message?: string, options: MfaErrorOptions = {}) {
    const { cause } = options;
    super(message ?? defaultMessages[kind], cause === undefined ? undefined : { cause });
    Object.assign(this, {
      kind,
      status: options.status ?? null,
      retryAfterMs: options.retryAfterMs ?? null,
      issues: options.issues ?? [],
      serverCode: options.serverCode ?? null,
    });
  }
}

const kinds = new Set<unknown>(Object.keys(defaultMessages));

/** Statuses with a kind of their own, whatever the body says. */
const KIND_OF_STATUS: Partial<Record<number, MfaErrorKind>> = { 401: 'unauthorized', 404: 'not_found', 421: 'configuration', 429: 'rate_limited' };

/**
 * The {@link MfaErrorKind} of a non-2xx answer from the partner's backend, by its status and its
 * error body's `id` (`null` when there was none): 401 `unauthorized`, 404 `not_found`, 421 and
 * 403 `cross_site_request` `configuration`, 429 `rate_limited`, 409 `challenge_expired` with
 * that id, 400 `answer_too_long` with that id, and `server` for every other status.
 */
export function errorKindOf(status: number, serverCode: string | null): MfaErrorKind {
  if (status === 403 && serverCode === 'cross_site_request') return 'configuration';
  if (status === 409 && serverCode === 'challenge_expired') return 'challenge_expired';
  if (status === 400 && serverCode === 'answer_too_long') return 'answer_too_long';
  return KIND_OF_STATUS[status] ?? 'server';
}

/**
 * True for an {@link MfaError}. Also recognises one created by another copy of this package
 * (two bundles on one page), by its `name` and `kind`, where `instanceof` would fail.
 */
export function isMfaError(e: unknown): e is MfaError {
  const candidate = e as { name?: unknown; kind?: unknown } | null | undefined;
  return e instanceof MfaError || (candidate?.name === 'MfaError' && kinds.has(candidate.kind));
}

const retryableKinds = new Set<MfaErrorKind>(['network', 'timeout', 'rate_limited', 'invalid_response']);

/**
 * The kit's one rule for "may trying the same request again later succeed?", on a failure's
 * kind and HTTP status: `network`, `timeout`, `rate_limited`, `invalid_response` (a garbled or
 * HTML body from a proxy in between is usually passing) and `server` for 5xx (or no status).
 * Other 4xx, `unauthorized`, `not_found`, `challenge_expired` and `aborted` are not retryable.
 * The polling policy and the session (its retries and `connectivity`) both decide by this function.
 */
export function isRetryableFailure(failure: { kind: MfaErrorKind; status?: number | null }): boolean {
  return retryableKinds.has(failure.kind) || (failure.kind === 'server' && (failure.status ?? 500) >= 500);
}

/** {@link isRetryableFailure} for any thrown value: anything that is not an {@link MfaError} is not retryable. */
export function isRetryable(e: unknown): boolean {
  return isMfaError(e) && isRetryableFailure(e);
}

/**
 * Reads a `Retry-After` header value as a delay in ms: either delay-seconds (`"120"`; a
 * fraction such as `"1.5"` is tolerated) or an HTTP-date (`"Wed, 21 Oct 2015 07:28:00 GMT"`),
 * which is measured from `nowMs` and never negative. Pass the response's own `Date` (server
 * clock) as `nowMs` when there is one, so a skewed local clock does not distort the delay.
 *
 * @returns the delay in ms, or `null` when the value is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  const text = value?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(text)) {
    const ms = Math.round(Number(text) * 1000);
    return Number.isFinite(ms) ? ms : null;
  }
  // Date.parse also reads bare numbers and other junk as dates; an HTTP-date always names a
  // day or month, so require a letter.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** True for the `AbortError` a fetch or an `AbortSignal` rejects with. */
export function isAbortError(e: unknown): boolean {
  return (e as Error | null)?.name === 'AbortError';
}

/**
 * Any thrown value as an {@link MfaError}: an `MfaError` as it is, an `AbortError` as
 * `aborted`, anything else as `network` (kept as the `cause`).
 */
export function toMfaError(e: unknown): MfaError {
  return isMfaError(e) ? e : new MfaError(isAbortError(e) ? 'aborted' : 'network', undefined, { cause: e });
}

/**
 * True when a write that failed this way may still have reached the server and been acted on:
 * no reply came (`network`, `timeout`), the reply was unreadable (`invalid_response`), or the
 * server failed (`server` 5xx). Resending such a write blindly could post a PIN twice; read the
 * sync first to learn what happened.
 */
export function mayHaveArrived(failure: { kind: MfaErrorKind; status?: number | null }): boolean {
  return failure.kind !== 'rate_limited' && isRetryableFailure(failure);
}
