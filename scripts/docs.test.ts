// Docs that cannot drift (issue 21), checked in the unit run without a build:
// - every value a package exports is named in an API table of its README;
// - a README shipped in a tarball links only to files in that tarball, and never to an
//   invented home;
// - every size a README quotes (`N kB`) says what it is: `<!-- size: <size-limit entry> -->`
//   (compared with the measurement after the build by scripts/check-docs-figures.mjs, within
//   10 %), `<!-- budget: <entry> -->` (equal to its limit in .size-limit.cjs, checked here), or
//   `<!-- figure: <why it is not measured here> -->`;
// - the README's per-suite times match docs/suite-times.json, the last `pnpm test:timed --record`,
//   within 10 %, and name every suite `pnpm test` runs.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readmeFiles, sizeFigures, withinTenPercent } from './check-docs-figures.mjs';
import { suitesOfTest } from './time-suites.mjs';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const packages = readdirSync(join(root, 'packages')).filter((name) => !name.startsWith('.'));

interface PackageJson {
  files?: string[];
  exports: Record<string, string | { types: string }>;
  repository?: unknown;
  homepage?: unknown;
  bugs?: unknown;
}
const packageJson = (name: string) => JSON.parse(read(`packages/${name}/package.json`)) as PackageJson;

/** Every package's entry points (from its exports map), as source files. */
const entries = packages.flatMap((name) =>
  Object.entries(packageJson(name).exports)
    .filter((entry): entry is [string, { types: string }] => typeof entry[1] === 'object')
    .map(([entry, target]) => ({ name, entry, file: join(root, 'packages', name, target.types.replace('./dist/', 'src/').replace(/\.d\.ts$/, '.ts')) })),
);
let checker: ts.TypeChecker | undefined;
let program: ts.Program | undefined;

/** The value exports (functions, classes, constants) of a package's entry points, from its sources. */
function valueExports(name: string): { entry: string; names: string[] }[] {
  // One program for every package: their sources import each other.
  program ??= ts.createProgram(
    entries.map((e) => e.file),
    {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.ReactJSX,
      noEmit: true,
      paths: { '@mfa-kit/*': [join(root, 'packages/*/src/index.ts')] },
    },
  );
  checker ??= program.getTypeChecker();
  const types = checker;
  return entries
    .filter((e) => e.name === name)
    .map(({ entry, file }) => {
      const module = types.getSymbolAtLocation(program!.getSourceFile(file)!)!;
      const names = types
        .getExportsOfModule(module)
        .filter((symbol) => {
          const declaration = symbol.declarations?.[0];
          const typeOnly = declaration && ts.isExportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly);
          const target = symbol.flags & ts.SymbolFlags.Alias ? types.getAliasedSymbol(symbol) : symbol;
          return !typeOnly && (target.flags & ts.SymbolFlags.Value) !== 0;
        })
        .map((symbol) => symbol.name);
      return { entry, names };
    });
}

describe('package READMEs name every export', () => {
  it.each(packages)('%s: each value export is in an API table of its README', (name) => {
    const tableRows = read(`packages/${name}/README.md`)
      .split('\n')
      .filter((line) => line.startsWith('|'));
    const exported = valueExports(name);
    expect(exported.flatMap((e) => e.names).length, 'no exports found: the check reads nothing').toBeGreaterThan(0);
    const missing = exported.flatMap(({ entry, names }) => names.filter((n) => !tableRows.some((row) => row.includes(`\`${n}`))).map((n) => `${entry}: ${n}`));
    expect(missing, `exports missing from packages/${name}/README.md's tables`).toEqual([]);
    // The first case builds the TypeScript program for every package: seconds on a busy machine.
  }, 60_000);
});

