import { describe, expect, it } from 'vitest';
import { searchKey } from '../../../../electron/core/db/index.js';
import { open, seedAccount } from './helpers.js';

const T = '2025-03-04T05:06:07.000Z';

describe('settings repository', () => {
  it('get/set/delete/all; refuses secret-looking keys', async () => {
    const { repos } = await open();
    expect(repos.settings.get('x')).toBeNull();
    repos.settings.set('saltedge.baseUrl', 'http://127.0.0.1:1/api');
    repos.settings.set('saltedge.baseUrl', 'http://127.0.0.1:2/api');
    repos.settings.set('ui.theme', 'dark');
    expect(repos.settings.get('saltedge.baseUrl')).toBe('http://127.0.0.1:2/api');
    expect(repos.settings.all()).toEqual({ 'saltedge.baseUrl': 'http://127.0.0.1:2/api', 'ui.theme': 'dark' });
    expect(repos.settings.delete('ui.theme')).toBe(true);
    expect(repos.settings.delete('ui.theme')).toBe(false);
    for (const k of ['saltedge.secret', 'saltedge.signingKey', 'database.key', 'api_token'])
      expect(() => repos.settings.set(k, 'v')).toThrow(/keychain/);
  });
});

describe('customer repository', () => {
  it('upserts by identifier and keeps fields left undefined', async () => {
    const { repos } = await open();
    const c = repos.customers.upsert({ identifier: 'owner@example.com', email: 'owner@example.com', phone: '+37060000000' });
    expect(c).toMatchObject({ id: 1, saltedgeId: null, identifier: 'owner@example.com', phone: '+37060000000', createdAt: T });
    const c2 = repos.customers.upsert({ identifier: 'owner@example.com', saltedgeId: '900000000000000001' });
    expect(c2).toMatchObject({ id: 1, saltedgeId: '900000000000000001', phone: '+37060000000' });
    expect(repos.customers.getBySaltEdgeId('900000000000000001')?.id).toBe(1);
    expect(repos.customers.getByIdentifier('nobody@example.com')).toBeNull();
    repos.customers.setSaltEdgeId(1, null);
    expect(repos.customers.get(1)?.saltedgeId).toBeNull();
    expect(repos.customers.list()).toHaveLength(1);
  });
});

describe('provider cache repository', () => {
  const providers = [
    { code: 'fake_bank_xf', name: 'Fake Bank', countryCode: 'XF', mode: 'web', status: 'active', interactive: true, maxConsentDays: 90, scopes: ['accounts', 'transactions'] },
    { code: 'ceska_cz', name: 'Česká spořitelna', countryCode: 'cz', maxConsentDays: 180, raw: { id: '1' } },
    { code: 'bank_of_ireland', name: 'Bank of Ireland', countryCode: 'IE' },
  ];

  it('replaceAll, search by name substring (case/accents) + country, get, countries', async () => {
    const { repos } = await open();
    repos.providers.replaceAll(providers, [
      { code: 'XF', name: 'Fake Country' },
      { code: 'CZ', name: 'Czechia' },
      { code: 'IE', name: 'Ireland' },
    ]);
    expect(repos.providers.search({ query: 'BANK' }).map((p) => p.code)).toEqual(['bank_of_ireland', 'fake_bank_xf']);
    expect(repos.providers.search({ query: 'ceska' }).map((p) => p.code)).toEqual(['ceska_cz']);
    expect(repos.providers.search({ query: 'SPOŘ' }).map((p) => p.code)).toEqual(['ceska_cz']);
    expect(repos.providers.search({ query: 'bank', countryCode: 'ie' }).map((p) => p.code)).toEqual(['bank_of_ireland']);
    expect(repos.providers.search({ countryCode: 'CZ' })).toHaveLength(1);
    expect(repos.providers.search({ query: '100%_' })).toEqual([]);
    expect(repos.providers.count({ query: 'bank' })).toBe(2);
    expect(repos.providers.search({ limit: 1, offset: 1 }).map((p) => p.code)).toEqual(['ceska_cz']);
    expect(repos.providers.get('fake_bank_xf')).toEqual({
      code: 'fake_bank_xf',
      name: 'Fake Bank',
      countryCode: 'XF',
      mode: 'web',
      status: 'active',
      interactive: true,
      maxConsentDays: 90,
      scopes: ['accounts', 'transactions'],
      raw: null,
      cachedAt: T,
    });
    expect(repos.providers.get('ceska_cz')).toMatchObject({ countryCode: 'CZ', interactive: null, raw: { id: '1' } });
    expect(repos.providers.get('nope')).toBeNull();
    expect(repos.providers.countries().map((c) => c.code)).toEqual(['CZ', 'XF', 'IE']);
    expect(repos.providers.cachedAt()).toBe(T);

    repos.providers.replaceAll([providers[0]!]);
    expect(repos.providers.search()).toHaveLength(1);
    expect(repos.providers.countries()).toHaveLength(3); // countries untouched when not given
  });

  it('countries fall back to the providers’ country codes', async () => {
    const { repos } = await open();
    repos.providers.replaceAll(providers);
    expect(repos.providers.countries()).toEqual([
      { code: 'CZ', name: 'CZ' },
      { code: 'IE', name: 'IE' },
      { code: 'XF', name: 'XF' },
    ]);
  });

  it('searchKey folds case and accents', () => {
    expect(searchKey('Česká SPOŘITELNA')).toBe('ceska sporitelna');
  });
});

