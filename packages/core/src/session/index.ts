/**
 * The MFA session: `createMfaSession` and its types. The layout shows the split:
 * - `machine.ts`: the control state and `transition`, pure;
 * - `runner.ts`: the effects, over TanStack Query's cache, timers and the push feed;
 * - `snapshot.ts`: the public snapshot, derived from the state;
 * - `query.ts`: the sync's query key and options, for partner code.
 */
import { runSession } from './runner';
import type { MfaSession, MfaSessionOptions } from './types';

export type * from './types';
export { mfaSyncQueryKey, mfaSyncQueryOptions, type MfaSyncQueryKey } from './query';

/**
 * Creates the MFA session for one connection: a framework-free observer that reads the sync,
 * polls it by core's policy (or follows a push transport), posts answers, starts and restarts,
 * counts down to realtime deadlines, retries, and tells a UI what to show through immutable
 * snapshots. React, Vue or plain DOM code renders `getSnapshot()` and calls the actions.
 *
 * - **State**: one typed value changed only by a pure transition function (`session/machine.ts`);
 *   a runner carries out its effects.
 * - **TanStack Query**: the sync is a query under {@link mfaSyncQueryKey} in `queryClient` (the
 *   partner's, or one of the session's own), so Devtools show it and other code reads it with
 *   {@link mfaSyncQueryOptions} without a second poll loop. Starts and answers run as mutations;
 *   pushed syncs and write replies go in with `setQueryData`. A sync already in the cache when
 *   the session becomes active (a server prefetch, hydrated) is used instead of a first read.
 * - **Polling**: `nextPollDelay`: fast while syncing, none while the user answers (one confirming
 *   read after a realtime deadline), none at final statuses, paused in a hidden tab unless a
 *   realtime deadline runs, 429 `Retry-After` honoured, backoff on failures, one retry after
 *   `onUnauthorized` on a 401. One read timer at a time, plus one timer at the answer step's
 *   deadline, both on the injected environment's timers.
 * - **Answers in doubt**: when an answer POST fails in a way the server may have received it
 *   (no reply, a time-out, 5xx, an unreadable reply), the session reads the sync before anything
 *   else: the answered challenges gone or the status moved on means it was taken, and the flow
 *   goes on; the same challenges still pending means it was not, and only then can the user
 *   send again (the typed value is kept). An answer is never posted twice.
 * - **Push**: with a transport that has `subscribe`, pushed syncs replace polling; when the
 *   stream fails, polling takes over. After a start or an answer, reads go on by the policy until
 *   the stream speaks again: behind a load balancer the stream may come from a server process
 *   that never saw the write.
 *
 * @example
 * const session = createMfaSession({ connectionId: 4224865, baseUrl: '/api/quovo', autoStart: true });
 * const stop = session.subscribe(() => render(session.getSnapshot()));
 */
export function createMfaSession(options: MfaSessionOptions): MfaSession {
  return runSession(options);
}
