/**
 * Test support: Debian's `redis-server` on a free loopback port, no persistence, stopped by the
 * PID recorded here. Never Docker, never a shared server.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';

/** The `redis-server` on this machine's PATH (`.ci/run` installs Debian's package). */
export function redisServerBinary(): string {
  return execFileSync('/bin/sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
}

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Sends one command to the `redis-server` on `port` over a socket of its own and resolves its
 * reply: a simple or bulk string, `null` for a nil bulk string or when nothing answers. Enough
 * RESP for a test to look at a key (`GET`) without a client library.
 */
export function redisCommand(port: number, ...args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (reply: string | null) => {
      socket.destroy();
      resolve(reply);
    };
    socket.on('connect', () => socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`));
    socket.on('data', (chunk) => {
      text += chunk.toString();
      const header = text.indexOf('\r\n');
      if (header === -1) return;
      if (!text.startsWith('$')) return done(text.slice(1, header));
      const length = Number(text.slice(1, header));
      if (length < 0) return done(null);
      if (Buffer.byteLength(text) >= header + 2 + length + 2) done(Buffer.from(text).subarray(header + 2, header + 2 + length).toString());
    });
    socket.on('error', () => resolve(null));
  });
}

/** A running `redis-server`. */
export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  /** Stops it (SIGTERM to its PID) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `redis-server` on `port` (a free one by default) and resolves once it answers PING. */
export async function startRedis(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(redisServerBinary(), ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let tries = 0; (await redisCommand(chosen, 'PING')) !== 'PONG'; tries++) {
    if (tries > 250 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${chosen}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
