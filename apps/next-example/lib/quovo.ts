/**
 * The partner's backend half, shared by the route handler (app/api/quovo) and the server pages:
 * one `@mfa-kit/server` proxy holding the Quovo token, which never reaches the browser.
 * QUOVO_API_URL and QUOVO_TOKEN come from the environment. Server-only: no client component
 * imports this file.
 */
import { parseSync, type SyncState } from '@mfa-kit/core';
import { createMfaProxy, type MfaProxy } from '@mfa-kit/server';

/**
 * May this request use this connection? This example has no sign-in, so it allows every
 * connection. A real app answers from its own session, e.g.
 * `(await auth())?.user.connectionIds.includes(connectionId) ?? false`.
 */
async function authorize(_request: Request, _connectionId: number): Promise<boolean> {
  return true;
}

let proxy: MfaProxy | null = null;

/** The proxy, made on first use (`next build` loads this module without the token); `null` when not configured. */
export function getProxy(): MfaProxy | null {
  const apiUrl = process.env.QUOVO_API_URL;
  const token = process.env.QUOVO_TOKEN;
  if (!apiUrl || !token) return null;
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
  return proxy;
}

/**
 * Reads a connection's sync on the server, through the same proxy (and so the same
 * `authorize`) as the browser's reads, for a page to prefetch: `null` when it cannot be read.
 * A real app passes the user's request (its cookies) so `authorize` sees who asks.
 */
export async function readSyncOnServer(connectionId: number): Promise<SyncState | null> {
  const handler = getProxy();
  if (!handler || !Number.isSafeInteger(connectionId) || connectionId < 0) return null;
  const response = await handler(
    // A same-origin GET, as the browser's own reads are.
    // With APP_ORIGIN set, the proxy answers only that host, so the request names it.
    new Request(`${process.env.APP_ORIGIN ?? 'http://localhost'}/api/quovo/connections/${connectionId}/sync`, { headers: { 'Sec-Fetch-Site': 'same-origin' } }),
  );
  if (!response.ok) return null;
  const parsed = parseSync(await response.json(), { connectionId });
  return parsed.success ? parsed.data : null;
}
