import { MfaError, isMfaError, isRetryable, isRetryableFailure, parseRetryAfter } from './errors';
import type { MfaErrorKind } from './errors';

const allKinds: MfaErrorKind[] = [
  'network',
  'timeout',
  'aborted',
  'unauthorized',
  'not_found',
  'rate_limited',
  'challenge_expired',
  'server',
  'invalid_response',
  'answer_too_long',
];

describe('MfaError', () => {
  it('carries its kind and details, with defaults of "none"', () => {
    const bare = new MfaError('network');
    expect(bare).toBeInstanceOf(Error);
    expect(bare.name).toBe('MfaError');
    expect(bare.kind).toBe('network');
    expect(bare.status).toBeNull();
    expect(bare.retryAfterMs).toBeNull();
    expect(bare.issues).toEqual([]);
    expect(bare.serverCode).toBeNull();
    expect(bare.message).not.toBe('');

    const full = new MfaError('rate_limited', 'slow down', { status: 429, retryAfterMs: 2000, serverCode: 'rate_limited' });
    expect(full).toMatchObject({ kind: 'rate_limited', message: 'slow down', status: 429, retryAfterMs: 2000, serverCode: 'rate_limited' });
  });

  it('has a readable default message for every kind', () => {
    for (const kind of allKinds) expect(new MfaError(kind).message).toMatch(/^[A-Z].+\.$/);
  });

  it('keeps the cause for debugging without putting it in the message', () => {
    const cause = new TypeError('fetch failed');
    const error = new MfaError('network', undefined, { cause });
    expect(error.cause).toBe(cause);
  });
});

describe('isMfaError', () => {
  it('recognises MfaError, and one from another copy of the package by name and kind', () => {
    expect(isMfaError(new MfaError('timeout'))).toBe(true);
    const foreign = Object.assign(new Error('x'), { name: 'MfaError', kind: 'server' });
    expect(isMfaError(foreign)).toBe(true);
  });

  it('rejects everything else', () => {
    expect(isMfaError(new Error('x'))).toBe(false);
    expect(isMfaError(Object.assign(new Error('x'), { name: 'MfaError', kind: 'nonsense' }))).toBe(false);
    expect(isMfaError(null)).toBe(false);
    expect(isMfaError('MfaError')).toBe(false);
    expect(isMfaError({ kind: 'network' })).toBe(false);
  });
});

describe('isRetryable', () => {
  it('retries network, timeout, rate limits, garbled bodies and 5xx', () => {
    expect(isRetryable(new MfaError('network'))).toBe(true);
    expect(isRetryable(new MfaError('invalid_response', undefined, { status: 200 }))).toBe(true);
    expect(isRetryable(new MfaError('timeout'))).toBe(true);
    expect(isRetryable(new MfaError('rate_limited', undefined, { status: 429 }))).toBe(true);
    expect(isRetryable(new MfaError('server', undefined, { status: 500 }))).toBe(true);
    expect(isRetryable(new MfaError('server', undefined, { status: 503 }))).toBe(true);
  });

  it('does not retry what a retry cannot fix', () => {
    expect(isRetryable(new MfaError('server', undefined, { status: 400 }))).toBe(false);
    expect(isRetryable(new MfaError('server', undefined, { status: 403 }))).toBe(false);
    for (const kind of ['aborted', 'unauthorized', 'not_found', 'challenge_expired', 'answer_too_long'] as const) {
      expect(isRetryable(new MfaError(kind))).toBe(false);
    }
    expect(isRetryable(new TypeError('fetch failed'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });

  it('decides on a kind and status alone, the way the polling policy asks', () => {
    expect(isRetryableFailure({ kind: 'server' })).toBe(true);
    expect(isRetryableFailure({ kind: 'server', status: 502 })).toBe(true);
    expect(isRetryableFailure({ kind: 'server', status: 422 })).toBe(false);
    expect(isRetryableFailure({ kind: 'not_found', status: 404 })).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Mon, 01 Jan 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 11:59:00 GMT', now)).toBe(0);
  });

  it('returns null for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('12 34', now)).toBeNull();
  });
});
