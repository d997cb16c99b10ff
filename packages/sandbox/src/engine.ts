/**
 * The scenario engine: connections, their stages, answers, expiry and faults, with no transport.
 * State is derived lazily from the engine clock on every call, so there are no timers: a manual
 * clock moves a connection through every stage instantly.
 */
import { emitSync, lenientAnswerBodySchema } from '@mfa-kit/core/protocol';
import type { AnswerValue, Challenge, Choice, SyncState } from '@mfa-kit/core/protocol';
import type { SandboxClock } from './clock';
import { realClock } from './clock';
import type { SandboxFaults } from './faults';
import { FaultSet } from './faults';
import type { RandomSource } from './random';
import { randomInt } from './random';
import type { SandboxHeaders, SandboxResponse } from './response';
import type { PendingChallenge, Phase, PostedCredentials, ScenarioInfo, ScenarioName, ScriptContext, Segment } from './scenarios';
import { SCENARIOS, SCENARIO_SCRIPTS, isScenarioName } from './scenarios';

/** How long each progress stage lasts, in ms of engine time. */
export interface StageTiming {
  /** `progress.state: "queued"`. @default 1000 */
  queuedMs: number;
  /** `authenticating` (logging in). @default 2000 */
  authenticatingMs: number;
  /** `verifying` (checking an answer, sending a PIN). @default 1500 */
  verifyingMs: number;
  /** `fetching` (accounts), before `good`. @default 2000 */
  fetchingMs: number;
}

/** The default {@link StageTiming}: about six seconds from POST /sync to `good`, so a demo feels real. */
export const DEFAULT_TIMING: Readonly<StageTiming> = { queuedMs: 1000, authenticatingMs: 2000, verifyingMs: 1500, fetchingMs: 2000 };

/** Options shared by the engine (defaults) and each connection (overrides). */
export interface StageOptions {
  /** Stage durations. @default DEFAULT_TIMING */
  timing?: Partial<StageTiming>;
  /** How long a realtime PIN (stage two) may be answered. @default 120_000 */
  pinWindowMs?: number;
  /** How long a CAPTCHA may be answered. @default 60_000 */
  captchaWindowMs?: number;
}

/** Options of {@link createEngine}. */
export interface EngineOptions extends StageOptions {
  /** Engine time. @default realClock */
  clock?: SandboxClock;
  /** Randomness for ids, PINs, CAPTCHAs and image order; seed it (`createSeededRandom`) for deterministic tests. @default Math.random */
  random?: RandomSource;
  /** Global faults from the start. @default {} */
  faults?: SandboxFaults;
  /**
   * Forget a connection unused (no call naming it) for this long, in engine time, and free its
   * id. A long-running sandbox then holds only recent connections. @default Infinity (never)
   */
  forgetAfterMs?: number;
  /** Connections kept at most; beyond it the least recently used is forgotten. @default Infinity */
  maxConnections?: number;
}

/** Options of {@link SandboxEngine.createConnection}. */
export interface ConnectionOptions extends StageOptions {
  /** A fixed connection id (7 digits are Quovo-like). @default a random unused 7-digit id */
  id?: number;
  /** What a wrong answer leads to. @default 'incorrect_credentials' for `multi`, 'retry' otherwise */
  onWrongAnswer?: 'retry' | 'incorrect_credentials';
  /** The passcode the `incorrect_credentials` scenario accepts (with any non-empty username). @default 'correct' */
  passcode?: string;
  /** Start a sync at creation, as if POST /sync had been called. @default false */
  start?: boolean;
  /** Faults for this connection only. @default {} */
  faults?: SandboxFaults;
}

/** A connection as the admin API lists it. */
export interface ConnectionInfo {
  /** The connection id (7 digits unless chosen). */
  id: number;
  /** Its scenario. */
  scenario: ScenarioName;
}

/** A PIN the sandbox "sent" (`GET /__sandbox/connections/{id}/outbox`). */
export interface OutboxMessage {
  /** The chosen destination's category: `Text`, `Voice`, … */
  channel: string;
  /** The masked destination, as shown in the choice. */
  to: string;
  /** The message text. */
  body: string;
  /** The PIN itself. */
  pin: string;
  /** When it was sent, ISO-8601 in engine time. */
  sent_at: string;
}

