import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSaltEdgeClient, type SaltEdgeClientOptions } from '../../../../electron/core/saltedge/client.js';
import { SaltEdgeError } from '../../../../electron/core/saltedge/errors.js';
import { signaturePayload, verifyRequestSignature } from '../../../../electron/core/saltedge/signing.js';
import type { RequestInfo } from '../../../../electron/core/saltedge/transport.js';
import { seededRandom, startFakeServer, type FakeServer } from './fake-server.js';

const APP_ID = 'app-id-SECRET-LOOKING-123';
const SECRET = 'secret-VALUE-abcdefghijklmnop';

const err = (cls: string, message = cls) => ({ error: { class: cls, message, documentation_url: 'x' }, request: { id: 'body-req' } });
const customer = { customer_id: '1092933278672886687', identifier: 'a@b.c', blocked_at: null, created_at: 'x', updated_at: 'x' };

let srv: FakeServer;
beforeAll(async () => {
  srv = await startFakeServer();
});
afterAll(async () => {
  await srv.close();
});

function client(extra: Partial<SaltEdgeClientOptions> = {}) {
  const sleeps: number[] = [];
  const requests: RequestInfo[] = [];
  const c = createSaltEdgeClient({
    baseUrl: srv.apiUrl,
    appId: APP_ID,
    secret: SECRET,
    timeoutMs: 2000,
    random: seededRandom(42),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRequest: (i) => requests.push(i),
    ...extra,
  });
  return { c, sleeps, requests };
}

async function failure(p: Promise<unknown>): Promise<SaltEdgeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SaltEdgeError);
    const se = e as SaltEdgeError;
    const dump = JSON.stringify({ ...se, message: se.message, stack: se.stack });
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(APP_ID);
    return se;
  }
  throw new Error('expected a failure');
}

describe('transport basics', () => {
  it('sends the keys, parses ids as strings, reports requests without query strings', async () => {
    srv.script({ status: 200, json: { data: [customer], meta: { next_id: null, next_page: null } } });
    const { c, requests } = client();
    const found = await c.findCustomer('a@b.c');
    expect(found).toEqual({ id: '1092933278672886687', identifier: 'a@b.c', blockedAt: null, createdAt: 'x', updatedAt: 'x' });
    const s = srv.seen[0]!;
    expect(s.url).toBe('/api/v6/customers?identifier=a%40b.c');
    expect(s.headers['app-id']).toBe(APP_ID);
    expect(s.headers.secret).toBe(SECRET);
    expect(s.headers.accept).toBe('application/json');
    expect(s.headers.signature).toBeUndefined();
    expect(requests).toEqual([{ method: 'GET', path: '/customers', status: 200, requestId: 'req-1', ms: expect.any(Number), attempt: 1 }]);
  });

  it('maps a Salt Edge error body, taking the request id from the header (or the body)', async () => {
    srv.script({ status: 404, json: err('ConnectionNotFound', 'Connection not found') });
    const e = await failure(client().c.getConnection('1'));
    expect(e).toMatchObject({ errorClass: 'ConnectionNotFound', httpStatus: 404, requestId: 'req-1', message: 'Connection not found', userAction: 'relink' });
    srv.script({ status: 404, json: err('ConnectionNotFound'), headers: { 'X-Request-Id': '' } });
    expect((await failure(client().c.getConnection('1'))).requestId).toBe('body-req');
  });

  it('HTML and truncated bodies give MalformedResponse with the status and no body dump', async () => {
    srv.script({ status: 403, text: `<html><body>403 Forbidden ${SECRET}</body></html>` });
    const e = await failure(client().c.getConnection('1'));
    expect(e.errorClass).toBe('MalformedResponse');
    expect(e.httpStatus).toBe(403);
    expect(e.message).toBe('Salt Edge answered HTTP 403 with an HTML page instead of JSON data');
    srv.script({ status: 200, text: '{"data":{"id":"1","customer_id":', headers: { 'Content-Type': 'application/json' } });
    const t = await failure(client().c.getConnection('1'));
    expect(t).toMatchObject({ errorClass: 'MalformedResponse', httpStatus: 200 });
    expect(t.message).toMatch(/truncated or invalid JSON/);
    srv.script({ status: 200, text: '' });
    expect((await failure(client().c.getConnection('1'))).message).toMatch(/empty body/);
  });

  it('a response of the wrong shape is InvalidResponse naming the field path', async () => {
    const tx = (amount: unknown) => ({
      id: '1', account_id: '2', made_on: '2026-01-02', amount, currency_code: 'EUR', description: 'd', category: 'c', mode: 'normal',
      status: 'posted', duplicated: false, extra: {}, created_at: 'x', updated_at: 'x',
    });
    srv.script({ status: 200, json: { data: [tx(1), tx(2), tx(3), tx('4.00')], meta: { next_id: null } } });
    const e = await failure(client().c.listTransactions({ connectionId: '1', accountId: '2' }));
    expect(e.errorClass).toBe('InvalidResponse');
    expect(e.message).toContain('data[3].amount: expected number');
    expect(e.issues).toEqual([{ path: 'data[3].amount', message: 'expected number' }]);
    expect(e.requestId).toBe('req-1');
  });
});

