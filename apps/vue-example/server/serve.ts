/**
 * `pnpm --filter @mfa-kit/vue-example start`: builds the app, then serves it on the demo's
 * backend (an embedded sandbox, /api/quovo with push, /api/demo for the connection). The
 * element must be built first: `pnpm --filter @mfa-kit/element build`.
 */
import { startDemoServer } from '../../demo/server/server';
import { vueExampleFrontend } from './frontend';

const demo = await startDemoServer({ port: Number(process.env.PORT ?? 5175), frontend: vueExampleFrontend() });
console.log(`Vue example ready: ${demo.url.replace('//127.0.0.1:', '//localhost:')}`);
const stop = () => void demo.close().finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
