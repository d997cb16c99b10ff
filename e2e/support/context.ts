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
    e2e: E2eServers;
  }
}
