/** The kit's routes, matched on the URL's path after the mount point. Nothing else passes. */

/** One of the routes the proxy serves. */
export type RouteName = 'sync' | 'challenges' | 'events';

/** A matched route: which one and for which connection. */
export interface RouteMatch {
  route: RouteName;
  connectionId: number;
}

/** The methods each route answers; the `Allow` header of a 405. */
export const ROUTE_METHODS: Readonly<Record<RouteName, readonly string[]>> = {
  sync: ['GET', 'POST'],
  challenges: ['PUT'],
  events: ['GET'],
};

// A positive integer written the one canonical way: no sign, exponent, leading zero, dot,
// encoding or extra slash, and at most 15 digits so it stays a safe integer.
const ROUTE = /^\/connections\/([1-9][0-9]{0,14})\/(sync|challenges|events)$/;

/**
 * Matches `pathname` (as the URL parser gives it: dot segments resolved, percent-escapes kept)
 * under `basePath`. Anything with an escape, a doubled slash or another shape is `null`, so the
 * upstream path is always rebuilt from a number, never copied.
 */
export function matchRoute(pathname: string, basePath: string): RouteMatch | null {
  if (!pathname.startsWith(basePath)) return null;
  const match = ROUTE.exec(pathname.slice(basePath.length));
  if (!match) return null;
  return { connectionId: Number(match[1]), route: match[2] as RouteName };
}
