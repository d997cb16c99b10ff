/** What the global setup hands to every e2e file (see `e2e/globalSetup.ts`). */
export interface E2eServers {
  /** The demo app and its backend, e.g. `http://127.0.0.1:41234`. */
  demoUrl: string;
  /** The demo's embedded sandbox, for admin routes only (the browser never talks to it). */
  sandboxUrl: string;
  /** The embedded sandbox's token, generated for this run. */
  sandboxToken: string;
  /** The run's Chromium (Debian's), launched once by the global setup. */
  browserWsEndpoint: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** This worker's demo (support/worker.ts sets it from `e2eWorkers` before each file). */
    e2e: E2eServers;
    /** One demo per worker, in worker order (`VITEST_POOL_ID` 1, 2, …). */
    e2eWorkers: E2eServers[];
  }
}

/**
 * Test files run at once, each worker on a demo of its own (its own sandbox and clock):
 * `E2E_WORKERS`, 2 by default (a 2-core machine; the files mostly wait on the flows' polling).
 */
export function e2eWorkers(): number {
  return Math.max(1, Math.floor(Number(process.env.E2E_WORKERS ?? 2)) || 1);
}