describe('shipped docs point at shipped files', () => {
  it.each(packages)('%s: no invented home, and links only to files in the tarball', (name) => {
    const pkg = packageJson(name);
    expect({ repository: pkg.repository, homepage: pkg.homepage, bugs: pkg.bugs }).toEqual({ repository: undefined, homepage: undefined, bugs: undefined });
    const readme = read(`packages/${name}/README.md`);
    expect(readme).not.toMatch(/github\.com\/mfa-kit/);
    expect(readme).not.toMatch(/in the repository\b/);
    // npm packs these besides `files`.
    const shipped = [...(pkg.files ?? []), 'README.md', 'LICENSE', 'package.json'];
    const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !target.startsWith('#') && !/^https?:/.test(target));
    expect(relative.filter((target) => !shipped.some((file) => target.replace(/^\.\//, '') === file || target.replace(/^\.\//, '').startsWith(`${file}/`)))).toEqual([]);
  });
});

describe('README imports need only what the README installs', () => {
  it.each(packages)('%s: every @mfa-kit import in its code is the package itself or one its install lines name', (name) => {
    const readme = read(`packages/${name}/README.md`);
    const installed = new Set([`@mfa-kit/${name}`, ...[...readme.matchAll(/(?:pnpm add|npm install)((?:\s+-D)?(?:\s+@mfa-kit\/[a-z-]+)+)/g)].flatMap((m) => m[1]!.match(/@mfa-kit\/[a-z-]+/g) ?? [])]);
    const imported = [...readme.matchAll(/(?:from|import)\s+'(@mfa-kit\/[a-z-]+)/g)].map((m) => m[1]!);
    expect(imported.filter((pkg) => !installed.has(pkg))).toEqual([]);
  });
});

describe('quoted sizes say what they are', () => {
  const require = createRequire(import.meta.url);
  const entries = require(join(root, '.size-limit.cjs')) as { name: string; limit?: string }[];
  const figures = readmeFiles().flatMap(sizeFigures);

  it('finds the figures', () => {
    expect(figures.length).toBeGreaterThan(5);
  });

  it('tags every kB figure in the READMEs as a measured size, a budget, or another figure', () => {
    expect(figures.filter((f) => !f.kind).map((f) => `${f.where}: ${f.value} kB has no <!-- size|budget|figure: … --> tag`)).toEqual([]);
  });

  it('names existing size-limit entries, and quotes budgets as .size-limit.cjs sets them', () => {
    const problems: string[] = [];
    for (const { where, value, kind, name } of figures) {
      if (!kind || kind === 'figure') continue;
      const entry = entries.find((e) => e.name === name);
      if (!entry) problems.push(`${where}: no size-limit entry named "${name}"`);
      else if (kind === 'budget' && entry.limit !== `${value} kB`) problems.push(`${where}: budget ${value} kB, but .size-limit.cjs says ${entry.limit ?? 'none'}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the README’s suite times', () => {
  const recorded = JSON.parse(read('docs/suite-times.json')) as { suites: Record<string, number>; total: number };
  const readme = read('README.md');
  const quoted = [...readme.matchAll(/(\d+(?:\.\d+)?) (s|min)\s*<!--\s*time:\s*([\w:-]+)\s*-->/g)].map((m) => ({
    suite: m[3]!,
    seconds: Number(m[1]) * (m[2] === 'min' ? 60 : 1),
    text: m[0],
  }));

  it('has a time for every suite pnpm test runs, and the total', () => {
    const suites = suitesOfTest((JSON.parse(read('package.json')) as { scripts: { test: string } }).scripts.test);
    expect(Object.keys(recorded.suites), 'docs/suite-times.json is not a run of the current test script: pnpm test:timed --record').toEqual(suites);
    expect([...new Set(quoted.map((q) => q.suite))].sort()).toEqual([...suites, 'total'].sort());
  });

  it.each([10, 100, 1000])('flags a figure more than a tenth off (%i s measured)', (measured) => {
    expect(withinTenPercent(measured * 1.11, measured)).toBe(false);
    expect(withinTenPercent(measured * 0.89, measured)).toBe(false);
    expect(withinTenPercent(measured * 1.09, measured)).toBe(true);
  });

  it('quotes each within 10 % of the last recorded run', () => {
    const off = quoted.filter((q) => {
      const measured = q.suite === 'total' ? recorded.total : recorded.suites[q.suite];
      return measured === undefined || !withinTenPercent(q.seconds, measured);
    });
    expect(off.map((q) => `${q.text}: recorded ${q.suite === 'total' ? recorded.total : recorded.suites[q.suite]} s`)).toEqual([]);
  });
});
