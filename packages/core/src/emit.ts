/**
 * Writing the model back to the wire, strictly: one envelope, every field present, canonical
 * types. What is written is checked against core's strict zod schemas (schemas.ts), so nothing
 * leaves that they would refuse. The sandbox builds all of its JSON here, so
 * `parseSync(emitSync(s))` gives back `s`.
 */
import type * as z from 'zod/mini';
import type { AnswerBody, Challenge, ImageInput, SyncState, WireAnswer } from './model';
import { fieldName, strictAnswerBodySchema, strictSyncSchema, type WireSyncEnvelope } from './schemas';

/** The largest magnitude a JavaScript Date can hold, in ms. */
const MAX_TIME = 8.64e15;

function invalid(where: string, what: string): never {
  throw new TypeError(`cannot emit ${where}: ${what}`);
}

/** The model's names for the wire's, so that a refusal names the field the caller set. */
const MODEL_NAMES: Record<string, string> = {
  connection_id: 'connectionId',
  question: 'prompt',
  should_answer: 'shouldAnswer',
  expires: 'deadline',
  config_instructions: 'configInstructions',
  image_choices: 'choices',
};

/**
 * Checks what was written against its strict schema and gives back the schema's copy (so later
 * edits of the model cannot reach emitted JSON, and no stray field leaks).
 *
 * @throws TypeError naming the first refused field by its model name (`challenges[0].deadline`),
 *   with what it must be; never the value.
 */
function strictly<T>(schema: z.ZodMiniType<T>, wire: unknown): T {
  const result = schema.safeParse(wire);
  if (result.success) return result.data;
  // A failed parse has at least one issue.
  const { path, message } = result.error.issues[0]!;
  const keys = path[0] === 'sync' ? path.slice(1) : path;
  // An image choice's image is written to `value`.
  const names = keys.map((key, i) => (key === 'value' && keys[i - 2] === 'image_choices' ? 'image' : (MODEL_NAMES[key as string] ?? key)));
  return invalid(fieldName(names), message);
}

/** A copy without stray fields; `html` only when the model has it. */
const copyImage = (image: ImageInput): unknown =>
  typeof image === 'object' && image !== null && image.html === undefined ? { source: image.source } : image;

/** ISO-8601 with `Z`; a deadline that is no moment is passed on as it is, for the strict schema to refuse. */
const expires = (deadline: number | null): unknown =>
  typeof deadline === 'number' && Math.abs(deadline) <= MAX_TIME ? new Date(deadline).toISOString() : deadline;

function wireChallenge(challenge: Challenge, index: number) {
  const base = {
    id: challenge.id,
    connection_id: challenge.connectionId,
    question: challenge.prompt,
    should_answer: challenge.shouldAnswer,
    expires: expires(challenge.deadline),
  };
  switch (challenge.kind) {
    case 'choice':
      return {
        ...base,
        type: challenge.wireType === 'question' ? 'question' : 'choices',
        choices: challenge.choices.map(({ key, value, category }) => ({ key, value, category })),
      };
    case 'text':
      return { ...base, type: 'question' };
    case 'captcha':
      return { ...base, type: 'image', image: copyImage(challenge.image) };
    case 'imageChoice':
      return {
        ...base,
        type: 'image_choices',
        image_choices: challenge.choices.map(({ key, image, label }) =>
          label === null ? { key, value: copyImage(image) } : { key, value: copyImage(image), label },
        ),
      };
    default:
      return invalid(`challenges[${index}].kind`, 'not a known challenge kind');
  }
}

/**
 * Writes a sync as the strict wire envelope `{ sync: { connection_id, status, progress:
 * {state, percent, message}, challenges, config_instructions } }` ({@link strictSyncSchema}).
 * Choice challenges keep their `wireType` when it is `question` or `choices` (so the realtime
 * PIN's stage one reads as the documentation writes it), else `choices`; text challenges are
 * `question`, captchas `image`, image choices `image_choices`. Deadlines become ISO-8601 with `Z`.
 *
 * `parseSync(emitSync(s))` deep-equals `s` for every model `parseSync` can produce from it,
 * i.e. when each `wireType` is what is emitted for its kind (text: `question`, …).
 *
 * @throws TypeError when the state is not a valid model (an id that is not a safe integer, a
 *   deadline outside the Date range, a percent outside 0–100, an unknown kind): emitting it
 *   would produce a body that no client reads back as the same state. The message names the
 *   model's field (`challenges[0].deadline`).
 */
export function emitSync(state: SyncState): WireSyncEnvelope {
  const { progress } = state;
  return strictly(strictSyncSchema, {
    sync: {
      connection_id: state.connectionId,
      status: state.status,
      progress: { state: progress.state, percent: progress.percent, message: progress.message },
      challenges: state.challenges.map(wireChallenge),
      config_instructions: state.configInstructions,
    },
  });
}

/**
 * Writes the body of an answering POST /sync: `{ answers: [{ challenge_id, answer }] }`, with
 * no other fields ({@link strictAnswerBodySchema}).
 *
 * @throws TypeError when a `challenge_id` is not a safe integer or an answer is neither a
 *   finite number nor a string. The message never contains the answer.
 */
export function emitAnswerBody(answers: WireAnswer[]): AnswerBody {
  if (!Array.isArray(answers)) invalid('answers', 'not an array');
  return strictly(strictAnswerBodySchema, { answers: answers.map(({ challenge_id, answer }) => ({ challenge_id, answer })) });
}
