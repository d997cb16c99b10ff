/**
 * `pnpm demo`: one command, one port. The backend answers `/api/`, Vite (in middleware mode,
 * with HMR on the same server) serves the app, and without QUOVO_API_URL/QUOVO_TOKEN an
 * embedded sandbox is started on loopback with a random token.
 */
import { readDemoConfig } from './config';
import { demoServerOptions, startDemoServer } from './server';
import { createViteFrontend } from './viteFrontend';

async function main(): Promise<void> {
  const config = readDemoConfig(process.env);
  const demo = await startDemoServer({ ...demoServerOptions(config), frontend: createViteFrontend() });

  const url = demo.url.replace('//127.0.0.1:', '//localhost:');
  console.log(demo.embedded ? 'Upstream: embedded sandbox (random token, loopback only)' : 'Upstream: QUOVO_API_URL');
  if (demo.coordinationId) console.log(`Sessions and push coordination: REDIS_URL (this process: ${demo.coordinationId})`);
  console.log(`Demo ready: ${url}`);

  const stop = () => {
    void demo.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') {
    console.error('The demo port is in use. Set DEMO_PORT to another port (e.g. DEMO_PORT=5180 pnpm demo).');
  } else {
    console.error(error instanceof Error ? error.message : 'The demo failed to start.');
  }
  process.exit(1);
});
