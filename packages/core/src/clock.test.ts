import fc from 'fast-check';
import { createServerClock, formatTimeLeft, isExpired, timeLeft } from './clock';

/** The HTTP `Date` a server whose clock reads `serverMs` would send (truncated to the second). */
const httpDate = (serverMs: number) => new Date(serverMs).toUTCString();

// The realtime PIN's stage two, as Quovo's documentation printed it (fixtures/quovo-v3/realtime-pin-stage2.json).
const stageTwoDeadline = Date.parse('2018-01-28T13:02:10Z');

describe('createServerClock', () => {
  it('reads the local clock until a sample arrives', () => {
    const clock = createServerClock();
    expect(clock.offsetMs).toBe(0);
    expect(clock.errorMs).toBe(Number.POSITIVE_INFINITY);
    expect(clock.now(1_000)).toBe(1_000);
  });

  it('estimates a server five minutes ahead within the stated bound', () => {
    const clock = createServerClock();
    const sentAt = Date.UTC(2024, 5, 1, 10, 0, 0, 250);
    const receivedAt = sentAt + 80;
    // The server stamped its Date 30 ms into the round trip.
    clock.observe({ date: httpDate(sentAt + 30 + 300_000), sentAt, receivedAt });
    expect(clock.errorMs).toBe(80 / 2 + 500);
    expect(Math.abs(clock.offsetMs - 300_000)).toBeLessThanOrEqual(clock.errorMs);
    expect(Math.abs(clock.now(receivedAt) - (receivedAt + 300_000))).toBeLessThanOrEqual(clock.errorMs);
  });

  it('keeps the error within rtt/2 + 500 ms for any skew, round trip and stamping moment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -86_400_000, max: 86_400_000 }), // true offset
        fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 }), // sentAt
        fc.integer({ min: 0, max: 5_000 }), // rtt
        fc.double({ min: 0, max: 1, noNaN: true }), // where in the round trip the server stamped
        (trueOffset, sentAt, rtt, at) => {
          const clock = createServerClock();
          const stampedAt = sentAt + at * rtt;
          clock.observe({ date: httpDate(stampedAt + trueOffset), sentAt, receivedAt: sentAt + rtt });
          // +1 for the rounding of the offset to whole ms.
          return Math.abs(clock.offsetMs - trueOffset) <= clock.errorMs + 1;
        },
      ),
    );
  });

  it('keeps the sample with the smallest round trip', () => {
    const clock = createServerClock();
    const t = Date.UTC(2024, 5, 1, 10, 0, 0, 0);
    clock.observe({ date: httpDate(t + 60_000), sentAt: t, receivedAt: t + 900 });
    expect(clock.errorMs).toBe(950);
    const slowOffset = clock.offsetMs;

    clock.observe({ date: httpDate(t + 10_000 + 60_000), sentAt: t + 10_000, receivedAt: t + 10_040 });
    expect(clock.errorMs).toBe(520);
    const fastOffset = clock.offsetMs;
    expect(fastOffset).not.toBe(slowOffset);

    // A later, slower sample that agrees within both bounds does not displace the better one.
    clock.observe({ date: httpDate(t + 20_000 + 60_700), sentAt: t + 20_000, receivedAt: t + 22_000 });
    expect(clock.offsetMs).toBe(fastOffset);
    expect(clock.errorMs).toBe(520);
  });

  it('follows a clock that stepped, even on a slower round trip', () => {
    const clock = createServerClock();
    const t = Date.UTC(2024, 5, 1, 10, 0, 0, 0);
    clock.observe({ date: httpDate(t + 60_000), sentAt: t, receivedAt: t + 40 });
    expect(Math.abs(clock.offsetMs - 60_000)).toBeLessThanOrEqual(clock.errorMs);

    // The server's clock was advanced two minutes: no interval of the old estimate fits this one.
    clock.observe({ date: httpDate(t + 20_000 + 180_000), sentAt: t + 20_000, receivedAt: t + 22_000 });
    expect(clock.errorMs).toBe(1_500);
    expect(Math.abs(clock.offsetMs - 180_000)).toBeLessThanOrEqual(clock.errorMs);
  });

  it('ignores samples without a readable Date or with a negative round trip', () => {
    const clock = createServerClock();
    clock.observe({ date: null, sentAt: 0, receivedAt: 10 });
    clock.observe({ date: 'not a date', sentAt: 0, receivedAt: 10 });
    clock.observe({ date: httpDate(Date.UTC(2024, 0, 1)), sentAt: 100, receivedAt: 50 });
    expect(clock.offsetMs).toBe(0);
    expect(clock.errorMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('notifies subscribers only when the offset changes, until they unsubscribe', () => {
    const clock = createServerClock();
    const listener = vi.fn();
    const unsubscribe = clock.subscribe(listener);
    const t = Date.UTC(2024, 5, 1, 10, 0, 0, 0);

    clock.observe({ date: httpDate(t + 5_000), sentAt: t, receivedAt: t + 100 });
    expect(listener).toHaveBeenCalledTimes(1);
    // Same offset from an equally fast sample one second later: no news.
    clock.observe({ date: httpDate(t + 6_000), sentAt: t + 1_000, receivedAt: t + 1_100 });
    expect(listener).toHaveBeenCalledTimes(1);
    // A slower sample that agrees within the bounds is ignored.
    clock.observe({ date: httpDate(t + 8_000), sentAt: t + 2_000, receivedAt: t + 3_000 });
    expect(listener).toHaveBeenCalledTimes(1);

    unsubscribe();
    clock.observe({ date: httpDate(t + 3_000 + 9_000), sentAt: t + 3_000, receivedAt: t + 3_010 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('deadlines', () => {
  it('reads the 2018 stage-two deadline as expired unless the clock is set', () => {
    const localNow = Date.UTC(2025, 2, 3, 9, 0, 0);
    expect(isExpired(stageTwoDeadline, localNow, 0)).toBe(true);
    expect(timeLeft(stageTwoDeadline, localNow, 0)).toBe(0);

    // A server whose clock says it is two minutes before the deadline.
    const clock = createServerClock();
    clock.observe({ date: httpDate(stageTwoDeadline - 120_000), sentAt: localNow - 20, receivedAt: localNow });
    expect(isExpired(stageTwoDeadline, localNow, clock.offsetMs)).toBe(false);
    const left = timeLeft(stageTwoDeadline, localNow, clock.offsetMs);
    expect(Math.abs(left - 120_000)).toBeLessThanOrEqual(clock.errorMs);
    expect(formatTimeLeft(left)).toBe('2:00');
    expect(isExpired(stageTwoDeadline, localNow + 121_000, clock.offsetMs)).toBe(true);
  });

  it('counts down against the corrected clock', () => {
    const deadline = 1_000_000;
    expect(timeLeft(deadline, 900_000, 0)).toBe(100_000);
    expect(timeLeft(deadline, 900_000, 60_000)).toBe(40_000);
    expect(timeLeft(deadline, 900_000, -60_000)).toBe(160_000);
    expect(timeLeft(deadline, 2_000_000, 0)).toBe(0);
  });

  it('expires exactly at the deadline, and never without one', () => {
    expect(isExpired(1_000, 999, 0)).toBe(false);
    expect(isExpired(1_000, 1_000, 0)).toBe(true);
    expect(isExpired(1_000, 900, 100)).toBe(true);
    expect(isExpired(null, Number.MAX_SAFE_INTEGER, 0)).toBe(false);
  });
});

describe('formatTimeLeft', () => {
  it('formats m:ss, rounding up to whole seconds', () => {
    expect(formatTimeLeft(120_000)).toBe('2:00');
    expect(formatTimeLeft(5_000)).toBe('0:05');
    expect(formatTimeLeft(4_001)).toBe('0:05');
    expect(formatTimeLeft(1)).toBe('0:01');
    expect(formatTimeLeft(65_000)).toBe('1:05');
    expect(formatTimeLeft(59 * 60_000 + 59_500)).toBe('1:00:00');
  });

  it('formats h:mm:ss from an hour', () => {
    expect(formatTimeLeft(3_600_000)).toBe('1:00:00');
    expect(formatTimeLeft(3_600_000 + 65_000)).toBe('1:01:05');
    expect(formatTimeLeft(10 * 3_600_000)).toBe('10:00:00');
  });

  it('reads zero, negative and non-numbers as 0:00', () => {
    expect(formatTimeLeft(0)).toBe('0:00');
    expect(formatTimeLeft(-5_000)).toBe('0:00');
    expect(formatTimeLeft(Number.NaN)).toBe('0:00');
  });
});
