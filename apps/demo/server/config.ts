import type { Upstream } from './upstream';

/** The demo's settings, read from the environment. */
export interface DemoConfig {
  port: number;
  host: string;
  /** `null`: start the embedded sandbox. */
  upstream: Upstream | null;
  sandboxPort: number;
  /** `DEMO_SECURE_COOKIES`: set the session cookie's `Secure` flag (serve over https). */
  secureCookies: boolean;
  /** `DEMO_ALLOWED_HOSTS`: more `Host` values the API answers, comma-separated. */
  allowedHosts: string[];
  /** `REDIS_URL`: sessions, connection ownership and push coordination in Redis; `null`: all in this process. */
  redisUrl: string | null;
}

/**
 * Reads `DEMO_PORT` (default 5173), `DEMO_HOST` (default 127.0.0.1), `SANDBOX_PORT` (default
 * 0: any free port), and `QUOVO_API_URL` with `QUOVO_TOKEN` (both, or neither for the embedded
 * sandbox), `DEMO_SECURE_COOKIES` (`1`/`true`: the cookie is `Secure`) and `DEMO_ALLOWED_HOSTS`
 * (comma-separated `host:port` values besides loopback) and `REDIS_URL` (sessions and push coordination in Redis). Throws a message that says what to fix; the message never repeats the token.
 */
export function readDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const apiUrl = env.QUOVO_API_URL?.trim() || null;
  const token = env.QUOVO_TOKEN?.trim() || null;
  if ((apiUrl === null) !== (token === null)) {
    throw new Error('Set both QUOVO_API_URL and QUOVO_TOKEN, or neither to run against the embedded sandbox.');
  }
  if (apiUrl !== null) {
    let parsed: URL;
    try {
      parsed = new URL(apiUrl);
    } catch {
      throw new Error('QUOVO_API_URL is not a URL (expected e.g. https://api.quovo.com/v3).');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error('QUOVO_API_URL must be an http(s) URL.');
    }
  }
  return {
    port: readPort(env.DEMO_PORT, 'DEMO_PORT', 5173),
    host: env.DEMO_HOST?.trim() || '127.0.0.1',
    upstream: apiUrl !== null && token !== null ? { url: apiUrl, token } : null,
    sandboxPort: readPort(env.SANDBOX_PORT, 'SANDBOX_PORT', 0),
    secureCookies: readFlag(env.DEMO_SECURE_COOKIES, 'DEMO_SECURE_COOKIES'),
    redisUrl: readRedisUrl(env.REDIS_URL),
    allowedHosts: (env.DEMO_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  };
}

function readRedisUrl(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new Error('REDIS_URL is not a URL (expected e.g. redis://localhost:6379).');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('REDIS_URL must be a redis:// or rediss:// URL.');
  return text;
}

function readPort(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name} must be a port number (0–65535).`);
  return port;
}

function readFlag(value: string | undefined, name: string): boolean {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  throw new Error(`${name} must be 1, true, 0 or false.`);
}
