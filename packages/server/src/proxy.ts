import { emitAnswerBody, emitSync, parseAnswerBody, parseSync, type MfaErrorKind, type WireAnswer } from '@mfa-kit/core/protocol';
import { createSyncMemory, createWriteGate, refuseAnswers, type KnownSync } from './answerGate';
import type { Coordination } from './coordination';
import { createEventHub, type EventStreamOptions } from './events';
import { checkRequest, createRefusalWarner, type GuardOptions } from './guard';
import { errorResponse, isJsonContentType, jsonResponse, readLimited } from './http';
import { createWebhookVerifier, defaultWebhookConnectionId } from './webhook';
import { limitOption } from './limit';
import { outcomeResponse, type SyncOutcome } from './outcome';
import { matchRoute, ROUTE_METHODS } from './routes';
import { callUpstream, UpstreamError, type UpstreamConfig, type UpstreamFailure } from './upstream';

/** What the server-side log hook receives about an upstream answer the browser did not get as is. */
export interface UpstreamReport {
  /** The upstream request's method. */
  method: 'GET' | 'POST' | 'PUT';
  /** The upstream request's path under `apiUrl`, e.g. `/connections/12/sync`. */
  path: string;
  /**
   * What went wrong: `status` (a non-2xx answer), `invalid_body` (a 2xx that is not a sync),
   * or a failure before any answer (`unavailable`, `timeout`, `too_large`, `aborted`).
   */
  problem: 'status' | 'invalid_body' | UpstreamFailure;
  /** The upstream's status, when it answered. */
  status: number | null;
  /** The upstream's response headers, the token and the request's secrets redacted. */
  headers: Record<string, string>;
  /**
   * The upstream's body as text, the token and the request's secrets redacted, then cut to its
   * first 8,192 characters. A JSON body that echoed a secret escaped is given re-serialized.
   */
  body: string;
}

/** Options of {@link createMfaProxy}. */
export interface MfaProxyOptions extends GuardOptions {
  /** The Quovo-compatible API, e.g. `https://api.quovo.com/v3`. */
  apiUrl: string;
  /** That API's token. Added to upstream requests only; never in a response, an error or a log report. */
  token: string;
  /**
   * Your rule: may this request act on this connection? Usually "does the signed-in user own
   * it". `false` answers 404, the same as an unknown connection. The proxy has no user store.
   */
  authorize: (request: Request, connectionId: number) => boolean | Promise<boolean>;
  /**
   * Where the handler is mounted: the path before `/connections/…`, e.g. `'/api/quovo'`.
   * The browser's `baseUrl` is this path. @default ''
   */
  basePath?: string;
  /** Total deadline of one upstream call, headers and body together, in ms. @default 15000 */
  timeoutMs?: number;
  /** Largest browser request body, in bytes (413 beyond). @default 16384 */
  maxRequestBytes?: number;
  /** Largest upstream response body, in bytes (502 beyond). @default 1048576 */
  maxResponseBytes?: number;
  /** The fetch used upstream. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Receives every upstream answer that the browser got as the kit's error instead (the full
   * status, headers and body, redacted), for your server-side logs. @default nothing is logged
   */
  onUpstreamError?: (report: UpstreamReport) => void;
  /**
   * Receives one line the first time a given `Origin` or `Host` is refused, naming the value and
   * the option to set (`allowedOrigins`, `allowedHosts`): a dev server's proxy or a new domain
   * shows up here instead of as a silent 403. Only that value is written, never another header,
   * a token or a body; after 100 distinct values it stops. `false`: nothing. @default console.warn
   */
  warn?: ((message: string) => void) | false;
  /** The pushed-sync route `GET {base}/connections/{id}/events`; `false` turns it off (404). @default {} */
  events?: EventStreamOptions | false;
  /**
   * How the event hubs of several server processes share their work: one upstream poll loop
   * per connection across them, and every sync pushed to every process's streams.
   * `createRedisCoordination` from `@mfa-kit/server/redis` for several processes. @default one
   * process alone: every loop here, nothing shared
   */
  coordination?: Coordination;
  /** How {@link MfaProxy.handleWebhook} authenticates its sender. Unset: every webhook is refused (404). @default undefined */
  webhook?: WebhookOptions;
}