/** The pending CAPTCHA's answer, a test aid (`GET /__sandbox/connections/{id}/captcha`). */
export interface CaptchaInfo {
  /** The pending CAPTCHA challenge. */
  challenge_id: number;
  /** The characters in the image (answers compare trimmed, case-insensitively). */
  answer: string;
  /** ISO-8601 in the server's (possibly skewed) clock, like the challenge's `expires`. */
  expires: string | null;
}

/** The transport-free sandbox. Every `SandboxResponse` method applies faults and the `Date` header. */
export interface SandboxEngine {
  /** Engine time. */
  readonly clock: SandboxClock;
  /** The scenarios, for listing. */
  scenarios(): ScenarioInfo[];
  /** Creates a connection with a scenario. Throws `TypeError` on an unknown scenario, `RangeError` on a taken id. */
  createConnection(scenario: ScenarioName, options?: ConnectionOptions): ConnectionInfo;
  /** Whether a connection exists. */
  hasConnection(id: number): boolean;
  /** Every connection. */
  connections(): ConnectionInfo[];
  /** GET /connections/{id}/sync. */
  getSync(id: number): SandboxResponse;
  /** POST /connections/{id}/sync without answers: `undefined`, `{}` or `{username, passcode}`. */
  startSync(id: number, body?: unknown): SandboxResponse;
  /** Answers: POST /sync with `{answers}` or PUT /challenges. */
  answer(id: number, body: unknown): SandboxResponse;
  /** POST /connections/{id}/sync, whatever the body: answers when it has `answers`, a (re)start otherwise. */
  postSync(id: number, body?: unknown): SandboxResponse;
  /** The connection's sync, normalized, at the current engine time (no faults). Throws `RangeError` for an unknown id. */
  state(id: number): SyncState;
  /** The PINs sent on a connection, oldest first. Throws `RangeError` for an unknown id. */
  outbox(id: number): OutboxMessage[];
  /** The pending CAPTCHA's answer, or `null` when none is pending. Throws `RangeError` for an unknown id. */
  captcha(id: number): CaptchaInfo | null;
  /** Replaces the global faults, or one connection's. `{}` clears. */
  setFaults(faults: SandboxFaults, connectionId?: number): void;
  /** The faults still active (with remaining counts), global or one connection's. */
  faults(connectionId?: number): SandboxFaults;
  /** The server's clock (engine time plus the skew fault), epoch ms. */
  serverNow(connectionId?: number): number;
  /** A JSON response with the sandbox's headers (for routes outside the engine, e.g. 401). */
  json(status: number, body: unknown, connectionId?: number): SandboxResponse;
  /** An error response `{"id","message"}`. */
  error(status: number, id: string, message: string, connectionId?: number): SandboxResponse;
}

interface Connection {
  id: number;
  scenario: ScenarioName;
  timing: StageTiming;
  pinWindowMs: number;
  captchaWindowMs: number;
  onWrongAnswer: 'retry' | 'incorrect_credentials';
  passcode: string;
  segment: Segment;
  memory: Record<string, unknown>;
  outbox: OutboxMessage[];
  expiredIds: Set<number>;
  faults: FaultSet;
  /** Engine time of the last call naming it, for forgetting. */
  lastUsedAt: number;
}

const QUEUED_TO = 10;
const LOGIN_TO = 40;
const VERIFY_TO = 55;
const FETCH_TO = 99;

/**
 * Creates a sandbox engine.
 *
 * @example
 * const clock = createManualClock();
 * const engine = createEngine({ clock, random: createSeededRandom(1) });
 * const { id } = engine.createConnection('realtime_pin');
 * engine.postSync(id); clock.advance(10_000); engine.getSync(id); // stage one
 */
