/**
 * The partner's backend half: `@mfa-kit/server`'s proxy as a Route Handler. It adds the token
 * (which never reaches the browser) and forwards only the kit's routes under /api/quovo:
 * GET/POST connections/{id}/sync, PUT connections/{id}/challenges and the pushed syncs of
 * GET connections/{id}/events; upstream error bodies are never relayed. QUOVO_API_URL and
 * QUOVO_TOKEN come from the environment (lib/quovo.ts, which the server pages share).
 */
import { getProxy } from '../../../../lib/quovo';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const proxy = getProxy();
  if (!proxy) return Response.json({ id: 'not_configured', message: 'Set QUOVO_API_URL and QUOVO_TOKEN.' }, { status: 500 });
  return proxy(request);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
