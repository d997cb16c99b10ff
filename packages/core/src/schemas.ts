/**
 * Lenient zod/mini schemas for the Quovo v3 wire format (see docs/protocol.md).
 *
 * Each schema reads what Quovo (or its documentation) may send and yields the normalized model
 * of model.ts, so the wire quirks live here and nowhere else. They accept unknown fields
 * (and drop them), numeric strings for ids and keys, missing optional fields and the documented
 * aliases; they refuse data whose structure is wrong (a challenge without an id, `challenges`
 * that is not an array, a choice without a key) with an issue that names the field, never with
 * an exception. Cosmetic fields (`progress`, a choice's `category`, an image choice's `label`)
 * never fail a parse: a value of the wrong type reads as `null`.
 *
 * Messages are our own, because zod/mini ships no locale. Each schema below says only what it
 * expects (`must be text`); `withMessages` puts the field's name in front, written from
 * the issue's path, or says `is missing` when there was no value. So every message reads
 * "sync.challenges[0].id is missing" or "… must be an integer", and none can repeat the value
 * it refused.
 */
import * as z from 'zod/mini';
import { isEnvelope, isRecord } from './envelope';
import type { AnswerBody, Challenge, ImageInput, SyncProgress, SyncStatus } from './model';

type DraftOf<C> = C extends Challenge ? Omit<C, 'connectionId'> & { connectionId: number | null } : never;

/**
 * A challenge as {@link wireChallengeSchema} reads it: a {@link Challenge} whose `connectionId`
 * is `null` when the challenge carries no `connection_id` (the sync's, or the caller's, fills
 * it in; see `parseSync`).
 */
export type ChallengeDraft = DraftOf<Challenge>;

/**
 * A sync as {@link wireSyncSchema} reads it: a `SyncState` whose challenges may still lack a
 * connection id when neither they nor the sync carry one. `parseSync` resolves those from its
 * context, or reports them.
 */
export interface SyncDraft {
  /** The sync's `connection_id`, or `null` when the payload has none. */
  connectionId: number | null;
  /** The status, `questions` read as `challenges`; unknown strings verbatim. */
  status: SyncStatus;
  /** The progress, every part `null` when absent or unreadable. */
  progress: SyncProgress;
  /** The challenges, in server order; challenges without their own id take the sync's. */
  challenges: ChallengeDraft[];
  /** The `user_config` instructions, as text, or `null`. */
  configInstructions: string | null;
}

const OBJECT = 'must be an object';
const ARRAY = 'must be an array';

type Issues = { issues: z.core.$ZodRawIssue[] };

/** Records that `input`, at `path` below the schema, is not what the schema expects. */
function refuse(ctx: Issues, expected: string, input: unknown, path: PropertyKey[] = []): never {
  ctx.issues.push({ code: 'custom', message: `must be ${expected}`, input, path });
  return z.NEVER;
}

/** A schema for one value, read by a plain function that answers `undefined` for what it refuses. */
function reader<O>(read: (input: unknown) => O | undefined, expected: string): z.ZodMiniType<O, unknown> {
  return z.transform((input: unknown, ctx) => read(input) ?? refuse(ctx, expected, input)) as never;
}

/** A number, or a string `pattern` accepts read as one; `NaN` for anything else. */
function readNumber(input: unknown, pattern: RegExp): number {
  return typeof input === 'number' ? input : typeof input === 'string' && pattern.test(input) ? Number(input) : Number.NaN;
}

function readInteger(input: unknown): number | undefined {
  const n = readNumber(input, /^\s*-?\d{1,16}\s*$/);
  // `+ 0`: `-0` is no id anyone sent on purpose, and it would not survive JSON.
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}

/** An id: a safe integer, or one written as a numeric string. */
const integer = reader(readInteger, 'an integer');

/** A choice key: an integer, kept in the type it came in so the answer echoes it (`"0"` stays `"0"`). */
const choiceKey = reader((input) => (readInteger(input) === undefined ? undefined : (input as number | string)), 'an integer');

const readText = (input: unknown) => (typeof input === 'string' ? input : undefined);

/** Text; `must be text` otherwise (or `is missing`). */
const text = reader(readText, 'text');

/** Cosmetic text: anything but a string reads as `null`. */
const cosmeticText = z.transform((input: unknown) => readText(input) ?? null);

function readPercent(input: unknown): number | null {
  const n = readNumber(input, /^\s*-?\d+(\.\d+)?\s*$/);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : null;
}

