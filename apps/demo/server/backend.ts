import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMfaProxy, errorResponse, guardRequest, isJsonContentType, jsonResponse, readLimited, type MfaProxy } from '@mfa-kit/server';
import { toNodeHandler } from '@mfa-kit/server/node';
import type { Session, SessionStore } from './sessions';
import { createSessionStore, sessionCookie } from './sessions';
import type { Upstream } from './upstream';

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
  /** Total deadline of an upstream call (headers and body), in ms. @default 15000 */
  upstreamTimeoutMs?: number;
  /** Set the cookie's `Secure` flag (when served over https; `DEMO_SECURE_COOKIES=1`). @default false */
  secureCookies?: boolean;
  /** The session store. @default a new in-memory store */
  sessions?: SessionStore;
  /**
   * `Host` values the API answers (DNS rebinding). The array is read at each request, so the
   * server can fill it once it knows its port. @default undefined: any host
   */
  allowedHosts?: string[];
}

/** The backend's API handler. */
export interface DemoBackend {
  /** Handles any request whose path starts with `/api/`. Never rejects. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Whether the upstream is a sandbox (probing it when not yet known). */
  isSandbox(): Promise<boolean>;
  /** The kit's proxy behind `/api/quovo` (its streams end on `close`). */
  proxy: MfaProxy;
  /** Ends open event streams. */
  close(): void;
}

const ID = '([1-9][0-9]{0,14})';
const DEMO_CONNECTION_AID = new RegExp(`^/api/demo/connections/${ID}/(outbox|captcha)$`);
const SCENARIO_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const QUOVO_BASE = '/api/quovo';

type SandboxAnswer = { ok: true; status: number; json: unknown; headers: Headers } | { ok: false; response: Response };

/**
 * Creates the demo's backend on `@mfa-kit/server`: `/api/quovo/*` is the kit's proxy (token
 * added, bodies checked, upstream errors never relayed, pushed events), authorized by the
 * demo's cookie sessions; `/api/demo/*` are the demo's own routes, against a sandbox only.
 *
 * - A session is created only when a connection is, and a connection is reachable only from
 *   the session that created it (404 otherwise).
 * - Writes need a same-origin `Origin` (or `Sec-Fetch-Site`); `allowedHosts` stops DNS rebinding.
 */
