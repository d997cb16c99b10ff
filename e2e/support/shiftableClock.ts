import type { ManualClock } from '@mfa-kit/sandbox';

/**
 * The e2e sandbox's clock: real time plus an offset that only grows when a test says so.
 *
 * Stages (queued, authenticating, verifying…) run on their own as in `pnpm demo`, and a test
 * jumps past a PIN's deadline in one step through the sandbox's admin route
 * (`POST /__sandbox/clock {"advance_ms"}`), which accepts any clock marked `manual`. `set` moves
 * the offset back, so a suite can return the sandbox to real time when it is done.
 */
export function createShiftableClock(): ManualClock {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  return {
    manual: true,
    now,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      offsetMs += ms;
      return now();
    },
    set(time: number | Date) {
      const target = typeof time === 'number' ? time : time.getTime();
      if (!Number.isFinite(target)) throw new RangeError('set(time) needs a finite time');
      offsetMs = target - Date.now();
      return now();
    },
  };
}
