/**
 * The Quovo v3 wire format (see docs/protocol.md) as zod schemas: the one source of the wire
 * types. Two sets, because the kit reads leniently and writes strictly:
 *
 * - **Lenient** ({@link lenientSyncSchema}, {@link lenientAnswerBodySchema}): what Quovo (or its
 *   documentation) may send, read into the normalized model of model.ts, so the wire quirks
 *   live here and nowhere else. They accept unknown fields (and drop them), numeric strings for
 *   ids and keys, missing optional fields and the documented aliases; they refuse data whose
 *   structure is wrong (a challenge without an id, `challenges` that is not an array, a choice
 *   without a key) with an issue that names the field, never with an exception. Cosmetic fields
 *   (`progress`, a choice's `category`, an image choice's `label`) never fail a read: a value of
 *   the wrong type reads as `null`.
 * - **Strict** ({@link strictSyncSchema}, {@link strictAnswerBodySchema}): exactly what the kit
 *   writes (emit.ts): one envelope, every field present, canonical types, no other keys. The
 *   `Wire*` types are inferred from them.
 *
 * Messages are our own (zod/mini ships no locale): each names the field, then says `is
 * missing` or what was expected ("sync.challenges[0].id is missing", "… must be an integer");
 * none repeats the value it refused, so a PIN never reaches an issue.
 *
 * All of them are Standard Schema (`schema['~standard'].validate(body)`), so a partner can check
 * a webhook body or its own reads with any library that speaks it.
 */
import * as z from 'zod/mini';
import { isEnvelope, isRecord } from './envelope';
import type { Challenge, SyncProgress, SyncState } from './model';
import type { ParseIssue, ParseResult } from './parse';

const OBJECT = 'must be an object';
const ARRAY = 'must be an array';
const IMAGE = 'text or an object with a text `source`';

type Path = PropertyKey[];
type Issues = { issues: z.core.$ZodRawIssue[] };

/** `sync.challenges[0].id`, or `the payload` for the root. */
export const fieldName = (path: Path) =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('') || 'the payload';

// ---------------------------------------------------------------------------------------------
// Strict: what the kit writes. Each leaf says what it must be; the emitters put the model's
// field name in front.

/**
 * Builds the strict schemas; a function, so that a bundle which never writes (a browser's)
 * drops them all.
 */
function strict() {
  const safeInteger = z.int('must be a safe integer');
  const text = z.string('must be text');
  const nullableText = z.nullable(text);
  /** A choice key as written: a safe integer, or an integer written as text (echoed as it came). */
  const strictChoiceKey = z.union([safeInteger, z.string().check(z.regex(/^\s*-?\d{1,16}\s*$/))], 'must be an integer key');

  const strictImage = z.union(
    [z.string(), z.strictObject({ source: z.string(), html: z.optional(z.nullable(z.string())) })],
    `must be ${IMAGE}`,
  );

  const strictChoice = z.strictObject({ key: strictChoiceKey, value: text, category: nullableText });

  const strictImageChoice = z.strictObject({ key: strictChoiceKey, value: strictImage, label: z.optional(text) });

  const strictChallengeBase = {
    id: safeInteger,
    connection_id: safeInteger,
    question: text,
    should_answer: z.boolean('must be true or false'),
    // What `Date#toISOString` writes, six-digit years included.
    expires: z.nullable(z.string().check(z.regex(/^([+-]\d{6}|\d{4})-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'must be an ISO-8601 timestamp in UTC'))),
  };

  const strictChallenge = z.discriminatedUnion('type', [
    z.strictObject({ ...strictChallengeBase, type: z.literal('choices'), choices: z.array(strictChoice) }),
    // The realtime PIN's stage one is written as the documentation writes it: `question` with choices.
    z.strictObject({ ...strictChallengeBase, type: z.literal('question'), choices: z.optional(z.array(strictChoice)) }),
    z.strictObject({ ...strictChallengeBase, type: z.literal('image'), image: strictImage }),
    z.strictObject({ ...strictChallengeBase, type: z.literal('image_choices'), image_choices: z.array(strictImageChoice) }),
  ]);

  const strictProgress = z.strictObject({
    state: nullableText,
    percent: z.nullable(z.number('must be a number from 0 to 100').check(z.gte(0), z.lte(100))),
    message: nullableText,
  });

  const strictSync = z.strictObject({
    connection_id: z.nullable(safeInteger),
    status: text,
    progress: strictProgress,
    challenges: z.array(strictChallenge),
    config_instructions: nullableText,
  });
  return { sync: strictSync, image: strictImage, choice: strictChoice, imageChoice: strictImageChoice, safeInteger };
}

