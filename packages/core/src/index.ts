/**
 * @mfa-kit/core: the Quovo v3 sync and MFA protocol, framework-free.
 * @packageDocumentation
 */
export * from './model';

export * from './parse';
export { lenientAnswerBodySchema, lenientSyncSchema, strictAnswerBodySchema, strictSyncSchema } from './schemas';
export type {
  WireChallenge,
  WireChoice,
  WireChoiceChallenge,
  WireImageChallenge,
  WireImageChoice,
  WireImageChoicesChallenge,
  WireProgress,
  WireQuestionChallenge,
  WireSync,
  WireSyncEnvelope,
} from './schemas';
export * from './emit';
export * from './image';
export * from './errors';
export * from './client';
export * from './clock';
export * from './step';
export * from './answers';
export * from './polling';
export * from './codeLength';
export * from './rules';
export type { SyncTransport } from './transport';
export * from './environment';
export * from './session/index';
export * from './eventStream';
