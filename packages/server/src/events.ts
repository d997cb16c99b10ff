/**
 * Pushed syncs: one poll loop per connection, however many streams watch it, on core's polling
 * policy; each snapshot goes to every stream as a server-sent event.
 */
import {
  defaultPollPolicy,
  deriveStep,
  isFinalStatus,
  isRetryableFailure,
  nextPollDelay,
  parseRetryAfter,
  pollPhase,
  type PollPhase,
  type PollPolicy,
  type Step,
} from '@mfa-kit/core/protocol';
import { API_HEADERS, CLIENT_ADDRESS, errorResponse } from './http';
import { limitOption } from './limit';
import type { Coordination, CoordinationMessage } from './coordination';
import type { SyncOutcome } from './outcome';

/** Options of the event streams (`GET {base}/connections/{id}/events`). */
export interface EventStreamOptions {
  /** A comment line this often, so proxies and the browser see the stream alive. @default 15000 */
  heartbeatMs?: number;
  /** Streams open at once, all connections together; beyond it 503 with `Retry-After`. @default 1000 */
  maxStreams?: number;
  /** Streams open at once on one connection; beyond it 429. @default 10 */
  maxStreamsPerConnection?: number;
  /**
   * Streams open at once for one session (see `sessionOf`), all its connections together;
   * beyond it 429. One signed-in user cannot take the slots of others. @default 20
   */
  maxStreamsPerSession?: number;
  /** Streams open at once from one client address (see `addressOf`); beyond it 429. @default 100 */
  maxStreamsPerAddress?: number;
  /**
   * The session a stream request belongs to, for `maxStreamsPerSession`; `null` counts it under
   * no session. Return your session's or user's id. @default the request's `Cookie` header,
   * else its `Authorization` header
   */
  sessionOf?: (request: Request) => string | null;
  /**
   * The client address a stream request comes from, for `maxStreamsPerAddress`; `null` counts
   * it under no address. Behind a load balancer, read the address it adds (and trusts), e.g.
   * the last entry of `X-Forwarded-For`. @default the peer address under `toNodeHandler`, else `null`
   */
  addressOf?: (request: Request) => string | null;
  /**
   * Bytes a stream may hold unread (a browser that stopped reading) before it is ended; it
   * reconnects and gets the latest sync at once. One event is always let through, however
   * large. Events shared by the streams of one connection are held once. @default 262144
   */
  maxUnreadBytes?: number;
  /** A stream that has had no sync to push for this long ends (the browser reconnects if it still watches). @default 300000 */
  maxIdleMs?: number;
  /** A stream ends after this long (the browser's transport reconnects), so none is held forever. @default 600000 */
  maxStreamMs?: number;
  /** The reconnection delay the stream suggests to the browser (`retry:`), in ms. @default 2000 */
  retryMs?: number;
  /** Overrides of the server loop's polling policy. @default core's defaultPollPolicy with `fastMs: 1000, fastForMs: 20000` */
  policy?: Partial<PollPolicy>;
  /** Randomness for the policy's jitter. @default Math.random */
  random?: () => number;
}

/** Reads a connection's sync upstream. */
export type ReadSync = (connectionId: number, signal: AbortSignal) => Promise<SyncOutcome>;

interface Stream {
  send(chunk: Uint8Array, sync?: boolean): void;
  /** Ends the stream: closed after what is queued, or with `backlog`, failed and its queue dropped. */
  end(backlog?: boolean): void;
}

