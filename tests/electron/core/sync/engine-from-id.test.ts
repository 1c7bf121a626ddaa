/**
 * Later runs read an account's posted rows from the overlap window's first stored Salt Edge id on
 * (`from_id`), not the whole history (issue 5), and still see new rows, late-posted rows and
 * pending → posted replacements.
 */
import { describe, expect, it } from 'vitest';
import { createSaltEdgeClient, type SaltEdgeClient } from '../../../../electron/core/saltedge/client.js';
import { DEMO_CREDENTIALS } from '../../../../electron/core/sandbox/index.js';
import { fetchStartId } from '../../../../electron/core/sync/engine.js';
import { addDays } from '../../../../electron/core/sync/dates.js';
import type { Store } from '../../../../electron/core/db/index.js';
import { ImportRepository } from '../../../../electron/core/db/repositories/import-repository.js';
import { adopt, engineFor, link, openLocal, startWorld, type World } from './helpers.js';

/** A client like the world's, recording every request URL (the query included). */
function recordingClient(world: World): { client: SaltEdgeClient; urls: URL[] } {
  const urls: URL[] = [];
  const client = createSaltEdgeClient({
    baseUrl: world.sandbox.apiUrl,
    ...DEMO_CREDENTIALS,
    includeSandboxes: true,
    now: () => world.clock.ms,
    sleep: async () => {},
    retry: { limit: 1, baseDelayMs: 0, maxDelayMs: 0, maxTotalMs: 1000 },
    fetch: (input, init) => {
      urls.push(new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url));
      return fetch(input, init);
    },
  });
  return { client, urls };
}

const transactionRequests = (urls: URL[], pending: boolean) => urls.filter((u) => u.pathname.endsWith('/transactions') && (u.searchParams.get('pending') === 'true') === pending);

/** The smallest stored id of the account's posted rows from `from` on and of its pending rows, compared as BigInt. */
function expectedStart(store: Store, accountId: number, from: string): string {
  const ids = store.sql
    .all<{ saltedge_id: string }>(`SELECT saltedge_id FROM bank_transaction WHERE account_id = ? AND (status = 'pending' OR made_on >= ?)`, [accountId, from])
    .map((r) => BigInt(r.saltedge_id));
  return ids.reduce((m, x) => (x < m ? x : m)).toString();
}

function lastPosted(store: Store, accountId: number): string {
  return String(store.sql.scalar(`SELECT max(made_on) FROM bank_transaction WHERE account_id = ? AND status = 'posted'`, [accountId]));
}

async function bankPostedIds(world: World, seConnectionId: string, seAccountId: string): Promise<string[]> {
  return (await world.client.listTransactions({ connectionId: seConnectionId, accountId: seAccountId })).map((t) => t.id).sort();
}

function localIds(store: Store, accountId: number, status: 'posted' | 'pending'): string[] {
  return store.sql.all<{ saltedge_id: string }>('SELECT saltedge_id FROM bank_transaction WHERE account_id = ? AND status = ?', [accountId, status]).map((r) => r.saltedge_id).sort();
}