/**
 * The strict response body of GET and POST /sync, exactly as `emitSync` writes it (and the
 * sandbox and `@mfa-kit/server` send it): `{"sync": {connection_id, status, progress:
 * {state, percent, message}, challenges, config_instructions}}`, every field present, no other
 * key. Challenges are `choices`, `question` (with `choices` for the realtime PIN's stage one),
 * `image` or `image_choices`; `expires` is `null` or ISO-8601 in UTC with `Z`.
 *
 * Use it to check what a proxy of your own sends to the kit; use {@link lenientSyncSchema} to
 * read what Quovo sends.
 */
export const strictSyncSchema = /* @__PURE__ */ (() => z.strictObject({ sync: strict().sync }))();

/**
 * The strict body of an answering POST /sync (or PUT /challenges), exactly as `emitAnswerBody`
 * writes it: `{"answers": [{"challenge_id": <safe integer>, "answer": <finite number or text>}]}`,
 * no other key.
 */
export const strictAnswerBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    answers: z.array(z.strictObject({ challenge_id: strict().safeInteger, answer: z.union([z.number(), z.string()], 'must be a finite number or text') })),
  }))();

type Strict = ReturnType<typeof strict>;

/** The strict response body of GET and POST /sync: `{"sync": {...}}` (see {@link strictSyncSchema}). */
export type WireSyncEnvelope = z.infer<typeof strictSyncSchema>;
/** A sync object as written. */
export type WireSync = WireSyncEnvelope['sync'];
/** The progress object as written: all three fields, `null` where unknown. */
export type WireProgress = WireSync['progress'];
/** A challenge as written, discriminated by `type`. */
export type WireChallenge = WireSync['challenges'][number];
/** A multiple-choice challenge written as `type: "choices"`. */
export type WireChoiceChallenge = Extract<WireChallenge, { type: 'choices' }>;
/** A free-text question; it carries `choices` when it is the realtime PIN's stage one, as Quovo writes it. */
export type WireQuestionChallenge = Extract<WireChallenge, { type: 'question' }>;
/** A CAPTCHA: type the characters in `image`. */
export type WireImageChallenge = Extract<WireChallenge, { type: 'image' }>;
/** Pick the right image. */
export type WireImageChoicesChallenge = Extract<WireChallenge, { type: 'image_choices' }>;
/** A choice as written: `{"key": 0, "value": "xxx-xxx-0695", "category": "Voice"}`. */
export type WireChoice = z.infer<Strict['choice']>;
/** An image choice as written: the image goes in `value`; `label` only when there is one. */
export type WireImageChoice = z.infer<Strict['imageChoice']>;
/**
 * An image as Quovo may send it: a `data:` URI, an `https:` URL, bare base64 (read as PNG), or
 * the older `{source, html}` object (only `source` is used; `html` is never rendered).
 */
export type ImageInput = z.infer<Strict['image']>;
/** The body of an answering POST /sync (or PUT /challenges): `{"answers": [...]}`. */
export type AnswerBody = z.infer<typeof strictAnswerBodySchema>;
/** One answer on the wire: `{"challenge_id", "answer"}`. */
export type WireAnswer = AnswerBody['answers'][number];

