/**
 * Every README snippet marked `<!-- snippet: name -->` (scripts/readme-snippets.mjs) is compiled
 * and rendered here against the sandbox, so a README cannot drift from the API. The same
 * snippets are built and run in a real app from the packed packages by `pnpm test:consumer`.
 * A new snippet needs a line in `screens` below: what its components show first. A snippet
 * marked `in <file>` (a Next.js page, say) must equal that file, which its own app's build and
 * end-to-end test run.
 */
import { createEngine } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentType } from 'react';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportedFunctions, readPackageSnippets, standalone, withSupport } from '../../../scripts/readme-snippets.mjs';

// Vitest runs from the repository root (jsdom gives import.meta.url an http: scheme here).
const root = process.cwd();
const generated = join(root, 'packages/components/test/.generated');
const all = readPackageSnippets(root);
const snippets = standalone(all);
const bound = [...all.values()].filter((snippet) => snippet.in !== null);

/** A realtime PIN connection, already started: every snippet's first screen is its stage one. */
const STAGE_ONE = { role: 'radiogroup', name: 'Where should we send your pin?' } as const;
const screens: Record<string, typeof STAGE_ONE> = {
  'drop-in': STAGE_ONE,
  'custom-ui': STAGE_ONE,
  'react-query': STAGE_ONE,
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function startSandbox(): number {
  const engine = createEngine({ timing: { queuedMs: 0, authenticatingMs: 0, verifyingMs: 0, fetchingMs: 0 } });
  server.use(...createSandboxHandlers({ engine, baseUrl: new URL('/api/quovo', location.href).href }));
  return engine.createConnection('realtime_pin', { start: true }).id;
}

function writeSnippet(name: string, code: string): string {
  mkdirSync(generated, { recursive: true });
  const file = join(generated, `${name}.tsx`);
  writeFileSync(file, withSupport(code, '../snippetSupport'));
  return file;
}

/** Type errors in the snippets as a partner's strict project sees them (`exactOptionalPropertyTypes` on). */
function typeErrors(files: string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram(files, { ...config.options, noEmit: true, strict: true, exactOptionalPropertyTypes: true });
  return files.flatMap((file) => {
    const source = program.getSourceFile(file);
    if (!source) return [`${file}: not compiled`];
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
      const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1 };
      return `${file.replace(root, '')}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  });
}

describe('README snippets', () => {
  it('finds the marked snippets', () => {
    expect(snippets.map((snippet) => snippet.name).sort()).toEqual(Object.keys(screens).sort());
  });

  it.each(bound.map((snippet) => [snippet.name, snippet] as const))('%s is its example file verbatim (built and run by pnpm test:next)', (_name, snippet) => {
    expect(snippet.code, `${snippet.file}:${snippet.line} differs from ${snippet.in}`).toBe(readFileSync(join(root, snippet.in ?? ''), 'utf8'));
  });

  it('typecheck (strict, exactOptionalPropertyTypes)', () => {
    expect(typeErrors(snippets.map((snippet) => writeSnippet(snippet.name, snippet.code)))).toEqual([]);
  }, 60_000);

  it.each(snippets.map((snippet) => [snippet.name, snippet] as const))('%s compiles and renders against the sandbox', async (name, snippet) => {
    expect(snippet.lang).toBe('tsx');
    const file = writeSnippet(name, snippet.code);
    const module = (await import(/* @vite-ignore */ file)) as Record<string, ComponentType<{ connectionId: number }>>;
    const components = exportedFunctions(snippet.code);
    expect(components.length, `${snippet.file}:${snippet.line} exports no component`).toBeGreaterThan(0);
    for (const exported of components) {
      const Component = module[exported];
      if (!Component) throw new Error(`${exported} is not exported by snippet ${name}`);
      const { unmount } = render(<Component connectionId={startSandbox()} />);
      const expected = screens[name];
      if (!expected) throw new Error(`No expected screen for snippet "${name}": add it to \`screens\`.`);
      expect(await screen.findByRole(expected.role, { name: expected.name }, { timeout: 5000 })).toBeVisible();
      unmount();
    }
  });
});
