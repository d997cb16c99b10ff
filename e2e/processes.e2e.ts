/**
 * Three demo processes on one Redis and one sandbox, behind a round-robin balancer: a browser's
 * API requests alternate between them, and the realtime PIN flow completes over push and over
 * polling; one process stopped mid-flow loses no flow. (The app's own files come from the run's
 * demo; only `/api/` is balanced.)
 */
import { createEngine } from '@mfa-kit/sandbox';
import { startSandboxServer } from '@mfa-kit/sandbox/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../apps/demo/server/server';
import { startRedis, type RedisServer } from '../packages/server/test/support/redisServer';
import { startBalancer, type Balancer } from './support/balancer';
import { connectChromium, UI_TIMEOUT_MS } from './support/browser';
import { chooseTestBank, heading, readPinFromPhone, visible } from './support/flows';

const TOKEN = 'processes-e2e-token';
let redis: RedisServer;
let sandbox: { url: string; close(): Promise<void> };
let balancer: Balancer;
let demos: DemoServer[] = [];
let browser: Browser;
const contexts: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const engine = createEngine({ timing: { queuedMs: 300, authenticatingMs: 500, verifyingMs: 400, fetchingMs: 500 } });
  sandbox = await startSandboxServer({ port: 0, token: TOKEN, engine, log: false });
  balancer = await startBalancer(inject('e2e').demoUrl);
  for (let n = 0; n < 3; n++) {
    demos.push(await startDemoServer({ port: 0, upstream: { url: sandbox.url, token: TOKEN }, redisUrl: redis.url, allowedHosts: [balancer.host], log: () => {} }));
  }
  balancer.backends = demos.map((demo) => demo.url);
  browser = await connectChromium();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await Promise.allSettled(demos.map((demo) => demo.close()));
  await balancer?.close();
  await sandbox?.close();
  await redis?.stop();
});

async function open(): Promise<Page> {
  const context = await browser.newContext({ baseURL: balancer.url, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', locale: 'en-US' });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  contexts.push(context);
  return context.newPage();
}

/** The realtime PIN flow, to "Your bank is linked"; `midway` runs once the PIN is asked for. */
async function linkWithPin(page: Page, midway: () => Promise<void> = async () => {}): Promise<void> {
  await chooseTestBank(page, 'One-time PIN by text or call');
  const destinations = await visible(page.getByRole('radiogroup', { name: 'Where should we send your pin?' }));
  await destinations.getByRole('radio', { name: /Text message.*xxx-xxx-0695/ }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const pinField = await visible(page.getByRole('textbox', { name: 'Enter your pin:' }));
  await midway();
  const { pin } = await readPinFromPhone(page, 1);
  await pinField.pressSequentially(pin);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await visible(heading(page, 'Your bank is linked'));
}

describe('three demo processes on Redis behind a round-robin balancer', () => {
  it('completes the realtime PIN flow over push, its requests alternating between processes', async () => {
    const page = await open();
    const before = balancer.routed.length;
    const streams: string[] = [];
    page.on('request', (req) => {
      if (/\/api\/quovo\/connections\/\d+\/events$/.test(new URL(req.url()).pathname)) streams.push(req.url());
    });
    await page.goto('/#/link');
    const live = await visible(page.getByRole('switch', { name: 'Live updates from the server' }));
    expect(await live.isChecked()).toBe(true);
    await linkWithPin(page);
    expect(streams.length).toBeGreaterThan(0);
    // Every process answered part of this one browser's flow.
    expect(new Set(balancer.routed.slice(before))).toEqual(new Set(balancer.backends));
  });

  it('completes the realtime PIN flow over polling', async () => {
    const page = await open();
    const reads: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'GET' && /\/api\/quovo\/connections\/\d+\/sync$/.test(new URL(req.url()).pathname)) reads.push(req.url());
    });
    await page.goto('/#/link');
    const live = await visible(page.getByRole('switch', { name: 'Live updates from the server' }));
    await live.uncheck();
    await visible(page.getByText('Off: the browser polls for changes.'));
    await linkWithPin(page);
    expect(reads.length).toBeGreaterThan(0);
  });

  it('loses no flow when a process is stopped while the PIN is asked for', async () => {
    const page = await open();
    await page.goto('/#/link');
    await linkWithPin(page, async () => {
      const stopped = demos[1]!;
      await stopped.close();
      demos = demos.filter((demo) => demo !== stopped);
    });
    expect(demos).toHaveLength(2);
  });
});
