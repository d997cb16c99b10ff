import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import * as z from 'zod/mini';
import { emitAnswerBody, emitSync } from './emit';
import type { SyncState } from './model';
import { parseAnswerBody, parseSync } from './parse';
import { lenientAnswerBodySchema, lenientSyncSchema, strictAnswerBodySchema, strictSyncSchema } from './schemas';

const RUNS = { numRuns: Number(process.env.PROP_RUNS ?? 200) };

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/quovo-v3/${name}`, import.meta.url), 'utf8'));

const question = { id: 1669462, connection_id: 4224865, type: 'question', question: 'Mother’s maiden name?', should_answer: true, expires: null };

/** Standard Schema's synchronous result, as any library that speaks it sees it. */
function validate(schema: { '~standard': { validate(value: unknown): unknown } }, value: unknown) {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('expected a synchronous result');
  return result as { value?: unknown; issues?: readonly { message: string; path?: readonly unknown[] }[] };
}

describe('the lenient schemas, as Standard Schema', () => {
  it('read a Quovo body (a webhook body, say) into the same model as parseSync, and declare themselves zod', () => {
    const body = fixture('realtime-pin-stage1.json');
    expect(lenientSyncSchema['~standard'].vendor).toBe('zod');
    expect(lenientSyncSchema['~standard'].version).toBe(1);
    const parsed = parseSync(body);
    expect(parsed.success).toBe(true);
    expect(validate(lenientSyncSchema, body)).toStrictEqual({ value: parsed.success && parsed.data });
  });

  it('report the same paths and messages as parseSync, and never the refused value', () => {
    const body = { sync: { status: 'challenges', challenges: [{ ...question, id: 'SECRET-1', expires: 'SECRET-2' }] } };
    const { issues } = validate(lenientSyncSchema, body);
    const parsed = parseSync(body);
    expect(parsed.success).toBe(false);
    expect(issues?.map(({ path, message }) => ({ path, message }))).toStrictEqual(!parsed.success && parsed.issues);
    expect(issues?.map((i) => i.message)).toEqual(['sync.challenges[0].id must be an integer', 'sync.challenges[0].expires must be an ISO-8601 timestamp']);
    expect(JSON.stringify(issues)).not.toContain('SECRET');
  });

  it('refuse a challenge whose connection is on neither it nor the sync (parseSync can take one from its context instead)', () => {
    const { connection_id: _omitted, ...orphan } = question;
    const body = { challenges: [orphan] };
    expect(validate(lenientSyncSchema, body).issues).toEqual([
      expect.objectContaining({ path: ['challenges', 0, 'connection_id'], message: 'challenges[0].connection_id is missing on the challenge and on the sync' }),
    ]);
    expect(parseSync(body, { connectionId: 7 })).toMatchObject({ success: true, data: { challenges: [{ connectionId: 7 }] } });
  });

  it('read answer bodies as parseAnswerBody does, a PIN never in a message', () => {
    expect(validate(lenientAnswerBodySchema, fixture('answer-pin.request.json'))).toStrictEqual({ value: { answers: [{ challenge_id: 1669466, answer: '1234' }] } });
    const bad = { answers: [{ challenge_id: '9876-PIN', answer: { pin: '9876' } }] };
    const parsed = parseAnswerBody(bad);
    expect(validate(lenientAnswerBodySchema, bad).issues?.map(({ path, message }) => ({ path, message }))).toStrictEqual(!parsed.success && parsed.issues);
    expect(JSON.stringify(parsed)).not.toContain('9876');
  });

  it('compose into a partner’s own zod schemas, their output typed as the model', () => {
    const webhook = z.object({ event: z.literal('sync.updated'), body: lenientSyncSchema });
    const result = webhook.safeParse({ event: 'sync.updated', body: fixture('question.json') });
    expect(result.success && result.data.body.challenges[0]?.kind).toBe('text');
    const refused = webhook.safeParse({ event: 'sync.updated', body: { sync: { status: 3 } } });
    expect(refused.error?.issues.map((i) => [i.path, i.message])).toEqual([[['body', 'sync', 'status'], 'sync.status must be text']]);
  });
});

/** Any model the parser can give (the generators of properties.test.ts, smaller). */
const id = fc.integer({ min: -1e6, max: 1e9 });
const text = fc.string({ maxLength: 12 });
const nullableText = fc.option(text, { nil: null });
const image = fc.oneof(text, fc.record({ source: text }, { noNullPrototype: true }), fc.record({ source: text, html: nullableText }, { noNullPrototype: true }));
const base = { id, connectionId: id, prompt: text, deadline: fc.option(fc.integer({ min: -8.64e15, max: 8.64e15 }), { nil: null }), shouldAnswer: fc.boolean() };
const syncState = fc.record(
  {
    connectionId: fc.option(id, { nil: null }),
    status: text,
    progress: fc.record({ state: nullableText, percent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), message: nullableText }),
    configInstructions: nullableText,
    challenges: fc.array(
      fc.oneof(
        fc.record({ ...base, kind: fc.constant('text' as const), wireType: fc.constant('question') }),
        fc.record({ ...base, kind: fc.constant('choice' as const), wireType: fc.constantFrom('question', 'choices'), choices: fc.array(fc.record({ key: fc.oneof(id, id.map(String)), value: text, category: nullableText })) }),
        fc.record({ ...base, kind: fc.constant('captcha' as const), wireType: fc.constant('image'), image }),
        fc.record({ ...base, kind: fc.constant('imageChoice' as const), wireType: fc.constant('image_choices'), choices: fc.array(fc.record({ key: id, image, label: nullableText })) }),
      ),
      { maxLength: 4 },
    ),
  },
  { noNullPrototype: true },
) as fc.Arbitrary<SyncState>;

describe('the strict schemas', () => {
  it('accept whatever emitSync writes, through JSON text, unchanged', () => {
    fc.assert(
      fc.property(syncState, (state) => {
        const json: unknown = JSON.parse(JSON.stringify(emitSync(state)));
        expect(validate(strictSyncSchema, json)).toStrictEqual({ value: json });
      }),
      RUNS,
    );
  });

  it('refuse what the lenient schema accepts but the kit never writes: bare bodies, aliases, strings for ids, extra keys', () => {
    const canonical = emitSync({ connectionId: 1, status: 'challenges', progress: { state: null, percent: null, message: null }, challenges: [], configInstructions: null });
    expect(validate(strictSyncSchema, canonical).issues).toBeUndefined();
    for (const body of [
      { ...canonical.sync },
      { sync: { ...canonical.sync, questions: [] } },
      { sync: { ...canonical.sync, connection_id: '1' } },
      { sync: { ...canonical.sync, progress: null } },
      { sync: { ...canonical.sync, challenges: [{ ...question, type: 'secret_word' }] } },
      { sync: { ...canonical.sync, challenges: [{ ...question, expires: '2018-01-28T13:02:10+01:00' }] } },
      { ...canonical, meta: 1 },
    ]) {
      expect(lenientSyncSchema.safeParse(body).success).toBe(true);
      expect(validate(strictSyncSchema, body).issues?.length).toBeGreaterThan(0);
    }
  });

  it('accept exactly what emitAnswerBody writes', () => {
    const written = emitAnswerBody([{ challenge_id: 5, answer: '0042' }]);
    expect(validate(strictAnswerBodySchema, written)).toStrictEqual({ value: written });
    expect(validate(strictAnswerBodySchema, { answers: [{ challenge_id: '5', answer: '0042' }] }).issues).toEqual([
      expect.objectContaining({ path: ['answers', 0, 'challenge_id'], message: 'must be a safe integer' }),
    ]);
    expect(validate(strictAnswerBodySchema, { answers: [{ challenge_id: 5, answer: 1, note: 'x' }] }).issues?.length).toBeGreaterThan(0);
  });
});
