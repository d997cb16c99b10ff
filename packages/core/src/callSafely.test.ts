/**
 * Partner code that throws (a clock listener, a session callback or snapshot listener) breaks
 * nothing of the kit's: its error is rethrown apart, in a microtask. Microtasks queued with
 * `queueMicrotask` are captured here instead of run, so the rethrown errors can be inspected
 * (the promise jobs the session awaits are not `queueMicrotask` and still run).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callSafely } from './callSafely';
import { createServerClock } from './clock';
import type { SyncResult } from './client';
import type { SyncState } from './model';
import { createMfaSession } from './session';

afterEach(() => {
  vi.restoreAllMocks();
});

function captureMicrotasks() {
  const queued: (() => void)[] = [];
  vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => void queued.push(task));
  return queued;
}

describe('callSafely', () => {
  it('calls with the arguments; a thrown error is not thrown here but rethrown by a microtask', () => {
    const queued = captureMicrotasks();
    const seen = vi.fn();
    callSafely(seen, 1, 'a');
    expect(seen).toHaveBeenCalledWith(1, 'a');
    expect(queued).toEqual([]);

    const boom = new Error('boom');
    expect(() =>
      callSafely(() => {
        throw boom;
      }),
    ).not.toThrow();
    expect(queued).toHaveLength(1);
    expect(() => queued[0]!()).toThrow(boom);

    callSafely(undefined);
    expect(queued).toHaveLength(1);
  });

  it('a clock listener that throws silences neither the next listener nor the response that fed the sample', () => {
    const queued = captureMicrotasks();
    const clock = createServerClock();
    const next = vi.fn();
    clock.subscribe(() => {
      throw new Error('listener');
    });
    clock.subscribe(next);
    const sentAt = Date.UTC(2018, 0, 28, 13, 0, 0);
    expect(() => clock.observe({ date: new Date(sentAt + 60_000).toUTCString(), sentAt, receivedAt: sentAt + 40 })).not.toThrow();
    expect(clock.offsetMs).not.toBe(0);
    expect(next).toHaveBeenCalledTimes(1);
    expect(queued).toHaveLength(1);
    expect(() => queued[0]!()).toThrow('listener');
  });

  it('session callbacks and a snapshot listener that throw do not stop the flow', async () => {
    const queued = captureMicrotasks();
    const good: SyncState = { connectionId: 7, status: 'good', progress: { state: null, percent: null, message: null }, challenges: [], configInstructions: null };
    const reply = async (): Promise<SyncResult> => ({ sync: good, date: null, rttMs: 1, sentAt: 0, receivedAt: 1 });
    const onComplete = vi.fn();
    const session = createMfaSession({
      connectionId: 7,
      transport: { getSync: reply, startSync: reply, answer: reply },
      onEvent: () => {
        throw new Error('onEvent');
      },
      onStepChange: () => {
        throw new Error('onStepChange');
      },
      onComplete,
    });
    const stop = session.subscribe(() => {
      throw new Error('listener');
    });
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(session.getSnapshot().step.type).toBe('done');
    const messages = queued.map((task) => {
      try {
        task();
        return 'ran';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(new Set(messages)).toEqual(new Set(['onEvent', 'onStepChange', 'listener']));
    stop();
    session.destroy();
  });
});
