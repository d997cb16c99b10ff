/**
 * The Next.js example, built (`next build`) and served (`next start`), against the sandbox: the
 * realtime PIN flow in Chromium through the drop-in page and the custom-UI page. The browser
 * talks only to the app; the route handler holds the sandbox's token (generated here).
 */
import { createEngine, createSeededRandom } from '@mfa-kit/sandbox';
import { startSandboxServer, type SandboxServer } from '@mfa-kit/sandbox/node';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = new URL('..', import.meta.url).pathname;
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

let sandbox: SandboxServer;
let next: ChildProcess;
let browser: Browser;
let appUrl = '';
/** The sandbox's token, generated for the run: only the route handler and this file know it. */
let token = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer within 30 s:\n${output()}`);
}

beforeAll(async () => {
  token = randomBytes(24).toString('base64url');
  sandbox = await startSandboxServer({
    port: 0,
    host: '127.0.0.1',
    token,
    log: false,
    engine: createEngine({ random: createSeededRandom(13), timing: { queuedMs: 300, authenticatingMs: 500, verifyingMs: 400, fetchingMs: 500 } }),
  });
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  next = spawn('pnpm', ['exec', 'next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: APP_DIR,
    env: { ...process.env, QUOVO_API_URL: sandbox.url, QUOVO_TOKEN: token, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  next.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  next.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  [browser] = await Promise.all([chromium.launch(CHROMIUM), waitUntilUp(appUrl, next, () => output)]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  next?.kill('SIGTERM');
  await sandbox?.close();
});

async function createConnection(): Promise<number> {
  const res = await fetch(`${sandbox.url}/__sandbox/connections`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ scenario: 'realtime_pin', options: { start: true } }),
  });
  const body = (await res.json()) as { connection: { id: number } };
  return body.connection.id;
}

async function sentPin(connectionId: number): Promise<string> {
  const res = await fetch(`${sandbox.url}/__sandbox/connections/${connectionId}/outbox`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { messages: { pin: string }[] };
  const pin = body.messages.at(-1)?.pin;
  if (!pin) throw new Error('the sandbox sent no PIN');
  return pin;
}

async function completePin(page: Page, connectionId: number): Promise<void> {
  const destinations = page.getByRole('radiogroup', { name: 'Where should we send your pin?' });
  await destinations.getByRole('radio').first().click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const pinField = page.getByRole('textbox', { name: 'Enter your pin:' });
  await pinField.waitFor();
  await pinField.fill(await sentPin(connectionId));
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

describe('Next.js example (next build + next start)', () => {
  it('completes the realtime PIN flow with the drop-in MfaFlow, then navigates to the accounts page', async () => {
    const connectionId = await createConnection();
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${appUrl}/drop-in?connection=${connectionId}`);
    await completePin(page, connectionId);
    await page.waitForURL('**/accounts');
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('completes the realtime PIN flow with the custom UI on the hooks', async () => {
    const connectionId = await createConnection();
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${appUrl}/custom?connection=${connectionId}`);
    await completePin(page, connectionId);
    await page.getByText('Your account is connected.').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  /** Browser reads of the sync before the first challenge is visible on the custom page. */
  async function readsBeforeFirstChallenge(prefetch: boolean): Promise<number> {
    const connectionId = await createConnection();
    // Wait (server to server) until the bank asks, so the page opens on a challenge.
    for (let i = 0; i < 100; i++) {
      const body = (await (await fetch(`${appUrl}/api/quovo/connections/${connectionId}/sync`)).json()) as { sync?: { challenges?: unknown[] } };
      if (body.sync?.challenges?.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    let reads = 0;
    page.on('request', (request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname === `/api/quovo/connections/${connectionId}/sync`) reads += 1;
    });
    await page.goto(`${appUrl}/custom?connection=${connectionId}${prefetch ? '' : '&prefetch=0'}`);
    await page.getByRole('radiogroup', { name: 'Where should we send your pin?' }).waitFor();
    const seen = reads;
    await page.close();
    return seen;
  }

  it('paints the first challenge with no browser read when the server page prefetches the sync', async () => {
    expect(await readsBeforeFirstChallenge(true)).toBe(0);
  });

  it('needs a browser read before the first challenge without the prefetch (?prefetch=0)', async () => {
    expect(await readsBeforeFirstChallenge(false)).toBe(1);
  });

  it('keeps the token on the server: the route handler answers without one from the browser', async () => {
    const connectionId = await createConnection();
    const res = await fetch(`${appUrl}/api/quovo/connections/${connectionId}/sync`);
    expect(res.status).toBe(200);
    expect(res.headers.get('date')).not.toBeNull();
    expect(JSON.stringify(await res.json())).not.toContain(token);
  });
});
