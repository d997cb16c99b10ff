/**
 * Starts the demo the way `pnpm demo` does (apps/demo/server: backend on /api, Vite in
 * middleware mode for the app, an embedded sandbox on loopback), on free ports, once for the
 * whole e2e run: one demo per worker (E2E_WORKERS, tooling/vitest/e2e.ts), each with its own
 * sandbox, clock and sessions, so files run side by side and a file that moves its sandbox's
 * clock moves no other file's deadlines (support/worker.ts points each worker at its own). The
 * demos share one Vite frontend and one Chromium (Debian's) that every file connects to.
 * Vite's hot updates are off, so a source edit saved during the run cannot swap code under a
 * page mid-test.
 *
 * Test-only differences from `pnpm demo` (besides a per-client session cap high enough for one
 * machine's many test sessions):
 * - the sandbox's token is generated here, so the suite can call its admin routes (the browser
 *   still never sees it);
 * - its clock is real time that a test can move forward (support/shiftableClock.ts);
 * - its stages are shorter (SANDBOX_TIMING): the same statuses in the same order, so a flow
 *   waits on the kit's polling rather than on scripted delays.
 * Each backend's request log goes to test-results/e2e/server-<n>.log.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createEngine } from '@mfa-kit/sandbox';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startDemoServer, type Frontend } from '../apps/demo/server/server';
import { createSessionStore } from '../apps/demo/server/sessions';
import { createViteFrontend } from '../apps/demo/server/viteFrontend';
import { CHROMIUM_OPTIONS } from './support/browser';
import { e2eWorkers } from './support/context';
import { ARTIFACTS_DIR } from './support/paths';
import { createShiftableClock } from './support/shiftableClock';

/** The sandbox's stage durations for the run (its defaults are 1000/2000/1500/2000 ms). */
export const SANDBOX_TIMING = { queuedMs: 300, authenticatingMs: 500, verifyingMs: 400, fetchingMs: 500 };

/** One Vite frontend for every demo of the run (one optimizer, one cache), closed once. */
function sharedFrontend(): (server: Server) => Promise<Frontend> {
  const create = createViteFrontend({ hmr: false });
  let shared: Promise<Frontend> | null = null;
  let closed: Promise<void> | null = null;
  return async (server) => {
    const frontend = await (shared ??= create(server));
    return { handle: frontend.handle, close: () => (closed ??= frontend.close()) };
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Artifacts are this run's only: no screenshot of an earlier run is left to mislead.
  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const frontend = sharedFrontend();
  const logs = Array.from({ length: e2eWorkers() }, (_, i) => createWriteStream(`${ARTIFACTS_DIR}/server-${i + 1}.log`));
  const sandboxToken = randomBytes(24).toString('base64url');
  const [browser, ...demos] = await Promise.all([
    chromium.launchServer(CHROMIUM_OPTIONS),
    ...logs.map((log) =>
      startDemoServer({
        port: 0,
        sandboxToken,
        sandboxEngine: createEngine({ clock: createShiftableClock(), timing: SANDBOX_TIMING }),
        frontend,
        // Every browser session of the run comes from 127.0.0.1: the per-client cap (20 in
        // `pnpm demo`) would refuse the suite's later sessions.
        sessions: createSessionStore({ maxSessionsPerClient: 500 }),
        log: (line) => log.write(`${line}\n`),
      }),
    ),
  ]);
  const teardown = async () => {
    await Promise.allSettled([browser.close(), ...demos.map((demo) => demo.close())]);
    await Promise.all(logs.map((log) => new Promise<void>((resolve) => log.end(resolve))));
  };

  try {
    const servers = demos.map((demo) => {
      if (!demo.sandboxUrl) throw new Error('The demo did not start its embedded sandbox.');
      return { demoUrl: demo.url, sandboxUrl: demo.sandboxUrl, sandboxToken, browserWsEndpoint: browser.wsEndpoint() };
    });
    // Let Vite transform the entry and pre-bundle dependencies before the first test's page
    // asks for them, so no test meets a dependency-optimization reload.
    for (const path of ['/', '/src/main.tsx']) {
      const res = await fetch(`${servers[0]!.demoUrl}${path}`);
      if (!res.ok) throw new Error(`The demo answered ${res.status} for ${path}.`);
      await res.arrayBuffer();
    }
    project.provide('e2e', servers[0]!);
    project.provide('e2eWorkers', servers);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
