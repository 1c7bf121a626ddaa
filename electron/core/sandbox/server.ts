/**
 * The sandbox's HTTP server (node:http, 127.0.0.1 only): API under /api/v6 (faults → auth →
 * signature → route), control under /control, Connect pages under /connect. Every response has
 * `X-Request-Id` and a `Date` header from the sandbox clock.
 */
import { randomUUID, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi, type ApiResult } from './api-routes.js';
import { BANKS, COUNTRY_NAMES, FAKE_PASSWORD } from './banks.js';
import { handleConnectPage, escapeHtml, type PageResponse } from './connect-pages.js';
import { API_BASE, type SandboxContext } from './context.js';
import { handleControl, type SandboxControl } from './control.js';
import { ApiError, documentationUrl } from './errors.js';
import { MALFORMED_BODY, NGINX_403 } from './faults.js';
import { parseJsonBody } from './input.js';
import { stringify } from './json.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Salt Edge accepts an Expires-at at most one hour ahead. */
const MAX_EXPIRES_AHEAD_S = 3600;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(ctx: SandboxContext, control: SandboxControl, port: number): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    void onRequest(ctx, control, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function onRequest(ctx: SandboxContext, control: SandboxControl, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let reply: Reply;
  try {
    const rawBody = await readBody(req);
    reply = await route(ctx, control, req, method, url, rawBody, requestId);
  } catch (err) {
    reply = errorReply(err, requestId, method, url.pathname);
  }
  try {
    ctx.store.flush();
  } catch (err) {
    reply = errorReply(new ApiError(500, 'InternalServerError', `Could not save the sandbox state: ${(err as Error).message}`), requestId, method, url.pathname);
  }
  res.writeHead(reply.status, {
    'X-Request-Id': requestId,
    Date: ctx.clock.now().toUTCString(),
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(reply.body)),
    ...reply.headers,
  });
  res.end(reply.body);
}

async function route(ctx: SandboxContext, control: SandboxControl, req: http.IncomingMessage, method: string, url: URL, rawBody: string, requestId: string): Promise<Reply> {
  const path = url.pathname;
  if (path === API_BASE || path.startsWith(`${API_BASE}/`)) return api(ctx, req, method, url, rawBody, requestId);
  if (path.startsWith('/control/')) {
    checkKeys(ctx, req);
    const result = handleControl(control, method, path.slice('/control/'.length), parseJsonBody(rawBody));
    return json(200, stringify(result));
  }
  if (path === '/' && method === 'GET') return page(indexPage(ctx));
  const connectPage = handleConnectPage(ctx, method, url, rawBody);
  if (connectPage) return page(connectPage);
  throw new ApiError(404, 'RouteNotFound', `Route ${method} ${path} does not exist.`);
}

