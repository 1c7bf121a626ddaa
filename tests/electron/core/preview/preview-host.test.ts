import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { callNames } from '../../../../shared/contract/index.js';
import { startPreviewHost, type PreviewHost } from '../../../../electron/core/preview/preview-host.js';
import { recordingCore } from '../../fake-core.js';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-static-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
fs.writeFileSync(path.join(os.tmpdir(), 'lsc-outside.txt'), 'outside');

const { core, seen } = recordingCore();
let host: PreviewHost;

beforeAll(async () => {
  host = await startPreviewHost({ core, staticDir, token: 'test-token-123' });
});
afterAll(async () => {
  await host.close();
});

const call = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-token-123', ...headers },
    body: JSON.stringify({ input }),
  });

/** Raw request with a chosen Host header (fetch will not let us set one). */
function rawGet(pathname: string, hostHeader: string): Promise<number> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathname, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('preview host (HTTP transport)', () => {
  it('listens on loopback and prints the token only in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=test-token-123`);
  });

  it('binds every contract call and validates every input', async () => {
    for (const name of callNames) {
      const bad = await (await call(name, 'not an object')).json();
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
    expect(seen).toEqual([]);
    expect(await (await call('app.info', {})).json()).toEqual({ ok: true, value: { handled: 'app.info' } });
  });

  it('refuses unknown calls, missing or wrong tokens, wrong content types and bodies', async () => {
    expect(await (await call('fs.readFile', {})).json()).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect((await call('app.info', {}, { authorization: '' })).status).toBe(401);
    expect((await call('app.info', {}, { authorization: 'Bearer wrong-token-123' })).status).toBe(401);
    expect((await call('app.info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    const broken = await fetch(`${host.origin}/api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-token-123' },
      body: '{"input":',
    });
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect((await fetch(`${host.origin}/api/events`)).status).toBe(401);
  });

  it('refuses foreign Host headers and origins (DNS rebinding, CSRF)', async () => {
    const { port } = new URL(host.origin);
    expect(await rawGet('/', `127.0.0.1:${port}`)).toBe(200);
    expect(await rawGet('/', `evil.example:${port}`)).toBe(403);
    expect((await call('app.info', {}, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('serves the renderer with a CSP and never a file outside it', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${host.origin}/..%2Flsc-outside.txt`)).status).toBe(404);
    expect((await fetch(`${host.origin}/%2e%2e/lsc-outside.txt`)).status).toBe(404);
  });

  it('streams core events to subscribers with the token', async () => {
    const res = await fetch(`${host.origin}/api/events?token=test-token-123`);
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    core.events.emit('app.notice', { level: 'info', message: 'hello' });
    let text = '';
    while (!text.includes('hello')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: app.notice');
    expect(text).toContain('"message":"hello"');
    await reader.cancel();
  });
});
