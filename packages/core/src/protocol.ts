/**
 * `@mfa-kit/core/protocol`: the Quovo v3 protocol without the MFA session, so without TanStack
 * Query: the wire schemas (zod/mini), reading and writing syncs and answer bodies, the typed
 * errors, the step function, server-clock deadlines, answers, image safety, the polling policy,
 * and the browser transports. For a server (`@mfa-kit/server`, the sandbox) or a script that
 * needs no `createMfaSession`: it installs `zod` alone. `@mfa-kit/core` exports all of this too.
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
export * from './eventStream';
