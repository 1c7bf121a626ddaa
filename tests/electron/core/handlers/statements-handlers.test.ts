import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransactionPage, TransactionTotals, StatementsTree, ExportFile, ChartSeries } from '../../../../shared/contract/index.js';
import { createCore, type Core } from '../../../../electron/core/create-core.js';
import { createMemorySecretStore, type SecretStore } from '../../../../electron/core/secrets/index.js';
import { seedSampleStatements } from '../../../../electron/core/statements/sample-data.js';

describe('statements handlers (through the dispatcher)', () => {
  let dataDir: string;
  let secrets: SecretStore;
  let core: Core;
  let accountId: number;
  const boot = async () =>
    createCore({ dataDir, secretStore: secrets, host: 'preview', version: '0.0.0-test', demoSandbox: { apiUrl: 'http://127.0.0.1:9/api/v6', credentials: { appId: 'x', secret: 'y' } } });
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await core.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-stmt-handlers-'));
    secrets = createMemorySecretStore();
    core = await boot();
    const store = core.services.store();
    accountId = seedSampleStatements(store, { connections: [{ providerName: 'Fake Bank', accounts: [{ name: 'Current', currency: 'EUR' }] }], rowsPerAccount: 120, rowsPerDay: 4 }).accountIds[0]!;
    await store.save();
  });
  afterEach(async () => {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('validates inputs before any handler runs', async () => {
    const bad = await core.call('transactions.query', { filter: { scope: { kind: 'account', accountId: -1 } } });
    expect(bad.ok).toBe(false);
    const bad2 = await core.call('transactions.query', { filter: { scope: { kind: 'all' }, amountMin: '12,50 EUR' } });
    expect(!bad2.ok && bad2.error.message).toBe('Enter an amount like 12.50');
    const bad3 = await core.call('transactions.query', { filter: { scope: { kind: 'all' } }, limit: 100_000 });
    expect(bad3.ok).toBe(false);
    const bad4 = await core.call('transactions.setNote', { id: 1, note: 'x'.repeat(2001) });
    expect(bad4.ok).toBe(false);
  });

  it('tree, page, totals, chart and export answer from the local database', async () => {
    const tree = await ok<StatementsTree>('statements.tree', {});
    expect(tree.connections[0]!.accounts[0]!.transactionCount).toBe(120);
    const page = await ok<TransactionPage>('transactions.query', { filter: { scope: { kind: 'account', accountId } }, limit: 50 });
    expect(page.rows).toHaveLength(50);
    expect(page.offset).toBe(0);
    const totals = await ok<TransactionTotals>('transactions.totals', { filter: { scope: { kind: 'account', accountId } } });
    expect(totals.count).toBe(120);
    const chart = await ok<ChartSeries>('statements.chartSeries', { accountId });
    expect(chart.currency).toBe('EUR');
    expect(chart.points.length).toBeGreaterThan(10);
    const file = await ok<ExportFile>('export.create', { format: 'csv', scope: { filter: { scope: { kind: 'account', accountId } } } });
    expect(file.content.split('\r\n').length).toBe(122);
    const missing = await core.call('statements.chartSeries', { accountId: 999 });
    expect(!missing.ok && missing.error.code).toBe('not-found');
    const missingSt = await core.call('export.create', { format: 'ofx', scope: { statementId: 999 } });
    expect(!missingSt.ok && missingSt.error.message).toMatch(/no longer exists/);
  });

  it('every write is on disk when the call answers (review, note, ignore survive a restart)', async () => {
    const page = await ok<TransactionPage>('transactions.query', { filter: { scope: { kind: 'account', accountId } }, limit: 5 });
    const [a, b, c] = page.rows;
    expect(await ok('transactions.setReviewed', { reviewed: true, target: { ids: [a!.id, b!.id] } })).toEqual({ changed: 2 });
    expect(await ok('transactions.setNote', { id: c!.id, note: 'Invoice 17' })).toEqual({ id: c!.id, note: 'Invoice 17' });
    expect(await ok('transactions.ignore', { ids: [b!.id] })).toEqual({ ignored: 1 });
    const byFilter = await ok<{ changed: number }>('transactions.setReviewed', { reviewed: true, target: { filter: { scope: { kind: 'account', accountId }, status: 'pending' } } });
    expect(byFilter.changed).toBe(1); // the 3 newest rows are the pending ones: a is reviewed already, b is ignored
    // Simulate a crash right after the calls: the store is not saved again on the way out.
    core.services.store().close();
    await core.services.saltedge.close();
    core = await boot();
    const rows = (await ok<TransactionPage>('transactions.query', { filter: { scope: { kind: 'account', accountId } }, limit: 500 })).rows;
    expect(rows.find((r) => r.id === a!.id)!.reviewed).toBe(true);
    expect(rows.find((r) => r.id === b!.id)).toBeUndefined();
    expect(rows.find((r) => r.id === c!.id)!.note).toBe('Invoice 17');
    expect(rows.filter((r) => r.status === 'pending').every((r) => r.reviewed)).toBe(true);
    expect(await ok('transactions.setNote', { id: c!.id, note: '' })).toEqual({ id: c!.id, note: null });
    const gone = await core.call('transactions.setNote', { id: 987654, note: 'x' });
    expect(!gone.ok && gone.error.code).toBe('not-found');
  });
});
