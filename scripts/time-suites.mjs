// `pnpm test:timed`: runs the suites of `pnpm test` one after another, as the `test` script
// chains them, and times each. With `--record` it writes the figures to docs/suite-times.json,
// which the README's per-suite table must match within 10 % (scripts/docs.test.ts checks it in
// the unit run, so the table cannot drift from the last measurement).
//
// SUITE_PREFIX runs each suite under a wrapper, e.g. SUITE_PREFIX=/work/heavy on a shared machine.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** The suites `pnpm test` runs, in order: `pnpm <script>` steps of its `&&` chain. */
export function suitesOfTest(testScript) {
  return testScript.split('&&').map((part) => {
    const match = /^\s*pnpm\s+([\w:-]+)\s*$/.exec(part);
    if (!match) throw new Error(`The test script has a step that is not "pnpm <script>": "${part.trim()}"`);
    return match[1];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const prefix = process.env.SUITE_PREFIX ? [process.env.SUITE_PREFIX] : [];
  const results = [];
  // Every suite runs, also after a failure, so that one run times them all.
  const failed = [];
  const started = Date.now();
  for (const suite of suitesOfTest(pkg.scripts.test)) {
    const at = Date.now();
    const [command, ...args] = [...prefix, 'pnpm', suite];
    const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    const seconds = Math.round((Date.now() - at) / 100) / 10;
    results.push({ suite, seconds });
    console.log(`\n${run.status === 0 ? 'ok  ' : 'FAIL'} ${suite}: ${seconds} s\n`);
    if (run.status !== 0) failed.push(suite);
  }
  const total = Math.round((Date.now() - started) / 100) / 10;
  console.log('Suite times:');
  for (const { suite, seconds } of results) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${suite}`);
  console.log(`  ${total.toFixed(1).padStart(6)} s  total`);
  if (failed.length > 0) console.log(`FAILED: ${failed.join(', ')}`);
  if (process.argv.includes('--record')) {
    const record = { failed, measured: new Date().toISOString().slice(0, 10), cores: cpus().length, node: process.version, suites: Object.fromEntries(results.map((r) => [r.suite, r.seconds])), total };
    writeFileSync(`${root}docs/suite-times.json`, `${JSON.stringify(record, null, 2)}\n`);
    console.log('recorded in docs/suite-times.json: update the README table to match (scripts/docs.test.ts checks it)');
  }
  process.exit(failed.length === 0 ? 0 : 1);
}