/** Options of {@link MfaProxy.handleWebhook}: the secret it shares with the webhook's sender, and how the sender proves it. */
export interface WebhookOptions {
  /** The secret shared with the sender (at least 16 characters). */
  secret: string;
  /**
   * `'hmac-sha256'`: the header holds the hex HMAC-SHA256 of the raw body under `secret`,
   * optionally prefixed `sha256=`. `'shared-secret'`: the header holds `secret` itself (only
   * over TLS). Both are compared in constant time. @default 'hmac-sha256'
   */
  scheme?: 'hmac-sha256' | 'shared-secret';
  /** The header carrying the signature or the secret. @default 'x-mfa-kit-signature' */
  header?: string;
  /**
   * The connection id in the webhook's JSON body. @default a positive integer (or numeric
   * string) at `connection_id`, or at `sync.connection_id`
   */
  connectionIdOf?: (body: unknown) => number | null;
}

/** The request handler {@link createMfaProxy} returns, with the push controls attached. */
export interface MfaProxy {
  /** Handles one request to the kit's routes; anything else is a 404. Never rejects. */
  (request: Request): Promise<Response>;
  /**
   * Your sync webhook's route handler (`POST`): authenticates the sender as `webhook` says,
   * then reads the connection's sync and pushes it to the streams watching it, without waiting
   * for the next poll. Reads asked for by webhooks are at most one per second per connection
   * and wait out the upstream's `Retry-After`. Answers 202 (once the read, if one is due now,
   * is done), 401 for a sender that did not authenticate, 404 when `webhook` is not set, 400
   * without a connection id; nothing unauthenticated reaches the upstream. Never rejects.
   */
  handleWebhook(request: Request): Promise<Response>;
  /** Watched connections and open streams, for metrics. */
  stats(): { connections: number; streams: number };
  /** Ends every event stream and stops their poll loops (on shutdown). */
  close(): void;
}

const SLUG = /^[a-z][a-z0-9_]{0,63}$/;
/** Upstream error ids the browser may see, for the statuses that carry them. */
const KEPT_IDS: Record<number, readonly string[]> = {
  400: ['invalid_answer', 'missing_answers', 'invalid_request'],
  409: ['challenge_expired'],
};

interface Mapped {
  status: number;
  id: string;
  message: string;
  kind: MfaErrorKind;
  retry: boolean;
}

/** The browser's side of an upstream non-2xx: the status class kept, the words ours. */
function mapStatus(status: number, upstreamId: string | null): Mapped {
  const keep = (id: string) => (upstreamId !== null && KEPT_IDS[status]?.includes(upstreamId) ? upstreamId : id);
  if (status === 404) return { status, id: 'not_found', message: 'Not found.', kind: 'not_found', retry: false };
  if (status === 409) {
    const id = keep('conflict');
    return { status, id, message: id === 'challenge_expired' ? 'The challenge expired; the sync must start again.' : 'The request conflicts with the sync’s state.', kind: id === 'challenge_expired' ? 'challenge_expired' : 'server', retry: false };
  }
  if (status === 429) return { status, id: 'rate_limited', message: 'Too many requests; try again later.', kind: 'rate_limited', retry: true };
  // The token is ours, not the browser's: a refusal of it is our server's fault, not a reason to sign the user out.
  if (status === 401 || status === 403) return { status: 502, id: 'upstream_refused', message: 'The bank data service refused this server.', kind: 'server', retry: false };
  if (status >= 400 && status < 500) {
    return { status: status === 422 ? 422 : 400, id: keep('invalid_request'), message: 'The bank data service refused the request.', kind: 'server', retry: false };
  }
  if (status === 503) return { status, id: 'upstream_unavailable', message: 'The bank data service is unavailable. Try again shortly.', kind: 'server', retry: true };
  if (status === 504) return { status, id: 'upstream_timeout', message: 'The bank data service did not answer in time.', kind: 'server', retry: false };
  if (status >= 300 && status < 400) return { status: 502, id: 'upstream_unavailable', message: 'The bank data service answered with a redirect, which is not followed.', kind: 'server', retry: false };
  return { status: 502, id: 'upstream_error', message: 'The bank data service reported an error. Try again shortly.', kind: 'server', retry: false };
}

