/**
 * Reading wire JSON into the model: the lenient reader of the Quovo v3 wire format (see
 * docs/protocol.md), written by hand. `parseSync` and `parseAnswerBody` never throw: whatever
 * the input, they return a {@link ParseResult}.
 *
 * Each reader takes what Quovo (or its documentation) may send and yields the normalized model
 * of model.ts, so the wire quirks live here and nowhere else. Readers accept unknown fields
 * (and drop them), numeric strings for ids and keys, missing optional fields and the documented
 * aliases; they refuse data whose structure is wrong (a challenge without an id, `challenges`
 * that is not an array, a choice without a key) with an issue that names the field, never with
 * an exception. Cosmetic fields (`progress`, a choice's `category`, an image choice's `label`)
 * never fail a read: a value of the wrong type reads as `null`.
 *
 * Every message names the field, then says `is missing` or what was expected ("sync.challenges[0].id
 * is missing", "… must be an integer"); none repeats the value it refused.
 *
 * Why not a schema library: this was zod/mini until issue 11. Every field but the object and
 * array walking was already a hand-written read, and zod/mini cost partners 4.8 kB gzipped of
 * their 18.3 (docs/decisions.md, "The wire reader without zod").
 */
import { isEnvelope, isRecord } from './envelope';
import type { AnswerBody, Challenge, Choice, ImageChoice, ImageInput, SyncProgress, SyncState } from './model';

/** One reason a payload was refused: where (a path into the payload as given) and why. */
export interface ParseIssue {
  /** Keys and indexes from the payload's root to the offending value, e.g. `["sync", "challenges", 0, "id"]`. */
  path: (string | number)[];
  /** What is wrong, in plain words. Never contains the offending value. */
  message: string;
}

/** The outcome of a parse: the data, or every issue found. */
export type ParseResult<T> = { success: true; data: T } | { success: false; issues: ParseIssue[] };

type Path = ParseIssue['path'];

/**
 * Reads the value at `path`. A refusal is pushed to `issues` and read as `undefined`; a reader
 * of a field that may be absent answers `null` or `undefined` for it without an issue.
 */
type Read<T> = (input: unknown, path: Path, issues: ParseIssue[]) => T | undefined;

/** A challenge as read, before it takes the sync's (or the caller's) connection id when it has none. */
type DraftOf<C> = C extends Challenge ? Omit<C, 'connectionId'> & { connectionId: number | null } : never;
type ChallengeDraft = DraftOf<Challenge>;

