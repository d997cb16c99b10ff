import { errorResponse } from './http';

/** Options of {@link guardRequest}: which hosts and origins the API answers. */
export interface GuardOptions {
  /**
   * Host names (with port when not the default) the API answers, e.g. `['app.example.com']`.
   * A request whose `Host` is not listed gets 421, which stops DNS rebinding: a page on
   * `evil.example` re-pointed at your server still sends `Host: evil.example`. Unset: any host.
   * @default undefined
   */
  allowedHosts?: readonly string[];
  /**
   * Origins, besides the request's own, allowed to write (`POST`/`PUT`) and to read from another
   * site, e.g. `['https://app.example.com']` when the API lives on another origin. @default []
   */
  allowedOrigins?: readonly string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The request's checks that do not depend on a route: its `Host` against `allowedHosts`; for
 * writes a same-origin `Origin` (or an allowed one) or, without `Origin`, `Sec-Fetch-Site:
 * same-origin` (a write that shows neither header is refused too: every browser sends one of
 * them on a `POST`/`PUT`, so only a non-browser client lacks both, and it has no business here);
 * for reads, no `Sec-Fetch-Site: cross-site` unless the `Origin` is an allowed one.
 *
 * @returns the refusal to send (421 `misdirected_request`, 403 `cross_site_request`), or `null`
 *   when the request may proceed.
 */
export function guardRequest(request: Request, options: GuardOptions = {}): Response | null {
  const url = new URL(request.url);
  const host = (request.headers.get('host') ?? url.host).toLowerCase();
  if (options.allowedHosts && !options.allowedHosts.some((allowed) => allowed.toLowerCase() === host)) {
    return errorResponse(421, 'misdirected_request', 'This server does not answer for that host name.');
  }
  const origin = request.headers.get('origin');
  if (SAFE_METHODS.has(request.method)) {
    // Another site's page cannot read the answer, but its <img>, no-cors fetch or EventSource
    // would still cost upstream reads and hold the connection's stream slots with the user's
    // cookies. Browsers say so in Sec-Fetch-Site; same-site pages and non-browser clients pass.
    if (request.headers.get('sec-fetch-site') !== 'cross-site' || (origin !== null && options.allowedOrigins?.includes(origin))) return null;
    return errorResponse(403, 'cross_site_request', 'Requests from other sites are refused.');
  }
  if (origin !== null) {
    const own = `${url.protocol}//${host}`;
    if (origin === own || options.allowedOrigins?.includes(origin)) return null;
    return errorResponse(403, 'cross_site_request', 'Requests from other sites are refused.');
  }
  if (request.headers.get('sec-fetch-site') === 'same-origin') return null;
  return errorResponse(403, 'cross_site_request', 'Requests from other sites are refused.');
}
