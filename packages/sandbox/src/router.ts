/**
 * The sandbox's routes, transport-free: auth, body parsing, the Quovo routes and the admin
 * routes. The HTTP server matches paths with {@link matchRoute}; the MSW handlers register one
 * handler per {@link SANDBOX_ROUTES} entry. Both call {@link runRoute}, so they share every rule.
 */
import { isManualClock } from './clock';
import type { ConnectionOptions, SandboxEngine } from './engine';
import { parseFaults } from './faults';
import type { SandboxResponse } from './response';
import { isScenarioName, SCENARIO_NAMES } from './scenarios';

/** An HTTP method the sandbox serves. */
export type RouteMethod = 'GET' | 'POST' | 'PUT';

/** What a route needs from a request. */
export interface RouteRequest {
  /** Path parameters (`id`). */
  params: Readonly<Record<string, string | undefined>>;
  /** The `Authorization` header, or `null`. */
  authorization: string | null;
  /** The raw body ('' when none). */
  bodyText: string;
}

/** One route. `path` is written with `:id` parameters, relative to the base URL. */
export interface SandboxRoute {
  /** The method it answers. */
  method: RouteMethod;
  /** The path, e.g. `/connections/:id/sync`. */
  path: string;
  /** Admin routes (`/__sandbox/...`) are never faulted. */
  admin: boolean;
  /** Runs the route on a parsed body (`undefined` when none). */
  handle(engine: SandboxEngine, params: Readonly<Record<string, string | undefined>>, body: unknown): SandboxResponse;
}

/** How the routes are run. */
export interface RouteOptions {
  /** The engine the routes run on. */
  engine: SandboxEngine;
  /** The Bearer token required on every route; `null` turns auth off. */
  token: string | null;
}

function connectionId(engine: SandboxEngine, raw: string | undefined): number | SandboxResponse {
  const id = raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id)) return engine.error(404, 'not_found', `No connection ${String(raw)}.`);
  return id;
}

function withConnection(
  engine: SandboxEngine,
  raw: string | undefined,
  run: (id: number) => SandboxResponse,
  requireExisting = false,
): SandboxResponse {
  const id = connectionId(engine, raw);
  if (typeof id !== 'number') return id;
  if (requireExisting && !engine.hasConnection(id)) return engine.error(404, 'not_found', `No connection ${id}.`);
  return run(id);
}

/** Every route, Quovo's first. The server also accepts each Quovo route under `/v3`. */
export const SANDBOX_ROUTES: readonly SandboxRoute[] = [
  {
    method: 'GET',
    path: '/connections/:id/sync',
    admin: false,
    handle: (engine, params) => withConnection(engine, params.id, (id) => engine.getSync(id)),
  },
  {
    method: 'POST',
    path: '/connections/:id/sync',
    admin: false,
    handle: (engine, params, body) => withConnection(engine, params.id, (id) => engine.postSync(id, body)),
  },
  {
    method: 'PUT',
    path: '/connections/:id/challenges',
    admin: false,
    handle: (engine, params, body) => withConnection(engine, params.id, (id) => engine.answer(id, body)),
  },
  {
    method: 'GET',
    path: '/__sandbox/scenarios',
    admin: true,
    handle: (engine) => engine.json(200, { scenarios: engine.scenarios() }),
  },
  {
    method: 'GET',
    path: '/__sandbox/connections',
    admin: true,
    handle: (engine) => engine.json(200, { connections: engine.connections() }),
  },
  {
    method: 'POST',
    path: '/__sandbox/connections',
    admin: true,
    handle: (engine, _params, body) => {
      const input = isRecord(body) ? body : {};
      if (!isScenarioName(input.scenario)) {
        return engine.error(400, 'invalid_request', `"scenario" must be one of: ${SCENARIO_NAMES.join(', ')}.`);
      }
      const options = parseConnectionOptions(input.options);
      if (typeof options === 'string') return engine.error(400, 'invalid_request', options);
      try {
        return engine.json(201, { connection: engine.createConnection(input.scenario, options) });
      } catch (e) {
        return engine.error(409, 'conflict', e instanceof Error ? e.message : 'Could not create the connection.');
      }
    },
  },
  {
    method: 'GET',
    path: '/__sandbox/connections/:id/outbox',
    admin: true,
    handle: (engine, params) => withConnection(engine, params.id, (id) => engine.json(200, { messages: engine.outbox(id) }), true),
  },
  {
    method: 'GET',
    path: '/__sandbox/connections/:id/captcha',
    admin: true,
    handle: (engine, params) =>
      withConnection(
        engine,
        params.id,
        (id) => {
          const captcha = engine.captcha(id);
          return captcha
            ? engine.json(200, { captcha }, id)
            : engine.error(404, 'no_captcha', `Connection ${id} has no CAPTCHA pending.`, id);
        },
        true,
      ),
  },
  {
    method: 'GET',
    path: '/__sandbox/faults',
    admin: true,
    handle: (engine) => engine.json(200, { faults: engine.faults() }),
  },
  {
    method: 'PUT',
    path: '/__sandbox/faults',
    admin: true,
    handle: (engine, _params, body) => {
      if (!isRecord(body)) return engine.error(400, 'invalid_request', 'The body must be a JSON object of faults.');
      const scoped = 'faults' in body || 'connection_id' in body;
      const parsed = parseFaults(scoped ? body.faults : body);
      if (!parsed.ok) return engine.error(400, 'invalid_request', parsed.message);
      const target = body.connection_id;
      if (target === undefined || target === null) {
        engine.setFaults(parsed.faults);
        return engine.json(200, { faults: engine.faults() });
      }
      if (typeof target !== 'number' || !engine.hasConnection(target)) {
        return engine.error(404, 'not_found', `No connection ${String(target)}.`);
      }
      engine.setFaults(parsed.faults, target);
      return engine.json(200, { connection_id: target, faults: engine.faults(target) });
    },
  },
  {
    method: 'GET',
    path: '/__sandbox/clock',
    admin: true,
    handle: (engine) => engine.json(200, clockBody(engine)),
  },
  {
    method: 'POST',
    path: '/__sandbox/clock',
    admin: true,
    handle: (engine, _params, body) => {
      const clock = engine.clock;
      if (!isManualClock(clock)) {
        return engine.error(409, 'clock_not_manual', 'The sandbox runs on real time; start it with --manual-clock to move the clock.');
      }
      const input = isRecord(body) ? body : {};
      if (typeof input.advance_ms === 'number' && Number.isFinite(input.advance_ms) && input.advance_ms >= 0) {
        clock.advance(input.advance_ms);
      } else if (typeof input.set === 'string' || typeof input.set === 'number') {
        const time = typeof input.set === 'number' ? input.set : Date.parse(input.set);
        if (!Number.isFinite(time)) return engine.error(400, 'invalid_request', '"set" must be epoch ms or an ISO-8601 time.');
        clock.set(time);
      } else {
        return engine.error(400, 'invalid_request', 'Send {"advance_ms": number >= 0} or {"set": ISO-8601 | epoch ms}.');
      }
      return engine.json(200, clockBody(engine));
    },
  },
];

