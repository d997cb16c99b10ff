/**
 * Writing the model back to the wire, strictly: one envelope, every field present, canonical
 * types. The sandbox builds all of its JSON here, so `parseSync(emitSync(s))` gives back `s`.
 */
import type { AnswerBody, AnswerValue, Challenge, ChoiceKey, ImageInput, SyncState, WireAnswer } from './model';

/** A choice as emitted: `{"key": 0, "value": "xxx-xxx-0695", "category": "Voice"}`. */
export interface WireChoice {
  /** The key to answer with, as the server sent it. */
  key: ChoiceKey;
  /** The option's text. */
  value: string;
  /** `Voice`, `Text`, another string, or `null`. */
  category: string | null;
}

/** An image choice as emitted: the image goes in `value`; `label` only when there is one. */
export interface WireImageChoice {
  /** The key to answer with, as the server sent it. */
  key: ChoiceKey;
  /** The image, as given in the model. */
  value: ImageInput;
  /** The caption, when the model has one. */
  label?: string;
}

/** The fields every emitted challenge carries. */
export interface WireChallengeBase {
  /** The challenge id. */
  id: number;
  /** The connection the challenge belongs to. */
  connection_id: number;
  /** The question text. */
  question: string;
  /** `false`: shown read-only, not answered. */
  should_answer: boolean;
  /** ISO-8601 with `Z` (`"2018-01-28T13:02:10.000Z"`), or `null` when not time-sensitive. */
  expires: string | null;
}

/** A multiple-choice challenge; `type` is `question` for the realtime PIN's stage one, as Quovo writes it. */
export interface WireChoiceChallenge extends WireChallengeBase {
  /** `choices`, or `question` as the documentation writes the PIN's stage one. */
  type: 'choices' | 'question';
  /** The options. */
  choices: WireChoice[];
}

/** A free-text question. */
export interface WireQuestionChallenge extends WireChallengeBase {
  /** Always `question`. */
  type: 'question';
}

/** A CAPTCHA: type the characters in `image`. */
export interface WireImageChallenge extends WireChallengeBase {
  /** Always `image`. */
  type: 'image';
  /** The image, as given in the model. */
  image: ImageInput;
}

/** Pick the right image. */
export interface WireImageChoicesChallenge extends WireChallengeBase {
  /** Always `image_choices`. */
  type: 'image_choices';
  /** The options. */
  image_choices: WireImageChoice[];
}

/** A challenge as emitted. */
export type WireChallenge =
  | WireChoiceChallenge
  | WireQuestionChallenge
  | WireImageChallenge
  | WireImageChoicesChallenge;

/** The progress object as emitted: all three fields, `null` where unknown. */
export interface WireProgress {
  /** The server's stage name. */
  state: string | null;
  /** 0–100. */
  percent: number | null;
  /** A human message. */
  message: string | null;
}

/** A sync object as emitted. */
export interface WireSync {
  /** The connection id, or `null` when the model has none. */
  connection_id: number | null;
  /** The status, verbatim. */
  status: string;
  /** The progress. */
  progress: WireProgress;
  /** The pending challenges, always an array. */
  challenges: WireChallenge[];
  /** The `user_config` instructions, or `null`. */
  config_instructions: string | null;
}

/** The strict response body of GET and POST /sync: `{"sync": {...}}`. */
export interface WireSyncEnvelope {
  /** The sync object. */
  sync: WireSync;
}

/** The largest magnitude a JavaScript Date can hold, in ms. */
const MAX_TIME = 8.64e15;

function invalid(where: string, what: string): never {
  throw new TypeError(`cannot emit ${where}: ${what}`);
}

function integer(value: number, where: string): number {
  if (!Number.isSafeInteger(value)) invalid(where, 'not a safe integer');
  return value;
}

function choiceKey(value: ChoiceKey, where: string): ChoiceKey {
  if (typeof value === 'string' ? !/^\s*-?\d{1,16}\s*$/.test(value) : !Number.isSafeInteger(value)) invalid(where, 'not an integer key');
  return value;
}

function text(value: string, where: string): string {
  if (typeof value !== 'string') invalid(where, 'not a string');
  return value;
}

function boolean(value: boolean, where: string): boolean {
  if (typeof value !== 'boolean') invalid(where, 'not a boolean');
  return value;
}

function nullableText(value: string | null, where: string): string | null {
  return value === null ? null : text(value, where);
}

function emitImage(image: ImageInput, where: string): ImageInput {
  if (typeof image === 'string') return image;
  if (typeof image !== 'object' || image === null || typeof image.source !== 'string') {
    invalid(where, 'not a string or {source}');
  }
  // A copy, so later edits of the model cannot reach emitted JSON (and no stray fields leak).
  return image.html === undefined ? { source: image.source } : { source: image.source, html: nullableText(image.html, `${where}.html`) };
}

