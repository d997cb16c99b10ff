import { useSyncExternalStore } from 'react';

/** The demo's pages. */
export type Route = 'overview' | 'link' | 'custom';

const PATHS: Record<Route, string> = { overview: '#/', link: '#/link', custom: '#/link/custom' };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function read(): Route {
  const hash = window.location.hash.replace(/\/+$/, '');
  if (hash === '#/link') return 'link';
  if (hash === '#/link/custom') return 'custom';
  return 'overview';
}

/** The `href` of a page. */
export function hrefOf(route: Route): string {
  return PATHS[route];
}

/** Goes to a page (a hash change, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = PATHS[route];
}

/** The current page, from the URL's hash. No router dependency. */
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, read, () => 'overview');
}
