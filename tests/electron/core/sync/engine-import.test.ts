import { describe, expect, it } from 'vitest';
import { engineFor, link, openLocal, rowContents, startWorld, statementContents } from './helpers.js';
import type { SyncProgress, SyncFinished } from '../../../../shared/contract/index.js';

describe('sync engine: import against the sandbox', () => {
  it.each([
    'fakebank_simple_xf',
    'fakebank_with_pending_xf',
    'fake_demobank_xf', // EUR, USD card, JPY (0 decimals), KWD (3 decimals)
    'rheinbank_de', // amounts in exponent notation
    'fakebank_oauth_with_n_transactions_xf', // 5,250 rows: six pages
  ])('%s: first import builds statements whose closing balance equals the bank balance', async (bank) => {
    const world = await startWorld();
    const localStore = await openLocal();
    const { store } = localStore;
    const { connectionId } = await link(world, store, bank);
    const { engine, events } = engineFor(world, () => store);

    const result = await engine.run(connectionId, { trigger: 'first' });
    expect(result.status).toBe('done');

    const seAccounts = await world.client.listAccounts(store.repos.connections.get(connectionId)!.saltedgeId);
    for (const a of store.repos.accounts.listByConnection(connectionId)) {
      const se = seAccounts.find((x) => x.id === a.saltedgeId)!;
      expect(a.bankBalance).toBe(se.balance.minor);
      const st = store.sql.all<{ closing_balance: number; balance_difference: number; line_count: number; opening_balance: number }>(
        'SELECT * FROM statement WHERE account_id = ?',
        [a.id],
      );
      const posted = store.sql.get<{ n: number; s: number }>(`SELECT count(*) AS n, coalesce(sum(amount), 0) AS s FROM bank_transaction WHERE account_id = ? AND status = 'posted'`, [a.id])!;
      expect(posted.n).toBe(se.extra.transactionsCount?.posted);
      expect(st).toHaveLength(1);
      expect(st[0]!.closing_balance).toBe(se.balance.minor);
      expect(st[0]!.balance_difference).toBe(0);
      expect(st[0]!.opening_balance + posted.s).toBe(se.balance.minor);
      expect(st[0]!.line_count).toBe(posted.n);
      // pending rows are kept but never in a statement
      const pendingInStatements = store.sql.scalar(`SELECT count(*) FROM bank_transaction WHERE account_id = ? AND status = 'pending' AND statement_id IS NOT NULL`, [a.id]);
      expect(pendingInStatements).toBe(0);
      expect(store.sql.scalar(`SELECT count(*) FROM bank_transaction WHERE account_id = ? AND status = 'pending'`, [a.id])).toBe(se.extra.transactionsCount?.pending);
    }

    // progress per account and page, then the end
    const progress = events.filter((e) => e.name === 'sync.progress').map((e) => e.payload as SyncProgress);
    expect(progress.some((p) => p.phase === 'fetching' && p.page === 1 && p.accountName)).toBe(true);
    if (bank === 'fakebank_oauth_with_n_transactions_xf') expect(progress.some((p) => p.phase === 'fetching' && p.page === 6)).toBe(true);
    const finished = events.filter((e) => e.name === 'sync.finished').map((e) => e.payload as SyncFinished);
    expect(finished).toEqual([expect.objectContaining({ runId: result.runId, connectionId, status: 'done' })]);

    // the saved file holds the run
    store.close();
    const reopened = await openLocal(localStore.dataDir, localStore.secrets);
    expect(rowContents(reopened.store).length).toBeGreaterThan(0);
  });

  it('re-running and overlapping windows never duplicate; later statements chain and match the bank', async () => {
    const world = await startWorld();
    const { store } = await openLocal();
    const { connectionId, saltedgeId } = await link(world, store, 'fakebank_with_updates_xf');
    const { engine } = engineFor(world, () => store);
    await engine.run(connectionId);
    const first = rowContents(store);
    await engine.run(connectionId); // no refresh allowed yet: imports what Salt Edge has = nothing new
    expect(rowContents(store)).toEqual(first);
    expect(statementContents(store)).toHaveLength(1);

    for (let day = 1; day <= 3; day++) {
      world.clock.advance({ days: 1, hours: 2 });
      const r = await engine.run(connectionId);
      expect(r.added).toBeGreaterThan(0);
      await engine.run(connectionId); // same day again
    }
    const dup = store.sql.scalar('SELECT count(*) - count(DISTINCT account_id || saltedge_id) FROM bank_transaction');
    expect(dup).toBe(0);
    const [se] = await world.client.listAccounts(saltedgeId);
    const local = store.repos.accounts.listByConnection(connectionId)[0]!;
    expect(store.sql.scalar(`SELECT count(*) FROM bank_transaction WHERE account_id = ? AND status = 'posted'`, [local.id])).toBe(se!.extra.transactionsCount?.posted);
    const statements = store.sql.all<{ opening_balance: number; closing_balance: number; balance_difference: number }>('SELECT * FROM statement WHERE account_id = ? ORDER BY id', [local.id]);
    expect(statements).toHaveLength(4);
    for (let i = 1; i < statements.length; i++) expect(statements[i]!.opening_balance).toBe(statements[i - 1]!.closing_balance);
    expect(statements.at(-1)!.closing_balance).toBe(se!.balance.minor);
    expect(statements.every((s) => s.balance_difference === 0)).toBe(true);

    const log = engine.log(connectionId);
    expect(log.runs).toHaveLength(8);
    expect(log.runs[0]!.refreshNote).toMatch(/next refresh/i);
    expect(log.runs[1]!.refreshed).toBe(true);
    expect(log.runs[0]!.accounts[0]!.words.join(' ')).toMatch(/already imported and skipped/);
    expect(log.runs[1]!.accounts[0]!.words.join(' ')).toMatch(/new transactions? (was|were) imported.*matches the bank's balance/s);
  });
});
