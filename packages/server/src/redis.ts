/**
 * `@mfa-kit/server/redis`: the event hubs of several server processes coordinated through
 * Redis, with node-redis (`redis`, a peer dependency you install).
 */
import { createClient } from 'redis';
import type { Coordination, CoordinationMessage } from './coordination';
import type { SyncOutcome } from './outcome';

/** A shared write's slot before its outcome is known. */
const PENDING = 'pending';

/** Options of {@link createRedisCoordination}. */
export interface RedisCoordinationOptions {
  /** The Redis server, e.g. `redis://localhost:6379`. */
  url: string;
  /** Prefix of every key and channel, so several apps can share one Redis. @default 'mfa-kit:' */
  prefix?: string;
  /**
   * How long a poll loop's lease lasts, in ms. Its holder renews it every third of that; a
   * holder that crashed is replaced once the lease runs out, at the next renewal of another
   * process. @default 3000
   */
  leaseMs?: number;
  /** Longest wait for one Redis command before the coordination counts as unreachable, in ms. @default 1000 */
  commandTimeoutMs?: number;
  /**
   * How long an identical write in another process is waited for before this one goes itself;
   * at least the proxies' `timeoutMs`. @default 20000
   */
  writeTimeoutMs?: number;
  /** Receives Redis connection errors (the coordination carries on without Redis meanwhile). @default ignored */
  onError?: (error: unknown) => void;
}

/** A {@link Coordination} on Redis, with its connections' lifecycle. */
export interface RedisCoordination extends Coordination {
  /** Whether both connections to Redis are up now. */
  isReady(): boolean;
  /** Closes both connections to Redis (on shutdown, after the proxies' `close()`). */
  close(): Promise<void>;
}

// Takes the lease when free, renews it when ours; answers 1 when we hold it.
const CLAIM = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;
// Gives the lease up only when it is still ours.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

function isMessage(value: unknown): value is CoordinationMessage {
  const m = value as Partial<CoordinationMessage> | null;
  return (
    !!m &&
    typeof m.from === 'string' &&
    typeof m.connectionId === 'number' &&
    Number.isSafeInteger(m.connectionId) &&
    (m.type === 'refresh' || m.type === 'snapshot' || (m.type === 'sync' && typeof m.outcome === 'object' && m.outcome !== null && typeof m.newRun === 'boolean'))
  );
}

/**
 * Coordinates the event hubs of every process given the same Redis (pass it as
 * `coordination` to each `createMfaProxy`): one upstream poll loop per connection across the
 * processes, held by a lease; every read's outcome and every write's sync published to all of
 * them, so each pushes to its own streams; a webhook on any process read by the loop's holder,
 * once, within its rate limit and `Retry-After`.
 *
 * Redis is never in an answer's path: writes go upstream as they do without it. While Redis
 * cannot be reached, commands fail within `commandTimeoutMs` and each process polls for its own
 * streams; the clients reconnect on their own, and the leases settle again.
 *
 * @example
 * const coordination = createRedisCoordination({ url: process.env.REDIS_URL! });
 * const proxy = createMfaProxy({ ...options, coordination });
 */
export function createRedisCoordination(options: RedisCoordinationOptions): RedisCoordination {
  const prefix = options.prefix ?? 'mfa-kit:';
  const leaseMs = options.leaseMs ?? 3000;
  if (!Number.isInteger(leaseMs) || leaseMs < 30) throw new TypeError('createRedisCoordination: `leaseMs` must be a whole number of at least 30.');
  const timeoutMs = options.commandTimeoutMs ?? 1000;
  const writeMs = options.writeTimeoutMs ?? 20_000;
  const onError = options.onError ?? (() => {});
  const id = `${Date.now().toString(36)}-${crypto.randomUUID()}`;
  const channel = `${prefix}events`;
  const lease = (connectionId: number) => `${prefix}lease:${connectionId}`;
  const clientOptions = {
    url: options.url,
    // Fail at once while disconnected, rather than queue: the hub then polls without Redis.
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) },
  };
  const commands = createClient(clientOptions);
  const subscriber = createClient(clientOptions);
  const handlers = new Set<(message: CoordinationMessage) => void>();
  const resumers = new Set<() => void>();
  for (const client of [commands, subscriber]) {
    client.on('error', (error: unknown) => onError(error));
    client.connect().catch(onError);
  }
  const onText = (text: string) => {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isMessage(message) || message.from === id) return;
    for (const handler of handlers) handler(message);
  };
  // With the offline queue off, SUBSCRIBE waits for the first 'ready'; node-redis subscribes
  // again by itself after a reconnection.
  let subscribed = false;
  let readyOnce = false;
  subscriber.on('ready', () => {
    // Back after a break: what was published meanwhile never arrived here.
    if (readyOnce) for (const resume of resumers) resume();
    readyOnce = true;
    if (subscribed) return;
    subscribed = true;
    subscriber.subscribe(channel, onText).catch((error: unknown) => {
      subscribed = false;
      onError(error);
    });
  });

  function timed<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer in time.')), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  return {
    id,
    renewMs: Math.floor(leaseMs / 3),
    async claim(connectionIds) {
      const held = new Set<number>();
      const answers = await timed(Promise.all(connectionIds.map((connectionId) => commands.eval(CLAIM, { keys: [lease(connectionId)], arguments: [id, String(leaseMs)] }))));
      connectionIds.forEach((connectionId, index) => {
        if (answers[index] === 1) held.add(connectionId);
      });
      return held;
    },
    async release(connectionId) {
      await timed(commands.eval(RELEASE, { keys: [lease(connectionId)], arguments: [id] }));
    },
    async publish(message) {
      await timed(commands.publish(channel, JSON.stringify(message)));
    },
    subscribe(onMessage, onResume) {
      handlers.add(onMessage);
      if (onResume) resumers.add(onResume);
      return () => {
        handlers.delete(onMessage);
        if (onResume) resumers.delete(onResume);
      };
    },
    async shareWrite(connectionId, key, write) {
      const slot = `${prefix}write:${connectionId}:${key}`;
      let mine: boolean;
      try {
        mine = (await timed(commands.set(slot, PENDING, { condition: 'NX', expiration: { type: 'PX', value: writeMs } }))) === 'OK';
      } catch {
        return write();
      }
      if (mine) {
        const outcome = await write();
        // Kept a little while, for an identical write that is still on its way to another process.
        await timed(commands.set(slot, JSON.stringify(outcome), { expiration: { type: 'PX', value: 5000 } })).catch(() => {});
        return outcome;
      }
      for (const until = Date.now() + writeMs; Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        let value: string | null;
        try {
          value = await timed(commands.get(slot));
        } catch {
          // Redis gone meanwhile: the other write's outcome cannot be learnt; this one goes itself.
          return write();
        }
        // Gone: its process ended before it could say (the slot expired); this one goes itself.
        if (value === null) return write();
        if (value !== PENDING) return JSON.parse(value) as SyncOutcome;
      }
      return write();
    },
    isReady: () => commands.isReady && subscriber.isReady,
    async close() {
      handlers.clear();
      resumers.clear();
      await Promise.all([commands, subscriber].map((client) => (client.isOpen ? client.close().catch(() => {}) : Promise.resolve())));
    },
  };
}
