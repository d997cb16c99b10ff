#!/usr/bin/env node
/**
 * `pnpm sandbox [--port 4010] [--host 127.0.0.1] [--token sandbox-token] [--manual-clock]`
 * (also SANDBOX_PORT, SANDBOX_TOKEN). Serves the sandbox until interrupted.
 */
import { parseArgs } from 'node:util';
import { createManualClock } from './clock';
import { createEngine } from './engine';
import { DEFAULT_PORT, DEFAULT_TOKEN, startSandboxServer } from './node';
import { SCENARIO_NAMES } from './scenarios';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    'manual-clock': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log('Usage: mfa-sandbox [--port 4010] [--host 127.0.0.1] [--token sandbox-token] [--manual-clock]');
  console.log('Env: SANDBOX_PORT, SANDBOX_TOKEN. See the README.md of @mfa-kit/sandbox.');
  process.exit(0);
}

const port = Number(values.port ?? process.env.SANDBOX_PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`mfa-sandbox: invalid port "${values.port ?? process.env.SANDBOX_PORT}"`);
  process.exit(2);
}
const token = values.token ?? process.env.SANDBOX_TOKEN ?? DEFAULT_TOKEN;
const manual = values['manual-clock'];
const engine = createEngine(manual ? { clock: createManualClock() } : {});

const server = await startSandboxServer({ port, host: values.host ?? '127.0.0.1', token, engine, log: (line) => console.log(line) });
console.log(`Quovo v3 sandbox listening on ${server.url} (also ${server.url}/v3)`);
console.log(
  token === DEFAULT_TOKEN
    ? `Auth: Authorization: Bearer ${DEFAULT_TOKEN} (the default sandbox token)`
    : 'Auth: Authorization: Bearer <the token you set with --token / SANDBOX_TOKEN>',
);
console.log(`Clock: ${manual ? 'manual (POST /__sandbox/clock {"advance_ms": 60000})' : 'real time'}`);
console.log(`Scenarios: ${SCENARIO_NAMES.join(', ')}. Create one: POST ${server.url}/__sandbox/connections {"scenario":"realtime_pin"}`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
