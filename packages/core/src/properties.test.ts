import * as fc from 'fast-check';
import { emitSync } from './emit';
import { toSafeImageSrc } from './image';
import type { Challenge, ImageInput, SyncState } from './model';
import { parseAnswerBody, parseSync } from './parse';
import { deriveStep } from './step';

const RUNS = { numRuns: Number(process.env.PROP_RUNS ?? 300) };

/** Plain records: the parser builds ordinary objects, and toStrictEqual compares prototypes. */
function record<T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(shape, { noNullPrototype: true });
}

const text = fc.string({ unit: 'binary', maxLength: 24 });
const nullableText = fc.option(text, { nil: null });
const id = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeInteger(), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -1 }));
// The whole Date range: years before 0 and after 9999 are written with six digits and a sign.
const deadline = fc.option(
  fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })),
  { nil: null },
);
const percent = fc.option(
  fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }).map((n) => (n === 0 ? 0 : n))),
  { nil: null },
);
const imageInput: fc.Arbitrary<ImageInput> = fc.oneof(
  text,
  record({ source: text }),
  record({ source: text, html: nullableText }),
);

const challengeBase = {
  id,
  connectionId: id,
  prompt: text,
  deadline,
  shouldAnswer: fc.boolean(),
};

/**
 * Any challenge the model allows whose `wireType` is the one emitSync writes for its kind (a
 * text challenge that arrived as `type: "secret_word"` is emitted as `question`, so only the
 * canonical wire types can survive a round trip unchanged).
 */
const challenge: fc.Arbitrary<Challenge> = fc.oneof(
  record({
    ...challengeBase,
    kind: fc.constant('choice' as const),
    wireType: fc.constantFrom('question', 'choices'),
    choices: fc.array(record({ key: id, value: text, category: nullableText }), { maxLength: 5 }),
  }),
  record({ ...challengeBase, kind: fc.constant('text' as const), wireType: fc.constant('question') }),
  record({ ...challengeBase, kind: fc.constant('captcha' as const), wireType: fc.constant('image'), image: imageInput }),
  record({
    ...challengeBase,
    kind: fc.constant('imageChoice' as const),
    wireType: fc.constant('image_choices'),
    choices: fc.array(record({ key: id, image: imageInput, label: nullableText }), { maxLength: 4 }),
  }),
);

/** Any valid model: every status but the alias `questions`, which the parser renames. */
const syncState: fc.Arbitrary<SyncState> = record({
  connectionId: fc.option(id, { nil: null }),
  status: fc.oneof(
    fc.constantFrom('syncing', 'challenges', 'good', 'resync', 'incorrect_credentials', 'user_config'),
    text.filter((s) => s !== 'questions'),
  ),
  progress: record({ state: nullableText, percent, message: nullableText }),
  challenges: fc.array(challenge, { maxLength: 4 }),
  configInstructions: nullableText,
});

/** A valid wire body with one field somewhere replaced by arbitrary JSON or removed. */
const mutatedWire = fc
  .tuple(syncState, fc.jsonValue({ maxDepth: 2 }), fc.nat(), fc.boolean())
  .map(([state, junk, pick, remove]) => {
    const wire = JSON.parse(JSON.stringify(emitSync(state))) as unknown;
    const slots: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach((child, i) => (slots.push([node, i]), walk(child)));
      else if (typeof node === 'object' && node !== null) {
        for (const [key, child] of Object.entries(node)) {
          slots.push([node as Record<string, unknown>, key]);
          walk(child);
        }
      }
    };
    walk(wire);
    const slot = slots[pick % slots.length];
    if (slot) {
      const [parent, key] = slot;
      if (remove && !Array.isArray(parent)) delete parent[key as string];
      else (parent as Record<string | number, unknown>)[key] = junk;
    }
    return wire;
  });

