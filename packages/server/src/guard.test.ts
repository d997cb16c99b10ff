import { describe, expect, it, vi } from 'vitest';
import { checkRequest, createRefusalWarner, guardRequest } from './guard';
import { createMfaProxy } from './proxy';

const write = (origin: string | null, url = 'http://api.test/api/quovo/connections/12/sync', extra: Record<string, string> = {}) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(origin === null ? {} : { origin }), ...extra }, body: '{}' });

describe('checkRequest', () => {
  it('says which header it refused, with the value and the server’s own origin', () => {
    expect(checkRequest(write('http://localhost:5173'))).toMatchObject({ header: 'origin', value: 'http://localhost:5173', own: 'http://api.test' });
    expect(checkRequest(write(null))).toMatchObject({ header: 'origin', value: null });
    expect(checkRequest(new Request('http://evil.example/x'), { allowedHosts: ['api.test'] })).toMatchObject({ header: 'host', value: 'evil.example' });
    expect(checkRequest(write('http://api.test'))).toBeNull();
  });

  it('answers as guardRequest does', async () => {
    const refused = guardRequest(write('http://localhost:5173'))!;
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ id: 'cross_site_request', message: 'Requests from other sites are refused.' });
  });
});

describe('the refusal warning', () => {
  it('is written once per origin, naming the option to set', () => {
    const lines: string[] = [];
    const warn = createRefusalWarner((line) => lines.push(line));
    for (const origin of ['http://localhost:5173', 'http://localhost:5173', 'http://localhost:3001']) warn(checkRequest(write(origin))!, 'POST');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '@mfa-kit/server: refused a POST from Origin "http://localhost:5173"; this server is "http://api.test" (403 cross_site_request). If that page is yours, add it: allowedOrigins: ["http://localhost:5173"] (a dev server\'s proxy, such as Vite\'s server.proxy, rewrites Host unless changeOrigin: false). Logged once per origin.',
    );
    expect(lines[1]).toContain('"http://localhost:3001"');
  });

  it('stops after 100 distinct values, saying so once, so a scan cannot fill the log', () => {
    const lines: string[] = [];
    const warn = createRefusalWarner((line) => lines.push(line));
    for (let i = 0; i < 250; i++) warn(checkRequest(write(`https://scan${i}.example`))!, 'POST');
    expect(lines).toHaveLength(101);
    expect(lines.at(-1)).toMatch(/more than 100 .* no more are logged/);
  });

  it('quotes the value as JSON and cuts it, and survives a throwing log', () => {
    const lines: string[] = [];
    const warn = createRefusalWarner((line) => lines.push(line));
    warn(checkRequest(write(`https://${'a'.repeat(300)}.example`))!, 'POST');
    expect(lines[0]).toContain(`"https://${'a'.repeat(192)}"`);
    expect(() => createRefusalWarner(() => { throw new Error('log down'); })(checkRequest(write('https://x.example'))!, 'POST')).not.toThrow();
  });

  it('goes to console.warn by default, and nowhere with warn: false; never with the token or the body', async () => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const options = { apiUrl: 'http://upstream.invalid', token: 'tok-secret-123', basePath: '/api/quovo', authorize: () => true };
    const proxy = createMfaProxy(options);
    const request = () => write('http://localhost:5173', undefined, { authorization: 'Bearer tok-secret-123', cookie: 'session=s3cret' });
    expect((await proxy(request())).status).toBe(403);
    expect((await proxy(request())).status).toBe(403);
    expect(consoleWarn).toHaveBeenCalledTimes(1);
    const line = String(consoleWarn.mock.calls[0]![0]);
    expect(line).toContain('allowedOrigins');
    for (const secret of ['tok-secret-123', 's3cret', '{}']) expect(line).not.toContain(secret);
    consoleWarn.mockClear();
    expect((await createMfaProxy({ ...options, warn: false })(request())).status).toBe(403);
    expect(consoleWarn).not.toHaveBeenCalled();
  });
});
