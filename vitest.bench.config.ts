import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { workspaceAliases } from './aliases.ts';

/** Runs the benchmarks in the order of their numbered file names, so `pnpm bench` prints tables 1 to 4 in order. */
class ByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * `pnpm bench`: scripts that print figures (see BENCHMARKS.md). Vitest is only the runner here,
 * for its fake timers and jsdom; each file has one `it('prints …')` that asserts nothing. Not
 * part of `pnpm test` (the root config's includes do not reach `bench/`).
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  test: {
    include: ['bench/**/*.bench-run.ts?(x)'],
    environment: 'node',
    // One file at a time, each in a fresh process: timings and heap figures are not shared.
    fileParallelism: false,
    pool: 'forks',
    isolate: true,
    execArgv: ['--expose-gc'],
    sequence: { sequencer: ByFileName },
    // The tables go straight to stdout, not through Vitest's per-test console buffering.
    disableConsoleIntercept: true,
    reporters: ['dot'],
    testTimeout: 120_000,
  },
});
