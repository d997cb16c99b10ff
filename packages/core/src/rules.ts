import type { Step } from './step';
import type { Challenge, Choice, ChoiceChallenge, ChoiceKey } from './model';

/**
 * How a challenge is shown and answered, decided once here so every UI agrees:
 *
 * - `notice`: `should_answer: false`; show its text, never an input, and send nothing.
 * - `choice` / `imageChoice`: pick one option; the answer is the option's key.
 * - `captcha`: type what the image shows.
 * - `pin`: a one-time code typed against the clock (a realtime text challenge: stage two of
 *   the PIN flow); `autocomplete="one-time-code"`, separators dropped.
 * - `question`: free text, kept as typed (a security question).
 */
export type ChallengeField = 'notice' | 'choice' | 'imageChoice' | 'captcha' | 'pin' | 'question';

/** The {@link ChallengeField} of a challenge. */
export function challengeField(challenge: Challenge): ChallengeField {
  if (!challenge.shouldAnswer) return 'notice';
  if (challenge.kind === 'text') return challenge.deadline === null ? 'question' : 'pin';
  return challenge.kind;
}

/**
 * The option among a challenge's `choices` that `value` names, or `undefined`. A value names an option
 * when it is the option's key, or the same key written the other way (`"1"` for `1`, `0` for
 * `"0"`). Nothing else: `"1.0"`, `"0x1"` and `"1e0"` name no option. The UI shows as chosen
 * exactly what this finds, and answers send exactly its key.
 */
export function findChoice<C extends { key: ChoiceKey }>(choices: readonly C[], value: unknown): C | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  return choices.find((choice) => choice.key === value || String(choice.key) === String(value));
}

/**
 * Stage one of a PIN flow: the one answerable challenge is a choice with no deadline (where to
 * send the PIN). Returns it, or `undefined` when `challenges` is anything else.
 */
export function pinDestination(challenges: Challenge[]): ChoiceChallenge | undefined {
  const answerable = challenges.filter((c) => c.shouldAnswer);
  const [only] = answerable;
  return answerable.length === 1 && only?.kind === 'choice' && only.deadline === null ? only : undefined;
}

/**
 * The option of a new stage one that is the destination chosen before (same category and
 * masked value; keys may differ between syncs), or `undefined`.
 */
export function matchDestination(challenge: ChoiceChallenge, previous: Choice): Choice | undefined {
  return challenge.choices.find((c) => c.category === previous.category && c.value === previous.value);
}

/**
 * A string that changes exactly when the user faces something new: the step's type and its
 * challenges, deadline, status or instructions; never its progress. Compare two to decide
 * whether to move focus, fire `step_changed`, or keep what the user typed.
 */
export function stepKey(step: Step | { type: 'idle' }): string {
  const { challenges, deadline, status } = step as { challenges?: Challenge[]; deadline?: number | null; status?: string };
  return [step.type, challenges?.map((c) => c.id).join(), deadline, status].join(';');
}

