// Package checks for every library package: metadata (below), publint (package.json and
// exports map) and @arethetypeswrong/cli (types resolve for ESM consumers). Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const packages = readdirSync('packages', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `packages/${entry.name}`);

// What a registry user needs beyond a valid exports map: a licence in the tarball, the Node
// range, no invented home (the project has no public repository yet, so no `repository`,
// `homepage` or `bugs` until it has one: docs/decisions.md, issue 21), and 'use client' on the
// client entry points (React Server Components treat an unmarked module as server code).
const CLIENT_ENTRIES = { 'packages/hooks': ['dist/index.js'], 'packages/components': ['dist/index.js'] };
function metadataProblems(dir) {
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const problems = [];
  if (!existsSync(`${dir}/LICENSE`) || !pkg.files?.includes('LICENSE')) problems.push('LICENSE missing from the package or from `files`');
  for (const field of ['repository', 'homepage', 'bugs']) if (pkg[field] !== undefined) problems.push(`\`${field}\` names a home the project does not have yet`);
  if (!pkg.keywords) problems.push('`keywords` missing');
  if (!pkg.engines?.node) problems.push('`engines.node` missing');
  for (const file of CLIENT_ENTRIES[dir] ?? []) {
    if (!/^['"]use client['"]/.test(readFileSync(`${dir}/${file}`, 'utf8'))) problems.push(`${file} does not start with 'use client'`);
  }
  if (readdirSync(`${dir}/dist`).some((name) => name.endsWith('.map'))) problems.push('dist has source maps, but the sources are not shipped');
  return problems;
}

let failed = 0;
for (const dir of packages) {
  const problems = metadataProblems(dir);
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} metadata ${dir}`);
  if (problems.length > 0) {
    failed += 1;
    console.log(problems.map((problem) => `  ${problem}`).join('\n'));
  }
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
// The shipped stylesheet, freshly built: every selector stays inside the kit (the same test the
// unit run applies to the source).
{
  const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter', 'verbose', '--project', 'node', 'packages/components/test/styles.test.ts'], { encoding: 'utf8' });
  const ok = run.status === 0 && run.stdout.includes('dist/styles.css');
  console.log(`${ok ? 'ok  ' : 'FAIL'} stylesheet scope packages/components/dist/styles.css`);
  if (!ok) {
    failed += 1;
    console.log(run.stdout, run.stderr);
  }
}
console.log(`${packages.length * 3 + 1 - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
