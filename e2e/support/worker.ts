/**
 * Setup file of every e2e file: points `inject('e2e')` at this worker's own demo, sandbox and
 * clock (the global setup starts one per worker), so files that run at the same time never see
 * each other's connections or clock moves, and test files keep calling `inject('e2e')` as before.
 */
import { inject } from 'vitest';
import './context';

const servers = inject('e2eWorkers');
const own = servers[Number(process.env.VITEST_POOL_ID ?? 1) - 1];
if (!own) throw new Error(`No demo for e2e worker ${process.env.VITEST_POOL_ID}: ${servers.length} started (E2E_WORKERS).`);
// `inject` hands out the same object for the whole file: this worker's demo from here on.
Object.assign(inject('e2e'), own);
