/**
 * The seam between the event hubs of several server processes: who holds a connection's
 * upstream poll loop (a lease its holder renews), and the messages that carry every sync, and
 * every webhook's ask for a read, to all processes. In memory for one process (the default), or
 * in Redis (`@mfa-kit/server/redis`) for many.
 */
import type { SyncOutcome } from './outcome';

/** What one process tells the others. */
export type CoordinationMessage =
  | {
      type: 'sync';
      /** The process that read or wrote it. */
      from: string;
      connectionId: number;
      /** What the upstream answered (a sync, or a failure with its `Retry-After`). */
      outcome: SyncOutcome;
      /** An accepted start or answer: a new run begins (fast reads again). */
      newRun: boolean;
      /** The last sync published again for a process that started watching: new only to it. */
      replay?: boolean;
    }
  | {
      /** `refresh`: read now (a webhook came in). `snapshot`: publish the last sync again (a process started watching). */
      type: 'refresh' | 'snapshot';
      from: string;
      connectionId: number;
    };

/**
 * How the event hubs of several processes share their work. {@link createMemoryCoordination}
 * and `createRedisCoordination` from `@mfa-kit/server/redis` implement it.
 */
export interface Coordination {
  /** This process's id, unique among the processes. */
  readonly id: string;
  /** How often the hub calls {@link Coordination.claim}, in ms; a lease lasts three of these. */
  readonly renewMs: number;
  /**
   * Takes or renews the poll loops of these connections; resolves the ones this process holds.
   * Rejects when the coordination cannot be reached: each process then reads for its own
   * watchers, as one process alone would, until it can again.
   */
  claim(connectionIds: readonly number[]): Promise<ReadonlySet<number>>;
  /** Gives a connection's loop up (its last watcher here is gone). */
  release(connectionId: number): Promise<void>;
  /** Sends a message to every other process. Rejects when it cannot. */
  publish(message: CoordinationMessage): Promise<void>;
  /**
   * Receives the other processes' messages (never this process's own), and `onResume` when the
   * coordination is back after a break in which messages may have been lost. One pair per hub.
   */
  subscribe(onMessage: (message: CoordinationMessage) => void, onResume?: () => void): () => void;
  /**
   * Optional: runs `write` in this process unless an identical write (same `key`, a keyed
   * hash that names no answer) is already under way in another one, whose outcome it then
   * resolves instead. Without it, or when the coordination cannot be reached, `write` runs here.
   */
  shareWrite?(connectionId: number, key: string, write: () => Promise<SyncOutcome>): Promise<SyncOutcome>;
}

/** A place several in-memory coordinations share: the processes of a test, or one process's proxies. */
export interface MemoryCoordinationSpace {
  leases: Map<number, { holder: string; until: number }>;
  members: Set<(message: CoordinationMessage) => void>;
}

let nextId = 0;

/**
 * The in-memory {@link Coordination}: leases and messages in this process's memory. Alone (the
 * default of every `createMfaProxy`), it grants every lease at once and has nobody to tell,
 * which is one process exactly as without coordination. Given a shared `space`, several
 * proxies in one process coordinate as several processes on Redis would.
 */
export function createMemoryCoordination(options: { space?: MemoryCoordinationSpace; renewMs?: number } = {}): Coordination {
  const space: MemoryCoordinationSpace = options.space ?? { leases: new Map(), members: new Set() };
  const renewMs = options.renewMs ?? 1000;
  const id = `memory-${(nextId += 1)}`;
  return {
    id,
    renewMs,
    async claim(connectionIds) {
      const now = Date.now();
      const held = new Set<number>();
      for (const connectionId of connectionIds) {
        const lease = space.leases.get(connectionId);
        if (!lease || lease.holder === id || lease.until <= now) {
          space.leases.set(connectionId, { holder: id, until: now + 3 * renewMs });
          held.add(connectionId);
        }
      }
      return held;
    },
    async release(connectionId) {
      if (space.leases.get(connectionId)?.holder === id) space.leases.delete(connectionId);
    },
    async publish(message) {
      for (const member of space.members) member(message);
    },
    subscribe(onMessage) {
      const member = (message: CoordinationMessage) => {
        if (message.from !== id) onMessage(message);
      };
      space.members.add(member);
      return () => space.members.delete(member);
    },
  };
}
