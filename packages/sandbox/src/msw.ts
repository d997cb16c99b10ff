/**
 * Face 2: the sandbox as MSW handlers, built from the same engine and routes as the HTTP server.
 * Paths are written as `*` + `/connections/:id/sync` (or under `baseUrl`), so one set serves Node,
 * jsdom, the browser and Storybook.
 */
import { delay, http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import type { SandboxEngine } from './engine';
import type { SandboxResponse } from './response';
import { runRoute, SANDBOX_ROUTES } from './router';

/** Options of {@link createSandboxHandlers}. */
export interface SandboxHandlersOptions {
  /** The engine (its scenarios, clock and faults). */
  engine: SandboxEngine;
  /**
   * Where the handlers listen, e.g. `http://sandbox.test` or `/api/quovo`. Quovo routes are also
   * served under `{baseUrl}/v3`. @default '*' (any origin and prefix)
   */
  baseUrl?: string;
  /** Require `Authorization: Bearer <token>`. @default null: no auth (the partner backend adds the token) */
  token?: string | null;
}

/**
 * The sandbox's MSW request handlers: Quovo routes and admin routes.
 *
 * @example
 * const engine = createEngine();
 * const server = setupServer(...createSandboxHandlers({ engine, baseUrl: 'http://sandbox.test' }));
 */
export function createSandboxHandlers(options: SandboxHandlersOptions): HttpHandler[] {
  const { engine } = options;
  const token = options.token ?? null;
  const base = options.baseUrl === undefined || options.baseUrl === '*' ? '*' : options.baseUrl.replace(/\/+$/, '');
  const handlers: HttpHandler[] = [];
  for (const route of SANDBOX_ROUTES) {
    // `*` already matches any prefix; an explicit base URL also serves Quovo's `/v3` prefix.
    const prefixes = base === '*' || route.admin ? [base] : [base, `${base}/v3`];
    for (const prefix of prefixes) {
      const method = route.method === 'GET' ? http.get : route.method === 'POST' ? http.post : http.put;
      handlers.push(
        method(`${prefix}${route.path}`, async ({ request, params }) => {
          const response = runRoute(
            route,
            {
              params: params as Record<string, string | undefined>,
              authorization: request.headers.get('authorization'),
              bodyText: await request.text(),
            },
            { engine, token },
          );
          if (response.delayMs > 0) await delay(response.delayMs);
          return toMswResponse(response);
        }),
      );
    }
  }
  return handlers;
}

function toMswResponse(response: SandboxResponse): Response {
  if (response.type === 'drop') return HttpResponse.error();
  const body = response.type === 'json' ? JSON.stringify(response.body) : response.raw;
  return new HttpResponse(body, { status: response.status, headers: response.headers });
}