// ---------------------------------------------------------------------------------------------
// Lenient: what the kit reads. Each field is read by a plain function inside `z.transform`
// (Quovo's quirks are not expressible as zod's own checks); zod walks the objects and arrays
// and carries the paths.

/** Records that `input`, at `path` below the schema, is not what the schema expects. */
function refuse(ctx: Issues, expected: string, input: unknown, path: Path = []): never {
  ctx.issues.push({ code: 'custom', message: `must be ${expected}`, input, path });
  return z.NEVER;
}

/** A schema for one value, read by a plain function that answers `undefined` for what it refuses. */
const reader = <O>(read: (input: unknown) => O | undefined, expected: string) =>
  z.transform((input: unknown, ctx) => {
    const out = read(input);
    return out === undefined ? refuse(ctx, expected, input) : out;
  });

/**
 * The same, with `null` and absence read as `null`. (One transform rather than `z.nullish`
 * around one: a schema less per field is most of what a poll costs here.)
 */
const nullish = <O>(read: (input: unknown) => O | undefined, expected: string) =>
  reader((input): O | null | undefined => (input == null ? null : read(input)), expected);

/** A number, or a string `pattern` accepts read as one; `NaN` for anything else. */
const readNumber = (input: unknown, pattern: RegExp) =>
  typeof input === 'number' ? input : typeof input === 'string' && pattern.test(input) ? Number(input) : Number.NaN;

function readInteger(input: unknown): number | undefined {
  const n = readNumber(input, /^\s*-?\d{1,16}\s*$/);
  // `+ 0`: `-0` is no id anyone sent on purpose, and it would not survive JSON.
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}

const readText = (input: unknown) => (typeof input === 'string' ? input : undefined);

/** An id: a safe integer, or one written as a numeric string. */
const integer = /* @__PURE__ */ reader(readInteger, 'an integer');

/** A choice key: an integer, kept in the type it came in so the answer echoes it (`"0"` stays `"0"`). */
const choiceKey = /* @__PURE__ */ reader((input) => (readInteger(input) === undefined ? undefined : (input as number | string)), 'an integer');

/** Text; `must be text` otherwise (or `is missing`). */
const lenientText = /* @__PURE__ */ reader(readText, 'text');

/** Cosmetic text: anything but a string reads as `null`. */
const cosmetic = /* @__PURE__ */ z.transform((input: unknown) => readText(input) ?? null);

function readPercent(input: unknown): number | null {
  const n = readNumber(input, /^\s*-?\d+(\.\d+)?\s*$/);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : null;
}

/** Cosmetic as a whole: anything but an object reads as no progress, and each part as `null` when unreadable. */
const progress = /* @__PURE__ */ z.transform((input: unknown): SyncProgress => {
  const { state, percent, message } = isRecord(input) ? input : {};
  return { state: readText(state) ?? null, percent: readPercent(percent), message: readText(message) ?? null };
});

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

function readImage(input: unknown): ImageInput | undefined {
  if (typeof input === 'string') return input;
  if (!isRecord(input) || typeof input.source !== 'string') return undefined;
  // `html` is kept only so the model can be emitted again as it came; nothing renders it.
  const { source, html } = input;
  return typeof html === 'string' || html === null ? { source, html } : { source };
}

/** A finite number as text (`1234` → `"1234"`), or text. */
const readLabel = (input: unknown) => (typeof input === 'number' && Number.isFinite(input) ? String(input) : readText(input));

const choice = /* @__PURE__ */ z.object({ key: choiceKey, value: reader(readLabel, 'text'), category: cosmetic }, OBJECT);

const imageChoice = /* @__PURE__ */ z.pipe(
  z.object({ key: choiceKey, value: z.optional(z.unknown()), image: z.optional(z.unknown()), label: cosmetic }, OBJECT),
  z.transform((c, ctx) => {
    // The documented field is `value`; `image` is accepted as its alias.
    const field = c.value == null && c.image != null ? 'image' : 'value';
    return { key: c.key, image: readImage(c[field]) ?? refuse(ctx, IMAGE, c[field], [field]), label: c.label };
  }),
);

