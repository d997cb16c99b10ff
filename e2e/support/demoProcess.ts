/**
 * One demo backend as an OS process of its own, for e2e/processes.e2e.ts to kill for real:
 * `pnpm demo`'s server configured from the environment the same way (`readDemoConfig`,
 * `demoServerOptions`), without the Vite frontend (the balancer takes the app's files from the
 * run's demo). Prints `ready <url> <coordination id>` once it listens. Runs on the packages'
 * built `dist`, as `pnpm demo` does.
 */
import { readDemoConfig } from '../../apps/demo/server/config';
import { demoServerOptions, startDemoServer } from '../../apps/demo/server/server';

const demo = await startDemoServer({ ...demoServerOptions(readDemoConfig(process.env)), log: () => {} });
process.stdout.write(`ready ${demo.url} ${demo.coordinationId ?? '-'}\n`);
const stop = () => void demo.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
