/**
 * A push transport: the three sync calls through {@link createSyncClient}, and `subscribe` over
 * the partner backend's server-sent events (`GET {baseUrl}/connections/{id}/events`, served by
 * `@mfa-kit/server`). Read with fetch and a small parser of the event-stream format, so request
 * headers (a CSRF token, a session header) apply as they do to the other calls.
 */
import { createSyncClient, type SyncClientOptions, type SyncResult } from './client';
import { browserEnvironment } from './environment';
import { MfaError, errorKindOf, parseRetryAfter, type MfaErrorKind } from './errors';
import { parseSync } from './parse';
import { isFinalStatus } from './step';
import type { SyncTransport } from './transport';

/** Options of {@link createEventStreamTransport}: the client's, plus how hard to hold the stream. */
export interface EventStreamTransportOptions extends SyncClientOptions {
  /** Reconnections in a row (without a sync in between) before `onError`. @default 3 */
  maxReconnects?: number;
  /** Wait before reconnecting, in ms, unless the server sent `retry:`. @default 1000 */
  reconnectDelayMs?: number;
  /** Silence (no event, no heartbeat) after which the stream counts as broken, in ms. @default 45000 */
  idleTimeoutMs?: number;
}

interface SseEvent {
  event: string;
  data: string;
  /** `@mfa-kit/server`'s own field: the upstream's `Date` for this snapshot (EventSource ignores it). */
  date: string | null;
}

/**
 * Parses the `text/event-stream` format incrementally: lines end in CR, LF or CRLF; a blank line
 * dispatches; `data` lines join with LF; lines starting with `:` are comments; `retry` sets the
 * reconnection delay; `date` (ours, not the spec's) carries the snapshot's upstream `Date`.
 */
function createSseParser(onEvent: (event: SseEvent) => void, onRetry: (ms: number) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let date: string | null = null;
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    for (;;) {
      const end = buffer.search(/\r\n|\r|\n/);
      // A lone CR at the end may be the first half of CRLF: wait for more.
      if (end === -1 || (buffer[end] === '\r' && end === buffer.length - 1)) return;
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), date });
        event = '';
        date = null;
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'date') date = value;
      else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
    }
  };
}

/**
 * Creates a {@link SyncTransport} whose `subscribe` receives pushed syncs over server-sent
 * events from `@mfa-kit/server`'s events route; `getSync`, `startSync` and `answer` are
 * {@link createSyncClient}'s.
 *
 * `subscribe` calls `onSync` with every pushed sync (`date` is the upstream's `Date` of that
 * read, sent beside the event's data), pauses quietly at a final status (and resumes when a
 * new run is started through this transport's `startSync`),
 * reconnects after a drop (up to `maxReconnects` in a row), and calls `onError` once when the
 * stream fails for good: a 4xx other than 429, an `error` event from the server, or too many
 * drops. The session then falls back to polling.
 *
 * @example
 * const transport = createEventStreamTransport({ baseUrl: '/api/quovo' });
 * const stop = transport.subscribe!(12, ({ sync }) => render(sync), () => startPolling());
 */