describe('retry policy', () => {
  it('retries a GET on 5xx with capped exponential backoff and seeded jitter', async () => {
    srv.script({ status: 503, json: err('ProviderUnavailable') }, { status: 502, text: '<html>bad gateway</html>' }, { status: 200, json: { data: customer } });
    const { c, sleeps, requests } = client({ retry: { baseDelayMs: 100, maxDelayMs: 150 } });
    expect((await c.getCustomer('1')).id).toBe(customer.customer_id);
    expect(srv.seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(75); // 200 capped at 150, equal jitter
    expect(sleeps[1]).toBeLessThanOrEqual(150);
    expect(requests.map((r) => [r.status, r.attempt])).toEqual([[503, 1], [502, 2], [200, 3]]);
    // Same seed → same delays.
    srv.script({ status: 503, json: err('InternalServerError') }, { status: 502, text: 'x' }, { status: 200, json: { data: customer } });
    const again = client({ retry: { baseDelayMs: 100, maxDelayMs: 150 } });
    await again.c.getCustomer('1');
    expect(again.sleeps).toEqual(sleeps);
  });

  it('gives up after the retry limit with the last error', async () => {
    srv.script({ status: 500, json: err('InternalServerError', 'boom') });
    const { c, sleeps } = client({ retry: { limit: 3, baseDelayMs: 1 } });
    const e = await failure(c.getConnection('1'));
    expect(e).toMatchObject({ errorClass: 'InternalServerError', httpStatus: 500, attempts: 4 });
    expect(srv.seen).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('stops when the next wait would exceed the total budget (counted, not timed)', async () => {
    srv.script({ status: 500, json: err('InternalServerError') });
    const { c, sleeps } = client({ retry: { limit: 10, baseDelayMs: 400, maxDelayMs: 400, maxTotalMs: 1000 } });
    await failure(c.getConnection('1'));
    // each wait is 200..400 ms; at most 4 fit into 1000 ms
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(1000);
    expect(srv.seen.length).toBe(sleeps.length + 1);
    expect(srv.seen.length).toBeLessThanOrEqual(5);
  });

  it('never retries POST, even on 429 or 5xx', async () => {
    srv.script({ status: 429, json: err('RateLimitExceeded'), headers: { 'Retry-After': '1' } });
    const { c, sleeps } = client();
    const e = await failure(c.createCustomer('x@y.z'));
    expect(e).toMatchObject({ errorClass: 'RateLimitExceeded', retryAfterSeconds: 1, attempts: 1 });
    expect(srv.seen).toHaveLength(1);
    srv.script({ status: 503, json: err('InternalServerError') });
    await failure(c.backgroundRefresh('1'));
    expect(srv.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('honours Retry-After seconds and HTTP dates for GET', async () => {
    srv.script({ status: 429, json: err('RateLimitExceeded'), headers: { 'Retry-After': '2' } }, { status: 200, json: { data: customer } });
    const a = client();
    await a.c.getCustomer('1');
    expect(a.sleeps).toEqual([2000]);
    const date = new Date(Math.floor(Date.now() / 1000) * 1000);
    srv.script(
      { status: 503, json: err('InternalServerError'), headers: { Date: date.toUTCString(), 'Retry-After': new Date(date.getTime() + 3000).toUTCString() } },
      { status: 200, json: { data: customer } },
    );
    const b = client();
    await b.c.getCustomer('1');
    expect(b.sleeps).toEqual([3000]);
  });

  it('a Retry-After beyond the budget fails at once with retryAfterSeconds', async () => {
    srv.script({ status: 429, json: err('RateLimitExceeded'), headers: { 'Retry-After': '120' } });
    const { c, sleeps } = client({ retry: { maxTotalMs: 30_000 } });
    const e = await failure(c.getConnection('1'));
    expect(e).toMatchObject({ errorClass: 'RateLimitExceeded', retryAfterSeconds: 120, httpStatus: 429 });
    expect(e.userMessage).toMatch(/about 2 minutes/);
    expect(srv.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry 4xx, nor bank-side failures', async () => {
    srv.script({ status: 400, json: err('WrongRequestFormat') });
    const { c, sleeps } = client();
    await failure(c.getConnection('1'));
    expect(srv.seen).toHaveLength(1);
    srv.script({ status: 409, json: err('ConnectionAlreadyProcessing') });
    await failure(c.getConnection('1'));
    expect(srv.seen).toHaveLength(1);
    srv.script({ status: 406, json: err('InvalidCredentials') });
    await failure(c.getConnection('1'));
    expect(srv.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries dropped connections and reports unreachable hosts as NetworkUnavailable', async () => {
    srv.script({ destroy: true }, { status: 200, json: { data: customer } });
    const { c, sleeps } = client();
    expect((await c.getCustomer('1')).id).toBe(customer.customer_id);
    expect(sleeps).toHaveLength(1);
    const dead = createSaltEdgeClient({ baseUrl: 'http://127.0.0.1:1/api/v6', appId: APP_ID, secret: SECRET, retry: { limit: 2, baseDelayMs: 1 } });
    const e = await failure(dead.getConnection('1'));
    expect(e).toMatchObject({ errorClass: 'NetworkUnavailable', attempts: 3, userAction: 'retry' });
    expect(e.message).toMatch(/127\.0\.0\.1:1/);
  });

  it('times out a hanging request (and retries a GET within bounds)', async () => {
    srv.script({ hang: true });
    const { c } = client({ timeoutMs: 80, retry: { limit: 1, baseDelayMs: 1 } });
    const e = await failure(c.getConnection('1'));
    expect(e).toMatchObject({ errorClass: 'Timeout', attempts: 2 });
    expect(srv.seen).toHaveLength(2);
    srv.script({ hang: true });
    await failure(c.createCustomer('q@w.e'));
    expect(srv.seen).toHaveLength(1);
  });

  it('an AbortSignal cancels at once without retrying', async () => {
    srv.script({ hang: true });
    const { c } = client({ timeoutMs: 5000 });
    const ac = new AbortController();
    const p = c.listTransactions({ connectionId: '1', accountId: '2', signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(srv.seen).toHaveLength(1);
  });
});

describe('signing and clock skew', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

  it('signs `expires|METHOD|full url|raw body` over the exact bytes sent', async () => {
    srv.script({ status: 200, json: { data: { connect_url: 'http://x/connect', expires_at: 'x', customer_id: '5' } } }, { status: 200, json: { data: [] } });
    const now = () => 1_700_000_000_000;
    const { c } = client({ signingKeyPem: privateKey, now });
    await c.createConnectSession({
      customerId: '5',
      consent: { scopes: ['accounts', 'transactions'], fromDate: '2026-01-01' },
      returnTo: 'http://127.0.0.1:9/return?nonce=ü',
      customFields: { note: 'ünïcode "quoted"' },
    });
    const s = srv.seen[0]!;
    const expiresAt = Number(s.headers['expires-at']);
    // first request: no Date seen yet → local clock
    expect(expiresAt).toBe(1_700_000_000 + 60);
    const full = `${srv.url}${s.url}`;
    expect(verifyRequestSignature(publicKey, signaturePayload(expiresAt, 'POST', full, s.body), String(s.headers.signature))).toBe(true);
    expect(JSON.parse(s.body).data.attempt.custom_fields.note).toBe('ünïcode "quoted"');

    await c.listAccounts('77');
    const g = srv.seen[1]!;
    expect(g.url).toBe('/api/v6/accounts?connection_id=77');
    const ge = Number(g.headers['expires-at']);
    expect(verifyRequestSignature(publicKey, signaturePayload(ge, 'GET', `${srv.url}${g.url}`, ''), String(g.headers.signature))).toBe(true);
    expect(verifyRequestSignature(publicKey, signaturePayload(ge, 'GET', `${srv.url}${g.url}`, 'x'), String(g.headers.signature))).toBe(false);
  });

  it('uses the server Date for Expires-at, and re-syncs and repeats once on RequestExpired', async () => {
    const serverMs = Date.UTC(2030, 0, 1, 12, 0, 0);
    const localMs = serverMs - 10 * 60_000; // local clock 10 minutes slow
    srv.script(
      { status: 401, json: err('RequestExpired'), headers: { Date: new Date(serverMs).toUTCString() } },
      { status: 200, json: { data: customer }, headers: { Date: new Date(serverMs).toUTCString() } },
    );
    const { c } = client({ signingKeyPem: privateKey, now: () => localMs });
    const created = await c.createCustomer('a@b.c'); // POST: repeated once because it was rejected unprocessed
    expect(created.id).toBe(customer.customer_id);
    expect(srv.seen).toHaveLength(2);
    expect(Number(srv.seen[0]!.headers['expires-at'])).toBe(localMs / 1000 + 60);
    expect(Number(srv.seen[1]!.headers['expires-at'])).toBe(serverMs / 1000 + 60);
    expect(c.clockOffsetMs()).toBe(10 * 60_000);

    // Only once: a second RequestExpired is returned to the caller.
    srv.script({ status: 401, json: err('ExpiresAtInvalid'), headers: { Date: new Date(serverMs).toUTCString() } });
    const e = await failure(c.getConnection('1'));
    expect(e.errorClass).toBe('ExpiresAtInvalid');
    expect(e.userAction).toBe('fix-settings');
    expect(srv.seen).toHaveLength(2);
  });

  it('rejects an unreadable key without echoing it', () => {
    expect(() => createSaltEdgeClient({ baseUrl: srv.apiUrl, appId: 'a', secret: 's', signingKeyPem: '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----' })).toThrow(
      /could not be read/,
    );
  });
});
