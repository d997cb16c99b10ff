/**
 * Test support: a TypeScript entry run as a separate Node process (through tsx, from the
 * repository's root), so a test can kill it for real (SIGKILL: no `close()`, no goodbye) by the
 * PID recorded here. The entries run on the packages' built `dist` (`pnpm build` first).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A running entry. */
export interface NodeProcess {
  pid: number;
  /** The first line it printed that matched `ready`. */
  ready: RegExpExecArray;
  /** Resolves once it has exited. */
  exited: Promise<void>;
  /** Sends `signal` (SIGTERM by default) to its PID unless it has exited, and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `script` (a path from the repository's root) with `env` added to this process's
 * environment, and resolves once a line of its stdout matches `ready`; rejects if it exits
 * first. Its stderr is this process's.
 */
export function startNodeProcess(script: string, env: Record<string, string>, ready: RegExp): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (text + chunk.toString()).split('\n');
      text = lines.pop()!;
      for (const line of lines) {
        const match = ready.exec(line);
        if (match) resolve({ pid: child.pid!, ready: match, exited, kill });
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${signal ?? code}) before it was ready`)));
  });
}
