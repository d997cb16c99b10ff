import { expect, inject } from 'vitest';
import './context';

/** Calls one of the embedded sandbox's admin routes with the run's token (never through the browser). */
async function admin(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<Response> {
  const { sandboxUrl, sandboxToken } = inject('e2e');
  return fetch(`${sandboxUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${sandboxToken}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Moves the sandbox's clock forward by `ms`: deadlines pass at once, and its `Date` header jumps too. */
export async function advanceSandboxClock(ms: number): Promise<void> {
  const res = await admin('/__sandbox/clock', { method: 'POST', body: { advance_ms: ms } });
  expect(res.status, 'POST /__sandbox/clock').toBe(200);
}

/** Puts the sandbox's clock back on real time. */
export async function resetSandboxClock(): Promise<void> {
  const res = await admin('/__sandbox/clock', { method: 'POST', body: { set: new Date().toISOString() } });
  expect(res.status, 'POST /__sandbox/clock').toBe(200);
}

/** The text the pending CAPTCHA of a connection shows, from the sandbox's test-aid route. */
export async function readCaptchaAnswer(connectionId: number): Promise<string> {
  const res = await admin(`/__sandbox/connections/${connectionId}/captcha`);
  expect(res.status, 'GET /__sandbox/connections/{id}/captcha').toBe(200);
  const body = (await res.json()) as { captcha: { answer: string } };
  return body.captcha.answer;
}

/** The PINs the sandbox "sent" for a connection, oldest first. */
export async function readSentPins(connectionId: number): Promise<string[]> {
  const res = await admin(`/__sandbox/connections/${connectionId}/outbox`);
  expect(res.status, 'GET /__sandbox/connections/{id}/outbox').toBe(200);
  const body = (await res.json()) as { messages: { pin: string }[] };
  return body.messages.map((m) => m.pin);
}

/** Sets faults on one connection of the embedded sandbox (`lostReply`, `latency`, …), through its admin route. */
export async function setSandboxFaults(connectionId: number, faults: Record<string, unknown>): Promise<void> {
  const { sandboxUrl, sandboxToken } = inject('e2e');
  const res = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${sandboxToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ connection_id: connectionId, faults }),
  });
  expect(res.status, 'PUT /__sandbox/faults').toBe(200);
}