async function api(ctx: SandboxContext, req: http.IncomingMessage, method: string, url: URL, rawBody: string, requestId: string): Promise<Reply> {
  const path = url.pathname;
  const fault = ctx.faults.take(path, 'before');
  switch (fault?.kind) {
    case 'rate_limit': {
      const seconds = fault.retryAfterSeconds ?? 1;
      const r = errorReply(new ApiError(429, 'RateLimitExceeded', 'Too many requests. Retry later.'), requestId, method, path);
      return { ...r, headers: { ...r.headers, 'Retry-After': String(seconds) } };
    }
    case 'server_error':
      return errorReply(new ApiError(500, 'InternalServerError', 'Internal server error (injected by the sandbox control).'), requestId, method, path);
    case 'unavailable':
      return errorReply(new ApiError(503, 'ProviderUnavailable', 'Service temporarily unavailable (injected by the sandbox control).'), requestId, method, path);
    case 'html_403':
      return { status: 403, headers: { 'Content-Type': 'text/html' }, body: NGINX_403 };
    case 'malformed_json':
      return json(200, MALFORMED_BODY);
    case 'slow':
      await new Promise((r) => setTimeout(r, fault.delayMs ?? 100));
      break;
    default:
      break;
  }
  let reply: Reply;
  try {
    checkKeys(ctx, req);
    checkSignature(ctx, req, method, rawBody);
    const result = handleApi(ctx, { method, path: path.slice(API_BASE.length) || '/', query: url.searchParams, rawBody });
    repeatCursor(ctx, path, result);
    reply = json(result.status, stringify(result.body));
  } catch (err) {
    reply = errorReply(err, requestId, method, path);
  }
  if (fault?.kind === 'truncated_json') reply = { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
  return reply;
}

/** The repeat_cursor fault: meta.next_id points at the page just served. */
function repeatCursor(ctx: SandboxContext, path: string, result: ApiResult): void {
  if (!result.list || !result.body.meta || result.list.firstId === null) return;
  if (!ctx.faults.take(path, 'list')) return;
  result.body.meta = { next_id: result.list.firstId, next_page: result.list.pageUrl(result.list.firstId) };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function checkKeys(ctx: SandboxContext, req: http.IncomingMessage): void {
  const appId = header(req, 'app-id');
  const secret = header(req, 'secret');
  if (!appId) throw new ApiError(401, 'AppIdNotProvided', 'The App-id header is missing.');
  if (!secret) throw new ApiError(401, 'SecretNotProvided', 'The Secret header is missing.');
  if (appId !== ctx.credentials.appId || secret !== ctx.credentials.secret) {
    throw new ApiError(401, 'ApiKeyNotFound', 'No API key matches this App-id and Secret.');
  }
}

/** Salt Edge request signing (only when the sandbox was given a public key). */
function checkSignature(ctx: SandboxContext, req: http.IncomingMessage, method: string, rawBody: string): void {
  if (!ctx.signatureKey) return;
  const signature = header(req, 'signature');
  const expiresAt = header(req, 'expires-at');
  if (!signature) throw new ApiError(401, 'MissingSignature', 'The Signature header is missing (this client must sign its requests).');
  if (!expiresAt || !/^\d{1,12}$/.test(expiresAt)) throw new ApiError(401, 'ExpiresAtInvalid', 'The Expires-at header is missing or not a UNIX time in seconds.');
  const nowSeconds = Math.floor(ctx.clock.now().getTime() / 1000);
  const expires = Number(expiresAt);
  if (expires <= nowSeconds) throw new ApiError(401, 'RequestExpired', `The request expired at ${expiresAt} (server time ${nowSeconds}); check the computer's clock.`);
  if (expires > nowSeconds + MAX_EXPIRES_AHEAD_S) throw new ApiError(401, 'ExpiresAtInvalid', 'Expires-at must be at most one hour ahead of the server time.');
  const fullUrl = `http://${header(req, 'host') ?? '127.0.0.1'}${req.url ?? '/'}`;
  const payload = `${expiresAt}|${method}|${fullUrl}|${rawBody}`;
  let valid = false;
  try {
    valid = verify('sha256', Buffer.from(payload), ctx.signatureKey, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw new ApiError(401, 'SignatureNotMatch', `The signature does not match "${expiresAt}|${method}|${fullUrl}|<body>".`);
}

function json(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body };
}

function page(p: PageResponse): Reply {
  return { status: p.status, headers: p.headers, body: p.body };
}

function errorReply(err: unknown, requestId: string, method: string, path: string): Reply {
  const e = err instanceof ApiError ? err : new ApiError(500, 'InternalServerError', 'Internal server error.');
  if (!(err instanceof ApiError)) console.error('[sandbox]', err);
  const body = {
    error: { class: e.errorClass, message: e.message, documentation_url: documentationUrl(e.errorClass) },
    request: { id: requestId, method, path },
  };
  return { status: e.status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...e.headers }, body: stringify(body) };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'WrongRequestFormat', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function indexPage(ctx: SandboxContext): PageResponse {
  const e = escapeHtml;
  const rows = BANKS.map(
    (b) => `<tr><td><code>${b.code}</code></td><td>${e(b.name)}</td><td>${e(COUNTRY_NAMES[b.countryCode] ?? b.countryCode)}</td><td>${e(b.summary)}</td></tr>`,
  ).join('');
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Salt Edge sandbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:24px auto;padding:0 16px;color:#1d2733}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde3ea;padding:6px;text-align:left;vertical-align:top}code{background:#f1f4f8;padding:1px 4px;border-radius:4px}</style></head>
<body><h1>Salt Edge sandbox</h1>
<p>API: <code>${e(ctx.baseUrl)}${API_BASE}</code> · headers <code>App-id</code> / <code>Secret</code>. Password for every fake bank: <code>${FAKE_PASSWORD}</code>.</p>
<table><thead><tr><th scope="col">Code</th><th scope="col">Bank</th><th scope="col">Country</th><th scope="col">What it exercises</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
  return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
}
