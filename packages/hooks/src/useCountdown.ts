import { formatTimeLeft, timeLeft } from '@mfa-kit/core';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { canUseDOM, listen } from './environment';
import { defaultCountdownAnnouncement } from './strings';
import type { CountdownAnnouncementEvent, CountdownStatus, UseCountdownOptions, UseCountdownResult } from './types';

const DEFAULT_WARNING_MS = 20_000;
const DEFAULT_ANNOUNCE_AT: readonly number[] = [60_000, 30_000];
const noSubscribe = () => () => {};

interface Tick {
  /** The deadline this tick belongs to (a new deadline resets the countdown). */
  deadline: number | null;
  /** Local epoch ms of the last tick. */
  now: number;
  /** Time left when the deadline first appeared, for the `appeared` announcement. */
  appearedLeftMs: number;
}

/** The countdown's state when `deadline` first shows up, read now. */
function firstTick(deadline: number | null, offsetMs: number): Tick {
  const now = Date.now();
  return { deadline, now, appearedLeftMs: deadline === null ? 0 : timeLeft(deadline, now, offsetMs) };
}

function announcementFor(leftMs: number, appearedLeftMs: number, announceAt: readonly number[]): CountdownAnnouncementEvent {
  if (leftMs <= 0) return { reason: 'expired', secondsLeft: 0 };
  // Only marks crossed since the countdown appeared; after a long hidden tab several may be
  // crossed at once and only the latest one is worth saying.
  let crossed: number | null = null;
  for (const mark of announceAt) {
    if (mark < appearedLeftMs && leftMs <= mark && (crossed === null || mark < crossed)) crossed = mark;
  }
  if (crossed !== null) return { reason: 'threshold', secondsLeft: Math.round(crossed / 1000) };
  return { reason: 'appeared', secondsLeft: Math.ceil(appearedLeftMs / 1000) };
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
 * @param deadline server-clock epoch ms, or `null` when nothing is timed (then nothing ticks).
 *
 * @example
 * const { step, clock } = useMfaChallenge(id, transport);
 * const countdown = useCountdown(step.type === 'answer' ? step.deadline : null, { clock });
 * <p data-state={countdown.status}>{countdown.formatted}</p>
 * <p aria-live="polite">{countdown.announcement?.text}</p>
 */
export function useCountdown(deadline: number | null, options: UseCountdownOptions = {}): UseCountdownResult {
  const { clock, warningMs = DEFAULT_WARNING_MS, announceAt = DEFAULT_ANNOUNCE_AT, formatAnnouncement } = options;
  const readOffset = () => clock?.offsetMs ?? 0;
  const offsetMs = useSyncExternalStore(clock ? clock.subscribe : noSubscribe, readOffset, readOffset);
  const [tick, setTick] = useState(() => firstTick(deadline, offsetMs));

  let current = tick;
  if (tick.deadline !== deadline) {
    // A new deadline: read the time now rather than at the last tick (derived state, set during render).
    current = firstTick(deadline, offsetMs);
    setTick(current);
  }

  const leftMs = deadline === null ? 0 : timeLeft(deadline, current.now, offsetMs);

  useEffect(() => {
    if (deadline === null) return;
    const refresh = () => setTick((t) => (t.deadline === deadline ? { ...t, now: Date.now() } : t));
    const left = timeLeft(deadline, Date.now(), offsetMs);
    const unlisten = canUseDOM()
      ? listen(document, ['visibilitychange'], () => {
          if (document.visibilityState === 'visible') refresh();
        })
      : undefined;
    // Wake exactly when the whole seconds of time left change.
    const timer = left > 0 ? setTimeout(refresh, left % 1000 || 1000) : undefined;
    if (left <= 0 && leftMs > 0) refresh();
    return () => {
      clearTimeout(timer);
      unlisten?.();
    };
  }, [deadline, offsetMs, current.now, leftMs]);

  const status: CountdownStatus = deadline === null ? 'running' : leftMs <= 0 ? 'expired' : leftMs <= warningMs ? 'warning' : 'running';
  const event = deadline === null ? null : announcementFor(leftMs, current.appearedLeftMs, announceAt);
  const reason = event?.reason;
  const secondsLeft = event?.secondsLeft;
  const announcement = useMemo(() => {
    if (reason === undefined || secondsLeft === undefined) return null;
    const e: CountdownAnnouncementEvent = { reason, secondsLeft };
    return { ...e, text: (formatAnnouncement ?? defaultCountdownAnnouncement)(e) };
  }, [reason, secondsLeft, formatAnnouncement]);

  return { timeLeftMs: leftMs, status, formatted: formatTimeLeft(leftMs), announcement };
}