describe('connection + account repositories', () => {
  it('upserts a connection by Salt Edge id and updates status/consent/errors', async () => {
    const { repos } = await open();
    const cust = repos.customers.upsert({ identifier: 'o@example.com' });
    const c = repos.connections.upsert({
      saltedgeId: '1234567890123456789',
      customerId: cust.id,
      providerCode: 'fake_bank_xf',
      providerName: 'Fake Bank',
      countryCode: 'XF',
      status: 'active',
      consentId: '555',
      consentScopes: ['accounts', 'transactions'],
      consentExpiresAt: '2025-06-01T00:00:00Z',
    });
    expect(c).toMatchObject({ id: 1, saltedgeId: '1234567890123456789', customerId: 1, createdByApp: true, consentScopes: ['accounts', 'transactions'], deletedAt: null });
    const again = repos.connections.upsert({ saltedgeId: '1234567890123456789', providerCode: 'fake_bank_xf', providerName: 'Fake Bank', status: 'inactive' });
    expect(again).toMatchObject({ id: 1, status: 'inactive', consentId: '555', countryCode: 'XF' });
    repos.connections.updateStatus(1, { status: 'active', lastSuccessAt: T, nextRefreshPossibleAt: '2025-03-04T06:06:07.000Z' });
    repos.connections.updateConsent(1, { consentRevokedAt: T });
    repos.connections.setError(1, { errorClass: 'InvalidCredentials', message: 'The bank refused the login.', requestId: 'req-1' });
    expect(repos.connections.get(1)).toMatchObject({
      status: 'active',
      lastSuccessAt: T,
      consentId: '555',
      consentRevokedAt: T,
      lastErrorClass: 'InvalidCredentials',
      lastRequestId: 'req-1',
    });
    repos.connections.setError(1, null);
    expect(repos.connections.get(1)).toMatchObject({ lastErrorClass: null, lastErrorMessage: null, lastRequestId: null });
    const other = repos.connections.upsert({ saltedgeId: '9', providerCode: 'x', providerName: 'X', status: 'active', createdByApp: false });
    expect(other.createdByApp).toBe(false);
    expect(repos.connections.list().map((x) => x.id)).toEqual([1, 2]);
    expect(repos.connections.getBySaltEdgeId('nope')).toBeNull();
  });

  it('account upsert reports created, keeps unspecified fields; setEnabled; balances stay integers', async () => {
    const store = await open();
    const { repos } = store;
    const c = repos.connections.upsert({ saltedgeId: '1', providerCode: 'p', providerName: 'P', status: 'active' });
    const first = repos.accounts.upsert({ connectionId: c.id, saltedgeId: '10', name: 'Main', currency: 'EUR', iban: 'LT00', bankBalance: 123456 });
    expect(first.created).toBe(true);
    expect(first.account).toMatchObject({ enabled: false, bankBalance: 123456, iban: 'LT00', importFrom: null });
    const second = repos.accounts.upsert({ connectionId: c.id, saltedgeId: '10', name: 'Main (renamed)', currency: 'EUR' });
    expect(second.created).toBe(false);
    expect(second.account).toMatchObject({ name: 'Main (renamed)', iban: 'LT00', bankBalance: 123456 });
    expect(repos.accounts.setEnabled(first.account.id, true, '2025-01-01')).toMatchObject({ enabled: true, importFrom: '2025-01-01' });
    expect(repos.accounts.setEnabled(first.account.id, false)).toMatchObject({ enabled: false, importFrom: '2025-01-01' });
    expect(() => repos.accounts.setEnabled(first.account.id, true, '1/1/2025')).toThrow(/YYYY-MM-DD/);
    expect(() => repos.accounts.upsert({ connectionId: c.id, saltedgeId: '11', name: 'X', currency: 'EUR', bankBalance: 10.5 })).toThrow(/integer/);
    repos.accounts.updateBalance(first.account.id, -5, T);
    repos.accounts.markSynced(first.account.id);
    expect(repos.accounts.get(first.account.id)).toMatchObject({ bankBalance: -5, bankBalanceAt: T, lastSyncAt: T });
    expect(store.sql.scalar('SELECT typeof(bank_balance) FROM account')).toBe('integer');
    expect(repos.accounts.listByConnection(c.id)).toHaveLength(1);
  });

  it('delete without keeping statements removes accounts and transactions', async () => {
    const store = await open();
    const { connectionId, accountId } = seedAccount(store);
    store.repos.transactions.insertMany([{ accountId, saltedgeId: 't', madeOn: '2025-01-01', amount: 1, currency: 'EUR', status: 'posted' }]);
    const run = store.repos.importRuns.start({ connectionId, trigger: 'manual' });
    store.repos.syncLog.add({ runId: run.id, connectionId, level: 'info', message: 'started' });
    expect(store.repos.connections.delete(connectionId, { keepStatements: false })).toBe(true);
    expect(store.repos.connections.get(connectionId)).toBeNull();
    expect(store.repos.accounts.get(accountId)).toBeNull();
    expect(store.repos.transactions.countByAccount(accountId)).toBe(0);
    expect(store.repos.importRuns.get(run.id)).toBeNull();
    expect(store.repos.syncLog.list()).toMatchObject([{ runId: null, connectionId: null, message: 'started' }]);
  });

  it('delete keeping statements: tombstone, accounts disabled but readable, upsert brings it back', async () => {
    const store = await open();
    const { connectionId, accountId } = seedAccount(store);
    seedAccount(store, 2);
    store.repos.transactions.insertMany([{ accountId, saltedgeId: 't', madeOn: '2025-01-01', amount: 1, currency: 'EUR', status: 'posted' }]);
    expect(store.repos.connections.delete(connectionId, { keepStatements: true })).toBe(true);
    expect(store.repos.connections.list().map((c) => c.saltedgeId)).toEqual(['c-2']);
    expect(store.repos.connections.list({ includeDeleted: true })).toHaveLength(2);
    expect(store.repos.connections.get(connectionId)).toMatchObject({ status: 'deleted', deletedAt: T });
    expect(store.repos.accounts.get(accountId)).toMatchObject({ enabled: false });
    expect(store.repos.accounts.list().map((a) => a.id)).toContain(accountId);
    expect(store.repos.accounts.list({ includeDeleted: false }).map((a) => a.id)).not.toContain(accountId);
    expect(store.repos.accounts.list({ enabledOnly: true }).map((a) => a.saltedgeId)).toEqual(['a-2']);
    expect(store.repos.transactions.countByAccount(accountId)).toBe(1);
    const back = store.repos.connections.upsert({ saltedgeId: 'c-1', providerCode: 'fake_bank_xf', providerName: 'Fake Bank', status: 'active' });
    expect(back).toMatchObject({ id: connectionId, deletedAt: null, status: 'active' });
  });
});

