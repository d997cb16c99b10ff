import { browserEnvironment, formatTimeLeft, timeLeft } from '@mfa-kit/core';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { defaultCountdownAnnouncement } from './strings';
import type { CountdownAnnouncementEvent, CountdownSource, UseCountdownOptions, UseCountdownResult } from './types';

const DEFAULT_ANNOUNCE_AT: readonly number[] = [60_000, 30_000];
const noSubscribe = () => () => {};

/** Time left, rounded for an announcement: to the second, or to 5 s above a minute (at least 1 s). */
const spokenSeconds = (ms: number) => Math.max(1, ms > 60_000 ? Math.round(ms / 5000) * 5 : Math.round(ms / 1000));

/** The countdown's state when `deadline` first shows up, read now: the time of the tick and the time left then. */
function firstTick(deadline: number | null, offsetMs: number) {
  const now = Date.now();
  return { deadline, now, appearedLeftMs: deadline === null ? 0 : timeLeft(deadline, now, offsetMs) };
}

/**
 * A countdown to a realtime challenge's deadline (server-clock epoch ms, e.g.
 * `step.deadline` from {@link useMfaChallenge}), corrected by the server-clock estimate.
 *
 * - Re-renders only the component that calls it, once per second of time left (ticks are
 *   aligned to the second boundary, so `formatted` changes exactly when it should).
 * - Always computes from the deadline and the clock, never by counting ticks, so it is right
 *   after a background tab was throttled for minutes; it also re-reads the time when the tab
 *   becomes visible again.
 * - `status`: `running`, `warning` from `warningMs` before the end (WCAG 2.2.1), `expired`.
 * - `announcement`: what to put in a live region, when the countdown appears, at each
 *   `announceAt` mark and when it expires. The text changes only at those moments.
 * - Renders on the server without touching `window`; no timer is left after unmount.
 *
 * @param source the result of `useMfaChallenge` (its `deadline` and `clock` are used), or a
 *   deadline in server-clock epoch ms, or `null` when nothing is timed (then nothing ticks).
 *
 * @example
 * const mfa = useMfaChallenge(id, { baseUrl: '/api/quovo' });
 * const countdown = useCountdown(mfa);
 * <p data-state={countdown.status}>{countdown.formatted}</p>
 * <p aria-live="polite">{countdown.announcement?.text}</p>
 */
export function useCountdown(source: number | null | CountdownSource, options: UseCountdownOptions = {}): UseCountdownResult {
  const deadline = source !== null && typeof source === 'object' ? source.deadline : source;
  const { clock = source !== null && typeof source === 'object' ? source.clock : undefined, warningMs = 20_000, announceAt = DEFAULT_ANNOUNCE_AT, formatAnnouncement = defaultCountdownAnnouncement } = options;
  const readOffset = () => clock?.offsetMs ?? 0;
  const offsetMs = useSyncExternalStore(clock?.subscribe ?? noSubscribe, readOffset, readOffset);
  const [tick, setTick] = useState(() => firstTick(deadline, offsetMs));

  let current = tick;
  if (tick.deadline !== deadline) {
    // A new deadline: read the time now rather than at the last tick (derived state, set during render).
    current = firstTick(deadline, offsetMs);
    setTick(current);
  }

  const { now, appearedLeftMs } = current;
  const leftMs = deadline === null ? 0 : timeLeft(deadline, now, offsetMs);

  useEffect(() => {
    if (!leftMs) return;
    const refresh = () => setTick((t) => (t.deadline === deadline ? { ...t, now: Date.now() } : t));
    const left = timeLeft(deadline!, Date.now(), offsetMs);
    // Wake exactly when the whole seconds of time left change (at once when it has just run out);
    // and when the tab is visible again, since a background tab's timers are throttled.
    const timer = setTimeout(refresh, left > 0 ? left % 1000 || 1000 : 0);
    const stop = browserEnvironment.subscribe(refresh);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [deadline, offsetMs, now, leftMs]);

  // Only marks crossed since the countdown appeared; after a long hidden tab several may be
  // crossed at once and only the latest one is worth saying.
  const crossed = Math.min(...announceAt.filter((mark) => mark < appearedLeftMs && leftMs <= mark));
  const reason = deadline === null ? null : leftMs <= 0 ? 'expired' : crossed < Infinity ? 'threshold' : 'appeared';
  const secondsLeft = leftMs <= 0 ? 0 : crossed < Infinity ? Math.round(crossed / 1000) : spokenSeconds(appearedLeftMs);
  const announcement = useMemo(() => {
    if (!reason) return null;
    const event: CountdownAnnouncementEvent = { reason, secondsLeft };
    return { ...event, text: formatAnnouncement(event) };
  }, [reason, secondsLeft, formatAnnouncement]);

  return {
    timeLeftMs: leftMs,
    status: reason === 'expired' ? 'expired' : reason && leftMs <= warningMs ? 'warning' : 'running',
    formatted: formatTimeLeft(leftMs),
    announcement,
  };
}