export function createDemoBackend(options: DemoBackendOptions): DemoBackend {
  const { upstream } = options;
  const sessions = options.sessions ?? createSessionStore();
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const timeoutMs = options.upstreamTimeoutMs ?? 15_000;
  const guard = { get allowedHosts() {
    return options.allowedHosts;
  } };
  let sandbox: boolean | null = options.sandbox === undefined || options.sandbox === 'probe' ? null : options.sandbox;

  const sessionOf = (request: Request): Session | null => sessions.fromCookieHeader(request.headers.get('cookie'));

  const proxy = createMfaProxy({
    apiUrl: upstream.url,
    token: upstream.token,
    basePath: QUOVO_BASE,
    timeoutMs,
    maxRequestBytes: maxBodyBytes,
    get allowedHosts() {
      return options.allowedHosts;
    },
    authorize: (request, connectionId) => {
      const session = sessionOf(request);
      return session !== null && sessions.owns(session, connectionId);
    },
  });

  /** A call to the sandbox's admin routes, with the token and a total deadline. */
  async function sandboxCall(method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal): Promise<SandboxAnswer> {
    const url = new URL(upstream.url);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    url.search = '';
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${upstream.token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url, { method, headers, body, signal: deadline, redirect: 'manual' });
      const raw = await readLimited(response.body, 2 * 1024 * 1024, deadline);
      if (raw === null) return { ok: false, response: errorResponse(502, 'upstream_invalid', 'The sandbox answered with too much.') };
      if (response.status < 200 || response.status > 299) {
        if (response.status === 404) return { ok: false, response: errorResponse(404, 'not_found', 'Not found.') };
        if (response.status === 429) return { ok: false, response: errorResponse(429, 'rate_limited', 'Too many requests; try again later.') };
        return { ok: false, response: errorResponse(502, 'upstream_error', 'The sandbox reported an error.') };
      }
      return { ok: true, status: response.status, json: JSON.parse(new TextDecoder().decode(raw)), headers: response.headers };
    } catch {
      if (deadline.aborted && !signal.aborted) return { ok: false, response: errorResponse(504, 'upstream_timeout', 'The bank data service did not answer in time.') };
      return { ok: false, response: errorResponse(502, 'upstream_unavailable', 'The bank data service is unavailable. Try again shortly.') };
    }
  }

  async function isSandbox(): Promise<boolean> {
    if (sandbox !== null) return sandbox;
    const probe = await sandboxCall('GET', '/__sandbox/scenarios', undefined, new AbortController().signal);
    if (probe.ok) sandbox = true;
    else if (probe.response.status !== 502 && probe.response.status !== 504) sandbox = false;
    // Unreachable now: not remembered, so a later request asks again.
    return probe.ok;
  }

  const methodNotAllowed = (allow: string) => errorResponse(405, 'method_not_allowed', `Use ${allow}.`, { allow });
  const notFound = () => errorResponse(404, 'not_found', 'Not found.');

  async function createConnection(request: Request, client: string): Promise<Response> {
    const type = request.headers.get('content-type');
    if (!isJsonContentType(type)) return errorResponse(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
    const raw = await readLimited(request.body, maxBodyBytes, request.signal).catch(() => new Uint8Array(0));
    if (raw === null) return errorResponse(413, 'payload_too_large', `The body is larger than ${maxBodyBytes} bytes.`);
    let scenario: unknown;
    try {
      scenario = (JSON.parse(new TextDecoder().decode(raw)) as { scenario?: unknown } | null)?.scenario;
    } catch {
      scenario = undefined;
    }
    if (typeof scenario !== 'string' || !SCENARIO_NAME.test(scenario)) {
      return errorResponse(400, 'invalid_request', 'Send {"scenario": "<name>"} with a scenario from /api/demo/scenarios.');
    }
    let session = sessionOf(request);
    const isNew = session === null;
    if (session === null) {
      const created = sessions.create(client);
      if (typeof created === 'string') return errorResponse(429, 'too_many_sessions', 'Too many sessions from this client; try again later.', { 'retry-after': '60' });
      session = created;
    }
    if (sessions.isFull(session)) return errorResponse(429, 'too_many_connections', 'This session has created too many connections.');
    // Only the scenario name goes upstream: the browser cannot pass faults or other sandbox options.
    const answer = await sandboxCall('POST', '/__sandbox/connections', JSON.stringify({ scenario }), request.signal);
    if (!answer.ok) return answer.response;
    const id = connectionIdOf(answer.json);
    if (id === null) return errorResponse(502, 'upstream_invalid', 'The sandbox did not say which connection it created.');
    if (!sessions.own(session, id)) return errorResponse(429, 'too_many_connections', 'This session has created too many connections.');
    return jsonResponse(201, { connection: { id, scenario } }, isNew ? { 'set-cookie': sessionCookie(session, options.secureCookies ?? false) } : {});
  }

  async function route(request: Request, client: string): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path.startsWith(`${QUOVO_BASE}/`)) return proxy(request);
    const refused = guardRequest(request, guard);
    if (refused) return refused;
    const method = request.method;

    if (path === '/api/demo/config') {
      if (method !== 'GET') return methodNotAllowed('GET');
      return jsonResponse(200, { sandbox: await isSandbox() });
    }
    if (!path.startsWith('/api/demo/')) return notFound();
    // Everything below is a sandbox aid and does not exist against a real upstream.
    if (!(await isSandbox())) return notFound();

    if (path === '/api/demo/scenarios') {
      if (method !== 'GET') return methodNotAllowed('GET');
      const answer = await sandboxCall('GET', '/__sandbox/scenarios', undefined, request.signal);
      return answer.ok ? jsonResponse(200, answer.json) : answer.response;
    }
    if (path === '/api/demo/connections') {
      if (method !== 'POST') return methodNotAllowed('POST');
      return createConnection(request, client);
    }
    const aid = DEMO_CONNECTION_AID.exec(path);
    if (aid) {
      const id = Number(aid[1]);
      const session = sessionOf(request);
      if (session === null || !sessions.owns(session, id)) return notFound();
      if (method !== 'GET') return methodNotAllowed('GET');
      const answer = await sandboxCall('GET', `/__sandbox/connections/${id}/${aid[2]}`, undefined, request.signal);
      return answer.ok ? jsonResponse(200, answer.json) : answer.response;
    }
    return notFound();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = req.socket.remoteAddress ?? 'unknown';
    const method = req.method ?? 'GET';
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://backend.invalid').pathname;
    } catch {
      path = '(malformed url)';
    }
    try {
      await toNodeHandler(async (request) => {
        try {
          return await route(request, client);
        } catch {
          // The error may describe request contents; it is neither logged nor returned.
          return errorResponse(500, 'internal_error', 'Something went wrong in the demo backend.');
        }
      })(req, res);
    } finally {
      log(`${method} ${path} ${res.statusCode}`);
    }
  }

  return { handle, isSandbox, proxy, close: () => proxy.close() };
}

/** Finds the created connection's id in the sandbox's answer: `{connection: {id}}`, `{id}` or `{connection_id}`. */
function connectionIdOf(json: unknown): number | null {
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
