import { describe, expect, it } from 'vitest';
import { createSessionStore, type Session } from './sessions';

const cookie = (session: Session) => `mfa_demo_sid=${session.id}`;

describe('createSessionStore', () => {
  it('stays bounded over 100,000 connection creations from cookie-less clients', () => {
    const store = createSessionStore();
    let refused = 0;
    for (let i = 0; i < 100_000; i += 1) {
      // Each creation without a cookie asks for a new session; 1,000 addresses, 100 each.
      const session = store.create(`10.0.${i % 1000 >> 8}.${i % 256}`);
      if (typeof session === 'string') refused += 1;
      else store.own(session, i + 1);
    }
    const size = store.size();
    expect(size.sessions).toBeLessThanOrEqual(10_000);
    expect(size.connections).toBeLessThanOrEqual(10_000 * 50);
    // 1,000 addresses × 20 sessions each would be 20,000: the store stops at 10,000.
    expect(size.sessions).toBe(10_000);
    expect(refused).toBe(100_000 - size.sessions);
  });

  it('never evicts a live session, however many sessions others create', () => {
    const store = createSessionStore({ maxSessions: 100, maxSessionsPerClient: 5 });
    const alice = store.create('alice') as Session;
    store.own(alice, 42);
    for (let i = 0; i < 10_000; i += 1) store.create(`flooder-${i}`);
    expect(store.fromCookieHeader(cookie(alice))).toBe(alice);
    expect(store.owns(alice, 42)).toBe(true);
    expect(store.size().sessions).toBe(100);
  });

  it('caps sessions per client and connections per session', () => {
    const store = createSessionStore({ maxSessionsPerClient: 2, maxConnectionsPerSession: 2 });
    const first = store.create('a') as Session;
    store.create('a');
    expect(store.create('a')).toBe('client_full');
    expect(typeof store.create('b')).toBe('object');
    expect(store.own(first, 1)).toBe(true);
    expect(store.own(first, 2)).toBe(true);
    expect(store.isFull(first)).toBe(true);
    expect(store.own(first, 3)).toBe(false);
  });

  it('forgets idle sessions and ends ownership after ownershipMs', () => {
    let now = 0;
    const store = createSessionStore({ idleMs: 1000, ownershipMs: 5000, maxSessionsPerClient: 1, now: () => now });
    const idle = store.create('a') as Session;
    store.own(idle, 1);
    now = 1500;
    expect(store.fromCookieHeader(cookie(idle))).toBeNull();
    expect(store.owns(idle, 1)).toBe(false);
    // Its client may make a new one: the idle one no longer counts.
    const used = store.create('a') as Session;
    store.own(used, 2);
    for (now = 1500; now <= 6600; now += 500) expect(store.fromCookieHeader(cookie(used))).toBe(used);
    expect(store.owns(used, 2)).toBe(false);
    expect(store.size()).toEqual({ sessions: 1, connections: 0, clients: 1 });
  });
});