/** `sync.challenges[0].id`, or `the payload` for the root. */
const fieldName = (path: Path) => path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${key}`)).join('') || 'the payload';

/** Records that the value at `path` is not what was expected (`is missing` when there was none). */
function refuse(issues: ParseIssue[], path: Path, input: unknown, expected: string): undefined {
  issues.push({ path, message: `${fieldName(path)} ${input === undefined ? 'is missing' : expected}` });
  return undefined;
}

/** A reader of one value by a plain function that answers `undefined` for what it refuses. */
const value =
  <T>(read: (input: unknown) => T | undefined, expected: string): Read<T> =>
  (input, path, issues) =>
    read(input) ?? refuse(issues, path, input, `must be ${expected}`);

/** `null` and absence are read as they are; anything else must satisfy `read`. */
const nullish =
  <T>(read: Read<T>): Read<T | null> =>
  (input, path, issues) =>
    input == null ? null : read(input, path, issues);

type Shape = Record<string, Read<unknown>>;
type Fields<S extends Shape> = { [K in keyof S]: S[K] extends Read<infer T> ? T : never };

/**
 * An object read field by field, unknown fields dropped. Every field is read (so every issue is
 * reported); the object is `undefined` when any of them was refused.
 */
const object =
  <S extends Shape>(shape: S): Read<Fields<S>> =>
  (input, path, issues) => {
    if (!isRecord(input)) return refuse(issues, path, input, 'must be an object');
    const before = issues.length;
    const out: Record<string, unknown> = {};
    for (const key in shape) out[key] = shape[key]!(input[key], [...path, key], issues);
    return issues.length === before ? (out as Fields<S>) : undefined;
  };

/** An array read item by item, or `null` when absent; `undefined` when any item was refused. */
const list =
  <T>(item: Read<T>): Read<T[] | null> =>
  (input, path, issues) => {
    if (input == null) return null;
    if (!Array.isArray(input)) return refuse(issues, path, input, 'must be an array');
    const before = issues.length;
    const out = input.map((entry, i) => item(entry, [...path, i], issues) as T);
    return issues.length === before ? out : undefined;
  };

/** A number, or a string `pattern` accepts read as one; `NaN` for anything else. */
const readNumber = (input: unknown, pattern: RegExp) =>
  typeof input === 'number' ? input : typeof input === 'string' && pattern.test(input) ? Number(input) : Number.NaN;

function readInteger(input: unknown): number | undefined {
  const n = readNumber(input, /^\s*-?\d{1,16}\s*$/);
  // `+ 0`: `-0` is no id anyone sent on purpose, and it would not survive JSON.
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}

const readText = (input: unknown) => (typeof input === 'string' ? input : undefined);

/** Cosmetic text: anything but a string reads as `null`. */
const cosmetic = (input: unknown) => readText(input) ?? null;

/** An id: a safe integer, or one written as a numeric string. */
const integer = /* @__PURE__ */ value(readInteger, 'an integer');

/** A choice key: an integer, kept in the type it came in so the answer echoes it (`"0"` stays `"0"`). */
const choiceKey = /* @__PURE__ */ value((input) => (readInteger(input) === undefined ? undefined : (input as number | string)), 'an integer');

/** Text; `must be text` otherwise (or `is missing`). */
const text = /* @__PURE__ */ value(readText, 'text');

function readPercent(input: unknown): number | null {
  const n = readNumber(input, /^\s*-?\d+(\.\d+)?\s*$/);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : null;
}

/** Cosmetic as a whole: anything but an object reads as no progress, and each part as `null` when unreadable. */
function readProgress(input: unknown): SyncProgress {
  const { state, percent, message } = isRecord(input) ? input : {};
  return { state: cosmetic(state), percent: readPercent(percent), message: cosmetic(message) };
}

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

const IMAGE = 'text or an object with a text `source`';
const image = /* @__PURE__ */ value(readImage, IMAGE);

/** A finite number as text (`1234` → `"1234"`), or text. */
const readLabel = (input: unknown) => (typeof input === 'number' && Number.isFinite(input) ? String(input) : readText(input));

const choice: Read<Choice> = /* @__PURE__ */ object({ key: choiceKey, value: value(readLabel, 'text'), category: cosmetic });

const imageChoiceFields = /* @__PURE__ */ object({ key: choiceKey, value: (v) => v, image: (v) => v, label: cosmetic });
const imageChoice: Read<ImageChoice> = (input, path, issues) => {
  const c = imageChoiceFields(input, path, issues);
  if (!c) return;
  // The documented field is `value`; `image` is accepted as its alias.
  const field = c.value == null && c.image != null ? 'image' : 'value';
  const read = image(c[field], [...path, field], issues);
  return read === undefined ? undefined : { key: c.key, image: read, label: c.label };
};

/** The three `type`s that need a field of the same name. */
const TYPED_FIELDS = ['choices', 'image', 'image_choices'];

const challengeFields = /* @__PURE__ */ object({
  id: integer,
  connection_id: nullish(integer),
  type: nullish(text),
  question: text,
  should_answer: nullish(value((input) => [true, false, 'true', 'false'].find((v) => v === input), 'true or false')),
  expires: nullish(value(readTimestamp, 'an ISO-8601 timestamp')),
  choices: list(choice),
  image_choices: list(imageChoice),
  image: nullish(image),
});

/**
 * One challenge. What it becomes follows its fields before its `type`: an `image_choices`
 * array makes an `imageChoice`, a `choices` array a `choice` (the realtime PIN's stage one
 * arrives as `type: "question"` with choices), an `image` a `captcha`, and anything else,
 * unknown types included, a free-text `text` challenge. A documented type without its field
 * (`type: "choices"` and no `choices`) is an issue. `id` and `question` are required;
 * `should_answer` defaults to `true`, `expires` to `null`.
 */
const challenge: Read<ChallengeDraft> = (input, path, issues) => {
  const c = challengeFields(input, path, issues);
  if (!c) return;
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
  if (TYPED_FIELDS.includes(base.wireType)) refuse(issues, [...path, base.wireType], c, `is required by type ${base.wireType}`);
  return { kind: 'text', ...base };
};

const syncFields = /* @__PURE__ */ object({
  connection_id: nullish(integer),
  status: nullish(text),
  progress: readProgress,
  challenges: list(challenge),
  questions: list(challenge),
  config_instructions: nullish(text),
});

/**
 * Reads a GET or POST /sync response into a {@link SyncState}. Never throws.
 *
 * Accepts the `{"sync": {...}}` envelope, a bare sync object and the documentation's bare
 * `{"challenges": [...]}` (whose status reads as `challenges`); `questions` for `challenges`,
 * as the array's key and as a status; unknown fields (dropped) and statuses (kept verbatim);
 * numeric strings for ids; the four image forms; `expires` as `null` or ISO-8601 with or without
 * an offset (none means UTC), read into `deadline` epoch ms in the server's clock. Issue paths
 * point into the payload as given (`["sync", "challenges", 0, "id"]`).
 *
 * A challenge without `connection_id` takes the sync's, else `context.connectionId`; when
 * none is known that is an issue. The sync's own `connectionId` is the payload's, else
 * `context.connectionId`, else `null`.
 *
 * @param json - the parsed JSON body, of any shape
 * @param context - what the caller knows from the request, e.g. the connection it asked about
 */
export function parseSync(json: unknown, context?: { connectionId?: number }): ParseResult<SyncState> {
  return run(json, (input, root, issues): SyncState | undefined => {
    const envelope = isEnvelope(input);
    const path = envelope ? ['sync'] : root;
    const s = syncFields(envelope ? input.sync : input, path, issues);
    if (!s) return;
    const listKey = s.challenges ? 'challenges' : 'questions';
    const list = s[listKey];
    // A missing status with a list is the documentation's bare `{"challenges": [...]}` body.
    const status = s.status === 'questions' || (s.status == null && list) ? 'challenges' : s.status;
    if (status == null) return refuse(issues, [...path, 'status'], undefined, '');
    const fallback = context?.connectionId;
    const connectionId = s.connection_id ?? (Number.isSafeInteger(fallback) ? fallback! : null);
    const challenges = (list ?? []).map((c, i) => {
      if (c.connectionId === null && connectionId === null) {
        issues.push({ path: [...path, listKey, i, 'connection_id'], message: 'connection_id is missing on the challenge, on the sync and in context.connectionId' });
      }
      return { ...c, connectionId: c.connectionId ?? connectionId } as Challenge;
    });
    return { connectionId, status, progress: s.progress, challenges, configInstructions: s.config_instructions ?? null };
  });
}

/**
 * Reads the body of an answering POST /sync (or PUT /challenges), `{"answers": [{"challenge_id",
 * "answer"}]}`, into an {@link AnswerBody}. Never throws. `challenge_id` may be a numeric
 * string; `answer` is a choice key (a number) or typed text, kept as sent.
 *
 * @param json - the parsed JSON body, of any shape
 */
export function parseAnswerBody(json: unknown): ParseResult<AnswerBody> {
  return run(json, answerBody);
}

const answerBody: Read<AnswerBody> = /* @__PURE__ */ (() => {
  const answer = value((v) => (typeof v === 'number' && Number.isFinite(v) ? v : readText(v)), 'a number or text');
  const answers = list(object({ challenge_id: integer, answer }));
  return object({
    // Required, unlike the sync's lists.
    answers: (input, path, issues) => (input == null ? refuse(issues, path, input, 'must be an array') : answers(input, path, issues)),
  }) as Read<AnswerBody>;
})();

/** Runs a reader over the payload; any exception becomes one issue, since parsing never throws. */
function run<T>(json: unknown, read: Read<T>): ParseResult<T> {
  const issues: ParseIssue[] = [];
  let data: T | undefined;
  try {
    data = read(json, [], issues);
  } catch {
    // A proxy or a throwing getter can make reading the input itself throw.
    return { success: false, issues: [{ path: [], message: 'the payload could not be read (inspecting it threw)' }] };
  }
  return issues.length || data === undefined ? { success: false, issues } : { success: true, data };
}
