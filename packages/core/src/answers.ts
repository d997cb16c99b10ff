import { isExpired } from './clock';
import { findChoice } from './rules';
import type { AnswerValue, Challenge, Choice, ImageChoice, WireAnswer } from './model';

/**
 * The longest typed answer (a PIN, a CAPTCHA's text, a security answer), in UTF-16 code units,
 * that the kit's fields accept and `@mfa-kit/server` forwards; longer ones it refuses with 400
 * `answer_too_long`. A choice's answer is bounded by being one of the challenge's keys.
 */
export const MAX_ANSWER_LENGTH = 256;

/**
 * Why an answer was refused before sending.
 *
 * - `missing`: no value (or, for a choice, nothing selected).
 * - `empty`: typed text that is blank after trimming.
 * - `unknown_choice`: a key the challenge does not offer.
 * - `expired`: the challenge's deadline has passed in server time.
 * - `not_answerable`: the challenge is read-only (`shouldAnswer: false`).
 * - `wrong_type`: a number for a typed answer (it would lose leading zeros of a PIN), or
 *   neither a number nor a string for a choice.
 */
export type AnswerRefusalReason = 'missing' | 'empty' | 'unknown_choice' | 'expired' | 'not_answerable' | 'wrong_type';

/** One refused answer. Carries the challenge id and the reason, never the value. */
export interface AnswerRefusal {
  /** The challenge whose answer was refused. */
  challengeId: number;
  /** Why; see {@link AnswerRefusalReason}. */
  reason: AnswerRefusalReason;
}

/** The result of {@link buildAnswers}. */
export type BuildAnswersResult = { ok: true; answers: WireAnswer[] } | { ok: false; refusals: AnswerRefusal[] };

type Checked = { ok: true; answer: AnswerValue } | { ok: false; reason: AnswerRefusalReason };

const refused = (reason: AnswerRefusalReason): Checked => ({ ok: false, reason });

function check(challenge: Challenge, value: AnswerValue | undefined, localNow: number, offsetMs: number): Checked {
  if (!challenge.shouldAnswer) return refused('not_answerable');
  if (isExpired(challenge.deadline, localNow, offsetMs)) return refused('expired');
  const isChoice = challenge.kind === 'choice' || challenge.kind === 'imageChoice';
  // Typed text is trimmed; a choice key is read exactly as `findChoice` reads it.
  const text = typeof value === 'string' && !isChoice ? value.trim() : value;
  // `null` is not an AnswerValue, but untyped callers (form state) send it for "nothing yet".
  if (text === undefined || text === null || (isChoice && text === '')) return refused('missing');
  if (isChoice) {
    if (typeof text !== 'number' && typeof text !== 'string') return refused('wrong_type');
    // One reading of a key, shared with what the UI shows as chosen; sent as the server wrote it.
    const choice = findChoice<Choice | ImageChoice>(challenge.choices, text);
    return choice ? { ok: true, answer: choice.key } : refused('unknown_choice');
  }
  if (typeof text !== 'string') return refused('wrong_type');
  return text === '' ? refused('empty') : { ok: true, answer: text };
}

/**
 * Checks one answer before sending. Read-only challenges refuse with `not_answerable`, past
 * deadlines (server clock) with `expired`; a choice must be one of the challenge's keys (a
 * numeric string such as `"1"` names key `1`; see `findChoice`); typed text must be non-blank after trimming.
 *
 * @param localNow local epoch ms (`Date.now()`).
 * @param offsetMs the server clock's offset (`ServerClock.offsetMs`).
 * @returns the reason for refusing, or `null` when the answer can be sent.
 */
export function checkAnswer(
  challenge: Challenge,
  value: AnswerValue | undefined,
  localNow: number,
  offsetMs: number,
): AnswerRefusalReason | null {
  const checked = check(challenge, value, localNow, offsetMs);
  return checked.ok ? null : checked.reason;
}

/**
 * The challenges the user must answer: those with `shouldAnswer: true`, in server order.
 */
export function pendingChallenges(challenges: Challenge[]): Challenge[] {
  return challenges.filter((challenge) => challenge.shouldAnswer === true);
}

/**
 * Builds the one answer list for every pending answerable challenge (Quovo wants them all in
 * one request). Read-only challenges are skipped silently. When any answerable challenge has a
 * missing or invalid value, nothing is built and every refusal is returned instead. Text is
 * trimmed and choice keys are sent in the type the server sent them. With no answerable challenge the result
 * is `{ ok: true, answers: [] }`: there is nothing to send, which the caller should not send.
 *
 * @param values what the user entered, by challenge id.
 * @param localNow local epoch ms (`Date.now()`).
 * @param offsetMs the server clock's offset (`ServerClock.offsetMs`).
 */
export function buildAnswers(
  challenges: Challenge[],
  values: Readonly<Record<number, AnswerValue | undefined>>,
  localNow: number,
  offsetMs: number,
): BuildAnswersResult {
  const answers: WireAnswer[] = [];
  const refusals: AnswerRefusal[] = [];
  const seen = new Set<number>();
  for (const challenge of pendingChallenges(challenges)) {
    if (seen.has(challenge.id)) continue;
    seen.add(challenge.id);
    const checked = check(challenge, values[challenge.id], localNow, offsetMs);
    if (checked.ok) answers.push({ challenge_id: challenge.id, answer: checked.answer });
    else refusals.push({ challengeId: challenge.id, reason: checked.reason });
  }
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, answers };
}
