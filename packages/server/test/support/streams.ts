/**
 * Test and benchmark support: reading an events route's response as the browser's transport
 * would, and starting the lease-holding process of support/holder.ts.
 */
import { startNodeProcess, type NodeProcess } from './nodeProcess';

/**
 * Reads an event stream's `sync` events as they arrive and hands each one's `data` (GET sync's
 * body, parsed) to `onSync`. Returns a function that stops reading (cancels the stream).
 */
export function readSyncEvents(response: Response, onSync: (body: unknown) => void): () => Promise<void> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      for (let at = buffer.indexOf('\n\n'); at !== -1; at = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.includes('event: sync') && data) onSync(JSON.parse(data));
      }
    }
  })().catch(() => {});
  return () => reader.cancel().catch(() => {});
}

/** What support/holder.ts needs: one proxy on Redis watching `connectionId` of `upstream`. */
export interface HolderOptions {
  redisUrl: string;
  /** The upstream's API URL (the sandbox's, with or without `/v3`). */
  upstream: string;
  token: string;
  connectionId: number;
  leaseMs: number;
}

/** Starts support/holder.ts as a process of its own; resolves once its stream has a sync (it holds the loop). */
export function startHolder(options: HolderOptions): Promise<NodeProcess> {
  return startNodeProcess(
    'packages/server/test/support/holder.ts',
    { REDIS_URL: options.redisUrl, UPSTREAM: options.upstream, TOKEN: options.token, CONNECTION: String(options.connectionId), LEASE_MS: String(options.leaseMs) },
    /^synced$/,
  );
}