export function createEngine(options: EngineOptions = {}): SandboxEngine {
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const engineTiming: StageTiming = { ...DEFAULT_TIMING, ...options.timing };
  const globalFaults = new FaultSet(options.faults);
  const connections = new Map<number, Connection>();
  const usedIds = new Set<number>();

  function newId(): number {
    for (;;) {
      const id = randomInt(random, 1_000_000, 9_999_999);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  }

  function skewMs(conn?: Connection): number {
    return conn?.faults.skewMs() ?? globalFaults.skewMs() ?? 0;
  }

  function headers(conn: Connection | undefined, extra: SandboxHeaders = {}): SandboxHeaders {
    return {
      date: new Date(clock.now() + skewMs(conn)).toUTCString(),
      'cache-control': 'no-store',
      ...extra,
    };
  }

  function json(status: number, body: unknown, conn?: Connection): SandboxResponse {
    return { type: 'json', status, headers: headers(conn, { 'content-type': 'application/json; charset=utf-8' }), body, delayMs: 0 };
  }

  function error(status: number, id: string, message: string, conn?: Connection): SandboxResponse {
    return json(status, { id, message }, conn);
  }

  /** Applies faults around one Quovo call: latency, then a replacing fault, else the call (maybe mangled). */
  function withFaults(conn: Connection | undefined, run: () => SandboxResponse): SandboxResponse {
    const sets = conn ? [conn.faults, globalFaults] : [globalFaults];
    let delayMs = 0;
    for (const set of sets) {
      const ms = set.takeLatency();
      if (ms !== null) {
        delayMs = ms;
        break;
      }
    }
    for (const set of sets) {
      const fault = set.takeResponseFault();
      if (!fault) continue;
      switch (fault.name) {
        case 'drop':
          return { type: 'drop', delayMs };
        case 'status502':
          return {
            type: 'raw',
            status: 502,
            headers: headers(conn, { 'content-type': 'text/html; charset=utf-8' }),
            raw: BAD_GATEWAY_HTML,
            delayMs,
          };
        case 'status500':
          return { ...error(500, 'internal_error', 'The server had a problem. Try again.', conn), delayMs };
        case 'status429':
          return {
            type: 'json',
            status: 429,
            headers: headers(conn, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(fault.retryAfterSeconds) }),
            body: { id: 'rate_limited', message: 'Too many requests. Retry after the time in Retry-After.' },
            delayMs,
          };
      }
    }
    const response = run();
    // Carried out, but the reply never arrives.
    if (sets.some((set) => set.takeLostReply())) return { type: 'drop', delayMs };
    if (response.type === 'json' && sets.some((set) => set.takeMalformedJson())) {
      const text = JSON.stringify(response.body);
      return { type: 'raw', status: response.status, headers: response.headers, raw: text.slice(0, Math.ceil(text.length / 2)), delayMs };
    }
    return { ...response, delayMs };
  }

  const forgetAfterMs = options.forgetAfterMs ?? Number.POSITIVE_INFINITY;
  const maxConnections = options.maxConnections ?? Number.POSITIVE_INFINITY;

  /** Marks a connection used: the map is kept in least-recently-used order, oldest first. */
  function touch(conn: Connection | undefined): void {
    if (!conn) return;
    conn.lastUsedAt = clock.now();
    connections.delete(conn.id);
    connections.set(conn.id, conn);
  }

  /** Forgets connections unused for `forgetAfterMs`, and the least recently used beyond `maxConnections`. */
  function sweep(): void {
    const now = clock.now();
    for (const conn of connections.values()) {
      if (connections.size <= maxConnections && now - conn.lastUsedAt < forgetAfterMs) break;
      connections.delete(conn.id);
      usedIds.delete(conn.id);
    }
  }

  function resolveConnection(id: number): Connection {
    sweep();
    const conn = connections.get(id);
    if (!conn) throw new RangeError(`No sandbox connection ${id}`);
    touch(conn);
    return conn;
  }

  /** A Quovo call on a connection: faults first, 404 for an unknown id. */
  function quovoCall(id: number, run: (conn: Connection, now: number) => SandboxResponse): SandboxResponse {
    sweep();
    const conn = connections.get(id);
    touch(conn);
    return withFaults(conn, () => {
      if (!conn) return error(404, 'not_found', `No connection ${id}.`);
      const now = clock.now();
      settle(conn, now);
      return run(conn, now);
    });
  }

  function context(conn: Connection): ScriptContext {
    const { timing } = conn;
    const timed = (start: number, phases: Phase[], next: (at: number) => Segment): Segment => ({ kind: 'timed', start, phases, next });
    const final = (start: number, status: string, message: string, configInstructions: string | null = null): Segment => ({
      kind: 'final',
      start,
      status,
      message,
      configInstructions,
    });
    return {
      connectionId: conn.id,
      random,
      pinWindowMs: conn.pinWindowMs,
      captchaWindowMs: conn.captchaWindowMs,
      onWrongAnswer: conn.onWrongAnswer,
      passcode: conn.passcode,
      memory: conn.memory,
      challengeId: newId,
      login: (at, next) =>
        timed(
          at,
          [
            { state: 'queued', message: 'Waiting to start', ms: timing.queuedMs, from: 0, to: QUEUED_TO },
            { state: 'authenticating', message: 'Logging in', ms: timing.authenticatingMs, from: QUEUED_TO, to: LOGIN_TO },
          ],
          next,
        ),
      verify: (at, next, message = 'Checking your answers') =>
        timed(at, [{ state: 'verifying', message, ms: timing.verifyingMs, from: LOGIN_TO, to: VERIFY_TO }], next),
      finish: (at) =>
        timed(at, [{ state: 'fetching', message: 'Fetching accounts', ms: timing.fetchingMs, from: VERIFY_TO, to: FETCH_TO }], (t) =>
          final(t, 'good', 'Sync complete'),
        ),
      ask: (at, pending, onAnswer) => ({ kind: 'challenges', start: at, pending, onAnswer }),
      final,
      sendPin: (at, destination: Choice, pin: string) => {
        const voice = destination.category === 'Voice';
        conn.outbox.push({
          channel: destination.category ?? 'Text',
          to: destination.value,
          body: voice
            ? `(voice call) Your First Sandbox Bank PIN is ${pin.split('').join(' ')}.`
            : `First Sandbox Bank: your PIN is ${pin}. It expires in ${Math.round(conn.pinWindowMs / 60_000)} minutes. Never share it.`,
          pin,
          sent_at: new Date(at).toISOString(),
        });
      },
    };
  }

  /** Moves a connection to where its clock says it is. */
  function settle(conn: Connection, now: number): void {
    for (;;) {
      const seg = conn.segment;
      if (seg.kind === 'timed') {
        const end = seg.start + seg.phases.reduce((sum, p) => sum + p.ms, 0);
        if (now < end) return;
        conn.segment = seg.next(end);
        continue;
      }
      if (seg.kind === 'challenges') {
        const deadlines = seg.pending.map((p) => p.challenge.deadline).filter((d): d is number => d !== null);
        if (deadlines.length === 0) return;
        const deadline = Math.min(...deadlines);
        if (now < deadline) return;
        for (const p of seg.pending) conn.expiredIds.add(p.challenge.id);
        conn.segment = {
          kind: 'final',
          start: deadline,
          status: 'resync',
          message: 'The challenge expired before it was answered. Start a new sync.',
          configInstructions: null,
        };
        continue;
      }
      return;
    }
  }

  function render(conn: Connection, now: number): SyncState {
    const seg = conn.segment;
    const skew = skewMs(conn);
    const base = { connectionId: conn.id, challenges: [] as Challenge[], configInstructions: null };
    switch (seg.kind) {
      case 'idle':
        return { ...base, status: 'never_synced', progress: { state: null, percent: null, message: 'No sync has run yet. POST /sync starts one.' } };
      case 'timed': {
        let elapsed = now - seg.start;
        let phase = seg.phases[seg.phases.length - 1] as Phase;
        for (const p of seg.phases) {
          if (elapsed < p.ms) {
            phase = p;
            break;
          }
          elapsed -= p.ms;
        }
        const fraction = phase.ms > 0 ? Math.min(1, Math.max(0, elapsed / phase.ms)) : 1;
        return {
          ...base,
          status: 'syncing',
          progress: { state: phase.state, percent: Math.round(phase.from + (phase.to - phase.from) * fraction), message: phase.message },
        };
      }
      case 'challenges':
        return {
          ...base,
          status: 'challenges',
          progress: { state: 'authenticating', percent: LOGIN_TO, message: 'Waiting for your answer' },
          challenges: seg.pending.map((p) => ({
            ...p.challenge,
            deadline: p.challenge.deadline === null ? null : p.challenge.deadline + skew,
          })),
        };
      case 'final':
        return {
          ...base,
          status: seg.status,
          progress: { state: seg.status === 'good' ? 'complete' : 'stopped', percent: seg.status === 'good' ? 100 : null, message: seg.message },
          configInstructions: seg.configInstructions,
        };
    }
  }

  function syncResponse(conn: Connection, now: number, status = 200): SandboxResponse {
    return json(status, emitSync(render(conn, now)), conn);
  }

  function restart(conn: Connection, now: number, credentials: PostedCredentials | null): void {
    conn.segment = SCENARIO_SCRIPTS[conn.scenario](context(conn), now, credentials);
    settle(conn, now);
  }

  function start(conn: Connection, now: number, body: unknown): SandboxResponse {
    let credentials: PostedCredentials | null = null;
    if (body !== undefined && body !== null) {
      if (!isRecord(body)) return error(400, 'invalid_request', 'The body must be a JSON object.', conn);
      if ('username' in body || 'passcode' in body) {
        if (typeof body.username !== 'string' || typeof body.passcode !== 'string') {
          return error(400, 'invalid_request', 'New credentials need both "username" and "passcode" as strings.', conn);
        }
        credentials = { username: body.username, passcode: body.passcode };
      }
    }
    // A POST while a sync is running returns it unchanged: a double click must not restart MFA.
    if (conn.segment.kind === 'timed' || conn.segment.kind === 'challenges') return syncResponse(conn, now);
    restart(conn, now, credentials);
    return syncResponse(conn, now);
  }

  function answer(conn: Connection, now: number, body: unknown): SandboxResponse {
    // Core's schema for answer bodies, the one @mfa-kit/server and partners check them with.
    const parsed = lenientAnswerBodySchema.safeParse(body);
    if (!parsed.success) {
      return error(400, 'invalid_request', `The body must be {"answers": [{"challenge_id": number, "answer": number | string}]}.`, conn);
    }
    const answers = parsed.data.answers;
    const expired = answers.find((a) => conn.expiredIds.has(a.challenge_id));
    if (expired) {
      return error(409, 'challenge_expired', `Challenge ${expired.challenge_id} expired. Start a new sync (POST /sync).`, conn);
    }
    const seg = conn.segment;
    if (seg.kind !== 'challenges') {
      return error(409, 'no_pending_challenges', `The sync is "${render(conn, now).status}": there is no challenge to answer.`, conn);
    }
    const byId = new Map(seg.pending.map((p) => [p.challenge.id, p]));
    const unknown = answers.find((a) => !byId.has(a.challenge_id));
    if (unknown) {
      return error(400, 'unknown_challenge', `No pending challenge ${unknown.challenge_id} on connection ${conn.id}.`, conn);
    }
    const map = new Map<number, AnswerValue>();
    for (const a of answers) {
      const pending = byId.get(a.challenge_id) as PendingChallenge;
      // Read-only challenges (should_answer: false) are ignored, as the protocol says.
      if (!pending.challenge.shouldAnswer) continue;
      if (!isValidAnswer(pending.challenge, a.answer)) {
        return error(400, 'invalid_answer', `The answer to challenge ${a.challenge_id} is not one of its keys or is not text.`, conn);
      }
      map.set(a.challenge_id, a.answer);
    }
    const missing = seg.pending.filter((p) => p.challenge.shouldAnswer && !map.has(p.challenge.id));
    if (missing.length > 0) {
      return error(
        400,
        'missing_answers',
        `Answer every pending challenge in one request; missing: ${missing.map((p) => p.challenge.id).join(', ')}.`,
        conn,
      );
    }
    conn.segment = seg.onAnswer(map, now);
    settle(conn, now);
    return syncResponse(conn, now);
  }

  const engine: SandboxEngine = {
    clock,
    scenarios: () => SCENARIOS.map((s) => ({ ...s })),
    createConnection(scenario, connectionOptions = {}) {
      if (!isScenarioName(scenario)) throw new TypeError(`Unknown scenario "${String(scenario)}"`);
      let id = connectionOptions.id;
      if (id !== undefined) {
        if (connections.has(id)) throw new RangeError(`Connection ${id} already exists`);
        usedIds.add(id);
      } else {
        id = newId();
      }
      const conn: Connection = {
        id,
        scenario,
        timing: { ...engineTiming, ...connectionOptions.timing },
        pinWindowMs: connectionOptions.pinWindowMs ?? options.pinWindowMs ?? 120_000,
        captchaWindowMs: connectionOptions.captchaWindowMs ?? options.captchaWindowMs ?? 60_000,
        onWrongAnswer: connectionOptions.onWrongAnswer ?? (scenario === 'multi' ? 'incorrect_credentials' : 'retry'),
        passcode: connectionOptions.passcode ?? 'correct',
        segment: { kind: 'idle' },
        memory: {},
        outbox: [],
        expiredIds: new Set(),
        faults: new FaultSet(connectionOptions.faults),
        lastUsedAt: clock.now(),
      };
      connections.set(id, conn);
      sweep();
      if (connectionOptions.start) restart(conn, clock.now(), null);
      return { id, scenario };
    },
    hasConnection: (id) => (sweep(), connections.has(id)),
    connections: () => [...connections.values()].map((c) => ({ id: c.id, scenario: c.scenario })),
    getSync: (id) => quovoCall(id, (conn, now) => syncResponse(conn, now)),
    startSync: (id, body) => quovoCall(id, (conn, now) => start(conn, now, body)),
    answer: (id, body) => quovoCall(id, (conn, now) => answer(conn, now, body)),
    postSync: (id, body) =>
      quovoCall(id, (conn, now) => (isRecord(body) && 'answers' in body ? answer(conn, now, body) : start(conn, now, body))),
    state(id) {
      const conn = resolveConnection(id);
      const now = clock.now();
      settle(conn, now);
      return render(conn, now);
    },
    outbox: (id) => resolveConnection(id).outbox.map((m) => ({ ...m })),
    captcha(id) {
      const conn = resolveConnection(id);
      settle(conn, clock.now());
      const seg = conn.segment;
      if (seg.kind !== 'challenges') return null;
      const pending = seg.pending.find((p) => p.captchaText !== undefined);
      if (!pending || pending.captchaText === undefined) return null;
      const deadline = pending.challenge.deadline;
      return {
        challenge_id: pending.challenge.id,
        answer: pending.captchaText,
        expires: deadline === null ? null : new Date(deadline + skewMs(conn)).toISOString(),
      };
    },
    setFaults(faults, connectionId) {
      if (connectionId === undefined) globalFaults.replace(faults);
      else resolveConnection(connectionId).faults.replace(faults);
    },
    faults: (connectionId) => (connectionId === undefined ? globalFaults : resolveConnection(connectionId).faults).snapshot(),
    serverNow: (connectionId) => clock.now() + skewMs(connectionId === undefined ? undefined : connections.get(connectionId)),
    json: (status, body, connectionId) => json(status, body, connectionId === undefined ? undefined : connections.get(connectionId)),
    error: (status, id, message, connectionId) =>
      error(status, id, message, connectionId === undefined ? undefined : connections.get(connectionId)),
  };
  return engine;
}

function isValidAnswer(challenge: Challenge, value: AnswerValue): boolean {
  if (challenge.kind === 'choice' || challenge.kind === 'imageChoice') {
    const key = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
    return challenge.choices.some((c) => c.key === key);
  }
  return typeof value === 'string' || typeof value === 'number';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