const FAILURES: Record<UpstreamFailure, Mapped> = {
  unavailable: { status: 502, id: 'upstream_unavailable', message: 'The bank data service is unavailable. Try again shortly.', kind: 'server', retry: false },
  timeout: { status: 504, id: 'upstream_timeout', message: 'The bank data service did not answer in time.', kind: 'server', retry: false },
  too_large: { status: 502, id: 'upstream_invalid', message: 'The bank data service sent an answer that was too large.', kind: 'server', retry: false },
  aborted: { status: 499, id: 'aborted', message: 'The request was cancelled.', kind: 'aborted', retry: false },
};

function validDate(value: string | null): string | null {
  return value !== null && value.length <= 64 && !Number.isNaN(Date.parse(value)) ? value : null;
}

function validRetryAfter(value: string | null): string | null {
  if (value === null) return null;
  const text = value.trim();
  return /^\d{1,9}$/.test(text) || (text.length <= 64 && /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) ? text : null;
}

function upstreamIdOf(text: string): string | null {
  try {
    const id: unknown = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return typeof id === 'string' && SLUG.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** Every string in a request body (answers, usernames, passcodes), redacted from reports should the upstream echo them. */
function secretsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string' && value.length >= 1) into.push(value);
  else if (Array.isArray(value)) for (const item of value) secretsOf(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) secretsOf(item, into);
  return into;
}

function redactor(secrets: string[]): (text: string) => string {
  // Each secret also as it reads inside a JSON string (`\"`, `\\`), for an echo nested in text.
  const forms = secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  // Longest first, so a secret that contains another is replaced whole.
  const list = [...new Set(forms.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  return (text) => list.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]));
  return value;
}

/**
 * A body for the log hook, redacted, then cut to 8 KiB. An upstream's JSON may echo a secret in
 * any escaped spelling (`\u00f6`, `\/`), which no text search finds; such a body is redacted on
 * its decoded strings and reported re-serialized. Redacting before the cut means a secret that
 * straddles the cut cannot leave its first half behind.
 */
function redactBody(text: string, redact: (text: string) => string): string {
  let out = redact(text);
  try {
    const json: unknown = JSON.parse(text);
    const clean = JSON.stringify(redactStrings(json, redact));
    if (clean !== JSON.stringify(json)) out = redact(clean);
  } catch {
    // Not JSON: the text search is all there is.
  }
  return out.slice(0, 8192);
}

type BodyCheck = { ok: true; body: string; secrets: string[]; answers?: WireAnswer[] } | { ok: false; response: Response };

/**
 * Creates the kit's backend half: a `(request: Request) => Promise<Response>` handler that adds
 * the Quovo token and forwards only the kit's routes, checked and hardened. Mount it as is in a
 * Next.js route handler, Hono, Bun, Deno or a worker, or through `toNodeHandler` from
 * `@mfa-kit/server/node` in node:http and Express.
 *
 * Routes, under `basePath`: `GET`/`POST /connections/{id}/sync`, `PUT /connections/{id}/challenges`
 * and `GET /connections/{id}/events` (server-sent syncs). Upstream error bodies never reach the
 * browser: it gets `{id, message}` in the kit's words with the upstream's status class and
 * `Retry-After`; the upstream's answer goes to `onUpstreamError`, redacted. Successful syncs are
 * parsed with core's `parseSync` and re-emitted with `emitSync`.
 *
 * @example
 * const proxy = createMfaProxy({
 *   apiUrl: 'https://api.quovo.com/v3',
 *   token: process.env.QUOVO_TOKEN!,
 *   basePath: '/api/quovo',
 *   authorize: async (request, connectionId) => (await currentUser(request))?.owns(connectionId) ?? false,
 * });
 */
