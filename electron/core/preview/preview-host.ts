import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Core } from '../create-core.js';
import type { Result } from '../../../shared/result.js';
import { resolveStatic } from './static-files.js';

export interface PreviewHostOptions {
  core: Core;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface PreviewHost {
  /** Origin, e.g. http://127.0.0.1:5123 */
  readonly origin: string;
  /** What to open in a browser: the origin with the token in the fragment (never sent to a server). */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the renderer and the core's contract over HTTP on 127.0.0.1 only: calls are
 * `POST /api/call/<name>` with a bearer token, events are server-sent on `/api/events`.
 * The token is random per run; requests with another Host or Origin are refused, so a web
 * page in the same browser cannot drive the app (DNS rebinding, CSRF).
 */
export async function startPreviewHost(opts: PreviewHostOptions): Promise<PreviewHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const root = path.resolve(opts.staticDir);
  const sse = new Set<http.ServerResponse>();
  let origin = '';

  const tokenOk = (given: string | null | undefined): boolean => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.core.log.error('preview host request failed', err);
      if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain' }, 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    const port = (server.address() as AddressInfo).port;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return send(res, 403, { 'content-type': 'text/plain' }, 'Forbidden host');
    }
    const url = new URL(req.url ?? '/', origin);
    if (req.headers.origin && req.headers.origin !== origin && req.headers.origin !== `http://localhost:${port}`) {
      return send(res, 403, { 'content-type': 'text/plain' }, 'Forbidden origin');
    }

    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { allow: 'GET' }, '');

    const found = await resolveStatic(root, url.pathname);
    if (!found) return send(res, 404, { 'content-type': 'text/plain' }, 'Not found');
    res.writeHead(200, {
      'content-type': found.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(found.file).pipe(res);
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!tokenOk(url.searchParams.get('token'))) return send(res, 401, { 'content-type': 'text/plain' }, 'Missing or wrong token');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    const m = /^\/api\/call\/([A-Za-z0-9_.-]{1,80})$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return send(res, 404, { 'content-type': 'text/plain' }, 'Not found');
    const auth = req.headers.authorization;
    if (!tokenOk(auth?.startsWith('Bearer ') ? auth.slice(7) : null)) {
      return send(res, 401, { 'content-type': 'text/plain' }, 'Missing or wrong token');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, { 'content-type': 'text/plain' }, 'Expected application/json');
    }
    const body = await readBody(req);
    let result: Result<unknown>;
    if (body === null) {
      result = { ok: false, error: { code: 'bad-input', message: 'The request body is too large.' } };
    } else {
      let input: unknown;
      try {
        input = body.length ? (JSON.parse(body) as { input?: unknown }).input : undefined;
        result = await opts.core.call(m[1], input, { transport: 'http' });
      } catch {
        result = { ok: false, error: { code: 'bad-input', message: 'The request body is not valid JSON.' } };
      }
    }
    send(res, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, JSON.stringify(result));
  }

  const unsubscribe = opts.core.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sse) res.write(frame);
  });
  const keepAlive = setInterval(() => {
    for (const res of sse) res.write(': ping\n\n');
  }, 20_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    close: async () => {
      unsubscribe();
      clearInterval(keepAlive);
      for (const res of sse) res.end();
      sse.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
