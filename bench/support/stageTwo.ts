import type { SandboxEngine } from '@mfa-kit/sandbox';
import { vi } from 'vitest';

/**
 * Creates a realtime PIN connection and walks it, through the engine alone (no request is
 * counted), to stage two: "Enter your pin:" with its deadline running. Needs fake time.
 */
export function connectionAtStageTwo(engine: SandboxEngine): number {
  const { id } = engine.createConnection('realtime_pin', { start: true });
  vi.advanceTimersByTime(3_000);
  const stageOne = engine.state(id).challenges[0];
  if (stageOne?.kind !== 'choice') throw new Error('bench: the sandbox did not reach stage one');
  engine.answer(id, { answers: [{ challenge_id: stageOne.id, answer: stageOne.choices[0]?.key ?? 0 }] });
  vi.advanceTimersByTime(2_000);
  const stageTwo = engine.state(id).challenges[0];
  if (stageTwo?.kind !== 'text' || stageTwo.deadline === null) throw new Error('bench: the sandbox did not reach stage two');
  return id;
}
