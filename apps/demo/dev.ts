/**
 * `pnpm demo`'s entry: the demo server (server/main.ts), plus a quiet Ctrl-C. Run as
 * `exec node --import tsx dev.ts`: no `tsx` CLI wrapper and no `sh` in between, since each of
 * them dies of the terminal's SIGINT itself and pnpm then reports
 * `ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL` / `ELIFECYCLE` although the server exited 0.
 * Ctrl-C prints one line and exits 0 once the server has closed (server/main.ts closes it),
 * or after a short grace period if closing hangs.
 */
const GRACE_MS = 3000;

let stopping = false;
function goodbye(): void {
  // Ctrl-C reaches this process twice (the terminal's SIGINT, and pnpm forwarding its own):
  // a listener that stays (not `once`) keeps the second from killing the process mid-close.
  if (stopping) return;
  stopping = true;
  console.log('\nDemo stopped. Bye.');
  // A listener replaces Node's default exit on SIGINT: make sure the process still ends.
  setTimeout(() => process.exit(0), GRACE_MS).unref();
}
process.on('SIGINT', goodbye);
process.on('SIGTERM', goodbye);

await import('./server/main.ts');

export {};
