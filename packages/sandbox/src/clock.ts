/**
 * The sandbox's own clock. Engine time drives progress, PIN and CAPTCHA expiry and the `Date`
 * header; nothing in the sandbox sets a timer, so a manual clock makes every stage reachable in a
 * test without waiting.
 */

/** A source of engine time, in epoch milliseconds. */
export interface SandboxClock {
  /** The current engine time, epoch ms. */
  now(): number;
}

/** A clock that moves only when told to: for tests and `--manual-clock` demos. */
export interface ManualClock extends SandboxClock {
  /** Moves the clock forward by `ms` (negative values are refused). Returns the new time. */
  advance(ms: number): number;
  /** Sets the clock to an absolute time (epoch ms or a `Date`). Returns the new time. */
  set(time: number | Date): number;
  /** Marks the clock as manual, so the admin clock route can move it. */
  readonly manual: true;
}

/** Real time: `Date.now()`. The engine's default clock. */
export const realClock: SandboxClock = { now: () => Date.now() };

/**
 * A clock that starts at `start` and moves only through {@link ManualClock.advance} and
 * {@link ManualClock.set}.
 *
 * The default start is now, rounded down to a whole second: the `Date` header has whole seconds,
 * so engine time then reads exactly as a client estimates it from that header (a countdown shows
 * `2:00`, not `2:01`).
 *
 * @param start epoch ms or a `Date`. @default Date.now() rounded down to the second
 */
export function createManualClock(start: number | Date = Math.floor(Date.now() / 1000) * 1000): ManualClock {
  let current = toMs(start);
  return {
    manual: true,
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      current += ms;
      return current;
    },
    set(time: number | Date) {
      current = toMs(time);
      return current;
    },
  };
}

/** Whether `clock` is a {@link ManualClock} (one the admin clock route may move). */
export function isManualClock(clock: SandboxClock): clock is ManualClock {
  return (clock as Partial<ManualClock>).manual === true && typeof (clock as Partial<ManualClock>).advance === 'function';
}

function toMs(time: number | Date): number {
  const ms = typeof time === 'number' ? time : time.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('a manual clock needs a finite time');
  return ms;
}
