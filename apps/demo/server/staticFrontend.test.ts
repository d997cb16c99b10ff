import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFrontend } from './staticFrontend';

const root = mkdtempSync(join(tmpdir(), 'static-frontend-'));
const dist = join(root, 'dist');
let server: Server;
let url: string;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'outside the served directory');
  writeFileSync(join(root, 'page.html'), '<!doctype html><title>page</title>');
  const frontend = await createStaticFrontend({ files: { '/page': join(root, 'page.html'), '/missing.js': join(root, 'nope.js') }, dir: dist })(null);
  server = createServer((req, res) => frontend.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('createStaticFrontend', () => {
  it('serves the named files and the directory, index.html for /, with their types and no caching', async () => {
    const page = await fetch(`${url}/page`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<title>page</title>');
    const index = await fetch(`${url}/`);
    expect(await index.text()).toContain('<title>app</title>');
    const script = await fetch(`${url}/assets/app.js?v=1`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for what is missing or outside the directory, and 405 for writes', async () => {
    expect((await fetch(`${url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${url}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${url}/assets/..%2f..%2fsecret.txt`)).status).toBe(404);
    const post = await fetch(`${url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
