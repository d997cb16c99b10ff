/**
 * The demo backend's own routes (`/api/demo/*`). The Quovo sync routes (`/api/quovo/*`) are
 * called by the kit itself; these are the partner's glue and the sandbox aids.
 */

/** What the backend says about itself. */
export interface DemoConfig {
  /** True when the backend talks to a sandbox: scenarios and the phone panel exist. */
  sandbox: boolean;
}

/** A sandbox scenario, as listed by the upstream. */
export interface Scenario {
  name: string;
  description: string;
}

/** A connection created by this browser session. */
export interface DemoConnection {
  id: number;
  scenario: string;
}

/** One message the sandbox "sent" to the user's phone or inbox. */
export interface OutboxMessage {
  /** `Text`, `Voice`, an e-mail category, or `null`. */
  channel: string | null;
  /** The masked destination, e.g. `xxx-xxx-0695`. */
  destination: string | null;
  /** The message text, PIN included. */
  message: string;
  /** When it was sent (ISO-8601), when known. */
  sentAt: string | null;
}

/** A failed call to the demo backend, with the contract's error id when there was one. */
export class DemoApiError extends Error {
  override readonly name = 'DemoApiError';
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

async function requestJson(path: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new DemoApiError(0, 'network', 'The app could not reach its server. Check your connection and try again.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body ?? {}) as { id?: unknown; message?: unknown };
    throw new DemoApiError(
      res.status,
      typeof error.id === 'string' ? error.id : null,
      typeof error.message === 'string' ? error.message : `The server answered ${res.status}.`,
    );
  }
  return body;
}

/** Reads `GET /api/demo/config`. */
export async function fetchConfig(): Promise<DemoConfig> {
  const body = (await requestJson('/api/demo/config')) as Partial<DemoConfig> | null;
  return { sandbox: body?.sandbox === true };
}

/** Reads the sandbox's scenarios through `GET /api/demo/scenarios` (a bare array or `{scenarios: [...]}`). */
export async function fetchScenarios(): Promise<Scenario[]> {
  const body = await requestJson('/api/demo/scenarios');
  const list = Array.isArray(body) ? body : ((body as { scenarios?: unknown } | null)?.scenarios ?? []);
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item === 'string') return [{ name: item, description: '' }];
    const record = (item ?? {}) as { name?: unknown; description?: unknown };
    return typeof record.name === 'string' ? [{ name: record.name, description: typeof record.description === 'string' ? record.description : '' }] : [];
  });
}

/** Creates a sandbox connection owned by this browser session (`POST /api/demo/connections`). */
export async function createConnection(scenario: string): Promise<DemoConnection> {
  const body = (await requestJson('/api/demo/connections', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  })) as { connection: DemoConnection };
  return body.connection;
}

/** Reads what the sandbox sent for one of this session's connections. */
export async function fetchOutbox(connectionId: number): Promise<OutboxMessage[]> {
  const body = await requestJson(`/api/demo/connections/${connectionId}/outbox`);
  const list = Array.isArray(body) ? body : ((body as { messages?: unknown; outbox?: unknown } | null)?.messages ?? (body as { outbox?: unknown } | null)?.outbox ?? []);
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => toOutboxMessage((item ?? {}) as Record<string, unknown>));
}

/** Reads the text the pending CAPTCHA shows (a sandbox test aid: `{captcha: {answer}}`), or `null` when none is pending. */
export async function fetchCaptchaText(connectionId: number): Promise<string | null> {
  try {
    const body = (await requestJson(`/api/demo/connections/${connectionId}/captcha`)) as { captcha?: { answer?: unknown } } | null;
    const text = body?.captcha?.answer;
    return typeof text === 'string' ? text : null;
  } catch (error) {
    if (error instanceof DemoApiError && error.status === 404) return null;
    throw error;
  }
}

function pick(record: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return new Date(value).toISOString();
  }
  return null;
}

function toOutboxMessage(record: Record<string, unknown>): OutboxMessage {
  const destination = record.destination;
  const nested = destination && typeof destination === 'object' ? (destination as Record<string, unknown>) : null;
  return {
    channel: pick(record, 'channel', 'category') ?? (nested ? pick(nested, 'category') : null),
    destination: typeof destination === 'string' ? destination : nested ? pick(nested, 'value') : pick(record, 'to'),
    message: pick(record, 'message', 'text', 'body') ?? '',
    sentAt: pick(record, 'sentAt', 'sent_at', 'at', 'time'),
  };
}