/** Cosmetic as a whole: anything but an object reads as no progress, and each part as `null` when unreadable. */
const progressSchema = z.transform(
  (input: unknown): SyncProgress => {
    const { state, percent, message } = isRecord(input) ? input : {};
    return { state: readText(state) ?? null, percent: readPercent(percent), message: readText(message) ?? null };
  },
);

// Month, day, hours, minutes and seconds are range-checked here; the day against its month below.
const TIMESTAMP =
  /^([+-]\d{6}|\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:[.,](\d{1,9}))?)?\s*(?:[Zz]|([+-])([01]\d|2[0-3])(?::?([0-5]\d))?)?)?$/;

/**
 * An ISO-8601 timestamp as epoch ms; without an offset it is UTC (never the local zone, which
 * is what `Date.parse` would assume). `undefined` when it is not a real moment.
 */
function readTimestamp(input: unknown): number | undefined {
  const m = typeof input === 'string' ? TIMESTAMP.exec(input.trim()) : null;
  if (!m || m[1] === '-000000') return undefined;
  const [, year, month, day, hours = 0, minutes = 0, seconds = 0, fraction = '', sign, offsetHours = 0, offsetMinutes = 0] = m;
  const date = new Date(0);
  // setUTCFullYear rather than Date.UTC, which reads years 0–99 as 1900–1999.
  date.setUTCFullYear(+year!, +month! - 1, +day!);
  if (date.getUTCDate() !== +day!) return undefined; // 31 April, 29 February in a common year
  date.setUTCHours(+hours, +minutes, +seconds, +`${fraction}00`.slice(0, 3));
  const time = date.getTime() - (sign === '-' ? -1 : 1) * (+offsetHours * 60 + +offsetMinutes) * 60_000;
  // 8.64e15 ms is the largest magnitude a Date can hold; NaN fails this test too.
  return Math.abs(time) <= 8.64e15 ? time : undefined;
}

const IMAGE = 'text or an object with a text `source`';

function readImage(input: unknown): ImageInput | undefined {
  if (typeof input === 'string') return input;
  if (!isRecord(input) || typeof input.source !== 'string') return undefined;
  // `html` is kept only so the model can be emitted again as it came; nothing renders it.
  const { source, html } = input;
  return typeof html === 'string' || html === null ? { source, html } : { source };
}

const choiceSchema = z.object(
  {
    key: choiceKey,
    value: reader((input) => (typeof input === 'number' && Number.isFinite(input) ? String(input) : readText(input)), 'text'),
    category: cosmeticText,
  },
  OBJECT,
);

const imageChoiceSchema = z.pipe(
  z.object({ key: choiceKey, value: z.optional(z.unknown()), image: z.optional(z.unknown()), label: cosmeticText }, OBJECT),
  z.transform((c, ctx) => {
    // The documented field is `value`; `image` is accepted as its alias.
    const field = c.value == null && c.image != null ? 'image' : 'value';
    return { key: c.key, image: readImage(c[field]) ?? refuse(ctx, IMAGE, c[field], [field]), label: c.label };
  }),
);

const list = <T extends z.core.SomeType>(item: T) => z.nullish(z.array(item, ARRAY));

/** The three `type`s that need a field of the same name. */
const TYPED_FIELDS = ['choices', 'image', 'image_choices'];

const challengeSchema = z.pipe(
  z.object(
    {
      id: integer,
      connection_id: z.nullish(integer),
      type: z.nullish(text),
      question: text,
      should_answer: z.nullish(reader((input) => [true, false, 'true', 'false'].find((value) => value === input), 'true or false')),
      expires: z.nullish(reader(readTimestamp, 'an ISO-8601 timestamp')),
      choices: list(choiceSchema),
      image_choices: list(imageChoiceSchema),
      image: z.nullish(reader(readImage, IMAGE)),
    },
    OBJECT,
  ),
  z.transform((c, ctx): ChallengeDraft => {
    const base = {
      id: c.id,
      connectionId: c.connection_id ?? null,
      prompt: c.question,
      deadline: c.expires ?? null,
      // Missing means answerable: the documentation never shows a challenge without the field.
      shouldAnswer: c.should_answer !== false && c.should_answer !== 'false',
      wireType: c.type ?? '',
    };
    if (c.image_choices) return { kind: 'imageChoice', ...base, choices: c.image_choices };
    if (c.choices) return { kind: 'choice', ...base, choices: c.choices };
    if (c.image != null) return { kind: 'captcha', ...base, image: c.image };
    if (TYPED_FIELDS.includes(base.wireType)) {
      ctx.issues.push({ code: 'custom', message: `is required by type ${base.wireType}`, input: c, path: [base.wireType] });
    }
    return { kind: 'text', ...base };
  }),
);

