/**
 * The server's clock, estimated from HTTP `Date` headers, and deadline arithmetic against it.
 * Realtime challenge deadlines belong to the server's clock; a browser clock minutes off must
 * not show a wrong countdown. Nothing here starts a timer: callers tick.
 */
import { callSafely } from './callSafely';

/** One response's timing, in local epoch ms, with its `Date` header. */
export interface ClockSample {
  /** The response's `Date` header as received, or `null` when it had none. */
  date: string | null;
  /** Local time just before the request was sent (`Date.now()`). */
  sentAt: number;
  /** Local time when the response headers arrived (`Date.now()`). */
  receivedAt: number;
}

/** An estimate of the server's clock, fed with {@link ClockSample}s. */
export interface ServerClock {
  /**
   * Offer a sample. It replaces the kept one when its round trip is as small or smaller, or
   * when the two cannot both be right (their error bounds do not overlap: a clock stepped).
   */
  observe(sample: ClockSample): void;
  /** `serverNow - localNow`, in ms; `0` until a usable sample arrived. */
  readonly offsetMs: number;
  /** A bound on the error of {@link ServerClock.offsetMs}, in ms: `rtt / 2 + 500`; `Infinity` until a sample. */
  readonly errorMs: number;
  /** The server's time now, as epoch ms. @param localNow local epoch ms @default Date.now() */
  now(localNow?: number): number;
  /** Call `listener` whenever {@link ServerClock.offsetMs} changes. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Creates a {@link ServerClock}.
 *
 * How the offset is estimated, and how wrong it can be:
 *
 * The server wrote `Date` at some local instant `t` between `sentAt` and `receivedAt`, so
 * `t = sentAt + rtt/2 ± rtt/2` (with `rtt = receivedAt - sentAt`). `Date` has one-second
 * resolution and servers truncate, so the server's true time at that instant was
 * `dateMs + 500 ± 500`. Hence
 *
 * ```
 * offset   ≈ (dateMs + 500) − (sentAt + rtt / 2)
 * |error|  ≤ rtt / 2 + 500 ms
 * ```
 *
 * The bound grows with the round trip, so the sample with the smallest `rtt` gives the best
 * estimate and wins. Samples without a readable `Date` or with a negative round trip (the
 * local clock stepped back) are ignored.
 *
 * Keeping the best sample forever would miss a clock that steps (an NTP correction, a laptop
 * whose clock is set by hand, a test server whose clock is advanced): every later sample would
 * have a longer round trip and be dropped. So a sample whose interval `estimate ± bound` does
 * not overlap the kept one's cannot describe the same pair of clocks, and replaces it.
 */
export function createServerClock(): ServerClock {
  let offsetMs = 0;
  let errorMs = Infinity;
  let bestRtt = Infinity;
  let bestEstimate = 0;
  const listeners = new Set<() => void>();

  // One faulty listener must neither silence the others nor fail the request that fed the sample.
  const notify = () => {
    for (const listener of [...listeners]) callSafely(listener);
  };

  return {
    observe(sample) {
      const rtt = sample.receivedAt - sample.sentAt;
      const estimate = Date.parse(sample.date ?? '') + 500 - (sample.sentAt + rtt / 2);
      // No readable Date (NaN), or a local clock that stepped back (a negative round trip).
      if (Number.isNaN(estimate) || !(rtt >= 0 && rtt < Infinity)) return;
      const bound = rtt / 2 + 500;
      const stepped = Math.abs(estimate - bestEstimate) > bound + errorMs;
      if (rtt > bestRtt && !stepped) return;
      bestRtt = rtt;
      bestEstimate = estimate;
      errorMs = bound;
      const next = Math.round(estimate);
      if (next === offsetMs) return;
      offsetMs = next;
      notify();
    },
    get offsetMs() {
      return offsetMs;
    },
    get errorMs() {
      return errorMs;
    },
    now(localNow = Date.now()) {
      return localNow + offsetMs;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * Ms left until `deadline` (server-clock epoch ms), never negative.
 * @param localNow local epoch ms (`Date.now()`).
 * @param offsetMs the server clock's offset ({@link ServerClock.offsetMs}).
 */
export function timeLeft(deadline: number, localNow: number, offsetMs: number): number {
  return Math.max(0, deadline - (localNow + offsetMs));
}

/**
 * True when `deadline` (server-clock epoch ms) has been reached in server time. A `null`
 * deadline (not time-sensitive) never expires.
 */
export function isExpired(deadline: number | null, localNow: number, offsetMs: number): boolean {
  return deadline !== null && localNow + offsetMs >= deadline;
}

/**
 * Formats a duration for a countdown: `"m:ss"` (`"2:00"`, `"0:05"`), or `"h:mm:ss"` from one
 * hour. Rounds **up** to whole seconds, so `"0:00"` appears only once the time is really up.
 * Negative, `NaN` and infinite values read as `"0:00"`.
 */
export function formatTimeLeft(ms: number): string {
  const total = ms > 0 && ms < Infinity ? Math.ceil(ms / 1000) : 0;
  const hours = Math.floor(total / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  const minutes = Math.floor((total % 3600) / 60);
  return `${hours > 0 ? `${hours}:${pad(minutes)}` : minutes}:${pad(total % 60)}`;
}
