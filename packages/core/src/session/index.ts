/**
 * The MFA session: `createMfaSession` and its types. The layout shows the split:
 * - `machine.ts`: the control state and `transition`, pure;
 * - `runner.ts`: the effects, over TanStack Query's cache, timers and the push feed;
 * - `snapshot.ts`: the public snapshot, derived from the state;
 * - `query.ts`: the sync's query key and options, for partner code.
 */
export { createMfaSession } from './runner';
export type * from './types';
export { mfaSyncQueryKey, mfaSyncQueryOptions, type MfaSyncQueryKey } from './query';