function clockBody(engine: SandboxEngine) {
  return { clock: { now: new Date(engine.clock.now()).toISOString(), manual: isManualClock(engine.clock) } };
}

/**
 * Runs one route for one request: auth (401 `{"id":"unauthorized"}`), body parsing (400 on
 * malformed JSON), then the route. Faults apply inside the engine's Quovo calls only.
 */
export function runRoute(route: SandboxRoute, request: RouteRequest, options: RouteOptions): SandboxResponse {
  const { engine, token } = options;
  if (token !== null && !bearerMatches(request.authorization, token)) {
    return engine.error(401, 'unauthorized', 'Missing or invalid Bearer token.');
  }
  let body: unknown = undefined;
  if (request.bodyText.trim() !== '') {
    try {
      body = JSON.parse(request.bodyText);
    } catch {
      return engine.error(400, 'invalid_request', 'The request body is not valid JSON.');
    }
  }
  return route.handle(engine, request.params, body);
}

/**
 * Finds the route for a method and path (query string already removed). Quovo routes also match
 * under `/v3`. Returns `null` when nothing matches, or `'method_not_allowed'` when only the method is wrong.
 */
export function matchRoute(
  method: string,
  pathname: string,
): { route: SandboxRoute; params: Record<string, string> } | 'method_not_allowed' | null {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let pathMatched = false;
  for (const route of SANDBOX_ROUTES) {
    const candidates = route.admin ? [trimmed] : [trimmed, trimmed.replace(/^\/v3(?=\/)/, '')];
    for (const candidate of candidates) {
      const params = matchPath(route.path, candidate);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { route, params };
      pathMatched = true;
    }
  }
  return pathMatched ? 'method_not_allowed' : null;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (g === '') return null;
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

/** Compares the Bearer token in constant time for equal lengths. */
function bearerMatches(authorization: string | null, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  const given = match?.[1] ?? '';
  let diff = given.length ^ token.length;
  for (let i = 0; i < token.length; i += 1) diff |= (given.charCodeAt(i) || 0) ^ token.charCodeAt(i);
  return diff === 0;
}

function parseConnectionOptions(input: unknown): ConnectionOptions | string {
  if (input === undefined || input === null) return {};
  if (!isRecord(input)) return '"options" must be an object.';
  const out: ConnectionOptions = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'id':
        if (!Number.isSafeInteger(value) || (value as number) <= 0) return 'options.id must be a positive integer.';
        out.id = value as number;
        break;
      case 'pinWindowMs':
      case 'captchaWindowMs':
        if (!isNonNegative(value)) return `options.${key} must be a number >= 0.`;
        out[key] = value;
        break;
      case 'timing': {
        if (!isRecord(value)) return 'options.timing must be an object.';
        const timing: Record<string, number> = {};
        for (const [name, ms] of Object.entries(value)) {
          if (!['queuedMs', 'authenticatingMs', 'verifyingMs', 'fetchingMs'].includes(name)) return `unknown options.timing.${name}.`;
          if (!isNonNegative(ms)) return `options.timing.${name} must be a number >= 0.`;
          timing[name] = ms;
        }
        out.timing = timing;
        break;
      }
      case 'onWrongAnswer':
        if (value !== 'retry' && value !== 'incorrect_credentials') return 'options.onWrongAnswer must be "retry" or "incorrect_credentials".';
        out.onWrongAnswer = value;
        break;
      case 'passcode':
        if (typeof value !== 'string' || value === '') return 'options.passcode must be a non-empty string.';
        out.passcode = value;
        break;
      case 'start':
        if (typeof value !== 'boolean') return 'options.start must be a boolean.';
        out.start = value;
        break;
      case 'faults': {
        const parsed = parseFaults(value);
        if (!parsed.ok) return parsed.message;
        out.faults = parsed.faults;
        break;
      }
      default:
        return `unknown option "${key}".`;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