interface Watch {
  readonly id: number;
  readonly streams: Set<Stream>;
  readonly abort: AbortController;
  timer: ReturnType<typeof setTimeout> | undefined;
  reading: Promise<void> | null;
  last: string | null;
  step: Step | null;
  phase: PollPhase;
  runStartedAt: number;
  lastReadAt: number;
  failures: number;
  expiryConfirmed: boolean;
  /** The scheduled read is the one just past a deadline. */
  deadlineRead: boolean;
  /** Writes published so far: a read under way when one is published brings older news than it. */
  writes: number;
  /** A read was asked for (a timer, a webhook) while one was under way. */
  due: boolean;
  /** When the scheduled read fires (epoch ms), or `null` when none is. */
  nextAt: number | null;
  /** No read before this (the upstream's `Retry-After`), epoch ms. */
  notBefore: number;
  /** When the last read asked for from outside (a webhook) started, epoch ms. */
  lastAskedAt: number;
  /** This process holds the connection's poll loop (always, without coordination). */
  leader: boolean;
  /** The holder elsewhere was asked for a first snapshot. */
  asked: boolean;
  /** The last sync read or published, for a process that starts watching. */
  lastOutcome: SyncOutcome | null;
}

/** The hub behind the events route. */
export interface EventHub {
  open(connectionId: number, request: Request): Response;
  publish(connectionId: number, outcome: SyncOutcome, options?: { newRun?: boolean }): void;
  /**
   * Reads now for the streams watching the connection, at most once per `minIntervalMs` and
   * never inside the upstream's `Retry-After` (a read asked for sooner happens then, once).
   */
  refresh(connectionId: number): Promise<void>;
  stats(): { connections: number; streams: number };
  close(): void;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
/** Reads asked for from outside (webhooks, a write's unknown outcome), per connection, at most this often. */
const MIN_ASKED_INTERVAL_MS = 1000;

/**
 * Events a stream may hold unread before it is ended. A browser that stopped reading (a frozen
 * page, a stalled network) would otherwise keep every snapshot in memory until `maxStreamMs`;
 * ended, it reconnects and gets the latest sync at once, which is all it needs.
 */
const MAX_UNREAD = 64;

/**
 * The server loop's changes to core's policy: one coalesced loop costs the upstream the same
 * however many tabs watch, so it reads every second (not two) while a sync runs, for the first
 * 20 s of a run; then core's growth, cap, `Retry-After` and backoff as in the browser. Nothing is
 * read while the user answers: the answer passes through the proxy and is pushed.
 */
const SERVER_POLICY: Partial<PollPolicy> = { fastMs: 1000, fastForMs: 20_000 };

/**
 * Creates the hub. `read` is the proxy's own upstream read, deadline and caps included.
 * `heard` is told of every sync another process published, watched here or not (the proxy
 * keeps it as the connection's last known sync, so an answer arriving here needs no read first).
 */
export function createEventHub(
  read: ReadSync,
  options: EventStreamOptions = {},
  coordination?: Coordination,
  heard?: (connectionId: number, outcome: SyncOutcome) => void,
): EventHub {
  const heartbeatMs = limitOption('events.heartbeatMs', options.heartbeatMs, 15_000);
  const maxStreams = limitOption('events.maxStreams', options.maxStreams, 1000);
  const maxPerConnection = limitOption('events.maxStreamsPerConnection', options.maxStreamsPerConnection, 10);
  const maxPerSession = limitOption('events.maxStreamsPerSession', options.maxStreamsPerSession, 20);
  const maxPerAddress = limitOption('events.maxStreamsPerAddress', options.maxStreamsPerAddress, 100);
  const maxUnreadBytes = limitOption('events.maxUnreadBytes', options.maxUnreadBytes, 256 * 1024);
  const maxIdleMs = limitOption('events.maxIdleMs', options.maxIdleMs, 300_000);
  const sessionOf = options.sessionOf ?? ((request: Request) => request.headers.get('cookie') ?? request.headers.get('authorization'));
  const addressOf = options.addressOf ?? ((request: Request) => (request as { [CLIENT_ADDRESS]?: string })[CLIENT_ADDRESS] ?? null);
  const perSession = new Map<string, number>();
  const perAddress = new Map<string, number>();
  const maxStreamMs = limitOption('events.maxStreamMs', options.maxStreamMs, 600_000);
  // 0 is a valid `retry:` (reconnect at once); only the digits of a whole number are read by EventSource.
  const retryMs = limitOption('events.retryMs', options.retryMs, 2000, 0);
  const policy: PollPolicy = { ...defaultPollPolicy, ...SERVER_POLICY, ...options.policy };
  const random = options.random ?? Math.random;
  const watches = new Map<number, Watch>();
  let streams = 0;

  // With a coordination, one process at a time holds a connection's loop; the others push what
  // it publishes. When the coordination cannot be reached, every process reads for itself.
  let reachable = true;
  let renewal: ReturnType<typeof setInterval> | undefined;
  const share = (message: CoordinationMessage) => {
    // Not sent: the others may miss it, so this process reads for its own watchers until the
    // coordination answers again (the next claim).
    coordination?.publish(message).catch(() => takeAll(false));
  };

  /** Every watch here reads for itself now (the coordination is gone, or back after a break). */
  function takeAll(nowReachable: boolean): void {
    reachable = nowReachable;
    for (const watch of watches.values()) {
      if (nowReachable && !watch.leader) continue;
      watch.leader = true;
      void poll(watch);
    }
  }

  async function claim(ids: number[]): Promise<void> {
    if (!coordination || ids.length === 0) return;
    let held: ReadonlySet<number>;
    const wasReachable = reachable;
    try {
      held = await coordination.claim(ids);
      reachable = true;
    } catch {
      reachable = false;
      held = new Set(ids);
    }
    // Messages may have been lost while the coordination came or went: every loop held now
    // reads once, the one that was held all along included.
    const changed = wasReachable !== reachable;
    for (const id of ids) {
      const watch = watches.get(id);
      if (!watch) {
        if (held.has(id) && reachable) void coordination.release(id).catch(() => {});
        continue;
      }
      const leads = held.has(id);
      // A new watch here, its loop held elsewhere: the holder publishes its last sync again, so
      // this process's first stream gets a snapshot without another upstream read.
      if (!leads && watch.last === null && !watch.asked) {
        watch.asked = true;
        share({ type: 'snapshot', from: coordination.id, connectionId: id });
      }
      if (leads === watch.leader && !(leads && changed)) continue;
      watch.leader = leads;
      // Taken over (a new watch, a crashed holder, Redis gone or back): read now. Lost: stop reading.
      if (leads) void poll(watch);
      else schedule(watch, null);
    }
  }

  function startRenewal(): void {
    if (!coordination || renewal) return;
    renewal = setInterval(() => {
      if (watches.size === 0) {
        clearInterval(renewal);
        renewal = undefined;
        return;
      }
      void claim([...watches.keys()]);
    }, coordination.renewMs);
  }

  const unsubscribe = coordination?.subscribe(
    (message) => {
      const watch = watches.get(message.connectionId);
      if (message.type !== 'sync') {
        if (!watch?.leader) return;
        if (message.type === 'refresh') void hub.refresh(message.connectionId);
        else if (watch.lastOutcome) share({ type: 'sync', from: coordination!.id, connectionId: watch.id, outcome: watch.lastOutcome, newRun: false, replay: true });
        return;
      }
      heard?.(message.connectionId, message.outcome);
      if (!watch) return;
      // A snapshot published again for a newcomer: nothing new for streams that had one.
      if (message.replay && watch.last !== null) return;
      if (message.newRun) newRun(watch);
      apply(watch, message.outcome);
    },
    // Back after a break: the loops held here read once, for what was published meanwhile.
    () => takeAll(true),
  );

  function newRun(watch: Watch): void {
    // An accepted start or answer begins a new run: fast reads again.
    watch.runStartedAt = Date.now();
    watch.expiryConfirmed = false;
    watch.writes += 1;
  }

  function stop(watch: Watch): void {
    clearTimeout(watch.timer);
    watch.abort.abort();
    watches.delete(watch.id);
    if (watch.leader && coordination && reachable) void coordination.release(watch.id).catch(() => {});
    for (const stream of [...watch.streams]) stream.end();
  }

  function broadcast(watch: Watch, chunk: string, sync = false): void {
    // Encoded once: the streams of a connection share the bytes they hold unread.
    const bytes = encoder.encode(chunk);
    for (const stream of watch.streams) stream.send(bytes, sync);
  }

  function schedule(watch: Watch, delay: number | null): void {
    clearTimeout(watch.timer);
    watch.timer = undefined;
    watch.nextAt = null;
    // Only the loop's holder reads; the others wait for what it publishes.
    if (delay === null || !watches.has(watch.id) || !watch.leader) return;
    watch.nextAt = Date.now() + delay;
    watch.timer = setTimeout(() => void poll(watch), delay);
  }

  function apply(watch: Watch, outcome: SyncOutcome): void {
    if (watches.get(watch.id) !== watch) return;
    const now = Date.now();
    watch.lastReadAt = now;
    if (!outcome.ok) {
      watch.failures += 1;
      const failure = { kind: outcome.kind, status: outcome.status };
      if (!isRetryableFailure(failure)) {
        broadcast(watch, `event: error\ndata: ${JSON.stringify({ id: outcome.id, message: outcome.message })}\n\n`);
        stop(watch);
        return;
      }
      const retryAfterMs = parseRetryAfter(outcome.retryAfter, (outcome.date ? Date.parse(outcome.date) : NaN) || now);
      if (retryAfterMs !== null) watch.notBefore = now + retryAfterMs;
      schedule(watch, nextPollDelay({ phase: watch.phase === 'final' ? 'syncing' : watch.phase, error: { ...failure, retryAfterMs }, failures: watch.failures, policy, random: random() }));
      return;
    }
    watch.failures = 0;
    watch.lastOutcome = outcome;
    // `date` is not an event-stream field, so EventSource ignores it; core's transport reads it
    // as the upstream's Date for the browser's server clock. `data` is exactly GET sync's body.
    watch.last = `event: sync\n${outcome.date ? `date: ${outcome.date}\n` : ''}data: ${outcome.text}\n\n`;
    broadcast(watch, watch.last, true);
    if (isFinalStatus(outcome.state.status)) {
      stop(watch);
      return;
    }
    const offsetMs = outcome.date ? Date.parse(outcome.date) - now : 0;
    const step = deriveStep(outcome.state, now, offsetMs);
    const phase = pollPhase(step);
    const deadline = step.type === 'answer' || step.type === 'expired' ? earliestDeadline(step) : null;
    const deadlineInMs = deadline === null ? null : deadline - (now + offsetMs);
    // A read at least `confirmAfterMs` past the deadline is the confirming read: the server had
    // its chance to say `resync`; keep waiting for the user (or a webhook) instead of re-reading.
    if (phase === 'expired' && (watch.phase === 'expired' || watch.deadlineRead)) watch.expiryConfirmed = true;
    watch.deadlineRead = false;
    watch.step = step;
    watch.phase = phase;
    let delay = nextPollDelay({ phase, runElapsedMs: now - watch.runStartedAt, deadlineInMs, expiryConfirmed: watch.expiryConfirmed, policy, random: random() });
    // Waiting for the user: nothing to read until they answer (the answer passes through us and
    // is published) or the deadline passes, when one read lets the server say `resync`.
    if (delay === null && phase === 'answering' && deadlineInMs !== null) {
      delay = Math.max(0, deadlineInMs + policy.confirmAfterMs);
      watch.deadlineRead = true;
    }
    schedule(watch, delay);
  }

  function poll(watch: Watch): Promise<void> {
    clearTimeout(watch.timer);
    watch.timer = undefined;
    watch.nextAt = null;
    if (!watch.leader) return Promise.resolve();
    if (watch.reading) {
      // The read under way plans the next one when it lands.
      watch.due = true;
      return watch.reading;
    }
    watch.due = false;
    const writes = watch.writes;
    const reading: Promise<void> = read(watch.id, watch.abort.signal)
      .then((outcome) => {
        watch.reading = null;
        // A write published meanwhile is newer than this read: drop it.
        if (watch.writes === writes) {
          apply(watch, outcome);
          share({ type: 'sync', from: coordination?.id ?? '', connectionId: watch.id, outcome, newRun: false });
        }
        // Asked for while this read was under way (a webhook's news, or the read a write's reply
        // planned): this read may predate it, so read again now.
        if (watch.due && watches.get(watch.id) === watch) void poll(watch);
      })
      .catch(() => {
        // read() resolves every upstream failure as an outcome; only our own stop lands here.
      })
      .finally(() => {
        if (watch.reading === reading) watch.reading = null;
      });
    watch.reading = reading;
    return reading;
  }

  const count = (map: Map<string, number>, key: string | null, by: number) => {
    if (key === null) return;
    const next = (map.get(key) ?? 0) + by;
    if (next > 0) map.set(key, next);
    else map.delete(key);
  };
  const tooMany = (status: 429 | 503, message: string) => errorResponse(status, 'too_many_streams', message, { 'retry-after': '5' });

  function open(connectionId: number, request: Request): Response {
    const { signal } = request;
    if (streams >= maxStreams) return tooMany(503, 'Too many event streams are open; poll instead or try again shortly.');
    let watch = watches.get(connectionId);
    if (watch && watch.streams.size >= maxPerConnection) return tooMany(429, 'Too many event streams are open for this connection.');
    const session = sessionOf(request);
    if (session !== null && (perSession.get(session) ?? 0) >= maxPerSession) return tooMany(429, 'Too many event streams are open for this session.');
    const address = addressOf(request);
    if (address !== null && (perAddress.get(address) ?? 0) >= maxPerAddress) return tooMany(429, 'Too many event streams are open from this address.');
    const isNew = !watch;
    if (!watch) {
      watch = {
        id: connectionId,
        streams: new Set(),
        abort: new AbortController(),
        timer: undefined,
        reading: null,
        last: null,
        step: null,
        phase: 'reading',
        runStartedAt: Date.now(),
        lastReadAt: 0,
        failures: 0,
        expiryConfirmed: false,
        deadlineRead: false,
        writes: 0,
        due: false,
        nextAt: null,
        notBefore: 0,
        lastAskedAt: Number.NEGATIVE_INFINITY,
        leader: !coordination,
        asked: false,
        lastOutcome: null,
      };
      watches.set(connectionId, watch);
    }
    const current = watch;
    let closed = false;
    let closing = false;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    // The stream's own queue, so what a browser has not read is known in events and in bytes.
    const queue: Uint8Array[] = [];
    let queuedBytes = 0;
    let waiting: (() => void) | null = null;
    const stream: Stream = {
      send(chunk, sync) {
        if (closed || closing) return;
        if (sync) {
          clearTimeout(idle);
          idle = setTimeout(() => stream.end(), maxIdleMs);
        }
        if (waiting) {
          // The reader is waiting: straight through.
          controller.enqueue(chunk);
          waiting();
          waiting = null;
          return;
        }
        if (queue.length >= MAX_UNREAD || (queue.length > 0 && queuedBytes + chunk.byteLength > maxUnreadBytes)) return stream.end(true);
        queue.push(chunk);
        queuedBytes += chunk.byteLength;
      },
      end(backlog) {
        if (closed) return;
        closed = true;
        streams -= 1;
        count(perSession, session, -1);
        count(perAddress, address, -1);
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        clearTimeout(idle);
        signal.removeEventListener('abort', onAbort);
        current.streams.delete(stream);
        try {
          // Failing the stream drops its queue at once (a reader that never comes would keep it)
          // and ends the response, so the browser reconnects. Otherwise what is queued goes first.
          if (backlog) {
            queue.length = 0;
            queuedBytes = 0;
            controller.error(new Error('The browser stopped reading the event stream.'));
          } else if (queue.length === 0) controller.close();
          else closing = true;
        } catch {
          // Already cancelled by the reader.
        }
        waiting?.();
        waiting = null;
        // The last watcher gone: the loop stops and its upstream call is cancelled.
        if (current.streams.size === 0 && watches.get(current.id) === current) stop(current);
      },
    };
    const onAbort = () => stream.end();
    const body = new ReadableStream<Uint8Array>(
      {
        start(c) {
          controller = c;
        },
        pull(c) {
          const chunk = queue.shift();
          if (chunk) {
            queuedBytes -= chunk.byteLength;
            c.enqueue(chunk);
            if (closing && queue.length === 0) c.close();
            return;
          }
          if (closed) return;
          return new Promise<void>((resolve) => (waiting = resolve));
        },
        cancel() {
          queue.length = 0;
          queuedBytes = 0;
          stream.end();
        },
      },
      // Nothing is pulled ahead: every byte not yet read is in `queue`.
      { highWaterMark: 0 },
    );
    streams += 1;
    count(perSession, session, 1);
    count(perAddress, address, 1);
    current.streams.add(stream);
    signal.addEventListener('abort', onAbort);
    // Declared after `stream`, whose end() clears them: they cannot run before this line.
    const heartbeat = setInterval(() => stream.send(HEARTBEAT), heartbeatMs);
    const lifetime = setTimeout(() => stream.end(), maxStreamMs);
    let idle = setTimeout(() => stream.end(), maxIdleMs);
    stream.send(encoder.encode(`retry: ${retryMs}\n\n`));
    if (current.last) stream.send(encoder.encode(current.last), true);
    if (isNew && coordination) {
      void claim([connectionId]);
      startRenewal();
    } else if (isNew) void poll(current);
    if (signal.aborted) stream.end();
    return new Response(body, {
      status: 200,
      headers: { ...API_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' },
    });
  }

  const hub: EventHub = {
    open,
    publish(connectionId, outcome, publishOptions = {}) {
      if (!outcome.ok) return;
      // Every process's watchers hear of it, not only this one's.
      share({ type: 'sync', from: coordination?.id ?? '', connectionId, outcome, newRun: publishOptions.newRun === true });
      const watch = watches.get(connectionId);
      if (!watch) return;
      if (publishOptions.newRun) newRun(watch);
      apply(watch, outcome);
    },
    async refresh(connectionId) {
      const watch = watches.get(connectionId);
      // The loop's holder reads, within its own limits: one ask, wherever it came in.
      if (coordination && reachable && !watch?.leader) {
        share({ type: 'refresh', from: coordination.id, connectionId });
        return;
      }
      if (!watch) return;
      const now = Date.now();
      const earliest = Math.max(watch.notBefore, watch.lastAskedAt + MIN_ASKED_INTERVAL_MS);
      if (now >= earliest) {
        watch.lastAskedAt = now;
        await poll(watch);
        return;
      }
      // Too soon: one read at the earliest moment allowed covers every ask until then.
      if (watch.nextAt === null || watch.nextAt > earliest) {
        schedule(watch, earliest - now);
        watch.lastAskedAt = earliest;
      }
    },
    stats: () => ({ connections: watches.size, streams }),
    close() {
      clearInterval(renewal);
      renewal = undefined;
      unsubscribe?.();
      for (const watch of [...watches.values()]) stop(watch);
    },
  };
  return hub;
}

function earliestDeadline(step: Extract<Step, { type: 'answer' | 'expired' }>): number | null {
  if (step.type === 'answer') return step.deadline;
  const deadlines = step.challenges.map((c) => c.deadline).filter((d): d is number => d !== null);
  return deadlines.length ? Math.min(...deadlines) : null;
}