describe('import runs and sync log', () => {
  it('start → update → finish, latest, failInterrupted, undone', async () => {
    const store = await open();
    const { connectionId } = seedAccount(store);
    const r = store.repos.importRuns.start({ connectionId, trigger: 'link' });
    expect(r).toMatchObject({ status: 'running', trigger: 'link', refreshed: false, fetched: 0, startedAt: T, finishedAt: null });
    store.repos.importRuns.update(r.id, { fetched: 10, refreshed: true });
    const done = store.repos.importRuns.finish(r.id, { status: 'done', added: 8, updated: 1, skipped: 1 });
    expect(done).toMatchObject({ status: 'done', fetched: 10, added: 8, updated: 1, skipped: 1, refreshed: true, finishedAt: T });
    const f = store.repos.importRuns.start({ connectionId, trigger: 'manual' });
    store.repos.importRuns.finish(f.id, { status: 'failed', errorClass: 'ProviderUnavailable', errorMessage: 'Bank down', requestId: 'r-9' });
    expect(store.repos.importRuns.latest(connectionId)).toMatchObject({ id: f.id, status: 'failed', requestId: 'r-9' });
    expect(store.repos.importRuns.listByConnection(connectionId).map((x) => x.id)).toEqual([f.id, r.id]);
    store.repos.importRuns.start({ connectionId, trigger: 'scheduled' });
    expect(store.repos.importRuns.listRunning()).toHaveLength(1);
    expect(store.repos.importRuns.failInterrupted()).toBe(1);
    expect(store.repos.importRuns.markUndone(r.id)?.status).toBe('undone');
  });

  it('sync log add/list/prune', async () => {
    const store = await open();
    const { connectionId, accountId } = seedAccount(store);
    for (let i = 0; i < 5; i++) store.repos.syncLog.add({ connectionId, accountId, level: i % 2 ? 'warn' : 'info', message: `m${i}`, data: { i } });
    expect(store.repos.syncLog.list({ limit: 2 }).map((e) => e.message)).toEqual(['m4', 'm3']);
    expect(store.repos.syncLog.list({ level: 'warn' }).map((e) => e.data)).toEqual([{ i: 3 }, { i: 1 }]);
    const page = store.repos.syncLog.list({ connectionId, beforeId: 3 });
    expect(page.map((e) => e.message)).toEqual(['m1', 'm0']);
    expect(store.repos.syncLog.prune(2)).toBe(3);
    expect(store.repos.syncLog.list()).toHaveLength(2);
  });
});

