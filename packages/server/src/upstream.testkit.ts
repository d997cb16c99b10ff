/** Test helpers: a stand-in upstream that records what reaches it and answers as told. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stand-in upstream saw it. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Resolves when the proxy closes this request's socket or the response ends. */
  closed: Promise<void>;
}

/** Starts a stand-in upstream on loopback; `reply` writes the answer (or never does). */
export async function startUpstream(reply: (seen: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), closed };
      seen.push(entry);
      reply(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A wire sync as Quovo writes it. */
export function wireSync(id: number, status = 'syncing', extra: Record<string, unknown> = {}) {
  return { sync: { connection_id: id, status, progress: { state: 'syncing', percent: 10, message: null }, challenges: [], config_instructions: null, ...extra } };
}

/** Answers with JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A wire sync with two pending challenges, so the proxy forwards answers to them: 7 (typed) and 1 (choices 0 and 1). */
export function pendingSync(id: number) {
  return wireSync(id, 'challenges', {
    challenges: [
      { id: 7, type: 'text', question: 'Enter your pin:', should_answer: true },
      { id: 1, type: 'question', question: 'Where should we send it?', should_answer: true, choices: [{ key: 0, value: 'Text' }, { key: 1, value: 'Voice' }] },
    ],
  });
}
