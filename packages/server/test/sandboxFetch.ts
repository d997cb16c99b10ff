/**
 * Test support: the sandbox engine as a `fetch` function (no socket, so fake timers hold), and
 * every call it answers counted, as the upstream would count them.
 */
import { matchRoute, runRoute, type SandboxEngine } from '@mfa-kit/sandbox';

/** One call the sandbox answered. */
export interface UpstreamCall {
  method: string;
  path: string;
  status: number;
}

/** The sandbox behind `fetch`, with the calls it answered. */
export function sandboxFetch(engine: SandboxEngine, token: string) {
  const calls: UpstreamCall[] = [];
  const fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = init.method ?? 'GET';
    const matched = matchRoute(method, url.pathname);
    if (matched === null || matched === 'method_not_allowed') throw new TypeError(`sandboxFetch: no route ${method} ${url.pathname}`);
    const headers = new Headers(init.headers);
    const answer = runRoute(matched.route, { params: matched.params, authorization: headers.get('authorization'), bodyText: typeof init.body === 'string' ? init.body : '' }, { engine, token });
    if (answer.type === 'drop') throw new TypeError('fetch failed');
    calls.push({ method, path: url.pathname, status: answer.status });
    const body = answer.type === 'json' ? JSON.stringify(answer.body) : answer.raw;
    return new Response(body, { status: answer.status, headers: answer.headers });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    calls,
    /** Calls of one method on one connection's routes. */
    count: (method: string, id: number) => calls.filter((call) => call.method === method && call.path.startsWith(`/v3/connections/${id}/`)).length,
  };
}
