// `pnpm check:docs` (in `pnpm test`, after `pnpm build` and `pnpm size`): every size the READMEs
// quote as measured (`2.5 kB<!-- size: @mfa-kit/components CSS -->`) is compared with size-limit's
// measurement of that entry now, and fails when it is more than 10 % off. The unit run checks
// the rest without a build (scripts/docs.test.ts): every figure tagged, budgets as set, suite times.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Whether a quoted figure is within 10 % of the measured one. */
export function withinTenPercent(quoted, measured) {
  return Math.abs(quoted - measured) <= 0.1 * measured;
}

/** The READMEs whose figures are checked: the root's and every package's. */
export function readmeFiles() {
  return ['README.md', ...readdirSync(join(root, 'packages')).map((name) => `packages/${name}/README.md`)];
}

/** `N kB` figures of one Markdown file, each with its tag (`size`, `budget`, `figure`) when it has one. */
export function sizeFigures(file) {
  return readFileSync(join(root, file), 'utf8')
    .split('\n')
    .flatMap((line, index) =>
      [...line.matchAll(/(\d+(?:\.\d+)?) kB(?!\w)/g)].map((m) => {
        const tag = /^\s*<!--\s*(size|budget|figure):\s*([^>]*?)\s*-->/.exec(line.slice(m.index + m[0].length));
        return { where: `${file}:${index + 1}`, value: Number(m[1]), kind: tag?.[1] ?? null, name: tag?.[2] ?? null };
      }),
    );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // size-limit's kB is 1000 bytes, as its own report prints them.
  const measured = new Map(
    JSON.parse(execFileSync('npx', ['--no-install', 'size-limit', '--json', '--config', '.size-limit.cjs'], { cwd: root, encoding: 'utf8' })).map((e) => [e.name, e.size / 1000]),
  );
  const problems = [];
  let checked = 0;
  for (const figure of readmeFiles().flatMap(sizeFigures)) {
    if (figure.kind !== 'size') continue;
    checked += 1;
    const now = measured.get(figure.name);
    if (now === undefined) problems.push(`${figure.where}: no size-limit entry named "${figure.name}"`);
    else if (!withinTenPercent(figure.value, now)) problems.push(`${figure.where}: quotes ${figure.value} kB for "${figure.name}", measured ${now.toFixed(2)} kB (more than 10 % off)`);
  }
  for (const problem of problems) console.log(`FAIL ${problem}`);
  console.log(`${checked - problems.length} of ${checked} quoted sizes within 10 % of size-limit's measurement`);
  process.exit(problems.length === 0 && checked > 0 ? 0 : 1);
}
