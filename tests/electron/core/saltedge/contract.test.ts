/**
 * Contract tests: the real client against the sandbox over HTTP (WIRE-v6.md).
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../../../../electron/core/sandbox/index.js';
import { createSaltEdgeClient, type SaltEdgeClientOptions } from '../../../../electron/core/saltedge/client.js';
import { SaltEdgeError } from '../../../../electron/core/saltedge/errors.js';
import type { RequestInfo } from '../../../../electron/core/saltedge/transport.js';
import { decimalToMinor } from '../../../../shared/money.js';
import { seededRandom } from './fake-server.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: 7 });
});
afterAll(async () => {
  await sb?.close();
});
beforeEach(() => {
  sb.control.clearFaults();
});

function client(extra: Partial<SaltEdgeClientOptions> = {}) {
  const sleeps: number[] = [];
  const requests: RequestInfo[] = [];
  const c = createSaltEdgeClient({
    baseUrl: sb.apiUrl,
    ...DEMO_CREDENTIALS,
    includeSandboxes: true,
    timeoutMs: 5000,
    random: seededRandom(1),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRequest: (i) => requests.push(i),
    ...extra,
  });
  return { c, sleeps, requests };
}

async function failure(p: Promise<unknown>): Promise<SaltEdgeError> {
  const e = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SaltEdgeError);
  const se = e as SaltEdgeError;
  expect(JSON.stringify({ ...se, m: se.message })).not.toContain(DEMO_CREDENTIALS.secret);
  return se;
}

let customerId = '';
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('customers, providers, countries, ping', () => {
  it('ping / testCredentials, and wrong keys are a mapped error', async () => {
    const { c } = client();
    await c.ping();
    expect((await c.testCredentials()).ok).toBe(true);
    const bad = createSaltEdgeClient({ baseUrl: sb.apiUrl, appId: DEMO_CREDENTIALS.appId, secret: 'wrong-secret-value' });
    const e = await failure(bad.testCredentials());
    expect(e).toMatchObject({ errorClass: 'ApiKeyNotFound', httpStatus: 401, userAction: 'fix-settings' });
    expect(e.requestId).toMatch(/\S/);
    expect(e.message).not.toContain('wrong-secret-value');
  });

  it('ensureCustomer never creates two customers', async () => {
    const { c, requests } = client();
    const a = await c.ensureCustomer('owner@example.com');
    const b = await c.ensureCustomer('owner@example.com');
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^\d+$/);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    customerId = a.id;
    expect(await c.findCustomer('owner@example.com')).toMatchObject({ id: a.id, identifier: 'owner@example.com' });
    expect(await c.findCustomer('nobody@example.com')).toBeNull();
    expect((await c.getCustomer(a.id)).identifier).toBe('owner@example.com');
    const dup = await failure(c.createCustomer('owner@example.com'));
    expect(dup).toMatchObject({ errorClass: 'DuplicatedCustomer', httpStatus: 409 });
    expect((await failure(c.getCustomer('999999999'))).errorClass).toBe('CustomerNotFound');
  });

  it('lists countries and providers (fake ones only with includeSandboxes)', async () => {
    const { c } = client();
    const countries = await c.listCountries();
    expect(countries.map((x) => x.code)).toEqual(expect.arrayContaining(['XF', 'GB', 'DE']));
    const xf = await c.listProviders({ countryCode: 'XF' });
    expect(xf.map((p) => p.code)).toContain('fakebank_simple_xf');
    expect(xf.every((p) => p.countryCode === 'XF')).toBe(true);
    const simple = await c.getProvider('fakebank_simple_xf');
    expect(simple).toMatchObject({ code: 'fakebank_simple_xf', maxConsentDays: 90, mode: 'web' });
    const live = createSaltEdgeClient({ baseUrl: sb.apiUrl, ...DEMO_CREDENTIALS });
    const real = await live.listProviders();
    expect(real.length).toBeGreaterThan(0);
    expect(real.some((p) => p.countryCode === 'XF')).toBe(false);
    expect((await failure(c.getProvider('no_such_bank_xf'))).errorClass).toBe('ProviderNotFound');
  });
});

describe('connections, accounts, transactions', () => {
  let connId = '';
  beforeAll(async () => {
    if (!customerId) customerId = (await client().c.ensureCustomer('owner@example.com')).id;
    connId = sb.control.createConnection({ customerId, providerCode: 'fakebank_simple_xf' });
  });

  it('creates connect / reconnect / refresh sessions', async () => {
    const { c } = client();
    const s = await c.createConnectSession({
      customerId,
      providerCode: 'fakebank_simple_xf',
      consent: { scopes: ['accounts', 'transactions'], fromDate: daysAgo(90), periodDays: 90 },
      returnTo: 'http://127.0.0.1:1234/saltedge/return?nonce=abc',
      fetchFromDate: daysAgo(30),
      locale: 'en',
      allowedCountries: ['XF'],
      customFields: { flow: 'link' },
    });
    expect(s.connectUrl.startsWith(sb.url)).toBe(true);
    expect(s.customerId).toBe(customerId);
    expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.now());
    const page = await fetch(s.connectUrl);
    expect(page.status).toBe(200);
    const r = await c.createReconnectSession(connId, {
      consent: { scopes: ['accounts', 'transactions'], fromDate: daysAgo(60) },
      returnTo: 'http://127.0.0.1:1234/r',
    });
    expect(r.connectUrl).toMatch(/\/connect\//);
    const f = await c.createRefreshSession(connId, { returnTo: 'http://127.0.0.1:1234/r', fetchFromDate: daysAgo(10) });
    expect(f.connectUrl).not.toBe(r.connectUrl);
    const bad = await failure(
      c.createConnectSession({ customerId, consent: { scopes: ['accounts'], fromDate: daysAgo(400) }, returnTo: 'http://127.0.0.1/r' }),
    );
    expect(bad).toMatchObject({ errorClass: 'InvalidFromDate', httpStatus: 400, userAction: 'fix-settings' });
  });

  it('lists and reads connections', async () => {
    const { c } = client();
    const list = await c.listConnections(customerId);
    expect(list.map((x) => x.id)).toContain(connId);
    const conn = await c.getConnection(connId);
    expect(conn).toMatchObject({ id: connId, customerId, providerCode: 'fakebank_simple_xf', status: 'active', countryCode: 'XF' });
    expect(conn.lastAttempt?.finished).toBe(true);
    expect(conn.lastSuccessAt).toBe(conn.lastAttempt?.successAt);
    expect(conn.lastConsentId).toMatch(/^\d+$/);
    expect((await failure(c.getConnection('424242424242'))).userAction).toBe('relink');
  });

  it('accounts carry balances in minor units', async () => {
    const { c } = client();
    const accounts = await c.listAccounts(connId);
    expect(accounts.length).toBe(2);
    for (const a of accounts) {
      expect(a.connectionId).toBe(connId);
      expect(a.currencyCode).toBe('EUR');
      expect(Number.isSafeInteger(a.balance.minor)).toBe(true);
      expect(a.balance.minor).toBe(decimalToMinor(a.balance.text, 2));
    }
  });

  it('transactions: all pages equal one big page; iterate reports progress', async () => {
    const { c } = client();
    const [acc] = await c.listAccounts(connId);
    const big = await c.listTransactions({ connectionId: connId, accountId: acc!.id });
    expect(big.length).toBeGreaterThan(10);
    const pages = [];
    for await (const p of c.iterateTransactionPages({ connectionId: connId, accountId: acc!.id, perPage: 7 })) pages.push(p);
    expect(pages.length).toBe(Math.ceil(big.length / 7));
    expect(pages.at(-1)!.total).toBe(big.length);
    expect(pages.flatMap((p) => p.items.map((t) => t.id))).toEqual(big.map((t) => t.id));
    for (const t of big) {
      expect(t.status).toBe('posted');
      expect(t.accountId).toBe(acc!.id);
      expect(t.madeOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(t.amount.minor).toBe(decimalToMinor(t.amount.text, t.exponent));
      expect(JSON.parse(t.raw).id).toBe(t.id);
    }
  });

  it('pending rows come only with pending=true', async () => {
    const { c } = client();
    const id = sb.control.createConnection({ customerId, providerCode: 'fakebank_with_pending_xf' });
    const [acc] = await c.listAccounts(id);
    const pending = await c.listTransactions({ connectionId: id, accountId: acc!.id, pending: true });
    const posted = await c.listTransactions({ connectionId: id, accountId: acc!.id });
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((t) => t.status === 'pending')).toBe(true);
    expect(posted.every((t) => t.status === 'posted')).toBe(true);
    const postedIds = new Set(posted.map((t) => t.id));
    expect(pending.some((t) => postedIds.has(t.id))).toBe(false);
  });

  it('multi-currency and exponent-notation amounts keep exact minor units', async () => {
    const { c } = client();
    for (const code of ['fake_demobank_xf', 'rheinbank_de']) {
      const id = sb.control.createConnection({ customerId, providerCode: code });
      for (const acc of await c.listAccounts(id)) {
        expect(acc.exponent).toBe({ JPY: 0, KWD: 3 }[acc.currencyCode] ?? 2);
        const rows = await c.listTransactions({ connectionId: id, accountId: acc.id });
        for (const t of rows) {
          expect(t.currencyCode).toBe(acc.currencyCode);
          expect(t.amount.minor).toBe(decimalToMinor(t.amount.text, acc.exponent));
        }
      }
    }
    // rheinbank_de writes amounts like 1e3 / 5e-2
    const id = sb.control.createConnection({ customerId, providerCode: 'rheinbank_de', username: 'exp' });
    const accs = await c.listAccounts(id);
    const texts = (await Promise.all(accs.map((a) => c.listTransactions({ connectionId: id, accountId: a.id })))).flat().map((t) => t.amount.text);
    expect(texts.some((t) => /e/i.test(t))).toBe(true);
  });

  it('pages through 5000+ rows', async () => {
    const { c, requests } = client();
    const id = sb.control.createConnection({ customerId, providerCode: 'fakebank_oauth_with_n_transactions_xf' });
    const accs = await c.listAccounts(id);
    const main = accs.find((a) => a.name === 'Business account')!;
    const before = requests.length;
    const rows = await c.listTransactions({ connectionId: id, accountId: main.id });
    expect(rows.length).toBeGreaterThan(5000);
    expect(new Set(rows.map((t) => t.id)).size).toBe(rows.length);
    expect(requests.length - before).toBe(Math.ceil(rows.length / 1000));
  });
});

describe('consents and connection state errors', () => {
  let connId = '';
  beforeAll(async () => {
    if (!customerId) customerId = (await client().c.ensureCustomer('owner@example.com')).id;
    connId = sb.control.createConnection({ customerId, providerCode: 'fakebank_with_updates_xf' });
  });

  it('background refresh, then too early', async () => {
    const { c } = client();
    sb.control.allowRefreshNow({ connectionId: connId });
    const conn = await c.backgroundRefresh(connId, { fetchFromDate: daysAgo(5) });
    expect(conn.id).toBe(connId);
    expect(conn.lastAttempt?.finished).toBe(true);
    const e = await failure(c.backgroundRefresh(connId));
    expect(e).toMatchObject({ errorClass: 'ConnectionCannotBeRefreshed', httpStatus: 406, userAction: 'wait', attempts: 1 });
  });

  it('lists, reads and revokes consents', async () => {
    const { c } = client();
    const byConn = await c.listConsents({ connectionId: connId });
    expect(byConn.length).toBeGreaterThan(0);
    const byCustomer = await c.listConsents({ customerId });
    expect(byCustomer.map((x) => x.id)).toEqual(expect.arrayContaining(byConn.map((x) => x.id)));
    const conn = await c.getConnection(connId);
    const consent = await c.getConsent(conn.lastConsentId!);
    expect(consent).toMatchObject({ id: conn.lastConsentId, connectionId: connId, revokedAt: null });
    const revoked = await c.revokeConsent(consent.id, connId);
    expect(revoked.revokedAt).not.toBeNull();
    const again = await failure(c.revokeConsent(consent.id, connId));
    expect(again).toMatchObject({ errorClass: 'AispConsentAlreadyRevoked', httpStatus: 409, attempts: 1 });
    sb.control.allowRefreshNow({ connectionId: connId });
    const r = await failure(c.backgroundRefresh(connId));
    expect(r).toMatchObject({ errorClass: 'AispConsentRevoked', userAction: 'reconnect-consent' });
    expect((await failure(c.getConsent('987654321'))).errorClass).toBe('AispConsentNotFound');
  });

  it('expired consent and inactive connection', async () => {
    const { c } = client();
    const id = sb.control.createConnection({ customerId, providerCode: 'fakebank_simple_xf' });
    sb.control.expireConsent({ connectionId: id });
    sb.control.allowRefreshNow({ connectionId: id });
    expect(await failure(c.backgroundRefresh(id))).toMatchObject({ errorClass: 'AispConsentExpired', userAction: 'reconnect-consent' });
    const id2 = sb.control.createConnection({ customerId, providerCode: 'fakebank_simple_xf' });
    sb.control.deactivateConnection({ connectionId: id2 });
    const conn = await c.getConnection(id2);
    expect(conn.status).toBe('inactive');
    expect(conn.lastAttempt?.failErrorClass).toBe('InvalidCredentials');
    expect(await failure(c.createRefreshSession(id2, { returnTo: 'http://127.0.0.1/r' }))).toMatchObject({ errorClass: 'ConnectionCannotBeRefreshed' });
  });

  it('removes connections, or explains dashboard-only removal', async () => {
    const { c } = client();
    const id = sb.control.createConnection({ customerId, providerCode: 'fakebank_simple_xf' });
    sb.control.setDashboardOnly({ enabled: true });
    try {
      expect(await failure(c.removeConnection(id))).toMatchObject({ errorClass: 'ActionNotAllowed', httpStatus: 403 });
    } finally {
      sb.control.setDashboardOnly({ enabled: false });
    }
    expect(await c.removeConnection(id)).toEqual({ id, removed: true });
    expect((await failure(c.getConnection(id))).errorClass).toBe('ConnectionNotFound');
    expect((await failure(c.listAccounts(id))).errorClass).toBe('ConnectionNotFound');
  });
});

describe('faults', () => {
  it('429 with Retry-After is retried for GET', async () => {
    const { c, sleeps, requests } = client();
    sb.control.addFault({ kind: 'rate_limit', retryAfterSeconds: 1, pathPrefix: '/countries' });
    expect((await c.listCountries()).length).toBeGreaterThan(0);
    expect(sleeps).toEqual([1000]);
    expect(requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('429 is NOT retried for POST (and the request was not processed)', async () => {
    const { c, sleeps, requests } = client();
    const before = sb.control.summary().customers;
    sb.control.addFault({ kind: 'rate_limit', retryAfterSeconds: 1, pathPrefix: '/customers' });
    const e = await failure(c.createCustomer('rate@example.com'));
    expect(e).toMatchObject({ errorClass: 'RateLimitExceeded', httpStatus: 429, retryAfterSeconds: 1, userAction: 'wait' });
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(sb.control.summary().customers).toBe(before);
  });

  it('a Retry-After beyond the budget fails at once', async () => {
    const { c, requests } = client({ retry: { maxTotalMs: 10_000 } });
    sb.control.addFault({ kind: 'rate_limit', retryAfterSeconds: 120, times: 5 });
    const e = await failure(c.listCountries());
    expect(e.retryAfterSeconds).toBe(120);
    expect(requests).toHaveLength(1);
  });

  it('500 and 503 are retried within bounds', async () => {
    const a = client();
    sb.control.addFault({ kind: 'server_error', times: 2, pathPrefix: '/countries' });
    await a.c.listCountries();
    expect(a.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(a.sleeps).toHaveLength(2);

    const b = client({ retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20 } });
    sb.control.addFault({ kind: 'unavailable', times: 10, pathPrefix: '/countries' });
    const e = await failure(b.c.listCountries());
    expect(e).toMatchObject({ errorClass: 'ProviderUnavailable', httpStatus: 503, attempts: 4 });
    expect(b.requests).toHaveLength(4);
    sb.control.clearFaults();

    const p = client();
    sb.control.addFault({ kind: 'server_error', times: 1 });
    await failure(p.c.createCustomer('server-error@example.com'));
    expect(p.requests).toHaveLength(1);
  });

  it('slow answers time out', async () => {
    const { c, requests } = client({ timeoutMs: 60, retry: { limit: 1, baseDelayMs: 1 } });
    sb.control.addFault({ kind: 'slow', delayMs: 400, times: 2, pathPrefix: '/countries' });
    const e = await failure(c.listCountries());
    expect(e).toMatchObject({ errorClass: 'Timeout', attempts: 2 });
    expect(requests.map((r) => r.status)).toEqual([0, 0]);
  });

  it.each([
    ['malformed_json', 200, /truncated or invalid JSON/],
    ['truncated_json', 200, /truncated or invalid JSON/],
    ['html_403', 403, /HTML page/],
  ] as const)('%s → MalformedResponse', async (kind, status, message) => {
    const { c, requests } = client();
    sb.control.addFault({ kind, pathPrefix: '/countries' });
    const e = await failure(c.listCountries());
    expect(e).toMatchObject({ errorClass: 'MalformedResponse', httpStatus: status });
    expect(e.message).toMatch(message);
    expect(e.message.length).toBeLessThan(120);
    expect(requests).toHaveLength(1);
  });

  it('repeated cursor → RepeatedPaginationCursor', async () => {
    const { c } = client();
    const cust = await c.ensureCustomer('cursor@example.com');
    const id = sb.control.createConnection({ customerId: cust.id, providerCode: 'fakebank_simple_xf' });
    const [acc] = await c.listAccounts(id);
    sb.control.addFault({ kind: 'repeat_cursor', pathPrefix: '/transactions' });
    const e = await failure(c.listTransactions({ connectionId: id, accountId: acc!.id, perPage: 5 }));
    expect(e.errorClass).toBe('RepeatedPaginationCursor');
    expect(e.userMessage).toMatch(/same list/);
  });
});

describe('signing', () => {
  const keys = () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  const good = keys();
  const other = keys();
  let signed: Sandbox;
  beforeAll(async () => {
    signed = await startSandbox({ port: 0, seed: 3, signaturePublicKeyPem: good.publicKey });
  });
  afterAll(async () => {
    await signed?.close();
  });
  const mk = (extra: Partial<SaltEdgeClientOptions> = {}) => {
    const requests: RequestInfo[] = [];
    const c = createSaltEdgeClient({ baseUrl: signed.apiUrl, ...DEMO_CREDENTIALS, includeSandboxes: true, onRequest: (i) => requests.push(i), ...extra });
    return { c, requests };
  };

  it('the sandbox verifies GET and POST signatures of the right key', async () => {
    const { c } = mk({ signingKeyPem: good.privateKey });
    await c.ping();
    const cust = await c.ensureCustomer('signed@example.com');
    const s = await c.createConnectSession({
      customerId: cust.id,
      consent: { scopes: ['accounts', 'transactions'], fromDate: daysAgo(30) },
      returnTo: 'http://127.0.0.1:9/return?x=1&y=ä b',
      customFields: { note: 'ünïcödé "q"' },
    });
    expect(s.connectUrl).toMatch(/\/connect\//);
    const id = signed.control.createConnection({ customerId: cust.id, providerCode: 'fakebank_simple_xf' });
    const conn = await c.getConnection(id);
    await c.revokeConsent(conn.lastConsentId!, id);
    await c.removeConnection(id);
  });

  it('a wrong key → SignatureNotMatch with the mapped message; no key → MissingSignature', async () => {
    const e = await failure(mk({ signingKeyPem: other.privateKey }).c.ping());
    expect(e).toMatchObject({ errorClass: 'SignatureNotMatch', httpStatus: 401, userAction: 'fix-settings' });
    expect(e.userMessage).toMatch(/private key .* public key/);
    expect(e.message).not.toContain('PRIVATE KEY');
    expect((await failure(mk().c.ping())).errorClass).toBe('MissingSignature');
  });

  it('clock skew: re-syncs from the Date header and repeats once', async () => {
    // Local clock 10 minutes slow: Expires-at would already have passed at the server.
    const { c, requests } = mk({ signingKeyPem: good.privateKey, now: () => Date.now() - 10 * 60_000 });
    await c.ping();
    expect(requests.map((r) => r.status)).toEqual([401, 200]);
    expect(requests[0]!.errorClass).toBe('RequestExpired');
    expect(c.clockOffsetMs()).toBeGreaterThan(9 * 60_000);
    await c.listCountries();
    expect(requests.map((r) => r.status)).toEqual([401, 200, 200]);
    // Local clock 2 hours fast: Expires-at too far ahead.
    const fast = mk({ signingKeyPem: good.privateKey, now: () => Date.now() + 2 * 3600_000 });
    await fast.c.createCustomer('fast-clock@example.com');
    expect(fast.requests.map((r) => [r.status, r.errorClass])).toEqual([
      [401, 'ExpiresAtInvalid'],
      [200, undefined],
    ]);
  });
});
