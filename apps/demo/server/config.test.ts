import { describe, expect, it } from 'vitest';
import { readDemoConfig } from './config';

describe('readDemoConfig', () => {
  it('runs against the embedded sandbox on 127.0.0.1:5173 when nothing is set', () => {
    expect(readDemoConfig({})).toEqual({ port: 5173, host: '127.0.0.1', upstream: null, sandboxPort: 0, secureCookies: false, allowedHosts: [], redisUrl: null });
  });

  it('reads the ports and the upstream from the environment', () => {
    const config = readDemoConfig({ DEMO_PORT: '8080', SANDBOX_PORT: '4011', QUOVO_API_URL: 'https://api.example.test/v3', QUOVO_TOKEN: 'secret' });
    expect(config).toEqual({ port: 8080, host: '127.0.0.1', upstream: { url: 'https://api.example.test/v3', token: 'secret' }, sandboxPort: 4011, secureCookies: false, allowedHosts: [], redisUrl: null });
  });

  it('reads REDIS_URL, and refuses one that is not a redis:// URL', () => {
    expect(readDemoConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(readDemoConfig({ REDIS_URL: '  ' }).redisUrl).toBeNull();
    expect(() => readDemoConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(() => readDemoConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });

  it('sets the Secure cookie flag and extra allowed hosts from the environment', () => {
    const config = readDemoConfig({ DEMO_SECURE_COOKIES: '1', DEMO_ALLOWED_HOSTS: 'Demo.example:443, other.test:8080' });
    expect(config.secureCookies).toBe(true);
    expect(config.allowedHosts).toEqual(['demo.example:443', 'other.test:8080']);
    expect(readDemoConfig({ DEMO_SECURE_COOKIES: 'false' }).secureCookies).toBe(false);
    expect(() => readDemoConfig({ DEMO_SECURE_COOKIES: 'yes please' })).toThrow(/DEMO_SECURE_COOKIES/);
  });

  it('refuses half an upstream, without repeating the token', () => {
    expect(() => readDemoConfig({ QUOVO_API_URL: 'https://api.example.test/v3' })).toThrow(/both QUOVO_API_URL and QUOVO_TOKEN/);
    let message = '';
    try {
      readDemoConfig({ QUOVO_TOKEN: 'super-secret-token' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/both/);
    expect(message).not.toContain('super-secret-token');
  });

  it('refuses a port that is not one, and an upstream that is not http(s)', () => {
    expect(() => readDemoConfig({ DEMO_PORT: 'eighty' })).toThrow(/DEMO_PORT/);
    expect(() => readDemoConfig({ DEMO_PORT: '70000' })).toThrow(/DEMO_PORT/);
    expect(() => readDemoConfig({ QUOVO_API_URL: 'file:///etc/passwd', QUOVO_TOKEN: 't' })).toThrow(/http/);
  });
});
