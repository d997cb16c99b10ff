import { randomBytes } from 'node:crypto';

/** The name of the demo's session cookie. */
export const SESSION_COOKIE = 'mfa_demo_sid';

/** One browser session: an opaque id, who made it, and the connections it created. */
export interface Session {
  readonly id: string;
  /** The client that created it (its address), for the per-client cap. */
  readonly client: string;
  /** Connection id → when this session's ownership of it ends (epoch ms). */
  readonly connections: Map<number, number>;
  /** Last request that named this session (epoch ms). */
  lastSeenAt: number;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** Sessions kept at most; when full, new sessions are refused (never an old one evicted). @default 10000 */
  maxSessions?: number;
  /** Sessions one client (address) may hold at once; beyond it, refused. @default 20 */
  maxSessionsPerClient?: number;
  /** Connections one session may own at once. @default 50 */
  maxConnectionsPerSession?: number;
  /** A session unused this long is forgotten, in ms. @default 1800000 (30 min) */
  idleMs?: number;
  /**
   * Ownership of a connection ends this long after its creation, in ms. Keep it below the
   * embedded sandbox's `forgetAfterMs`, so a freed id is never reached by its old owner.
   * @default 3600000 (1 h)
   */
  ownershipMs?: number;
  /** The clock. @default Date.now */
  now?: () => number;
}

/** Why a session or an ownership record was not created. */
export type SessionRefusal = 'store_full' | 'client_full' | 'session_full';

/** A value, or a promise of it: the in-memory store answers at once, the Redis one later. */
export type Awaitable<T> = T | Promise<T>;

/** A map from session id to the connections that session owns: in memory, or in Redis (`createRedisSessionStore`). */
export interface SessionStore {
  /** The live session named by the request's cookie header, or `null`; a hit counts as use. */
  fromCookieHeader(cookieHeader: string | null | undefined): Awaitable<Session | null>;
  /** A new session for `client`, or why not. Created only when a connection is about to be. */
  create(client: string): Awaitable<Session | SessionRefusal>;
  /** Whether `session` may own one more connection. */
  isFull(session: Session): Awaitable<boolean>;
  /** Records that `session` created `connectionId`; `false` when the session is full. */
  own(session: Session, connectionId: number): Awaitable<boolean>;
  /** Whether `session` owns `connectionId` now. */
  owns(session: Session, connectionId: number): Awaitable<boolean>;
}

/** The in-memory {@link SessionStore}, which also counts what it holds. */
export interface MemorySessionStore extends SessionStore {
  fromCookieHeader(cookieHeader: string | null | undefined): Session | null;
  create(client: string): Session | SessionRefusal;
  isFull(session: Session): boolean;
  own(session: Session, connectionId: number): boolean;
  owns(session: Session, connectionId: number): boolean;
  /** Records held, for tests and metrics. */
  size(): { sessions: number; connections: number; clients: number };
}

/**
 * Creates the session store. Ids are 32 random bytes (base64url). Nothing here can be evicted
 * by someone else's requests: sessions are made only when a connection is created, each client
 * address holds at most `maxSessionsPerClient`, the store refuses rather than evicts when full,
 * and sessions and ownership records expire on their own.
 */
export function createSessionStore(options: SessionStoreOptions = {}): MemorySessionStore {
  const maxSessions = options.maxSessions ?? 10_000;
  const maxPerClient = options.maxSessionsPerClient ?? 20;
  const maxConnections = options.maxConnectionsPerSession ?? 50;
  const idleMs = options.idleMs ?? 30 * 60_000;
  const ownershipMs = options.ownershipMs ?? 60 * 60_000;
  const now = options.now ?? Date.now;
  // Kept in least-recently-used order (a use re-inserts), so expiry sweeps stop at the first live one.
  const sessions = new Map<string, Session>();
  const perClient = new Map<string, number>();
  let owned = 0;

  function forget(session: Session): void {
    sessions.delete(session.id);
    owned -= session.connections.size;
    const left = (perClient.get(session.client) ?? 1) - 1;
    if (left <= 0) perClient.delete(session.client);
    else perClient.set(session.client, left);
  }

  function sweep(at: number): void {
    for (const session of sessions.values()) {
      if (at - session.lastSeenAt < idleMs) break;
      forget(session);
    }
  }

  function dropExpired(session: Session, at: number): void {
    for (const [id, until] of session.connections) {
      if (until > at) continue;
      session.connections.delete(id);
      owned -= 1;
    }
  }

  return {
    fromCookieHeader(cookieHeader) {
      const at = now();
      sweep(at);
      const id = readCookie(cookieHeader ?? undefined, SESSION_COOKIE);
      const session = id === null ? undefined : sessions.get(id);
      if (!session) return null;
      session.lastSeenAt = at;
      sessions.delete(session.id);
      sessions.set(session.id, session);
      dropExpired(session, at);
      return session;
    },
    create(client) {
      const at = now();
      sweep(at);
      if ((perClient.get(client) ?? 0) >= maxPerClient) return 'client_full';
      if (sessions.size >= maxSessions) return 'store_full';
      const session: Session = { id: randomBytes(32).toString('base64url'), client, connections: new Map(), lastSeenAt: at };
      sessions.set(session.id, session);
      perClient.set(client, (perClient.get(client) ?? 0) + 1);
      return session;
    },
    isFull(session) {
      dropExpired(session, now());
      return session.connections.size >= maxConnections;
    },
    own(session, connectionId) {
      const at = now();
      dropExpired(session, at);
      if (session.connections.size >= maxConnections) return false;
      if (!session.connections.has(connectionId)) owned += 1;
      session.connections.set(connectionId, at + ownershipMs);
      return true;
    },
    owns(session, connectionId) {
      const until = session.connections.get(connectionId);
      return until !== undefined && until > now() && sessions.get(session.id) === session;
    },
    size: () => ({ sessions: sessions.size, connections: owned, clients: perClient.size }),
  };
}

/**
 * Reads one cookie's value from a `Cookie` header, or `null`.
 */
export function readCookie(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The `Set-Cookie` value for a session: HttpOnly so page scripts cannot read it, SameSite=Lax so
 * other sites' requests do not carry it. `Secure` when the demo is served over https
 * (`DEMO_SECURE_COOKIES=1`).
 */
export function sessionCookie(session: Session, secure: boolean): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
