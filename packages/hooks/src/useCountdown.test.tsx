import { createServerClock } from '@mfa-kit/core';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCountdown } from './useCountdown';

const NOW = Date.UTC(2018, 0, 28, 13, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves fake time, at most a second per act(), so React renders between ticks as a browser would. */
const tick = (ms: number) => {
  for (let left = ms; left > 0; left -= 1000) {
    act(() => {
      vi.advanceTimersByTime(Math.min(1000, left));
    });
  }
};

describe('useCountdown', () => {
  it('shows the time left and ticks on the second boundary of time left', () => {
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useCountdown(NOW + 90_400);
    });
    expect(result.current).toMatchObject({ timeLeftMs: 90_400, formatted: '1:31', status: 'running' });
    tick(399);
    expect(result.current.formatted).toBe('1:31');
    tick(1);
    expect(result.current).toMatchObject({ timeLeftMs: 90_000, formatted: '1:30' });
    const before = renders;
    tick(10_000);
    expect(result.current.formatted).toBe('1:20');
    expect(renders - before).toBe(10);
  });

  it('warns from 20 s before the end and then expires, stopping its timer', () => {
    const { result } = renderHook(() => useCountdown(NOW + 25_000));
    tick(4_999);
    expect(result.current.status).toBe('running');
    tick(1);
    expect(result.current.status).toBe('warning');
    tick(20_000);
    expect(result.current).toMatchObject({ status: 'expired', timeLeftMs: 0, formatted: '0:00' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('announces when it appears, at one minute, at 30 seconds and when it expires', () => {
    const { result } = renderHook(() => useCountdown(NOW + 120_000));
    expect(result.current.announcement).toEqual({ reason: 'appeared', secondsLeft: 120, text: 'You have 2 minutes to answer.' });
    const first = result.current.announcement;
    tick(30_000);
    expect(result.current.announcement).toBe(first);
    tick(30_000);
    expect(result.current.announcement).toEqual({ reason: 'threshold', secondsLeft: 60, text: '1 minute left.' });
    tick(30_000);
    expect(result.current.announcement?.text).toBe('30 seconds left.');
    tick(30_000);
    expect(result.current.announcement).toMatchObject({ reason: 'expired', secondsLeft: 0, text: 'Time is up. Send a new PIN.' });
  });

  it('rounds the first announcement for speaking, not the display', () => {
    // A 2-minute window seen with the server clock's half-second uncertainty.
    const late = renderHook(() => useCountdown(NOW + 120_600));
    expect(late.result.current.announcement?.text).toBe('You have 2 minutes to answer.');
    expect(late.result.current.formatted).toBe('2:01');
    expect(renderHook(() => useCountdown(NOW + 97_000)).result.current.announcement?.secondsLeft).toBe(95);
    expect(renderHook(() => useCountdown(NOW + 44_400)).result.current.announcement?.secondsLeft).toBe(44);
    expect(renderHook(() => useCountdown(NOW + 300)).result.current.announcement?.secondsLeft).toBe(1);
  });

  it('skips marks above the time left when it appeared', () => {
    const { result } = renderHook(() => useCountdown(NOW + 45_000));
    expect(result.current.announcement?.text).toBe('You have 45 seconds to answer.');
    tick(14_000);
    expect(result.current.announcement?.reason).toBe('appeared');
    tick(1000);
    expect(result.current.announcement?.text).toBe('30 seconds left.');
  });

  it('takes translated announcements, its own marks and warning time', () => {
    const { result } = renderHook(() =>
      useCountdown(NOW + 50_000, {
        warningMs: 45_000,
        announceAt: [40_000],
        formatAnnouncement: ({ reason, secondsLeft }) => `${reason}:${secondsLeft}`,
      }),
    );
    expect(result.current.announcement?.text).toBe('appeared:50');
    tick(5_000);
    expect(result.current.status).toBe('warning');
    tick(5_000);
    expect(result.current.announcement?.text).toBe('threshold:40');
  });

  it('counts against the server clock', () => {
    const clock = createServerClock();
    // The server is five minutes ahead.
    clock.observe({ date: new Date(NOW + 300_000).toUTCString(), sentAt: NOW, receivedAt: NOW });
    const { result } = renderHook(() => useCountdown(NOW + 300_000 + 60_000, { clock }));
    expect(Math.abs(result.current.timeLeftMs - 60_000)).toBeLessThanOrEqual(500);
  });

  it('is right after the tab was hidden for minutes (throttled timers)', () => {
    const { result } = renderHook(() => useCountdown(NOW + 300_000));
    // The tab sleeps: the clock moves three minutes, no timer runs.
    act(() => {
      vi.setSystemTime(NOW + 180_000);
    });
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(result.current.formatted).toBe('2:00');
    // And the next (late) tick computes from the deadline too.
    act(() => {
      vi.setSystemTime(NOW + 249_000);
    });
    tick(1000);
    expect(result.current.formatted).toBe('0:50');
    expect(result.current.announcement?.text).toBe('1 minute left.');
  });

  it('restarts for a new deadline and does nothing without one', () => {
    const { result, rerender } = renderHook(({ deadline }: { deadline: number | null }) => useCountdown(deadline), {
      initialProps: { deadline: null as number | null },
    });
    expect(result.current).toMatchObject({ status: 'running', timeLeftMs: 0, announcement: null });
    expect(vi.getTimerCount()).toBe(0);
    tick(60_000);
    rerender({ deadline: Date.now() + 30_000 });
    expect(result.current).toMatchObject({ timeLeftMs: 30_000, announcement: { reason: 'appeared', secondsLeft: 30 } });
  });

  it('leaves no timer after unmount', () => {
    const { unmount } = renderHook(() => useCountdown(NOW + 60_000));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
