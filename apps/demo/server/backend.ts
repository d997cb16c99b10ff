import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasBody, isJsonContentType, readBody, sendError, sendJson, sendRelayed } from './http';
import type { Session, SessionStore } from './sessions';
import { createSessionStore, sessionCookie } from './sessions';
import type { Upstream, UpstreamResponse } from './upstream';
import { FORWARDED_RESPONSE_HEADERS, requestUpstream, UpstreamError } from './upstream';

/** Options of {@link createDemoBackend}. */
export interface DemoBackendOptions {
  /** The Quovo-compatible API and its token. */
  upstream: Upstream;
  /**
   * Whether the upstream is a sandbox (admin routes and the phone panel are available).
   * `'probe'` asks the upstream once (`GET /__sandbox/scenarios`). @default 'probe'
   */
  sandbox?: boolean | 'probe';
  /** Where to write one line per API request: method, path, status. Never bodies or headers. @default console.log */
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes. @default 16384 */
  maxBodyBytes?: number;
  /** Upstream request timeout. @default 15000 */
  upstreamTimeoutMs?: number;
  /** Set the cookie's `Secure` flag (when served over https). @default false */
  secureCookies?: boolean;
  /** The session store. @default a new in-memory store */
  sessions?: SessionStore;
}

/** The backend's API handler. */
export interface DemoBackend {
  /** Handles any request whose path starts with `/api/`. Never rejects. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Whether the upstream is a sandbox (probing it when not yet known). */
  isSandbox(): Promise<boolean>;
}

const ID = '(\\d{1,15})';
const QUOVO_SYNC = new RegExp(`^/api/quovo/connections/${ID}/sync$`);
const QUOVO_CHALLENGES = new RegExp(`^/api/quovo/connections/${ID}/challenges$`);
const DEMO_CONNECTION_AID = new RegExp(`^/api/demo/connections/${ID}/(outbox|captcha)$`);
const SCENARIO_NAME = /^[a-z][a-z0-9_]{0,63}$/;

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  session: Session;
}

/**
 * Creates the demo's backend: it holds the Quovo token and forwards a browser session's own
 * connections' sync routes, plus, against a sandbox, the few admin routes the demo uses.
 *
 * - Only these routes exist; everything else under `/api/` is 404.
 * - A connection is reachable only from the session that created it (404 otherwise).
 * - Request bodies: JSON only (415), at most `maxBodyBytes` (413), forwarded byte for byte.
 * - Responses keep only `Content-Type`, `Retry-After` and `Date` from the upstream.
 * - The upstream unreachable: 502 `upstream_unavailable`; too slow: 504 `upstream_timeout`.
 */
