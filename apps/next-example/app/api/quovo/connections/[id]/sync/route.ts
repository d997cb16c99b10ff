/**
 * The partner's backend half, minimal: the browser calls /api/quovo/connections/{id}/sync and
 * this handler forwards it to the Quovo API (or the sandbox) with the token, which never leaves
 * the server. QUOVO_API_URL and QUOVO_TOKEN come from the environment.
 * (To be replaced by the @mfa-kit/server package's handler.)
 */
export const dynamic = 'force-dynamic';

/** Response headers the kit reads: `Date` drives its server-clock estimate, `Retry-After` its backoff. */
const PASSED_HEADERS = ['content-type', 'date', 'retry-after'];

async function forward(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const apiUrl = process.env.QUOVO_API_URL;
  const token = process.env.QUOVO_TOKEN;
  if (!apiUrl || !token) {
    return Response.json({ id: 'not_configured', message: 'Set QUOVO_API_URL and QUOVO_TOKEN.' }, { status: 500 });
  }
  if (!/^\d+$/.test(id)) return Response.json({ id: 'not_found', message: 'Unknown connection.' }, { status: 404 });
  const body = request.method === 'POST' ? await request.text() : undefined;
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl.replace(/\/$/, '')}/connections/${id}/sync`, {
      method: request.method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
      cache: 'no-store',
    });
  } catch {
    return Response.json({ id: 'upstream_unreachable', message: 'The bank-sync API did not answer.' }, { status: 502 });
  }
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers });
}

export const GET = forward;
export const POST = forward;
