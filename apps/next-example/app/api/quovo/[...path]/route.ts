/**
 * The partner's backend half: `@mfa-kit/server`'s proxy as a Route Handler. It adds the token
 * (which never reaches the browser) and forwards only the kit's routes under /api/quovo:
 * GET/POST connections/{id}/sync, PUT connections/{id}/challenges and the pushed syncs of
 * GET connections/{id}/events; upstream error bodies are never relayed. QUOVO_API_URL and
 * QUOVO_TOKEN come from the environment.
 */
import { createMfaProxy, type MfaProxy } from '@mfa-kit/server';

export const dynamic = 'force-dynamic';

/**
 * May this request use this connection? This example has no sign-in, so it allows every
 * connection. A real app answers from its own session, e.g.
 * `(await auth())?.user.connectionIds.includes(connectionId) ?? false`.
 */
async function authorize(_request: Request, _connectionId: number): Promise<boolean> {
  return true;
}

let proxy: MfaProxy | null = null;

/** The proxy, made on the first request: `next build` loads this module without the token. */
async function handle(request: Request): Promise<Response> {
  const apiUrl = process.env.QUOVO_API_URL;
  const token = process.env.QUOVO_TOKEN;
  if (!apiUrl || !token) {
    return Response.json({ id: 'not_configured', message: 'Set QUOVO_API_URL and QUOVO_TOKEN.' }, { status: 500 });
  }
  // In production, the site's origin (https://app.example.com): behind a proxy that ends TLS
  // the route sees http://, so the origin is named. Unset in `next dev` and in the tests.
  const appOrigin = process.env.APP_ORIGIN;
  proxy ??= createMfaProxy({
    apiUrl,
    token,
    basePath: '/api/quovo',
    ...(appOrigin ? { allowedHosts: [new URL(appOrigin).host], allowedOrigins: [appOrigin] } : {}),
    authorize,
  });
  return proxy(request);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
