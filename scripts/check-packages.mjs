// Package checks for every library package: publint (package.json and exports map) and
// @arethetypeswrong/cli (types resolve for ESM consumers). Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const packages = readdirSync('packages', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `packages/${entry.name}`);

let failed = 0;
for (const dir of packages) {
  for (const [label, command] of [
    ['publint', ['exec', 'publint', '--strict']],
    // The kit ships ESM only (decision in docs/decisions.md): CommonJS resolution is not a target.
    // Stylesheets are entry points too, but not for types: attw checks the JavaScript ones.
    ['attw', ['exec', 'attw', '--pack', '.', '--profile', 'esm-only', '--format', 'ascii', '--exclude-entrypoints', './styles.css']],
  ]) {
    const run = spawnSync('pnpm', command, { cwd: dir, encoding: 'utf8' });
    const ok = run.status === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${label} ${dir}`);
    if (!ok) {
      failed += 1;
      console.log(run.stdout, run.stderr);
    }
  }
}
console.log(`${packages.length * 2 - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
