import { randomBytes } from 'node:crypto';

/** The name of the demo's session cookie. */
export const SESSION_COOKIE = 'mfa_demo_sid';

/** One browser session: an opaque id and the connections it created. */
export interface Session {
  readonly id: string;
  readonly connections: Set<number>;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** Sessions kept in memory; the oldest is forgotten beyond this. @default 10000 */
  maxSessions?: number;
  /** Connections one session may create. @default 50 */
  maxConnectionsPerSession?: number;
}

/** An in-memory map from session id to the connections that session owns. */
export interface SessionStore {
  /** The session named by the request's cookie header, or `null` when absent or unknown. */
  fromCookieHeader(cookieHeader: string | undefined): Session | null;
  /** A new session with a random id. */
  create(): Session;
  /** Record that `session` created `connectionId`. Returns `false` when the session is full. */
  own(session: Session, connectionId: number): boolean;
  /** Whether `session` may not create more connections. */
  isFull(session: Session): boolean;
  /** Whether `session` created `connectionId`. */
  owns(session: Session, connectionId: number): boolean;
}

/**
 * Creates the session store. Ids are 32 random bytes (base64url), so a session cannot be
 * guessed; a connection is reachable only from the session that created it.
 */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const maxSessions = options.maxSessions ?? 10_000;
  const maxConnections = options.maxConnectionsPerSession ?? 50;
  const sessions = new Map<string, Session>();

  return {
    fromCookieHeader(cookieHeader) {
      const id = readCookie(cookieHeader, SESSION_COOKIE);
      return id === null ? null : (sessions.get(id) ?? null);
    },
    create() {
      const session: Session = { id: randomBytes(32).toString('base64url'), connections: new Set() };
      sessions.set(session.id, session);
      // Maps iterate in insertion order: the first key is the oldest session.
      while (sessions.size > maxSessions) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        sessions.delete(oldest);
      }
      return session;
    },
    own(session, connectionId) {
      if (session.connections.size >= maxConnections) return false;
      session.connections.add(connectionId);
      return true;
    },
    isFull(session) {
      return session.connections.size >= maxConnections;
    },
    owns(session, connectionId) {
      return session.connections.has(connectionId);
    },
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
 * other sites' forms and fetches do not carry it. `Secure` when the demo is served over https.
 */
export function sessionCookie(session: Session, secure: boolean): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
