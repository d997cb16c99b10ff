// The README snippets that tests run: a fenced code block preceded by a marker line
//
//   <!-- snippet: drop-in -->
//   ```tsx
//   ...
//   ```
//
// is extracted by name, so the code a partner copies from a README is the code the tests
// compile, render (packages/components/test/readmeSnippets.test.tsx) and run in a real app
// built from the packed packages (scripts/consumer-test.mjs).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// `<!-- snippet: name -->`, or `<!-- snippet: name in path/to/file.tsx -->` for a snippet that
// is that repository file verbatim (e.g. a Next.js page in apps/next-example, which `next build`
// and its end-to-end test run): the unit test checks they are equal.
const MARKER = /^<!--\s*snippet:\s*([a-z0-9-]+)(?:\s+in\s+(\S+))?\s*-->\s*$/;

/** Every marked snippet in one Markdown file. */
export function readSnippets(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const snippets = [];
  for (let i = 0; i < lines.length; i += 1) {
    const marker = MARKER.exec(lines[i].trim());
    if (!marker) continue;
    const fence = /^(`{3,})([a-z]*)\s*$/.exec(lines[i + 1] ?? '');
    if (!fence) throw new Error(`${file}:${i + 1}: the snippet marker "${marker[1]}" must be followed by a fenced code block.`);
    const end = lines.findIndex((line, index) => index > i + 1 && line.startsWith(fence[1]) && line.trim() === fence[1]);
    if (end === -1) throw new Error(`${file}:${i + 2}: the fenced block of snippet "${marker[1]}" is not closed.`);
    snippets.push({ name: marker[1], lang: fence[2], code: `${lines.slice(i + 2, end).join('\n')}\n`, file, line: i + 1, in: marker[2] ?? null });
    i = end;
  }
  return snippets;
}

/**
 * Every marked snippet in the packages' READMEs (`root` is the repository), by name. Snippets
 * bound to a file (`in`) are included; `standalone()` leaves them out.
 */
export function readPackageSnippets(root) {
  const byName = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const readme = join(root, 'packages', dir, 'README.md');
    if (!existsSync(readme)) continue;
    for (const snippet of readSnippets(readme)) {
      if (byName.has(snippet.name)) throw new Error(`Two README snippets are named "${snippet.name}" (${byName.get(snippet.name).file}, ${snippet.file}).`);
      byName.set(snippet.name, snippet);
    }
  }
  return byName;
}

/**
 * Names a README leaves to the reader ("CredentialsForm is any form that calls onSubmit"): when
 * a snippet uses one without declaring it, the harness supplies it from its support module.
 */
export const READER_PROVIDED = ['CredentialsForm'];

/** The snippet's code, plus an import of the reader-provided names it uses but does not declare. */
export function withSupport(code, supportModule) {
  const missing = READER_PROVIDED.filter(
    (name) => new RegExp(`\\b${name}\\b`).test(code) && !new RegExp(`(function|const|class|import[^;]*)\\s*\\b${name}\\b`).test(code),
  );
  if (missing.length === 0) return code;
  return `${code}\n// Added by the test harness: names the README leaves to the reader.\nimport { ${missing.join(', ')} } from '${supportModule}';\n`;
}

/** The names a snippet exports as functions (its components). */
export function exportedFunctions(code) {
  return [...code.matchAll(/export\s+function\s+([A-Z][A-Za-z0-9]*)/g)].map((match) => match[1]);
}

/**
 * The snippets that are whole React components on their own (`tsx`, not bound to a repository
 * file). The server README's recipes (`ts`/`js`) are run by name in scripts/consumer-test.mjs;
 * core's plain-DOM `ts` example is run by its own test.
 */
export function standalone(snippets) {
  return [...snippets.values()].filter((snippet) => snippet.in === null && snippet.lang === 'tsx');
}
