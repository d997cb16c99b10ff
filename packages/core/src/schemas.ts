/**
 * Lenient zod/mini schemas for the Quovo v3 wire format (see shared/PROTOCOL.md).
 *
 * Each schema reads what Quovo (or its documentation) may send and yields the normalized model
 * of model.ts, so the wire quirks live here and nowhere else. They accept unknown fields,
 * numeric strings for ids and keys, missing optional fields and the documented aliases; they
 * refuse data whose structure is wrong (a challenge without an id, `challenges` that is not an
 * array, a choice without a key) with an issue that names the field, never with an exception.
 * Cosmetic fields (`progress`, a choice's `category`, an image choice's `label`) never fail a
 * parse: a value of the wrong type reads as `null`.
 *
 * Messages are written here rather than taken from zod's locale, because zod/mini ships none.
 */
import * as z from 'zod/mini';
import type {
  AnswerBody,
  AnswerValue,
  Challenge,
  Choice,
  ImageChoice,
  ImageInput,
  SyncProgress,
  SyncStatus,
  WireAnswer,
} from './model';

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

type Report = (message: string, path?: (string | number)[]) => void;

/** A schema for one value, read by a plain function that reports what it cannot accept. */
function leaf<O>(read: (input: unknown, report: Report) => O): z.ZodMiniType<O, unknown> {
  return z.transform((input: unknown, ctx) =>
    read(input, (message, path = []) => {
      ctx.issues.push({ code: 'custom', message, input, path });
    }),
  ) as unknown as z.ZodMiniType<O, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(value: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

const INTEGER_TEXT = /^-?\d{1,16}$/;

/** A safe integer, from a number or a numeric string; `undefined` otherwise. */
function readInteger(input: unknown): number | undefined {
  let n: number | undefined;
  if (typeof input === 'number') n = input;
  else if (typeof input === 'string' && INTEGER_TEXT.test(input.trim())) n = Number(input.trim());
  if (n === undefined || !Number.isSafeInteger(n)) return undefined;
  // `-0` is no id anyone sent on purpose, and it would not survive JSON.
  return n === 0 ? 0 : n;
}

const requiredInteger = (what: string) =>
  leaf((input, report): number => {
    if (input === undefined || input === null) {
      report(`${what} is missing`);
      return z.NEVER;
    }
    const n = readInteger(input);
    if (n === undefined) {
      report(`${what} must be an integer (a number or a numeric string)`);
      return z.NEVER;
    }
    return n;
  });

const optionalInteger = (what: string) =>
  leaf((input, report): number | null => {
    if (input === undefined || input === null) return null;
    const n = readInteger(input);
    if (n === undefined) {
      report(`${what} must be an integer (a number or a numeric string) or null`);
      return z.NEVER;
    }
    return n;
  });

const requiredText = (what: string) =>
  leaf((input, report): string => {
    if (typeof input === 'string') return input;
    report(input === undefined || input === null ? `${what} is missing` : `${what} must be text`);
    return z.NEVER;
  });

/** Text or `null`, where a wrong type is an issue. */
const nullableText = (what: string) =>
  leaf((input, report): string | null => {
    if (input === undefined || input === null) return null;
    if (typeof input === 'string') return input;
    report(`${what} must be text or null`);
    return z.NEVER;
  });

/** Cosmetic text: anything but a string reads as `null`. */
const cosmeticText = leaf((input): string | null => (typeof input === 'string' ? input : null));

const PERCENT_TEXT = /^-?\d+(?:\.\d+)?$/;

function readPercent(input: unknown): number | null {
  let n: number | null = null;
  if (typeof input === 'number') n = input;
  else if (typeof input === 'string' && PERCENT_TEXT.test(input.trim())) n = Number(input.trim());
  if (n === null || !Number.isFinite(n)) return null;
  return Math.min(100, Math.max(0, n));
}

const progressField = leaf(
  (input): SyncProgress =>
    isRecord(input)
      ? {
          state: typeof input.state === 'string' ? input.state : null,
          percent: readPercent(input.percent),
          message: typeof input.message === 'string' ? input.message : null,
        }
      : { state: null, percent: null, message: null },
);

const shouldAnswerField = leaf((input, report): boolean => {
  // Missing means answerable: the documentation never shows a challenge without the field.
  if (input === undefined || input === null) return true;
  if (typeof input === 'boolean') return input;
  if (input === 'true') return true;
  if (input === 'false') return false;
  report('should_answer must be true or false');
  return z.NEVER;
});

const TIMESTAMP =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/** The largest magnitude a JavaScript Date can hold, in ms. */
const MAX_TIME = 8.64e15;

/**
 * An ISO-8601 timestamp as epoch ms; without an offset it is UTC (never the local zone, which
 * is what `Date.parse` would assume). `undefined` when it is not a real moment.
 */
function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', , sign, oh = '0', om = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  if (y === '-000000') return undefined;
  const date = new Date(0);
  // setUTCFullYear rather than Date.UTC, which reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined; // 31 April, 29 February in a common year
  const ms = frac === '' ? 0 : Number(`${frac}00`.slice(0, 3));
  date.setUTCHours(hour, minute, second, ms);
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const time = date.getTime() - offset;
  if (!Number.isFinite(time) || Math.abs(time) > MAX_TIME) return undefined;
  return time;
}

const expiresField = leaf((input, report): number | null => {
  if (input === undefined || input === null) return null;
  const time = typeof input === 'string' ? parseTimestamp(input) : undefined;
  if (time === undefined) {
    report('expires must be an ISO-8601 timestamp (such as "2018-01-28T13:02:10Z") or null');
    return z.NEVER;
  }
  return time;
});

const IMAGE_FORMS = 'a data: URI, an https: URL, base64 text or an object with a string `source`';

function readImage(input: unknown, report: Report, what: string): ImageInput {
  if (typeof input === 'string') return input;
  if (isRecord(input) && typeof input.source === 'string') {
    // `html` is kept only so the model can be emitted again as it came; nothing renders it.
    const { html } = input;
    return typeof html === 'string' || html === null ? { source: input.source, html } : { source: input.source };
  }
  report(input === undefined || input === null ? `${what} is missing` : `${what} must be ${IMAGE_FORMS}`);
  return z.NEVER;
}

const optionalImage = leaf((input, report): ImageInput | null =>
  input === undefined || input === null ? null : readImage(input, report, 'image'),
);

const wireTypeField = leaf((input, report): string => {
  if (input === undefined || input === null) return '';
  if (typeof input === 'string') return input;
  report('type must be text');
  return z.NEVER;
});

const choiceValueField = leaf((input, report): string => {
  if (typeof input === 'string') return input;
  if (typeof input === 'number' && Number.isFinite(input)) return String(input);
  report(input === undefined || input === null ? 'choice value is missing' : 'choice value must be text');
  return z.NEVER;
});

const choiceSchema = z.pipe(
  z.looseObject(
    { key: requiredInteger('choice key'), value: choiceValueField, category: cosmeticText },
    'a choice must be an object',
  ),
  z.transform((c): Choice => ({ key: c.key, value: c.value, category: c.category })),
);

const imageChoiceSchema = z.pipe(
  z.looseObject(
    {
      key: requiredInteger('image choice key'),
      value: z.optional(z.unknown()),
      image: z.optional(z.unknown()),
      label: cosmeticText,
    },
    'an image choice must be an object',
  ),
  z.transform((c, ctx): ImageChoice => {
    // The documented field is `value`; `image` is accepted as its alias.
    const useImage = (c.value === undefined || c.value === null) && c.image !== undefined && c.image !== null;
    const image = readImage(useImage ? c.image : c.value, (message) => {
      ctx.issues.push({ code: 'custom', message, input: c, path: [useImage ? 'image' : 'value'] });
    }, 'image choice value');
    return { key: c.key, image, label: c.label };
  }),
);

const optionalArray = <T extends z.core.SomeType>(element: T, what: string) =>
  z.optional(z.nullable(z.array(element, `${what} must be an array`)));

function requiredFieldOf(type: string): 'choices' | 'image' | 'image_choices' | null {
  switch (type) {
    case 'choices':
      return 'choices';
    case 'image':
      return 'image';
    case 'image_choices':
      return 'image_choices';
    default:
      return null;
  }
}

/**
 * One challenge. What it becomes follows its fields before its `type`: an `image_choices`
 * array makes an `imageChoice`, a `choices` array a `choice` (the realtime PIN's stage one
 * arrives as `type: "question"` with choices), an `image` a `captcha`, and anything else,
 * unknown types included, a free-text `text` challenge. A documented type without its field
 * (`type: "choices"` and no `choices`) is an issue. `id` and `question` are required;
 * `should_answer` defaults to `true`, `expires` to `null`.
 */
export const wireChallengeSchema: z.ZodMiniType<ChallengeDraft, unknown> = z.pipe(
  z.looseObject(
    {
      id: requiredInteger('challenge id'),
      connection_id: optionalInteger('connection_id'),
      type: wireTypeField,
      question: requiredText('question'),
      should_answer: shouldAnswerField,
      expires: expiresField,
      choices: optionalArray(choiceSchema, 'choices'),
      image_choices: optionalArray(imageChoiceSchema, 'image_choices'),
      image: optionalImage,
    },
    'a challenge must be an object',
  ),
  z.transform((c, ctx): ChallengeDraft => {
    const base = {
      id: c.id,
      connectionId: c.connection_id,
      prompt: c.question,
      deadline: c.expires,
      shouldAnswer: c.should_answer,
      wireType: c.type,
    };
    if (c.image_choices) return { kind: 'imageChoice', ...base, choices: c.image_choices };
    if (c.choices) return { kind: 'choice', ...base, choices: c.choices };
    if (c.image !== null) return { kind: 'captcha', ...base, image: c.image };
    const required = requiredFieldOf(c.type);
    if (required) {
      ctx.issues.push({
        code: 'custom',
        message: `a challenge of type "${c.type}" needs a ${required} field`,
        input: c,
        path: [required],
      });
      return z.NEVER;
    }
    return { kind: 'text', ...base };
  }),
);

const syncObjectSchema: z.ZodMiniType<SyncDraft, unknown> = z.pipe(
  z.looseObject(
    {
      connection_id: optionalInteger('connection_id'),
      status: leaf((input, report): string | undefined => {
        if (input === undefined || input === null) return undefined;
        if (typeof input === 'string') return input;
        report('status must be text');
        return z.NEVER;
      }),
      progress: progressField,
      challenges: optionalArray(wireChallengeSchema, 'challenges'),
      questions: optionalArray(wireChallengeSchema, 'questions'),
      config_instructions: nullableText('config_instructions'),
    },
    'a sync must be an object',
  ),
  z.transform((s, ctx): SyncDraft => {
    const list = s.challenges ?? s.questions;
    let status = s.status;
    if (status === undefined) {
      if (!list) {
        ctx.issues.push({
          code: 'custom',
          message: 'status is missing (expected a sync object with a status, or a challenges array)',
          input: s,
          path: ['status'],
        });
        return z.NEVER;
      }
      // The documentation's bare `{"challenges": [...]}` body.
      status = 'challenges';
    } else if (status === 'questions') {
      status = 'challenges';
    }
    const connectionId = s.connection_id;
    return {
      connectionId,
      status,
      progress: s.progress,
      challenges: (list ?? []).map((c) =>
        c.connectionId === null && connectionId !== null ? { ...c, connectionId } : c,
      ),
      configInstructions: s.config_instructions,
    };
  }),
);

const syncEnvelopeSchema: z.ZodMiniType<SyncDraft, unknown> = z.pipe(
  z.looseObject({ sync: syncObjectSchema }, 'a sync response must be an object'),
  z.transform((envelope) => envelope.sync),
);

/**
 * Whether a payload is the `{"sync": {...}}` envelope rather than a bare sync object. A bare
 * object that happens to carry a field named `sync` is still bare when it has a status or
 * challenges of its own. (parse.ts repeats this rule to locate issues it adds itself.)
 */
function isEnvelope(input: unknown): boolean {
  return (
    isRecord(input) &&
    hasOwn(input, 'sync') &&
    !hasOwn(input, 'status') &&
    !hasOwn(input, 'challenges') &&
    !hasOwn(input, 'questions')
  );
}

/**
 * A GET or POST /sync response, in any of its three forms: the `{"sync": {...}}` envelope, a
 * bare sync object, or the documentation's bare `{"challenges": [...]}` (whose status reads as
 * `challenges`). `questions` is read as `challenges`, both as the array's key and as a status;
 * unknown statuses are kept verbatim; unknown fields are accepted and dropped. Issue paths
 * point into the payload as given (`["sync", "challenges", 0, "id"]`).
 */
export const wireSyncSchema: z.ZodMiniType<SyncDraft, unknown> = leaf((input, report): SyncDraft => {
  const result = (isEnvelope(input) ? syncEnvelopeSchema : syncObjectSchema).safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    report(issue.message, issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)));
  }
  return z.NEVER;
});

const answerValueField = leaf((input, report): AnswerValue => {
  if (typeof input === 'string') return input;
  if (typeof input === 'number' && Number.isFinite(input)) return input;
  report(input === undefined || input === null ? 'answer is missing' : 'answer must be a number or text');
  return z.NEVER;
});

const wireAnswerSchema = z.pipe(
  z.looseObject(
    { challenge_id: requiredInteger('challenge_id'), answer: answerValueField },
    'an answer must be an object',
  ),
  z.transform((a): WireAnswer => ({ challenge_id: a.challenge_id, answer: a.answer })),
);

/**
 * The body of an answering POST /sync (or PUT /challenges): `{"answers": [{"challenge_id",
 * "answer"}]}`. `challenge_id` may be a numeric string; `answer` is a choice key (a number) or
 * typed text, kept as sent.
 */
export const wireAnswerBodySchema: z.ZodMiniType<AnswerBody, unknown> = z.pipe(
  z.looseObject({ answers: z.array(wireAnswerSchema, 'answers must be an array') }, 'an answer body must be an object'),
  z.transform((b): AnswerBody => ({ answers: b.answers })),
);
