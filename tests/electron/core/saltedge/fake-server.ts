/** A tiny scripted HTTP server for precise fault sequences in client unit tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { hang: true }
  | { destroy: true };

export interface FakeServer {
  url: string;
  apiUrl: string;
  seen: Seen[];
  /** Replies used in order; the last one repeats. */
  script(...replies: (Reply | ((req: Seen) => Reply))[]): void;
  close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
  const seen: Seen[] = [];
  let replies: (Reply | ((req: Seen) => Reply))[] = [{ status: 200, json: { data: [] } }];
  let i = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      const r0 = replies[Math.min(i++, replies.length - 1)]!;
      const r = typeof r0 === 'function' ? r0(s) : r0;
      if ('hang' in r) {
        hanging.add(res);
        return;
      }
      if ('destroy' in r) {
        req.socket.destroy();
        return;
      }
      const body = r.text ?? (r.json === undefined ? '' : JSON.stringify(r.json));
      res.writeHead(r.status, {
        'Content-Type': r.text !== undefined ? 'text/html' : 'application/json',
        'X-Request-Id': `req-${seen.length}`,
        ...r.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/v6`,
    seen,
    script(...r) {
      replies = r;
      i = 0;
      seen.length = 0;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Deterministic [0,1) source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
