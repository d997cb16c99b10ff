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
 * What {@link checkRequest} refused, for the proxy's configuration warning: the header, its
 * value (an origin or a host name, never anything else of the request) and the option that
 * would let it through.
 */
export interface GuardRefusal {
  /** The refusal to send. */
  response: Response;
  /** Which check refused: a `Host` outside `allowedHosts`, or an `Origin` (`null`: none sent) outside `allowedOrigins`. */
  header: 'host' | 'origin';
  /** The refused value; for `origin` without an `Origin` header, `null`. */
  value: string | null;
  /** This server's own origin, as the request's URL and `Host` give it. */
  own: string;
}

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
  return checkRequest(request, options)?.response ?? null;
}

/** {@link guardRequest}, saying what it refused. */
export function checkRequest(request: Request, options: GuardOptions = {}): GuardRefusal | null {
  const url = new URL(request.url);
  const host = (request.headers.get('host') ?? url.host).toLowerCase();
  const own = `${url.protocol}//${host}`;
  if (options.allowedHosts && !options.allowedHosts.some((allowed) => allowed.toLowerCase() === host)) {
    return { response: errorResponse(421, 'misdirected_request', 'This server does not answer for that host name.'), header: 'host', value: host, own };
  }
  const origin = request.headers.get('origin');
  const crossSite = () => ({ response: errorResponse(403, 'cross_site_request', 'Requests from other sites are refused.'), header: 'origin' as const, value: origin, own });
  if (SAFE_METHODS.has(request.method)) {
    // Another site's page cannot read the answer, but its <img>, no-cors fetch or EventSource
    // would still cost upstream reads and hold the connection's stream slots with the user's
    // cookies. Browsers say so in Sec-Fetch-Site; same-site pages and non-browser clients pass.
    if (request.headers.get('sec-fetch-site') !== 'cross-site' || (origin !== null && options.allowedOrigins?.includes(origin))) return null;
    return crossSite();
  }
  if (origin !== null) {
    if (origin === own || options.allowedOrigins?.includes(origin)) return null;
    return crossSite();
  }
  if (request.headers.get('sec-fetch-site') === 'same-origin') return null;
  return crossSite();
}

const MAX_WARNED = 100;

/**
 * The proxy's warnings about its own configuration: one line per refused `Origin` or `Host`
 * value, the first time it is refused, naming the value and the option to set. Values are cut
 * to 200 characters and quoted as JSON; after {@link MAX_WARNED} distinct values (a scan, not a
 * misconfiguration) it says so once and stops, so nobody can fill the log.
 */
export function createRefusalWarner(warn: (message: string) => void): (refusal: GuardRefusal, method: string) => void {
  const seen = new Set<string>();
  return (refusal, method) => {
    const key = `${refusal.header}:${refusal.value}`;
    if (seen.has(key) || seen.size > MAX_WARNED) return;
    seen.add(key);
    const value = JSON.stringify((refusal.value ?? '').slice(0, 200));
    let line: string;
    if (seen.size > MAX_WARNED) line = `@mfa-kit/server: more than ${MAX_WARNED} different origins and hosts refused; no more are logged.`;
    else if (refusal.header === 'host') {
      line = `@mfa-kit/server: refused Host ${value} (421 misdirected_request): it is not in allowedHosts. If your app is served under that name, add it: allowedHosts: [${value}]. Logged once per host.`;
    } else if (refusal.value === null) {
      line = `@mfa-kit/server: refused a ${method} without an Origin, from another site or from a client that is not a browser (403 cross_site_request). Logged once.`;
    } else {
      line = `@mfa-kit/server: refused a ${method} from Origin ${value}; this server is ${JSON.stringify(refusal.own)} (403 cross_site_request). If that page is yours, add it: allowedOrigins: [${value}] (a dev server's proxy, such as Vite's server.proxy, rewrites Host unless changeOrigin: false). Logged once per origin.`;
    }
    try {
      warn(line);
    } catch {
      // A failing log must not change the answer.
    }
  };
}