const syncSchema = z.pipe(
  z.object(
    {
      connection_id: z.nullish(integer),
      status: z.nullish(text),
      progress: progressSchema,
      challenges: list(challengeSchema),
      questions: list(challengeSchema),
      config_instructions: z.nullish(text),
    },
    OBJECT,
  ),
  z.transform((s, ctx): SyncDraft => {
    const list = s.challenges ?? s.questions;
    const connectionId = s.connection_id ?? null;
    // A missing status with a list is the documentation's bare `{"challenges": [...]}` body.
    const status = s.status === 'questions' || (s.status == null && list) ? 'challenges' : s.status;
    // No input: withMessages reads that as "sync.status is missing".
    if (status == null) ctx.issues.push({ code: 'custom', message: '', input: undefined, path: ['status'] });
    return {
      connectionId,
      status: status!,
      progress: s.progress,
      challenges: (list ?? []).map((c) => ({ ...c, connectionId: c.connectionId ?? connectionId })),
      configInstructions: s.config_instructions ?? null,
    };
  }),
);

const syncEnvelopeSchema = z.pipe(z.object({ sync: syncSchema }, OBJECT), z.transform((e) => e.sync));

/** `sync.challenges[0].id`, or `the payload` for the root. */
function fieldName(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('') || 'the payload';
}

/**
 * Runs the schema `pick` chooses for an input and restates each issue as a whole sentence:
 * the field's name, then `is missing` or what the schema expected.
 */
function withMessages<O>(pick: (input: unknown) => z.ZodMiniType<O>): z.ZodMiniType<O, unknown> {
  return z.transform((input: unknown, ctx) => {
    const result = pick(input).safeParse(input, { reportInput: true });
    if (result.success) return result.data;
    for (const { path, input: value, message } of result.error.issues) {
      ctx.issues.push({ code: 'custom', input, path, message: `${fieldName(path)} ${value === undefined ? 'is missing' : message}` });
    }
    return z.NEVER;
  }) as never;
}

/**
 * One challenge. What it becomes follows its fields before its `type`: an `image_choices`
 * array makes an `imageChoice`, a `choices` array a `choice` (the realtime PIN's stage one
 * arrives as `type: "question"` with choices), an `image` a `captcha`, and anything else,
 * unknown types included, a free-text `text` challenge. A documented type without its field
 * (`type: "choices"` and no `choices`) is an issue. `id` and `question` are required;
 * `should_answer` defaults to `true`, `expires` to `null`.
 */
export const wireChallengeSchema: z.ZodMiniType<ChallengeDraft, unknown> = /* @__PURE__ */ withMessages(
  () => challengeSchema,
);

/**
 * A GET or POST /sync response, in any of its three forms: the `{"sync": {...}}` envelope, a
 * bare sync object, or the documentation's bare `{"challenges": [...]}` (whose status reads as
 * `challenges`). `questions` is read as `challenges`, both as the array's key and as a status;
 * unknown statuses are kept verbatim; unknown fields are accepted and dropped. Issue paths
 * point into the payload as given (`["sync", "challenges", 0, "id"]`).
 */
export const wireSyncSchema: z.ZodMiniType<SyncDraft, unknown> = /* @__PURE__ */ withMessages((input) =>
  isEnvelope(input) ? syncEnvelopeSchema : syncSchema,
);

/**
 * The body of an answering POST /sync (or PUT /challenges): `{"answers": [{"challenge_id",
 * "answer"}]}`. `challenge_id` may be a numeric string; `answer` is a choice key (a number) or
 * typed text, kept as sent.
 */
export const wireAnswerBodySchema: z.ZodMiniType<AnswerBody, unknown> = /* @__PURE__ */ (() => {
  // Built inside a function marked pure, so that a bundle which never reads answer bodies (a
  // browser's) drops it.
  const value = reader((input) => (typeof input === 'number' && Number.isFinite(input) ? input : readText(input)), 'a number or text');
  const answer = z.object({ challenge_id: integer, answer: value }, OBJECT);
  const body = z.object({ answers: z.array(answer, ARRAY) }, OBJECT);
  return withMessages(() => body);
})();
