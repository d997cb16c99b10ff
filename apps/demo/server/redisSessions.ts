/**
 * The demo's sessions and connection ownership in Redis (`REDIS_URL`), so several demo
 * processes behind a balancer know the same browsers: a session made on one process owns its
 * connections on all of them.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { Session, SessionRefusal, SessionStore, SessionStoreOptions } from './sessions';
import { readCookie, SESSION_COOKIE } from './sessions';

/** A {@link SessionStore} in Redis, with its connection's lifecycle. */
export interface RedisSessionStore extends SessionStore {
  /** Closes the connection to Redis. */
  close(): Promise<void>;
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Creates the store. Keys, under `prefix`: `session:{id}` (the creating client's address) and
 * `session:{id}:connections` (a hash of connection id → ownership end, epoch ms), both expiring
 * `idleMs` after the session's last use; `client:{address}` counts a client's live sessions.
 * Redis being unreachable reads as "no session" (404), never as another browser's session.
 */
export function createRedisSessionStore(url: string, options: SessionStoreOptions & { prefix?: string } = {}): RedisSessionStore {
  const prefix = options.prefix ?? 'mfa-demo:';
  const maxPerClient = options.maxSessionsPerClient ?? 20;
  const maxConnections = options.maxConnectionsPerSession ?? 50;
  const idleMs = options.idleMs ?? 30 * 60_000;
  const ownershipMs = options.ownershipMs ?? 60 * 60_000;
  const now = options.now ?? Date.now;
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 1000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) } });
  client.on('error', () => {});
  void client.connect().catch(() => {});
  const sessionKey = (id: string) => `${prefix}session:${id}`;
  const connectionsKey = (id: string) => `${prefix}session:${id}:connections`;
  const clientKey = (address: string) => `${prefix}client:${address}`;

  async function live(session: Session): Promise<Map<number, number>> {
    const at = now();
    const all = await client.hGetAll(connectionsKey(session.id));
    const owned = new Map<number, number>();
    for (const [id, until] of Object.entries(all)) if (Number(until) > at) owned.set(Number(id), Number(until));
    return owned;
  }

  return {
    async fromCookieHeader(cookieHeader) {
      const id = readCookie(cookieHeader ?? undefined, SESSION_COOKIE);
      if (id === null || !SESSION_ID.test(id)) return null;
      try {
        const address = await client.get(sessionKey(id));
        if (address === null) return null;
        await Promise.all([client.pExpire(sessionKey(id), idleMs), client.pExpire(connectionsKey(id), idleMs), client.pExpire(clientKey(address), idleMs)]);
        const session: Session = { id, client: address, connections: new Map(), lastSeenAt: now() };
        for (const [connection, until] of await live(session)) session.connections.set(connection, until);
        return session;
      } catch {
        return null;
      }
    },
    async create(address): Promise<Session | SessionRefusal> {
      const count = await client.incr(clientKey(address));
      await client.pExpire(clientKey(address), idleMs);
      if (count > maxPerClient) {
        await client.decr(clientKey(address));
        return 'client_full';
      }
      const session: Session = { id: randomBytes(32).toString('base64url'), client: address, connections: new Map(), lastSeenAt: now() };
      await client.set(sessionKey(session.id), address, { expiration: { type: 'PX', value: idleMs } });
      return session;
    },
    async isFull(session) {
      return (await live(session)).size >= maxConnections;
    },
    async own(session, connectionId) {
      if ((await live(session)).size >= maxConnections) return false;
      const until = now() + ownershipMs;
      await client.hSet(connectionsKey(session.id), String(connectionId), String(until));
      await client.pExpire(connectionsKey(session.id), idleMs);
      session.connections.set(connectionId, until);
      return true;
    },
    async owns(session, connectionId) {
      try {
        const until = await client.hGet(connectionsKey(session.id), String(connectionId));
        return until !== null && until !== undefined && Number(until) > now();
      } catch {
        return false;
      }
    },
    async close() {
      if (client.isOpen) await client.close().catch(() => {});
    },
  };
}
