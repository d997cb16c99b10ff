import { describe, expect, it } from 'vitest';
import type { Challenge } from './model';
import { defaultPollPolicy, nextPollDelay, pollPhase } from './polling';

const text = (shouldAnswer: boolean): Challenge => ({
  kind: 'text',
  id: 1,
  connectionId: 7,
  prompt: 'Enter your pin:',
  deadline: null,
  shouldAnswer,
  wireType: 'question',
});

describe('nextPollDelay', () => {
  it('reads at once when nothing was read yet', () => {
    expect(nextPollDelay({ phase: 'reading' })).toBe(0);
  });

  it('polls fast (2 s) at the start of a sync', () => {
    expect(nextPollDelay({ phase: 'syncing', runElapsedMs: 0 })).toBe(2000);
    expect(nextPollDelay({ phase: 'syncing', runElapsedMs: 14_999 })).toBe(2000);
  });

  it('backs off toward the cap as a sync runs long', () => {
    const at = (s: number) => nextPollDelay({ phase: 'syncing', runElapsedMs: s * 1000, policy: { fastMs: 1500 } });
    expect(at(15)).toBe(2250);
    expect(at(30)).toBe(3375);
    expect(at(45)).toBe(5063);
    expect(at(60)).toBe(7594);
    expect(at(75)).toBe(10_000);
    expect(at(3600)).toBe(10_000);
    const delays = [0, 10, 20, 40, 80, 160].map(at) as number[];
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
  });

  it('jitters by ±20 %', () => {
    expect(nextPollDelay({ phase: 'syncing', random: 0 })).toBe(1600);
    expect(nextPollDelay({ phase: 'syncing', random: 0.999_999 })).toBe(2400);
    expect(nextPollDelay({ phase: 'syncing', random: 0.25 })).toBe(1800);
  });

  it('counts the delay from the last read and is never negative', () => {
    expect(nextPollDelay({ phase: 'syncing', sinceLastReadMs: 500 })).toBe(1500);
    expect(nextPollDelay({ phase: 'syncing', sinceLastReadMs: 60_000 })).toBe(0);
  });

  it('does not poll while the user is answering', () => {
    expect(nextPollDelay({ phase: 'answering' })).toBeNull();
    expect(nextPollDelay({ phase: 'answering', deadlineInMs: 30_000 })).toBeNull();
  });

  it('makes one confirming read just after a realtime deadline passed', () => {
    expect(nextPollDelay({ phase: 'expired', deadlineInMs: 0 })).toBe(1000);
    expect(nextPollDelay({ phase: 'expired', deadlineInMs: -400 })).toBe(600);
    expect(nextPollDelay({ phase: 'expired', deadlineInMs: -5000 })).toBe(0);
    expect(nextPollDelay({ phase: 'expired', deadlineInMs: -400, expiryConfirmed: true })).toBeNull();
  });

  it('stops on final statuses', () => {
    expect(nextPollDelay({ phase: 'final' })).toBeNull();
    expect(nextPollDelay({ phase: 'final', error: { kind: 'server', retryAfterMs: null }, failures: 1 })).toBeNull();
  });

  it('pauses in a hidden tab unless a deadline is running', () => {
    expect(nextPollDelay({ phase: 'syncing', hidden: true })).toBeNull();
    expect(nextPollDelay({ phase: 'reading', hidden: true })).toBeNull();
    expect(nextPollDelay({ phase: 'expired', hidden: true, deadlineInMs: -1000 })).toBe(0);
  });

  it('pauses while the browser says it is offline', () => {
    expect(nextPollDelay({ phase: 'syncing', offline: true })).toBeNull();
  });

  it('honours Retry-After on 429 exactly', () => {
    const error = { kind: 'rate_limited' as const, retryAfterMs: 7000 };
    expect(nextPollDelay({ phase: 'syncing', error, failures: 1, random: 0 })).toBe(7000);
    expect(nextPollDelay({ phase: 'syncing', error, failures: 3, random: 0.99 })).toBe(7000);
    expect(nextPollDelay({ phase: 'syncing', error, failures: 1, sinceLastReadMs: 2000 })).toBe(5000);
  });

  it('backs off exponentially on a 429 without Retry-After', () => {
    const error = { kind: 'rate_limited' as const, retryAfterMs: null };
    expect(nextPollDelay({ phase: 'syncing', error, failures: 1 })).toBe(5000);
    expect(nextPollDelay({ phase: 'syncing', error, failures: 2 })).toBe(10_000);
    expect(nextPollDelay({ phase: 'syncing', error, failures: 9 })).toBe(30_000);
  });

  it.each(['network', 'timeout', 'server', 'invalid_response'] as const)(
    'retries %s errors with exponential backoff and jitter',
    (kind) => {
      const error = { kind, retryAfterMs: null };
      expect([1, 2, 3, 4, 5, 6, 7].map((failures) => nextPollDelay({ phase: 'syncing', error, failures }))).toEqual([
        1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
      ]);
      expect(nextPollDelay({ phase: 'syncing', error, failures: 2, random: 0 })).toBe(1600);
    },
  );

  it('stops on what a retry cannot fix: a 4xx server error, 401, 404, an abort', () => {
    expect(nextPollDelay({ phase: 'syncing', error: { kind: 'server', retryAfterMs: null, status: 422 }, failures: 1 })).toBeNull();
    expect(nextPollDelay({ phase: 'syncing', error: { kind: 'server', retryAfterMs: null, status: 503 }, failures: 1 })).toBe(1000);
    for (const kind of ['unauthorized', 'not_found', 'aborted'] as const) {
      expect(nextPollDelay({ phase: 'syncing', error: { kind, retryAfterMs: null }, failures: 1 })).toBeNull();
    }
  });

  it('retries a failed confirming read after a deadline', () => {
    const error = { kind: 'network' as const, retryAfterMs: null };
    expect(nextPollDelay({ phase: 'expired', deadlineInMs: -2000, error, failures: 1 })).toBe(1000);
  });

  it.each(['aborted', 'unauthorized', 'not_found'] as const)('stops after %s', (kind) => {
    expect(nextPollDelay({ phase: 'syncing', error: { kind, retryAfterMs: null }, failures: 1 })).toBeNull();
  });

  it('takes policy overrides', () => {
    expect(nextPollDelay({ phase: 'syncing', policy: { fastMs: 1000, jitter: 0 }, random: 0 })).toBe(1000);
    expect(nextPollDelay({ phase: 'syncing', runElapsedMs: 1e6, policy: { capMs: 4000 } })).toBe(4000);
    expect(defaultPollPolicy.fastMs).toBe(2000);
  });

  it('treats an out-of-range random as no jitter', () => {
    expect(nextPollDelay({ phase: 'syncing', random: Number.NaN })).toBe(2000);
  });
});

describe('pollPhase', () => {
  it('maps steps to phases', () => {
    expect(pollPhase(null)).toBe('reading');
    expect(pollPhase({ type: 'wait', progress: { state: null, percent: null, message: null } })).toBe('syncing');
    expect(pollPhase({ type: 'answer', challenges: [text(true)], deadline: null })).toBe('answering');
    expect(pollPhase({ type: 'expired', challenges: [text(true)] })).toBe('expired');
    for (const type of ['restart', 'credentials', 'done'] as const) expect(pollPhase({ type })).toBe('final');
    expect(pollPhase({ type: 'config', instructions: null })).toBe('final');
    expect(pollPhase({ type: 'failed', status: 'maintenance' })).toBe('final');
  });

  it('keeps polling when every shown challenge is read-only', () => {
    expect(pollPhase({ type: 'answer', challenges: [text(false)], deadline: null })).toBe('syncing');
  });
});
