// @vitest-environment jsdom
/**
 * Benchmark 4, memory: heap after 1,000 mount and unmount cycles of the drop-in `MfaFlow`
 * (each one reads the sync and shows the PIN stage with its countdown running, then is
 * unmounted), of a partner's own UI on the hooks, and the timers left behind; anchor: the
 * same cycles of a trivial component.
 * Needs `--expose-gc`; runs with `--max-opt=0` (the interpreter only) and `--no-flush-bytecode`,
 * all set in vitest.bench.config.ts: with V8's compilers on, the heap also holds their machine
 * code, which keeps growing for thousands of cycles and is not ours. Prints figures; asserts nothing.
 */
import { MfaFlow } from '@mfa-kit/components';
import { act, cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { it, vi } from 'vitest';
import { CustomFlow, newCounts } from './support/CustomFlow';
import { fixed, printTable } from './support/print';
import { BASE_URL, settle, startBenchSandbox } from './support/sandbox';
import { connectionAtStageTwo } from './support/stageTwo';

const CYCLES = 1_000;
const WARMUP_CYCLES = 50;

/**
 * The heap after three full collections, each followed by one turn of the event loop (a real
 * `setImmediate`; the benches fake only timeouts, intervals and `Date`). The turn lets
 * FinalizationRegistry callbacks run: Node's fetch registers every request's abort link in
 * one, and without the turn their backlog read as a heap step of up to 3 MB.
 */
async function collect(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bench: run with node --expose-gc (vitest.bench.config.ts sets execArgv)');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

interface CycleFigures {
  before: number;
  half: number;
  after: number;
  /** The most timers pending right after any unmount (and its flush). */
  maxTimersLeft: number;
  /** Timers pending after the last cycle. */
  timersLeft: number;
  /** Elements left in document.body after the last cycle. */
  nodesLeft: number;
  ms: number;
}

async function cycles(element: () => ReactElement, mounted: (container: HTMLElement) => boolean): Promise<CycleFigures> {
  const once = async () => {
    const { container } = render(element());
    for (let round = 0; !mounted(container); round++) {
      if (round > 50) throw new Error('bench: the component never reached the state to measure');
      await settle(1);
    }
    cleanup();
    // Let unmount-time work finish: the hook's microtask abort, react-query's batched
    // notifications, and jsdom's own 0 ms `selectionchange` timer from focusing the PIN input
    // (made during a fake-timer tick, so due 1 ms later). A timer of ours would be longer.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    return vi.getTimerCount();
  };
  for (let i = 0; i < WARMUP_CYCLES; i++) await once();
  const before = await collect();
  let maxTimersLeft = 0;
  let half = 0;
  let ms = 0;
  for (let i = 1; i <= CYCLES; i++) {
    const t0 = performance.now();
    maxTimersLeft = Math.max(maxTimersLeft, await once());
    ms += performance.now() - t0;
    // Halfway, to tell a plateau from steady growth.
    if (i === CYCLES / 2) half = await collect();
  }
  const after = await collect();
  return { before, half, after, maxTimersLeft, timersLeft: vi.getTimerCount(), nodesLeft: document.body.childElementCount, ms };
}

function Trivial() {
  return <p>Hello</p>;
}

it('prints the heap after 1,000 mount/unmount cycles and the timers left', async () => {
  // Only count the requests: a log of every one would grow with the cycles being measured.
  const sb = startBenchSandbox({ pinWindowMs: 120_000, recordRequests: false });
  const id = connectionAtStageTwo(sb.engine);
  const flow = await cycles(
    () => <MfaFlow connectionId={id} baseUrl={BASE_URL} autoStart={false} />,
    (container) => container.querySelector('[role="timer"]') !== null,
  );
  const ownUi = await cycles(
    () => <CustomFlow connectionId={id} autoStart={false} counts={newCounts()} onResult={() => {}} />,
    (container) => container.querySelector('[data-part="countdown"]') !== null,
  );
  const reads = sb.requestCount;
  const anchor = await cycles(
    () => <Trivial />,
    () => true,
  );
  sb.close();

  const mb = (bytes: number) => fixed(bytes / 1024 / 1024, 2);
  const row = (label: string, f: CycleFigures) => [
    label,
    mb(f.before),
    mb(f.half),
    mb(f.after),
    mb(f.after - f.before),
    fixed((f.after - f.before) / CYCLES, 0),
    `${f.maxTimersLeft} / ${f.timersLeft}`,
    String(f.nodesLeft),
    fixed(f.ms / CYCLES, 2),
  ];
  printTable(
    `4. Memory: heap after ${CYCLES.toLocaleString('en')} mount/unmount cycles (after ${WARMUP_CYCLES} warm-up cycles, gc() before each reading)`,
    ['', 'heap before MB', `after ${CYCLES / 2}`, `after ${CYCLES}`, 'delta MB', 'B / cycle', 'timers left (max / end)', 'DOM left', 'ms / cycle'],
    [
      row('MfaFlow at the PIN stage (countdown running)', flow),
      row('own UI: useMfaChallenge + useCountdown', ownUi),
      row('trivial component (anchor)', anchor),
    ],
    [
      `Each flow cycle reads the sync from the sandbox (MSW) and renders the PIN stage and its countdown: ${reads} GETs in all.`,
      'Timers: vi.getTimerCount() after each unmount and a 1 ms flush (jsdom queues a 0 ms selectionchange timer when the PIN input is focused).',
    ],
  );
});