export function createEventStreamTransport(options: EventStreamTransportOptions): SyncTransport {
  const client = createSyncClient(options);
  const base = new URL(options.baseUrl, (globalThis as { location?: { href?: string } }).location?.href);
  const basePath = base.pathname.replace(/\/+$/, '');
  const maxReconnects = options.maxReconnects ?? 3;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const env = options.environment ?? browserEnvironment;

  // Streams paused at a final status, by connection: a start through this transport resumes them.
  const resumers = new Map<number, Set<() => void>>();

  function subscribe(connectionId: number, onSync: (result: SyncResult) => void, onError: (error: MfaError) => void): () => void {
    if (!Number.isSafeInteger(connectionId) || connectionId < 0) {
      throw new TypeError('SyncTransport.subscribe: the connection id must be a non-negative integer.');
    }
    const path = `/connections/${connectionId}/events`;
    const url = new URL(base);
    url.pathname = basePath + path;
    let stopped = false;
    let finished = false;
    let drops = 0;
    let delayMs = options.reconnectDelayMs ?? 1000;
    let controller: AbortController | null = null;
    let timer: unknown;
    let idle: unknown;

    // `stopped`: unsubscribed or failed for good. A final status only pauses the stream: a new
    // run started through this transport (a restart) resumes it.
    const pause = () => {
      env.clearTimeout(timer);
      env.clearTimeout(idle);
      controller?.abort();
    };
    const resume = () => {
      if (stopped || !finished) return;
      finished = false;
      drops = 0;
      void connect();
    };
    const stop = () => {
      stopped = true;
      const waiting = resumers.get(connectionId);
      waiting?.delete(resume);
      if (waiting?.size === 0) resumers.delete(connectionId);
      pause();
    };
    if (!resumers.has(connectionId)) resumers.set(connectionId, new Set());
    resumers.get(connectionId)!.add(resume);
    const fail = (kind: MfaErrorKind, what: string, details: ConstructorParameters<typeof MfaError>[2] = {}) => {
      if (stopped) return;
      stop();
      onError(new MfaError(kind, `GET ${path} ${what}`, details));
    };
    const retry = (kind: MfaErrorKind, what: string, details: ConstructorParameters<typeof MfaError>[2] = {}) => {
      if (stopped) return;
      controller?.abort();
      drops += 1;
      if (drops > maxReconnects) return fail(kind, what, details);
      timer = env.setTimeout(() => void connect(), Math.max(delayMs, details.retryAfterMs ?? 0));
    };

    async function connect(): Promise<void> {
      if (stopped || finished) return;
      const own = new AbortController();
      controller = own;
      const armIdle = () => {
        env.clearTimeout(idle);
        idle = env.setTimeout(() => own.abort(), idleTimeoutMs);
      };
      try {
        const headers = new Headers({ Accept: 'text/event-stream' });
        for (const extra of [options.headers, await options.getHeaders?.()]) {
          for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
        }
        if (stopped) return;
        armIdle();
        const sentAt = env.now();
        const response = await (options.fetch ?? globalThis.fetch)(url.href, { method: 'GET', headers, signal: own.signal, cache: 'no-store' });
        const receivedAt = env.now();
        const date = response.headers.get('Date');
        options.clock?.observe({ date, sentAt, receivedAt });
        const rttMs = receivedAt - sentAt;
        if (!response.ok || !response.body) {
          await response.body?.cancel().catch(() => {});
          const { status } = response;
          const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Date.parse(date ?? '') || receivedAt);
          const kind = errorKindOf(status, null);
          if (status === 429 || status >= 500) return retry(kind, `answered HTTP ${status}.`, { status, retryAfterMs });
          return fail(kind, `answered HTTP ${status}.`, { status });
        }
        if (!/^text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) {
          await response.body.cancel().catch(() => {});
          return fail('invalid_response', 'did not answer with an event stream.', { status: response.status });
        }
        const parse = createSseParser(
          ({ event, data, date: upstreamDate }) => {
            if (stopped || finished) return;
            if (event === 'error') {
              let serverCode: string | null = null;
              try {
                const id: unknown = (JSON.parse(data) as { id?: unknown }).id;
                if (typeof id === 'string' && /^[\w.-]{1,64}$/.test(id)) serverCode = id;
              } catch {
                // No code: a generic server error.
              }
              return fail(serverCode === 'not_found' ? 'not_found' : 'server', `ended with an error${serverCode ? ` (${serverCode})` : ''}.`, { serverCode });
            }
            if (event !== 'sync') return;
            let parsed;
            try {
              parsed = parseSync(JSON.parse(data), { connectionId });
            } catch {
              return;
            }
            // A snapshot that does not parse is skipped: the next one, or polling, will do.
            if (!parsed.success) return;
            drops = 0;
            // The snapshot was read upstream just before it was pushed: the stream's own round trip
            // stands in for the read's, so a pushed Date is not taken as more precise than it is.
            const at = env.now();
            onSync({ sync: parsed.data, date: upstreamDate, rttMs, sentAt: at - rttMs, receivedAt: at });
            if (isFinalStatus(parsed.data.status)) {
              finished = true;
              pause();
            }
          },
          (ms) => {
            delayMs = ms;
          },
        );
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done || stopped || finished) break;
          armIdle();
          parse(value);
        }
        env.clearTimeout(idle);
        if (!stopped && !finished) retry('network', 'ended before the sync did.');
      } catch (cause) {
        env.clearTimeout(idle);
        if (stopped || finished) return;
        retry(own.signal.aborted ? 'timeout' : 'network', own.signal.aborted ? 'went silent.' : 'could not be read.', { cause });
      }
    }

    void connect();
    return stop;
  }

  return {
    ...client,
    async startSync(connectionId, credentials, requestOptions) {
      const result = await client.startSync(connectionId, credentials, requestOptions);
      for (const resume of [...(resumers.get(connectionId) ?? [])]) resume();
      return result;
    },
    subscribe,
  };
}