describe('sync engine: later runs start at the overlap window (from_id)', () => {
  it('fetchStartId: the smallest id as a 64-bit integer; none, or a non-id → read everything', () => {
    expect(fetchStartId(['1000', '999', '1001'])).toBe('999');
    // differ only beyond 2^53: JS numbers would call them equal
    expect(fetchStartId(['1092933278672886688', '1092933278672886687'])).toBe('1092933278672886687');
    expect(fetchStartId([])).toBeUndefined();
    expect(fetchStartId(['12', 'tx-1'])).toBeUndefined();
    expect(fetchStartId(['12', '012'])).toBeUndefined();
  });

  it('bulk account: the second run reads one page per account instead of all, and imports new and late-posted rows', async () => {
    const world = await startWorld();
    const { store } = await openLocal();
    const seId = world.sandbox.control.seedBulkConnection({ customerId: world.customerId, accounts: 2, transactionsPerAccount: 4_000, days: 365 });
    const { connectionId } = await adopt(world, store, seId);
    const { client, urls } = recordingClient(world);
    const { engine } = engineFor(world, () => store, { client: async () => client });

    const first = await engine.run(connectionId);
    expect(first.added).toBe(8_000);
    // first run: the whole history, 4 pages of 1,000 per account, never a from_id on the first page
    expect(transactionRequests(urls, false)).toHaveLength(8);
    expect(transactionRequests(urls, false).filter((u) => !u.searchParams.has('from_id'))).toHaveLength(2);
    expect(transactionRequests(urls, true)).toHaveLength(2);

    const accounts = store.repos.accounts.listByConnection(connectionId);
    // the repository's id-range read agrees with BigInt order (and a 20-digit id counts as larger)
    const repo = new ImportRepository({ sql: store.sql, now: () => new Date().toISOString() });
    const all0 = localIds(store, accounts[0]!.id, 'posted');
    const cut = all0[3_210]!;
    expect([...repo.knownIds(accounts[0]!.id, cut)].sort()).toEqual(all0.filter((id) => BigInt(id) >= BigInt(cut)));
    expect(repo.knownIds(accounts[0]!.id, '10000000000000000000').size).toBe(0);
    expect(repo.knownIds(accounts[0]!.id, '999').size).toBe(4_000);
    expect(repo.isKnownId(accounts[0]!.id, all0[0]!)).toBe(true);
    expect(repo.isKnownId(accounts[1]!.id, all0[0]!)).toBe(false);
    const starts = new Map(accounts.map((a) => [a.saltedgeId, expectedStart(store, a.id, addDays(lastPosted(store, a.id), -7))]));
    // at the bank: 30 new rows per account today, and one late-posted row (an old date, a new id)
    const today = lastPosted(store, accounts[0]!.id);
    const lateDay = addDays(today, -200);
    world.sandbox.control.appendTransactions({ connectionId: seId, count: 30 });
    const late = world.sandbox.control.appendTransactions({ connectionId: seId, accountId: accounts[0]!.saltedgeId, count: 1, madeOn: lateDay });

    urls.length = 0;
    const second = await engine.run(connectionId);
    expect(second.added).toBe(61);
    const posted = transactionRequests(urls, false);
    expect(posted).toHaveLength(2); // one page per account (the window + the new rows), was 4
    for (const u of posted) expect(u.searchParams.get('from_id')).toBe(starts.get(u.searchParams.get('account_id')!));
    expect(transactionRequests(urls, true)).toHaveLength(2); // pending: always the whole list
    const run = store.repos.importRuns.get(second.runId)!;
    expect(run.fetched).toBeLessThan(500);

    const lateRow = store.sql.get<{ made_on: string; status: string; statement_id: number | null }>('SELECT * FROM bank_transaction WHERE saltedge_id = ?', [late.accounts[0]!.firstId]);
    expect(lateRow).toMatchObject({ made_on: lateDay, status: 'posted' });
    expect(lateRow!.statement_id).not.toBeNull();
    // exactly the bank's rows, none twice, and the statements still end at the bank's balance
    const seAccounts = await world.client.listAccounts(seId);
    for (const a of accounts) {
      expect(localIds(store, a.id, 'posted')).toEqual(await bankPostedIds(world, seId, a.saltedgeId));
      const last = store.sql.get<{ closing_balance: number; balance_difference: number }>('SELECT * FROM statement WHERE account_id = ? ORDER BY id DESC LIMIT 1', [a.id])!;
      expect(last.closing_balance).toBe(seAccounts.find((s) => s.id === a.saltedgeId)!.balance.minor);
      expect(last.balance_difference).toBe(0);
    }

    // a third run with nothing new reads the same single page and adds nothing
    urls.length = 0;
    expect((await engine.run(connectionId)).added).toBe(0);
    expect(transactionRequests(urls, false)).toHaveLength(2);
  });

  it('pending bank, small pages: far fewer pages, pending → posted replaced (new id), new and late-posted rows imported', async () => {
    const world = await startWorld({ seed: 42 });
    const { store } = await openLocal();
    const { connectionId, saltedgeId } = await link(world, store, 'fakebank_with_pending_xf');
    const { client, urls } = recordingClient(world);
    const { engine } = engineFor(world, () => store, { client: async () => client, perPage: 3 });

    await engine.run(connectionId);
    const account = store.repos.accounts.listByConnection(connectionId)[0]!;
    const pagesOf = (pending: boolean) => transactionRequests(urls, pending).filter((u) => u.searchParams.get('account_id') === account.saltedgeId);
    const firstPages = pagesOf(false).length;
    const pendingBefore = localIds(store, account.id, 'pending');
    expect(pendingBefore.length).toBeGreaterThanOrEqual(2);
    expect(firstPages).toBeGreaterThan(30);

    // a day later the bank books the day, posts or drops the pending rows (new ids), adds new pending ones
    world.clock.advance({ days: 1, hours: 2 });
    const lateDay = addDays(lastPosted(store, account.id), -30);
    const start = expectedStart(store, account.id, addDays(lastPosted(store, account.id), -7));
    urls.length = 0;
    await engine.run(connectionId); // refreshes at the bank first, then reads
    const secondPages = pagesOf(false);
    expect(secondPages[0]!.searchParams.get('from_id')).toBe(start);
    expect(secondPages.length * 4).toBeLessThan(firstPages);
    expect(pagesOf(true).length).toBeGreaterThanOrEqual(1);

    const log = engine.log(connectionId).runs[0]!.accounts.find((a) => a.accountId === account.id)!;
    expect(log.replacedPending).toBeGreaterThan(0);
    expect(log.replacedPending + log.droppedPending).toBe(pendingBefore.length);
    expect(log.added).toBeGreaterThan(0);
    // no old pending row survives, posted rows are exactly the bank's, pending rows exactly the bank's pending ones
    expect(localIds(store, account.id, 'pending').some((id) => pendingBefore.includes(id))).toBe(false);
    expect(localIds(store, account.id, 'posted')).toEqual(await bankPostedIds(world, saltedgeId, account.saltedgeId));
    const sePending = (await world.client.listTransactions({ connectionId: saltedgeId, accountId: account.saltedgeId, pending: true })).map((t) => t.id).sort();
    expect(localIds(store, account.id, 'pending')).toEqual(sePending);

    // Salt Edge then stores a row dated 30 days back (late-posted: an old date, a new id)
    const late = world.sandbox.control.appendTransactions({ connectionId: saltedgeId, accountId: account.saltedgeId, count: 1, madeOn: lateDay });
    urls.length = 0;
    const third = await engine.run(connectionId); // no refresh yet (next_refresh_possible_at): reads what Salt Edge has
    expect(third.added).toBe(1);
    expect(store.sql.get('SELECT made_on, status FROM bank_transaction WHERE saltedge_id = ?', [late.accounts[0]!.firstId])).toEqual({ made_on: lateDay, status: 'posted' });
    expect(pagesOf(false).length * 4).toBeLessThan(firstPages);
    expect(localIds(store, account.id, 'posted')).toEqual(await bankPostedIds(world, saltedgeId, account.saltedgeId));
    const last = store.sql.get<{ balance_difference: number }>('SELECT * FROM statement WHERE account_id = ? ORDER BY id DESC LIMIT 1', [account.id])!;
    expect(last.balance_difference).toBe(0);
  });
});