function emitExpires(deadline: number | null, where: string): string | null {
  if (deadline === null) return null;
  if (typeof deadline !== 'number' || !Number.isFinite(deadline) || Math.abs(deadline) > MAX_TIME) {
    invalid(where, 'not a valid epoch ms deadline');
  }
  return new Date(deadline).toISOString();
}

function emitChallenge(challenge: Challenge, index: number): WireChallenge {
  const at = `challenges[${index}]`;
  const base: WireChallengeBase = {
    id: integer(challenge.id, `${at}.id`),
    connection_id: integer(challenge.connectionId, `${at}.connectionId`),
    question: text(challenge.prompt, `${at}.prompt`),
    should_answer: boolean(challenge.shouldAnswer, `${at}.shouldAnswer`),
    expires: emitExpires(challenge.deadline, `${at}.deadline`),
  };
  switch (challenge.kind) {
    case 'choice':
      return {
        ...base,
        type: challenge.wireType === 'question' ? 'question' : 'choices',
        choices: challenge.choices.map((choice, i) => ({
          key: choiceKey(choice.key, `${at}.choices[${i}].key`),
          value: text(choice.value, `${at}.choices[${i}].value`),
          category: nullableText(choice.category, `${at}.choices[${i}].category`),
        })),
      };
    case 'text':
      return { ...base, type: 'question' };
    case 'captcha':
      return { ...base, type: 'image', image: emitImage(challenge.image, `${at}.image`) };
    case 'imageChoice':
      return {
        ...base,
        type: 'image_choices',
        image_choices: challenge.choices.map((choice, i) => {
          const out: WireImageChoice = {
            key: choiceKey(choice.key, `${at}.choices[${i}].key`),
            value: emitImage(choice.image, `${at}.choices[${i}].image`),
          };
          if (choice.label !== null) out.label = text(choice.label, `${at}.choices[${i}].label`);
          return out;
        }),
      };
    default:
      return invalid(`${at}.kind`, 'not a known challenge kind');
  }
}

function emitPercent(percent: number | null): number | null {
  if (percent === null) return null;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    invalid('progress.percent', 'not a number from 0 to 100');
  }
  return percent;
}

/**
 * Writes a sync as the strict wire envelope `{ sync: { connection_id, status, progress:
 * {state, percent, message}, challenges, config_instructions } }`. Choice challenges keep
 * their `wireType` when it is `question` or `choices` (so the realtime PIN's stage one reads as
 * the documentation writes it), else `choices`; text challenges are `question`, captchas
 * `image`, image choices `image_choices`. Deadlines become ISO-8601 with `Z`.
 *
 * `parseSync(emitSync(s))` deep-equals `s` for every model `parseSync` can produce from it,
 * i.e. when each `wireType` is what is emitted for its kind (text: `question`, …).
 *
 * @throws TypeError when the state is not a valid model (an id that is not a safe integer, a
 *   deadline outside the Date range, a percent outside 0–100, an unknown kind): emitting it
 *   would produce a body that no client reads back as the same state.
 */
export function emitSync(state: SyncState): WireSyncEnvelope {
  const { progress } = state;
  return {
    sync: {
      connection_id: state.connectionId === null ? null : integer(state.connectionId, 'connectionId'),
      status: text(state.status, 'status'),
      progress: {
        state: nullableText(progress.state, 'progress.state'),
        percent: emitPercent(progress.percent),
        message: nullableText(progress.message, 'progress.message'),
      },
      challenges: state.challenges.map(emitChallenge),
      config_instructions: nullableText(state.configInstructions, 'configInstructions'),
    },
  };
}

function emitAnswerValue(answer: AnswerValue, where: string): AnswerValue {
  if (typeof answer === 'string') return answer;
  if (typeof answer === 'number' && Number.isFinite(answer)) return answer;
  // The message names the place, never the value: answers may be PINs.
  return invalid(where, 'not a finite number or a string');
}

/**
 * Writes the body of an answering POST /sync: `{ answers: [{ challenge_id, answer }] }`, with
 * no other fields.
 *
 * @throws TypeError when a `challenge_id` is not a safe integer or an answer is neither a
 *   finite number nor a string. The message never contains the answer.
 */
export function emitAnswerBody(answers: WireAnswer[]): AnswerBody {
  if (!Array.isArray(answers)) invalid('answers', 'not an array');
  return {
    answers: answers.map((a, i) => ({
      challenge_id: integer(a.challenge_id, `answers[${i}].challenge_id`),
      answer: emitAnswerValue(a.answer, `answers[${i}].answer`),
    })),
  };
}