export function createDemoBackend(options: DemoBackendOptions): DemoBackend {
  const { upstream } = options;
  const sessions = options.sessions ?? createSessionStore();
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const timeoutMs = options.upstreamTimeoutMs ?? 15_000;
  let sandbox: boolean | null = options.sandbox === undefined || options.sandbox === 'probe' ? null : options.sandbox;

  async function isSandbox(): Promise<boolean> {
    if (sandbox !== null) return sandbox;
    try {
      const probe = await requestUpstream(upstream, { method: 'GET', path: '/__sandbox/scenarios', timeoutMs });
      sandbox = probe.status === 200 && /json/i.test(String(probe.headers['content-type']));
      return sandbox;
    } catch {
      // Unreachable now: not remembered, so a later request asks again.
      return false;
    }
  }

  function sessionFor(req: IncomingMessage, res: ServerResponse): Session {
    const existing = sessions.fromCookieHeader(req.headers.cookie);
    if (existing) return existing;
    const session = sessions.create();
    res.setHeader('set-cookie', sessionCookie(session, options.secureCookies ?? false));
    return session;
  }

  function notFound(ctx: Context): void {
    sendError(ctx.res, 404, 'not_found', 'Not found.');
  }

  function methodNotAllowed(ctx: Context, allow: string[]): void {
    sendError(ctx.res, 405, 'method_not_allowed', `Use ${allow.join(' or ')}.`, { allow: allow.join(', ') });
  }

  /** Reads a JSON body under the limits, or answers 415/413 itself and resolves `null`. */
  async function jsonBody(ctx: Context): Promise<Buffer | null> {
    const type = ctx.req.headers['content-type'];
    if ((type !== undefined || hasBody(ctx.req)) && !isJsonContentType(type)) {
      ctx.req.resume();
      sendError(ctx.res, 415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
      return null;
    }
    const body = await readBody(ctx.req, maxBodyBytes);
    if (body === null) {
      sendError(ctx.res, 413, 'payload_too_large', `The body is larger than ${maxBodyBytes} bytes.`, { connection: 'close' });
      return null;
    }
    return body;
  }

  /** Sends one upstream request and relays its answer, or the failure, to the browser. */
  async function forward(ctx: Context, method: 'GET' | 'POST' | 'PUT', path: string, body?: Buffer): Promise<void> {
    const response = await callUpstream(ctx, method, path, body);
    if (response) relay(ctx.res, response);
  }

  async function callUpstream(ctx: Context, method: 'GET' | 'POST' | 'PUT', path: string, body?: Buffer): Promise<UpstreamResponse | null> {
    try {
      const response = await requestUpstream(upstream, { method, path, body, timeoutMs });
      if (response.status >= 300 && response.status < 400) {
        sendError(ctx.res, 502, 'upstream_unavailable', 'The upstream answered with a redirect, which the backend does not follow.');
        return null;
      }
      return response;
    } catch (error) {
      if (error instanceof UpstreamError && error.failure === 'timeout') {
        sendError(ctx.res, 504, 'upstream_timeout', 'The bank data service did not answer in time.');
      } else {
        sendError(ctx.res, 502, 'upstream_unavailable', 'The bank data service is unavailable. Try again shortly.');
      }
      return null;
    }
  }

  async function route(ctx: Context): Promise<void> {
    const { method, path } = ctx;

    const sync = QUOVO_SYNC.exec(path);
    if (sync) {
      const id = Number(sync[1]);
      if (!sessions.owns(ctx.session, id)) return notFound(ctx);
      if (method === 'GET') return forward(ctx, 'GET', `/connections/${id}/sync`);
      if (method !== 'POST') return methodNotAllowed(ctx, ['GET', 'POST']);
      const body = await jsonBody(ctx);
      if (body) await forward(ctx, 'POST', `/connections/${id}/sync`, body);
      return;
    }

    const challenges = QUOVO_CHALLENGES.exec(path);
    if (challenges) {
      const id = Number(challenges[1]);
      if (!sessions.owns(ctx.session, id)) return notFound(ctx);
      if (method !== 'PUT') return methodNotAllowed(ctx, ['PUT']);
      const body = await jsonBody(ctx);
      if (body) await forward(ctx, 'PUT', `/connections/${id}/challenges`, body);
      return;
    }

    if (path === '/api/demo/config') {
      if (method !== 'GET') return methodNotAllowed(ctx, ['GET']);
      return sendJson(ctx.res, 200, { sandbox: await isSandbox() });
    }

    if (!path.startsWith('/api/demo/')) return notFound(ctx);
    // Everything below is a sandbox aid and does not exist against a real upstream.
    if (!(await isSandbox())) return notFound(ctx);

    if (path === '/api/demo/scenarios') {
      if (method !== 'GET') return methodNotAllowed(ctx, ['GET']);
      return forward(ctx, 'GET', '/__sandbox/scenarios');
    }

    if (path === '/api/demo/connections') {
      if (method !== 'POST') return methodNotAllowed(ctx, ['POST']);
      return createConnection(ctx);
    }

    const aid = DEMO_CONNECTION_AID.exec(path);
    if (aid) {
      const id = Number(aid[1]);
      if (!sessions.owns(ctx.session, id)) return notFound(ctx);
      if (method !== 'GET') return methodNotAllowed(ctx, ['GET']);
      return forward(ctx, 'GET', `/__sandbox/connections/${id}/${aid[2]}`);
    }

    return notFound(ctx);
  }

  async function createConnection(ctx: Context): Promise<void> {
    const body = await jsonBody(ctx);
    if (!body) return;
    let scenario: unknown;
    try {
      scenario = (JSON.parse(body.toString('utf8')) as { scenario?: unknown } | null)?.scenario;
    } catch {
      scenario = undefined;
    }
    if (typeof scenario !== 'string' || !SCENARIO_NAME.test(scenario)) {
      return sendError(ctx.res, 400, 'invalid_request', 'Send {"scenario": "<name>"} with a scenario from /api/demo/scenarios.');
    }
    if (sessions.isFull(ctx.session)) {
      return sendError(ctx.res, 429, 'too_many_connections', 'This session has created too many connections.');
    }
    // Only the scenario name goes upstream: the browser cannot pass faults or other sandbox options.
    const response = await callUpstream(ctx, 'POST', '/__sandbox/connections', Buffer.from(JSON.stringify({ scenario })));
    if (!response) return;
    if (response.status < 200 || response.status > 299) return relay(ctx.res, response);
    const id = connectionIdOf(response.body);
    if (id === null) return sendError(ctx.res, 502, 'upstream_invalid', 'The sandbox did not say which connection it created.');
    if (!sessions.own(ctx.session, id)) {
      return sendError(ctx.res, 429, 'too_many_connections', 'This session has created too many connections.');
    }
    sendJson(ctx.res, 201, { connection: { id, scenario } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = safePath(req.url);
    try {
      if (path === null) return sendError(res, 400, 'invalid_request', 'Malformed URL.');
      await route({ req, res, method, path, session: sessionFor(req, res) });
    } catch {
      // The error may describe request contents; it is neither logged nor returned.
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'Something went wrong in the demo backend.');
      else res.destroy();
    } finally {
      // Every route has ended its response by now, so the line is written before the browser reads it.
      log(`${method} ${path ?? '(malformed url)'} ${res.statusCode}`);
    }
  }

  return { handle, isSandbox };
}

/** Relays an upstream response with only the whitelisted headers. */
function relay(res: ServerResponse, response: UpstreamResponse): void {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = response.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  sendRelayed(res, response.status, headers, response.body);
}

/** The path without query, normalized by the URL parser (`..` and `%2e%2e` resolved), or `null`. */
function safePath(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://backend.invalid').pathname;
  } catch {
    return null;
  }
}

/** Finds the created connection's id in the sandbox's answer: `{connection: {id}}`, `{id}` or `{connection_id}`. */
function connectionIdOf(body: Buffer): number | null {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const candidates: unknown[] = [];
  if (json && typeof json === 'object') {
    const record = json as Record<string, unknown>;
    const inner = record.connection;
    if (inner && typeof inner === 'object') {
      candidates.push((inner as Record<string, unknown>).id, (inner as Record<string, unknown>).connection_id);
    }
    candidates.push(record.id, record.connection_id);
  }
  const id = candidates.find((value) => typeof value === 'number' && Number.isSafeInteger(value) && value > 0);
  return typeof id === 'number' ? id : null;
}