function isParseResultShape(result: ReturnType<typeof parseSync>): boolean {
  if (result.success) return typeof result.data === 'object';
  return (
    result.issues.length > 0 &&
    result.issues.every(
      (i) =>
        typeof i.message === 'string' &&
        i.message.length > 0 &&
        i.path.every((k) => typeof k === 'string' || typeof k === 'number'),
    )
  );
}

describe('parseSync on any input', () => {
  it('never throws on arbitrary JSON, and answers with data or readable issues', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(isParseResultShape(parseSync(json))).toBe(true);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary JavaScript values, wrapped in each envelope', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true }), (value) => {
        for (const input of [value, { sync: value }, { challenges: value }, { challenges: [value] }, { sync: { status: 'x', challenges: [value] } }]) {
          expect(isParseResultShape(parseSync(input, { connectionId: 1 }))).toBe(true);
          expect(parseAnswerBody(input).success === true || parseAnswerBody(input).success === false).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never throws on a valid body with one field broken, and what it accepts is a valid model', () => {
    fc.assert(
      fc.property(mutatedWire, (wire) => {
        const result = parseSync(wire, { connectionId: 1 });
        expect(isParseResultShape(result)).toBe(true);
        if (result.success) {
          // Whatever the parser accepts, the emitter can write again, and a second pass is stable.
          const again = parseSync(emitSync(result.data));
          expect(again.success).toBe(true);
          if (again.success) expect(parseSync(emitSync(again.data))).toStrictEqual(again);
        }
      }),
      RUNS,
    );
  });
});

describe('deriveStep on whatever the parser accepts', () => {
  const moment = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constantFrom(Number.NaN, Infinity, -Infinity));
  const stepTypes = ['wait', 'answer', 'expired', 'restart', 'credentials', 'config', 'done', 'failed'];

  it('never throws for arbitrary JSON, any local time and any clock offset, and names a known step', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutatedWire), moment, moment, (json, now, offset) => {
        const result = parseSync(json, { connectionId: 1 });
        if (!result.success) return;
        expect(stepTypes).toContain(deriveStep(result.data, now, offset).type);
      }),
      RUNS,
    );
  });

  it('never throws for any valid model at any moment', () => {
    fc.assert(
      fc.property(syncState, moment, moment, (state, now, offset) => {
        expect(stepTypes).toContain(deriveStep(state, now, offset).type);
      }),
      RUNS,
    );
  });
});

describe('emitSync then parseSync', () => {
  it('gives back any valid model unchanged', () => {
    fc.assert(
      fc.property(syncState, (state) => {
        expect(parseSync(emitSync(state))).toStrictEqual({ success: true, data: state });
      }),
      RUNS,
    );
  });

  it('gives back any valid model unchanged through JSON text as well', () => {
    fc.assert(
      fc.property(syncState, (state) => {
        const json: unknown = JSON.parse(JSON.stringify(emitSync(state)));
        expect(parseSync(json)).toStrictEqual({ success: true, data: state });
      }),
      RUNS,
    );
  });
});

describe('toSafeImageSrc on any input', () => {
  it('never throws, and what it accepts is an https URL or a base64 image data URI', () => {
    const candidates = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.base64String().map((s) => `data:image/png;base64,${s}`),
      fc.webUrl().map((u) => u.replace(/^http:/, 'https:')),
    );
    fc.assert(
      fc.property(candidates, (input) => {
        const result = toSafeImageSrc(input);
        if (result.ok) {
          expect(result.src).toMatch(/^(https:\/\/|data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$)/);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('accepts any canonical base64, bare or in a data URI, unchanged', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const b64 = Buffer.from(bytes).toString('base64');
        expect(toSafeImageSrc(b64)).toEqual({ ok: true, src: `data:image/png;base64,${b64}` });
        expect(toSafeImageSrc(`data:image/webp;base64,${b64}`)).toEqual({ ok: true, src: `data:image/webp;base64,${b64}` });
      }),
      RUNS,
    );
  });
});
