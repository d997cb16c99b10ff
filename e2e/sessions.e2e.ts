import { request } from 'playwright-core';
import type { APIRequestContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/fixtures';
import { chooseTestBank, heading, readPinFromPhone, sandboxPhone, visible } from './support/flows';

const browser = useBrowser();

/** Every backend route that names a connection, as another session would try them. */
function probes(connectionId: number, pin: string) {
  // Same-origin, as the page's own fetches are: the backend refuses cross-site writes before it
  // looks at ownership, and this test is about ownership.
  const json = { 'content-type': 'application/json', origin: inject('e2e').demoUrl };
  return [
    { route: 'GET sync', send: (r: APIRequestContext) => r.get(`/api/quovo/connections/${connectionId}/sync`) },
    { route: 'POST sync (restart)', send: (r: APIRequestContext) => r.post(`/api/quovo/connections/${connectionId}/sync`, { headers: json, data: {} }) },
    {
      route: 'POST sync (answer)',
      send: (r: APIRequestContext) =>
        r.post(`/api/quovo/connections/${connectionId}/sync`, { headers: json, data: { answers: [{ challenge_id: 1, answer: pin }] } }),
    },
    { route: 'PUT challenges', send: (r: APIRequestContext) => r.put(`/api/quovo/connections/${connectionId}/challenges`, { headers: json, data: { answers: [] } }) },
    { route: 'GET outbox', send: (r: APIRequestContext) => r.get(`/api/demo/connections/${connectionId}/outbox`) },
    { route: 'GET captcha', send: (r: APIRequestContext) => r.get(`/api/demo/connections/${connectionId}/captcha`) },
  ];
}

/** Sends every probe and checks each gets the same bare 404 as an unknown connection, with nothing of the connection in it. */
async function expectNothing(api: APIRequestContext, connectionId: number, pin: string): Promise<void> {
  for (const probe of probes(connectionId, pin)) {
    const res = await probe.send(api);
    const body = await res.text();
    expect({ route: probe.route, status: res.status(), body: JSON.parse(body) as unknown }).toEqual({
      route: probe.route,
      status: 404,
      body: { id: 'not_found', message: 'Not found.' },
    });
    expect(body).not.toContain(pin);
    expect(body).not.toContain(String(connectionId));
  }
}

describe('sessions', () => {
  it('one session asking for another session’s connection gets nothing, and the owner carries on', async () => {
    const a = await browser.open('session-owner');
    await a.page.goto('/#/link');
    const connectionId = await chooseTestBank(a.page, 'One-time PIN by text or call');
    const destinations = await visible(a.page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
    await destinations.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
    await a.page.getByRole('button', { name: 'Continue', exact: true }).click();
    const pinField = await visible(a.page.getByRole('textbox', { name: 'Enter your pin:' }));
    const { pin } = await readPinFromPhone(a.page);

    // B: another browser (its own cookie jar), with a demo session of its own: sessions are
    // made only when a connection is, so B links a bank too.
    const b = await browser.open('session-other');
    await b.page.goto('/#/link');
    await visible(sandboxPhone(b.page).getByText('Pick a test bank to start. Messages appear here.'));
    expect((await b.context.cookies()).map((c) => c.name)).not.toContain('mfa_demo_sid');
    await chooseTestBank(b.page, 'One-time PIN by text or call');
    const cookies = await b.context.cookies();
    expect(cookies.map((c) => c.name)).toContain('mfa_demo_sid');
    await expectNothing(b.context.request, connectionId, pin);

    // No session at all.
    const anonymous = await request.newContext({ baseURL: inject('e2e').demoUrl });
    try {
      await expectNothing(anonymous, connectionId, pin);
    } finally {
      await anonymous.dispose();
    }

    // A still reads its own connection, untouched by B's restart and answer attempts.
    const own = await a.context.request.get(`/api/quovo/connections/${connectionId}/sync`);
    expect(own.status()).toBe(200);
    const sync = ((await own.json()) as { sync: { connection_id: number; status: string } }).sync;
    expect(sync).toMatchObject({ connection_id: connectionId, status: 'challenges' });
    await pinField.pressSequentially(pin);
    await a.page.getByRole('button', { name: 'Continue', exact: true }).click();
    await visible(heading(a.page, 'Your bank is linked'));
  });
});