describe('transaction repository', () => {
  it('insertMany is all-or-nothing and UNIQUE(account_id, saltedge_id) is enforced', async () => {
    const store = await open();
    const { accountId } = seedAccount(store);
    const { accountId: other } = seedAccount(store, 2);
    const row = { accountId, saltedgeId: 'tx-1', madeOn: '2025-02-01', amount: -250, currency: 'EUR', status: 'posted' as const, raw: { id: 'tx-1' } };
    expect(store.repos.transactions.insertMany([row, { ...row, saltedgeId: 'tx-2', status: 'pending' }])).toBe(2);
    expect(() => store.repos.transactions.insertMany([{ ...row, saltedgeId: 'tx-3' }, row])).toThrow(/UNIQUE/);
    expect(store.repos.transactions.countByAccount(accountId)).toBe(2); // tx-3 rolled back
    expect(store.repos.transactions.countByAccount(accountId, { status: 'pending' })).toBe(1);
    expect(store.repos.transactions.insertMany([{ ...row, accountId: other }])).toBe(1); // same id, other account
  });

  it('money stays integer: floats and bad dates are refused before SQL, integers round-trip exactly', async () => {
    const store = await open();
    const { accountId } = seedAccount(store);
    const base = { accountId, madeOn: '2025-02-01', currency: 'EUR', status: 'posted' as const };
    expect(() => store.repos.transactions.insertMany([{ ...base, saltedgeId: 'f', amount: 0.1 + 0.2 }])).toThrow(/integer/);
    expect(() => store.repos.transactions.insertMany([{ ...base, saltedgeId: 'n', amount: Number.NaN }])).toThrow(/integer/);
    expect(() => store.repos.transactions.insertMany([{ ...base, saltedgeId: 'd', amount: 1, madeOn: '2025-2-1' }])).toThrow(/YYYY-MM-DD/);
    const amounts = [0, 1, -1, 2_147_483_648, -9_007_199_254_740_991, 9_007_199_254_740_991];
    store.repos.transactions.insertMany(amounts.map((amount, i) => ({ ...base, saltedgeId: `i${i}`, amount })));
    const rows = store.sql.all<{ amount: number; t: string }>('SELECT amount, typeof(amount) AS t FROM bank_transaction ORDER BY id');
    expect(rows.map((r) => r.amount)).toEqual(amounts);
    expect(new Set(rows.map((r) => r.t))).toEqual(new Set(['integer']));
  });
});