export function createMfaProxy(options: MfaProxyOptions): MfaProxy {
  let apiUrl: URL;
  try {
    apiUrl = new URL(options.apiUrl);
  } catch {
    throw new TypeError('createMfaProxy: `apiUrl` must be an absolute http(s) URL, e.g. "https://api.quovo.com/v3".');
  }
  if (apiUrl.protocol !== 'https:' && apiUrl.protocol !== 'http:') throw new TypeError('createMfaProxy: `apiUrl` must be an http(s) URL.');
  if (typeof options.token !== 'string' || options.token.length === 0) throw new TypeError('createMfaProxy: `token` is missing.');
  if (typeof options.authorize !== 'function') throw new TypeError('createMfaProxy: `authorize(request, connectionId)` is required; the proxy has no user store.');
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const maxRequestBytes = limitOption('maxRequestBytes', options.maxRequestBytes, 16 * 1024);
  const upstream: UpstreamConfig = {
    apiUrl,
    token: options.token,
    get fetch() {
      return options.fetch ?? globalThis.fetch;
    },
    timeoutMs: limitOption('timeoutMs', options.timeoutMs, 15_000),
    maxResponseBytes: limitOption('maxResponseBytes', options.maxResponseBytes, 1024 * 1024),
  };
  const tokenSecrets = [options.token, `Bearer ${options.token}`];
  const warnRefusal = options.warn === false ? null : createRefusalWarner(options.warn ?? ((message) => console.warn(message)));
  const memory = createSyncMemory(10_000);
  let writeKeyHmac: Promise<CryptoKey> | null = null;
  const writeKey = async (key: string) => {
    writeKeyHmac ??= crypto.subtle.importKey('raw', new TextEncoder().encode(options.token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const signature = await crypto.subtle.sign('HMAC', await writeKeyHmac, new TextEncoder().encode(key));
    return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, '0')).join('');
  };

  function report(method: 'GET' | 'POST' | 'PUT', path: string, problem: UpstreamReport['problem'], status: number | null, headers: Headers | null, body: Uint8Array | null, secrets: string[]): void {
    if (!options.onUpstreamError) return;
    const redact = redactor([...tokenSecrets, ...secrets]);
    const headerRecord: Record<string, string> = {};
    headers?.forEach((value, name) => {
      headerRecord[name] = redact(value);
    });
    const text = body ? redactBody(new TextDecoder().decode(body), redact) : '';
    try {
      options.onUpstreamError({ method, path, problem, status, headers: headerRecord, body: text });
    } catch {
      // A failing log hook must not change the browser's answer.
    }
  }

  async function send(method: 'GET' | 'POST' | 'PUT', connectionId: number, body: string | undefined, secrets: string[], signal: AbortSignal): Promise<SyncOutcome> {
    const outcome = await sendOnce(method, connectionId, body, secrets, signal);
    // Every sync that passes, read or written, is the connection's last known one.
    memory.remember(connectionId, outcome, Date.now());
    return outcome;
  }

  async function sendOnce(method: 'GET' | 'POST' | 'PUT', connectionId: number, body: string | undefined, secrets: string[], signal: AbortSignal): Promise<SyncOutcome> {
    const path = `/connections/${connectionId}/${method === 'PUT' ? 'challenges' : 'sync'}`;
    const failed = (mapped: Mapped, date: string | null, retryAfter: string | null): SyncOutcome => ({
      ok: false,
      status: mapped.status,
      id: mapped.id,
      message: mapped.message,
      kind: mapped.kind,
      retryAfter: mapped.retry ? retryAfter : null,
      date,
    });
    let answer;
    try {
      answer = await callUpstream(upstream, method, path, body, signal);
    } catch (error) {
      const failure = error instanceof UpstreamError ? error.failure : 'unavailable';
      report(method, path, failure, null, null, null, secrets);
      return failed(FAILURES[failure], null, null);
    }
    const date = validDate(answer.headers.get('date'));
    const text = new TextDecoder().decode(answer.body);
    if (answer.status < 200 || answer.status > 299) {
      report(method, path, 'status', answer.status, answer.headers, answer.body, secrets);
      return failed(mapStatus(answer.status, upstreamIdOf(text)), date, validRetryAfter(answer.headers.get('retry-after')));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = json === undefined ? null : parseSync(json, { connectionId });
    if (parsed?.success) {
      try {
        return { ok: true, state: parsed.data, text: JSON.stringify(emitSync(parsed.data)), date };
      } catch {
        // emitSync refuses what it cannot write strictly: reported below like any other bad body.
      }
    }
    report(method, path, 'invalid_body', answer.status, answer.headers, answer.body, secrets);
    return failed({ status: 502, id: 'upstream_invalid', message: 'The bank data service sent an answer that is not a sync.', kind: 'invalid_response', retry: false }, date, null);
  }

  const verifyWebhook = options.webhook ? createWebhookVerifier(options.webhook) : null;
  const connectionIdOf = options.webhook?.connectionIdOf ?? defaultWebhookConnectionId;

  async function webhook(request: Request): Promise<Response> {
    if (!verifyWebhook) return errorResponse(404, 'not_found', 'Not found.');
    if (request.method !== 'POST') return errorResponse(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' });
    const raw = await readLimited(request.body, maxRequestBytes, request.signal).catch(() => null);
    if (raw === null) return errorResponse(413, 'payload_too_large', `The body is larger than ${maxRequestBytes} bytes.`);
    if (!(await verifyWebhook(request.headers, raw))) return errorResponse(401, 'unauthorized', 'The webhook did not authenticate.');
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      json = undefined;
    }
    const id = connectionIdOf(json);
    if (id === null || !Number.isSafeInteger(id) || id < 1) return errorResponse(400, 'invalid_request', 'The webhook names no connection.');
    await hub?.refresh(id);
    return jsonResponse(202, { id: 'accepted', message: 'The connection will be read.' });
  }

  // What another process read or wrote is this process's last known sync too: an answer that
  // lands here after the balancer sent the sync's reads elsewhere is checked without a read.
  const hub =
    options.events === false
      ? null
      : createEventHub((id, signal) => send('GET', id, undefined, [], signal), options.events ?? {}, options.coordination, (id, outcome) => memory.remember(id, outcome, Date.now()));
  const writes = createWriteGate({ ok: false, ...FAILURES.aborted, retryAfter: null, date: null });

  /** A browser's read, or one the proxy makes for itself: news for the watchers too. */
  async function read(connectionId: number, signal: AbortSignal): Promise<SyncOutcome> {
    const outcome = await send('GET', connectionId, undefined, [], signal);
    hub?.publish(connectionId, outcome);
    return outcome;
  }

  /**
   * Forwards answers only to challenges pending in the connection's last known sync (read first
   * when there is none, and again before refusing one as not pending, in case it is stale).
   */
  async function sendAnswers(method: 'POST' | 'PUT', connectionId: number, body: string, answers: WireAnswer[], secrets: string[], signal: AbortSignal): Promise<SyncOutcome> {
    const readKnown = async (): Promise<KnownSync | SyncOutcome> => {
      const outcome = await read(connectionId, signal);
      return outcome.ok ? memory.get(connectionId)! : outcome;
    };
    let known: KnownSync | SyncOutcome | undefined = memory.get(connectionId);
    const fresh = !known;
    if (!known) known = await readKnown();
    if ('ok' in known) return known;
    let refused = refuseAnswers(known.state, answers, Date.now() + known.offsetMs);
    if (refused?.id === 'challenge_not_pending' && !fresh) {
      known = await readKnown();
      if ('ok' in known) return known;
      refused = refuseAnswers(known.state, answers, Date.now() + known.offsetMs);
    }
    return refused ?? send(method, connectionId, body, secrets, signal);
  }


  /** Reads and checks a write's body; answers 415/413/400 itself. */
  async function checkBody(request: Request, route: 'sync' | 'challenges'): Promise<BodyCheck> {
    const type = request.headers.get('content-type');
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    const hasBody = request.body !== null && declared !== 0;
    if ((type !== null || (hasBody && !Number.isNaN(declared))) && !isJsonContentType(type)) {
      return { ok: false, response: errorResponse(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).') };
    }
    if (declared > maxRequestBytes) return { ok: false, response: errorResponse(413, 'payload_too_large', `The body is larger than ${maxRequestBytes} bytes.`) };
    let raw: Uint8Array | null;
    try {
      raw = await readLimited(request.body, maxRequestBytes, request.signal);
    } catch {
      return { ok: false, response: errorResponse(400, 'invalid_request', 'The request body could not be read.') };
    }
    if (raw === null) return { ok: false, response: errorResponse(413, 'payload_too_large', `The body is larger than ${maxRequestBytes} bytes.`) };
    const text = new TextDecoder().decode(raw).trim();
    const invalid = (message: string): BodyCheck => ({ ok: false, response: errorResponse(400, 'invalid_request', message) });
    if (text === '' && route === 'sync') return { ok: true, body: '{}', secrets: [] };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return invalid('The body is not valid JSON.');
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) return invalid('The body must be a JSON object.');
    const record = json as Record<string, unknown>;
    const secrets = secretsOf(json);
    if ('answers' in record) {
      const parsed = parseAnswerBody(json);
      if (!parsed.success) return invalid('Send {"answers": [{"challenge_id", "answer"}, …]}.');
      try {
        return { ok: true, body: JSON.stringify(emitAnswerBody(parsed.data.answers)), secrets, answers: parsed.data.answers };
      } catch {
        return invalid('Send {"answers": [{"challenge_id", "answer"}, …]}.');
      }
    }
    if (route === 'challenges') return invalid('Send {"answers": [{"challenge_id", "answer"}, …]}.');
    const keys = Object.keys(record);
    if (keys.length === 0) return { ok: true, body: '{}', secrets };
    const { username, passcode } = record;
    if (keys.length === 2 && typeof username === 'string' && typeof passcode === 'string' && username.length <= 512 && passcode.length <= 512) {
      return { ok: true, body: JSON.stringify({ username, passcode }), secrets };
    }
    return invalid('Send {} to start a sync, {"username", "passcode"} to retry credentials, or {"answers": […]}.');
  }

  async function handle(request: Request): Promise<Response> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return errorResponse(400, 'invalid_request', 'Malformed URL.');
    }
    const refused = checkRequest(request, options);
    if (refused) {
      warnRefusal?.(refused, request.method);
      return refused.response;
    }
    const match = matchRoute(url.pathname, basePath);
    if (!match || (match.route === 'events' && !hub)) return errorResponse(404, 'not_found', 'Not found.');
    const allowed = ROUTE_METHODS[match.route];
    if (!allowed.includes(request.method)) {
      return errorResponse(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`, { allow: allowed.join(', ') });
    }
    if (url.search !== '') return errorResponse(400, 'invalid_request', 'The kit’s routes take no query string.');
    let authorized = false;
    try {
      authorized = (await options.authorize(request, match.connectionId)) === true;
    } catch {
      authorized = false;
    }
    if (!authorized) return errorResponse(404, 'not_found', 'Not found.');

    const { connectionId } = match;
    if (match.route === 'events') return hub!.open(connectionId, request);
    // A browser's own read (a confirming read after a lost reply) is news for the watchers too.
    if (request.method === 'GET') return outcomeResponse(await read(connectionId, request.signal));
    const checked = await checkBody(request, match.route);
    if (!checked.ok) return checked.response;
    const method = request.method === 'PUT' ? 'PUT' : 'POST';
    const key = `${method} ${checked.body}`;
    const outcome = await writes.run(connectionId, key, request.signal, async (signal) => {
      const write = () =>
        checked.answers ? sendAnswers(method, connectionId, checked.body, checked.answers, checked.secrets, signal) : send(method, connectionId, checked.body, checked.secrets, signal);
      const { coordination } = options;
      // Across processes, the write is named by a hash keyed with the token: no answer can be read back from it.
      return coordination?.shareWrite ? coordination.shareWrite(connectionId, await writeKey(key), write) : write();
    });
    if (outcome.ok) hub?.publish(connectionId, outcome, { newRun: true });
    // A write whose outcome is unknown (its reply lost, a time-out) may have been carried out:
    // the watchers' loop reads now instead of waiting for the user, who is no longer answering.
    else if (outcome.status >= 500 || outcome.kind === 'aborted') void hub?.refresh(connectionId);
    return outcomeResponse(outcome);
  }

  const proxy = (async (request: Request) => {
    try {
      return await handle(request);
    } catch {
      // The error may describe request contents: neither returned nor logged.
      return errorResponse(500, 'internal_error', 'Something went wrong in the server.');
    }
  }) as MfaProxy;
  proxy.handleWebhook = async (request) => {
    try {
      return await webhook(request);
    } catch {
      return errorResponse(500, 'internal_error', 'Something went wrong in the server.');
    }
  };
  proxy.stats = () => hub?.stats() ?? { connections: 0, streams: 0 };
  proxy.close = () => hub?.close();
  return proxy;
}
