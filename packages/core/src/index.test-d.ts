import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import { buildAnswers, createSyncClient, deriveStep, emitSync, isMfaError, parseSync } from './index';
import type {
  AnswerBody,
  AnswerRefusal,
  AnswerRefusalReason,
  Challenge,
  Choice,
  ImageChoice,
  ImageInput,
  MfaError,
  MfaErrorKind,
  ParseIssue,
  Step,
  StepType,
  SyncClient,
  SyncClientOptions,
  SyncResult,
  SyncState,
  WireAnswer,
  WireChallenge,
  WireSync,
  WireSyncEnvelope,
  lenientAnswerBodySchema,
  lenientSyncSchema,
  strictAnswerBodySchema,
  strictSyncSchema,
} from './index';

describe('Challenge', () => {
  it('narrows by kind', () => {
    const challenge = {} as Challenge;
    expectTypeOf<Challenge['kind']>().toEqualTypeOf<'choice' | 'text' | 'captcha' | 'imageChoice'>();
    if (challenge.kind === 'choice') expectTypeOf(challenge.choices).toEqualTypeOf<Choice[]>();
    if (challenge.kind === 'imageChoice') expectTypeOf(challenge.choices).toEqualTypeOf<ImageChoice[]>();
    if (challenge.kind === 'captcha') expectTypeOf(challenge.image).toEqualTypeOf<ImageInput>();
    if (challenge.kind === 'text') expectTypeOf(challenge).not.toHaveProperty('choices');
    expectTypeOf(challenge.deadline).toEqualTypeOf<number | null>();
  });
});

describe('Step', () => {
  it('narrows by type', () => {
    const step = deriveStep({} as SyncState, 0, 0);
    expectTypeOf(step).toEqualTypeOf<Step>();
    expectTypeOf<StepType>().toEqualTypeOf<'wait' | 'answer' | 'expired' | 'restart' | 'credentials' | 'config' | 'done' | 'failed'>();
    if (step.type === 'answer') {
      expectTypeOf(step.challenges).toEqualTypeOf<Challenge[]>();
      expectTypeOf(step.deadline).toEqualTypeOf<number | null>();
    }
    if (step.type === 'config') expectTypeOf(step.instructions).toEqualTypeOf<string | null>();
    if (step.type === 'failed') expectTypeOf(step.status).toEqualTypeOf<string>();
    if (step.type === 'done') expectTypeOf(step).toEqualTypeOf<{ type: 'done' }>();
  });
});

describe('MfaError', () => {
  it('has a closed union of kinds and nullable details', () => {
    expectTypeOf<MfaErrorKind>().toEqualTypeOf<
      'network' | 'timeout' | 'aborted' | 'unauthorized' | 'not_found' | 'rate_limited' | 'challenge_expired' | 'configuration' | 'server' | 'invalid_response' | 'answer_too_long'
    >();
    expectTypeOf<MfaError['kind']>().toEqualTypeOf<MfaErrorKind>();
    expectTypeOf<MfaError['name']>().toEqualTypeOf<'MfaError'>();
    expectTypeOf<MfaError['status']>().toEqualTypeOf<number | null>();
    expectTypeOf<MfaError['retryAfterMs']>().toEqualTypeOf<number | null>();
    expectTypeOf<MfaError['issues']>().toEqualTypeOf<ParseIssue[]>();
    expectTypeOf<MfaError>().toExtend<Error>();
  });

  it('isMfaError is a type guard', () => {
    const error: unknown = null;
    if (isMfaError(error)) expectTypeOf(error).toEqualTypeOf<MfaError>();
  });
});

describe('createSyncClient', () => {
  it('requires baseUrl', () => {
    expectTypeOf(createSyncClient).parameter(0).toEqualTypeOf<SyncClientOptions>();
    expectTypeOf<SyncClientOptions['baseUrl']>().toEqualTypeOf<string>();
    expectTypeOf<{ baseUrl: string }>().toExtend<SyncClientOptions>();
    expectTypeOf<{ headers: Record<string, string> }>().not.toExtend<SyncClientOptions>();
    // @ts-expect-error baseUrl is required
    createSyncClient({});
    expectTypeOf(createSyncClient({ baseUrl: '/api/quovo' })).toEqualTypeOf<SyncClient>();
  });

  it('resolves every call with a SyncResult', () => {
    const client = {} as SyncClient;
    expectTypeOf(client.getSync(1)).resolves.toEqualTypeOf<SyncResult>();
    expectTypeOf(client.answer).parameter(1).toEqualTypeOf<WireAnswer[]>();
    expectTypeOf<SyncResult['sync']>().toEqualTypeOf<SyncState>();
  });
});

describe('buildAnswers', () => {
  it('returns answers or refusals, discriminated by ok', () => {
    const result = buildAnswers([], {}, 0, 0);
    if (result.ok) {
      expectTypeOf(result.answers).toEqualTypeOf<WireAnswer[]>();
      expectTypeOf(result).not.toHaveProperty('refusals');
    } else {
      expectTypeOf(result.refusals).toEqualTypeOf<AnswerRefusal[]>();
      expectTypeOf<AnswerRefusal['reason']>().toEqualTypeOf<AnswerRefusalReason>();
    }
  });
});

describe('parseSync', () => {
  it('never throws: a result discriminated by success', () => {
    const parsed = parseSync(null);
    if (parsed.success) expectTypeOf(parsed.data).toEqualTypeOf<SyncState>();
    else expectTypeOf(parsed.issues).toEqualTypeOf<ParseIssue[]>();
  });
});

describe('the wire schemas', () => {
  it('are the source of the wire types: what they infer is what the emitters write and the readers give', () => {
    expectTypeOf<z.infer<typeof strictSyncSchema>>().toEqualTypeOf<WireSyncEnvelope>();
    expectTypeOf(emitSync).returns.toEqualTypeOf<WireSyncEnvelope>();
    expectTypeOf<z.infer<typeof strictAnswerBodySchema>>().toEqualTypeOf<AnswerBody>();
    expectTypeOf<AnswerBody['answers']>().toEqualTypeOf<WireAnswer[]>();
    expectTypeOf<WireAnswer>().toEqualTypeOf<{ challenge_id: number; answer: string | number }>();
    expectTypeOf<z.infer<typeof lenientSyncSchema>>().toEqualTypeOf<SyncState>();
    expectTypeOf<z.input<typeof lenientSyncSchema>>().toEqualTypeOf<unknown>();
    expectTypeOf<z.infer<typeof lenientAnswerBodySchema>>().toEqualTypeOf<AnswerBody>();
    expectTypeOf<WireChallenge['type']>().toEqualTypeOf<'choices' | 'question' | 'image' | 'image_choices'>();
    expectTypeOf<WireSync['config_instructions']>().toEqualTypeOf<string | null>();
  });
});
