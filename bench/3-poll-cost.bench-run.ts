/**
 * Benchmark 3, CPU: the cost of one poll cycle on the client, `parseSync` (lenient schema and
 * normalization) plus `deriveStep`, for the realtime PIN stage-one payload and for one with
 * 50 challenges; anchor: `JSON.parse` of the same text. Real time (no fake timers), after
 * warm-up; each sample times a batch of calls so the clock's resolution does not matter.
 * Prints figures; asserts nothing.
 */
import { deriveStep, parseSync } from '@mfa-kit/core';
import { createEngine, createManualClock, createSeededRandom } from '@mfa-kit/sandbox';
import { availableParallelism, loadavg } from 'node:os';
import { it } from 'vitest';
import { fixed, printTable } from './support/print';

const WARMUP_MS = 300;
const SAMPLES = 1_500;
/** Each sample runs a batch of at least this long. */
const BATCH_TARGET_NS = 50_000;

interface Stats {
  meanUs: number;
  p50Us: number;
  p95Us: number;
  calls: number;
}

let sink = 0;

function measure(run: () => unknown): Stats {
  const warmUntil = performance.now() + WARMUP_MS;
  while (performance.now() < warmUntil) {
    if (run()) sink++;
  }
  // Calibrate on warm code (the first calls of the warm-up ran in the interpreter), with the
  // median of short probes so that one preemption does not decide the batch size.
  const probes: number[] = [];
  for (let p = 0; p < 21; p++) {
    const p0 = process.hrtime.bigint();
    for (let i = 0; i < 10; i++) if (run()) sink++;
    probes.push(Number(process.hrtime.bigint() - p0) / 10);
  }
  const perCallNs = probes.sort((a, b) => a - b)[10] ?? 1;
  const batch = Math.max(1, Math.ceil(BATCH_TARGET_NS / perCallNs));
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) if (run()) sink++;
    samples.push(Number(process.hrtime.bigint() - t0) / batch / 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return { meanUs: samples.reduce((a, b) => a + b, 0) / samples.length, p50Us: at(0.5), p95Us: at(0.95), calls: SAMPLES * batch };
}

/** The sandbox's stage-one and stage-two wire JSON (core's `emitSync`, as the documentation writes them). */
function payloads() {
  const clock = createManualClock(Date.UTC(2018, 0, 28, 13));
  const engine = createEngine({ clock, random: createSeededRandom(7) });
  const { id } = engine.createConnection('realtime_pin', { start: true });
  const body = () => {
    const response = engine.getSync(id);
    if (response.type !== 'json') throw new Error('bench: the sandbox did not answer with JSON');
    return response.body as { sync: { challenges: Record<string, unknown>[] } };
  };
  clock.advance(3_000);
  const stageOne = body();
  const destination = stageOne.sync.challenges[0];
  engine.answer(id, { answers: [{ challenge_id: destination?.id, answer: 1 }] });
  clock.advance(2_000);
  const pin = body().sync.challenges[0];
  // 50 challenges: the two realtime stages' shapes, alternating, each with its own id.
  const many = structuredClone(stageOne);
  many.sync.challenges = Array.from({ length: 50 }, (_, i) => ({ ...(i % 2 === 0 ? destination : pin), id: 9_000_000 + i }));
  return { now: clock.now(), stageOne: JSON.stringify(stageOne), many: JSON.stringify(many) };
}

it('prints the cost of parseSync + deriveStep per poll', () => {
  const { now, stageOne, many } = payloads();
  const rows: string[][] = [];
  for (const [label, text] of [
    ['realtime PIN stage one', stageOne],
    ['50 challenges', many],
  ] as const) {
    const json: unknown = JSON.parse(text);
    const parsed = parseSync(json);
    if (!parsed.success) throw new Error('bench: the payload does not parse');
    const step = deriveStep(parsed.data, now, 0).type;
    const anchor = measure(() => JSON.parse(text));
    const ours = measure(() => {
      const result = parseSync(json);
      return result.success && deriveStep(result.data, now, 0);
    });
    const whole = measure(() => {
      const result = parseSync(JSON.parse(text));
      return result.success && deriveStep(result.data, now, 0);
    });
    const kb = fixed(text.length / 1024, 1);
    const line = (what: string, s: Stats) => [`${label} (${kb} kB, step ${step}): ${what}`, fixed(s.meanUs, 2), fixed(s.p50Us, 2), fixed(s.p95Us, 2), fixed(s.p50Us / anchor.p50Us, 1), String(s.calls)];
    rows.push(line('JSON.parse (anchor)', anchor), line('parseSync + deriveStep', ours), line('all three (one poll)', whole));
  }
  printTable(
    '3. CPU per poll cycle, microseconds',
    ['payload: what', 'mean', 'p50', 'p95', 'p50 / anchor', 'calls'],
    rows,
    [
      `${SAMPLES} samples after ${WARMUP_MS} ms of warm-up; each sample is a batch of >= ${BATCH_TARGET_NS / 1000} µs, divided by its size (p50/p95 are of batch means).`,
      `parseSync + deriveStep run on the already-parsed object; "all three" starts from the text. (checksum ${sink % 7})`,
      `Read p50 first: the mean and p95 include GC pauses and other processes (load average during the run: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(', ')} on ${String(availableParallelism())} cores).`,
    ],
  );
});
