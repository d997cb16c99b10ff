import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { workspaceAliases } from '../aliases.ts';

/** Benchmark 4, the memory one: its own project, for its own V8 flags. */
const MEMORY = 'bench/4-memory.bench-run.tsx';
/** Benchmark 5, the server package: after the memory one, so the tables print in order. */
const SERVER = 'bench/5-server.bench-run.ts';

/** Runs the benchmarks in the order of their numbered file names, so `pnpm bench` prints tables 1 to 4 in order. */
class ByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * `pnpm bench`: scripts that print figures (see BENCHMARKS.md). Vitest is only the runner here,
 * for its fake timers and jsdom; each file has one `it('prints …')` that asserts nothing. Not
 * part of `pnpm test` (the root config's projects do not reach `bench/`), and a config of its
 * own rather than a project of the root one: its reporter, sequencer and console options are
 * the kind Vitest takes only from a root config.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  test: {
    environment: 'node',
    // One file at a time, each in a fresh process: timings and heap figures are not shared.
    fileParallelism: false,
    pool: 'forks',
    isolate: true,
    execArgv: ['--expose-gc'],
    sequence: { sequencer: ByFileName },
    // Three projects, run one after the other (`groupOrder`), so tables 1 to 5 still print in order.
    projects: [
      { extends: true, test: { name: 'bench', include: ['bench/**/*.bench-run.ts?(x)'], exclude: [MEMORY, SERVER], sequence: { groupOrder: 1 } } },
      // Benchmark 4 counts what the flows retain, so V8 runs the interpreter only (`--max-opt=0`):
      // with Sparkplug and TurboFan on, the heap also holds the machine code they keep making for
      // React, jsdom, MSW and the rest, which grew 1 to 2 MB over 1,000 cycles and hid whatever the
      // flows themselves keep (see BENCHMARKS.md section 4). Its ms / cycle is the interpreter's.
      // `--no-flush-bytecode`: bytecode unused for 5 GCs would otherwise be dropped mid-run (a
      // negative delta of about 1.5 MB when the startup code goes); now it is kept, and counted.
      {
        extends: true,
        test: {
          name: 'bench-memory',
          include: [MEMORY],
          execArgv: ['--expose-gc', '--max-opt=0', '--no-flush-bytecode'],
          sequence: { groupOrder: 2 },
        },
      },
      { extends: true, test: { name: 'bench-server', include: [SERVER], sequence: { groupOrder: 3 } } },
    ],
    // The tables go straight to stdout, not through Vitest's per-test console buffering.
    disableConsoleIntercept: true,
    reporters: ['dot'],
    testTimeout: 120_000,
  },
});
