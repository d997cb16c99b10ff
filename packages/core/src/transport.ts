import type { SyncClient, SyncResult } from './client';
import type { MfaError } from './errors';

/**
 * How an MFA session reaches the partner's backend: the three sync calls, and optionally a
 * stream of pushed syncs. {@link createSyncClient} is one (polling only); a push transport adds
 * `subscribe`. The session never needs to know which one it has.
 */
export interface SyncTransport extends SyncClient {
  /**
   * Pushed updates for one connection, instead of polling. Call `onSync` with each sync the
   * server pushes (the same result `getSync` resolves with), and `onError` once when the stream
   * fails for good: the session then falls back to polling. Returns the unsubscribe function.
   * Leave it out and the session polls.
   */
  subscribe?(connectionId: number, onSync: (result: SyncResult) => void, onError: (error: MfaError) => void): () => void;
}
