/**
 * `pnpm --filter @mfa-kit/plain-page start`: the plain page on the demo's backend (an embedded
 * sandbox, /api/quovo with push, /api/demo for the connection), with the element's built file
 * as `/mfa-flow.js`. Build it first: `pnpm --filter @mfa-kit/element build`.
 */
import { startDemoServer } from '../../demo/server/server';
import { plainPageFrontend } from './frontend';

const demo = await startDemoServer({ port: Number(process.env.PORT ?? 5174), frontend: plainPageFrontend() });
console.log(`Plain page ready: ${demo.url.replace('//127.0.0.1:', '//localhost:')}`);
const stop = () => void demo.close().finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
