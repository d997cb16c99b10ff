/**
 * One MSW worker for the whole Storybook (the UI, docs pages and the Vitest story tests). It is
 * started once by the preview's `beforeAll`; each story registers its own sandbox handlers with
 * `worker.use()` under a base URL of its own (see ./sandbox.ts), and the preview's `beforeEach`
 * cleanup resets them when the story goes away.
 */
import { setupWorker } from 'msw/browser';

/** The Storybook-wide worker. Handlers are added per story. */
export const worker = setupWorker();

let started: Promise<unknown> | null = null;

/**
 * Starts the worker once. `mockServiceWorker.js` is served from `.storybook/public` (staticDirs):
 * at `/` in `storybook dev` and in the story tests, next to `iframe.html` in a static build,
 * which is what Vite's `BASE_URL` says in each case.
 */
export function startWorker(): Promise<unknown> {
  const base = (import.meta as unknown as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? './';
  started ??= worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: `${base}mockServiceWorker.js` },
  });
  return started;
}