const list = <T extends z.core.SomeType>(item: T) => z.nullish(z.array(item, ARRAY));

/** The three `type`s that need a field of the same name. */
const TYPED_FIELDS = ['choices', 'image', 'image_choices'];

/** A challenge as read, before it takes the sync's (or the caller's) connection id when it has none. */
type DraftOf<C> = C extends Challenge ? Omit<C, 'connectionId'> & { connectionId: number | null } : never;
type ChallengeDraft = DraftOf<Challenge>;

/**
 * One challenge. What it becomes follows its fields before its `type`: an `image_choices`
 * array makes an `imageChoice`, a `choices` array a `choice` (the realtime PIN's stage one
 * arrives as `type: "question"` with choices), an `image` a `captcha`, and anything else,
 * unknown types included, a free-text `text` challenge. A documented type without its field
 * (`type: "choices"` and no `choices`) is an issue. `id` and `question` are required;
 * `should_answer` defaults to `true`, `expires` to `null`.
 */
const challenge = /* @__PURE__ */ z.pipe(
  z.object(
    {
      id: integer,
      connection_id: nullish(readInteger, 'an integer'),
      type: nullish(readText, 'text'),
      question: lenientText,
      should_answer: nullish((input) => [true, false, 'true', 'false'].find((v) => v === input), 'true or false'),
      expires: nullish(readTimestamp, 'an ISO-8601 timestamp'),
      choices: list(choice),
      image_choices: list(imageChoice),
      image: nullish(readImage, IMAGE),
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

const syncFields = /* @__PURE__ */ z.object(
  {
    connection_id: nullish(readInteger, 'an integer'),
    status: nullish(readText, 'text'),
    progress,
    challenges: list(challenge),
    questions: list(challenge),
    config_instructions: nullish(readText, 'text'),
  },
  OBJECT,
);

/** A sync as read, its challenges' connection ids `null` where neither they nor the sync had one. */
type SyncDraft = Omit<SyncState, 'challenges'> & { challenges: ChallengeDraft[] };

/**
 * A sync object; its challenges take the sync's connection id when they have none. With
 * `report`, a challenge left without one is an issue; without, it stays `null` for the caller
 * (parseSync's context) to fill.
 */
function syncOf(report: boolean) {
  const sync = z.pipe(
    syncFields,
    z.transform((s, ctx): SyncDraft => {
      const listKey = s.challenges ? 'challenges' : 'questions';
      const found = s[listKey];
      // A missing status with a list is the documentation's bare `{"challenges": [...]}` body.
      const status = s.status === 'questions' || (s.status == null && found) ? 'challenges' : s.status;
      // No input: `reading` words that as "sync.status is missing".
      if (status == null) ctx.issues.push({ code: 'custom', message: '', input: undefined, path: ['status'] });
      const connectionId = s.connection_id ?? null;
      const challenges = (found ?? []).map((c, i) => {
        if (report && c.connectionId === null && connectionId === null) {
          ctx.issues.push({ code: 'custom', message: 'is missing on the challenge and on the sync', input: null, path: [listKey, i, 'connection_id'] });
        }
        return { ...c, connectionId: c.connectionId ?? connectionId } as ChallengeDraft;
      });
      return { connectionId, status: status!, progress: s.progress, challenges, configInstructions: s.config_instructions ?? null };
    }),
  );
  const envelope = z.pipe(z.object({ sync }, OBJECT), z.transform((e) => e.sync));
  return reading((input) => (isEnvelope(input) ? envelope : sync));
}

/**
 * A reader that runs the schema `pick` chooses for an input and restates each issue as a whole
 * sentence: the field's name, then `is missing` (when there was no value) or what the schema
 * expected. parse.ts calls these directly; the exported schemas wrap them ({@link schemaOf}).
 */
function reading<O>(pick: (input: unknown) => z.ZodMiniType<O>) {
  return (input: unknown): ParseResult<O> => {
    const result = pick(input).safeParse(input, { reportInput: true });
    if (result.success) return { success: true, data: result.data };
    return {
      success: false,
      // Our schemas name only string keys and array indexes, never symbols.
      issues: result.error.issues.map(({ path, input: value, message }) => ({
        path: path as ParseIssue['path'],
        message: `${fieldName(path)} ${value === undefined ? 'is missing' : message}`,
      })),
    };
  };
}

/** A reader as a zod schema (so Standard Schema too), its issues as the reader words them. */
function schemaOf<O>(read: (input: unknown) => ParseResult<O>): z.ZodMiniType<O, unknown> {
  return z.transform((input: unknown, ctx) => {
    const result = read(input);
    if (result.success) return result.data;
    for (const { path, message } of result.issues) ctx.issues.push({ code: 'custom', input, path, message });
    return z.NEVER;
  }) as never;
}

/** For parseSync with a connection id in its context: challenges without one keep `null`. Internal. */
export const readSyncDraft = /* @__PURE__ */ syncOf(false);

/**
 * What {@link lenientSyncSchema} runs; parseSync calls it directly. Internal. (With `report`,
 * no challenge it gives back lacks a connection id, so its data is a `SyncState`.)
 */
export const readSync = /* @__PURE__ */ syncOf(true) as (input: unknown) => ParseResult<SyncState>;

/**
 * A GET or POST /sync response (or a webhook body holding a sync), read leniently into a
 * {@link SyncState}: the `{"sync": {...}}` envelope, a bare sync object, or the documentation's
 * bare `{"challenges": [...]}` (whose status reads as `challenges`); `questions` for
 * `challenges`, as the array's key and as a status; unknown fields (dropped) and statuses (kept
 * verbatim); numeric strings for ids; the four image forms; `expires` as `null` or ISO-8601 with
 * or without an offset (none means UTC), read into `deadline` epoch ms in the server's clock.
 *
 * A challenge without `connection_id` takes the sync's; when the sync has none either, that is
 * an issue (`parseSync(json, { connectionId })` can supply one from the request instead). Issue
 * paths point into the payload as given (`["sync", "challenges", 0, "id"]`); messages never
 * repeat a value.
 *
 * @example
 * const result = await lenientSyncSchema['~standard'].validate(await request.json());
 * if (result.issues) return badRequest(result.issues.map((i) => i.message));
 * const sync = result.value; // a SyncState
 */
export const lenientSyncSchema: z.ZodMiniType<SyncState, unknown> = /* @__PURE__ */ schemaOf(readSync);

/**
 * The body of an answering POST /sync (or PUT /challenges), `{"answers": [{"challenge_id",
 * "answer"}]}`, read leniently into an {@link AnswerBody}: `challenge_id` may be a numeric
 * string; `answer` is a choice key (a number) or typed text, kept as sent; other fields are
 * dropped. Messages never repeat an answer.
 */
export const lenientAnswerBodySchema: z.ZodMiniType<AnswerBody, unknown> = /* @__PURE__ */ (() => schemaOf(readAnswerBody()))();

/**
 * The reader {@link lenientAnswerBodySchema} runs; parseAnswerBody calls it directly. Built by a
 * function, so that a bundle which never reads answer bodies (a browser's) drops it. Internal.
 */
export function readAnswerBody(): (input: unknown) => ParseResult<AnswerBody> {
  const answer = reader((input) => (typeof input === 'number' && Number.isFinite(input) ? input : readText(input)), 'a number or text');
  const body = z.object({ answers: z.array(z.object({ challenge_id: integer, answer }, OBJECT), ARRAY) }, OBJECT);
  return reading(() => body);
}
