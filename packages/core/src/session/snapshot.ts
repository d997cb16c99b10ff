/**
 * The public snapshot, derived from the machine's state: nothing here is stored anywhere else.
 * Unchanged parts keep their identity, so renders that compare them can skip.
 */
import { pendingChallenges } from '../answers';
import { askedAgain, challengesOf, connectivityOf, deadlineOf, requestOf, same, type MachineState } from './machine';
import type { MfaSnapshot } from './types';

/** The snapshot of `state` at local time `now`; `previous` when nothing it shows changed. */
export function buildSnapshot(state: MachineState, previous?: MfaSnapshot): MfaSnapshot {
  // Same step, same progress: keep the old object.
  const step = previous && same(previous.step, state.shown.step) ? previous.step : state.shown.step;
  const challenges = challengesOf(step);
  const request = requestOf(state.io);
  const asked = step.type === 'answer' ? pendingChallenges(challenges) : [];
  const matches = asked.flatMap((c) => state.answered.map((before) => askedAgain(c, before)));
  const next: MfaSnapshot = {
    step,
    sync: state.sync,
    challenges,
    answers: state.answers,
    refusals: state.refusals,
    request,
    isSubmitting: request === 'submitting' || request === 'confirming',
    isStarting: request === 'starting',
    error: state.error?.error ?? null,
    connectivity: connectivityOf(state),
    deadline: deadlineOf(step),
    canSubmit: step.type === 'answer' && challenges.some((c) => c.shouldAnswer) && request === 'idle',
    reasked: matches.includes('same') ? 'same' : matches.includes('other') ? 'other' : null,
  };
  if (!previous) return next;
  const changed = (Object.keys(next) as (keyof MfaSnapshot)[]).some((key) => next[key] !== previous[key]);
  return changed ? next : previous;
}
