import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SortColumn, TransactionFilter, TransactionRow } from '../../../../../shared/contract/statements.js';
import { SORT_COLUMNS } from '../../../../../shared/contract/statements.js';
import { openStore, type Store } from '../../../../../electron/core/db/index.js';
import { createMemorySecretStore } from '../../../../../electron/core/secrets/index.js';
import { seedSampleStatements } from '../../../../../electron/core/statements/sample-data.js';
import { statementsRepos } from '../../../../../electron/core/statements/statements-repos.js';
import { makeFixture, type Fixture } from '../../statements/fixture.js';

const ids = (rows: TransactionRow[]) => rows.map((r) => r.id);

describe('TransactionQueryRepository on the hand-made fixture', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await makeFixture();
  });
  afterEach(() => fx.cleanup());

  const q = () => statementsRepos(fx.store).transactionQueries;
  const page = (filter: Omit<TransactionFilter, 'scope'> & { scope?: TransactionFilter['scope'] }) =>
    q().page({ scope: { kind: 'all' }, ...filter }, { column: 'date', direction: 'asc' }, 0, 500);
  const names = (rows: TransactionRow[]) => rows.map((r) => Object.keys(fx.tx).find((k) => fx.tx[k] === r.id));

  it('scopes: all accounts, one account, one statement', () => {
    expect(page({})).toHaveLength(12);
    expect(names(page({ scope: { kind: 'account', accountId: fx.jpy } }))).toEqual(['yen1', 'yen2']);
    expect(names(page({ scope: { kind: 'statement', statementId: fx.jan } }))).toEqual(['coffee', 'salary', 'quoted']);
  });

  it('text search: word starts, case and accents folded, every word must match, over description, payee and note', () => {
    expect(names(page({ text: 'coffee' }))).toEqual(['coffee', 'yen2', 'pending1']);
    expect(names(page({ text: 'COF' }))).toEqual(['coffee', 'yen2', 'pending1']);
    expect(names(page({ text: 'muller' }))).toEqual(['rent']);
    expect(names(page({ text: 'zurich cafe' }))).toEqual(['tiny']);
    expect(names(page({ text: 'coffee card' }))).toEqual(['coffee', 'pending1']);
    expect(names(page({ text: 'partners' }))).toEqual(['quoted']);
    expect(page({ text: 'nothing-like-this' })).toEqual([]);
    // Punctuation-only words fall back to a substring match with wildcards escaped.
    expect(names(page({ text: '%' }))).toEqual(['rent']);
    expect(names(page({ text: '&' }))).toEqual(['quoted']);
    // FTS operators typed by the user are plain words.
    expect(page({ text: 'OR NOT NEAR' })).toEqual([]);
    expect(names(page({ text: '"coffee corner"' }))).toEqual(['coffee', 'pending1']);
  });

  it('text search finds notes, and follows note edits', () => {
    expect(q().setNote(fx.tx.big!, 'Ask the accountant about this')).toBe(true);
    expect(names(page({ text: 'accountant' }))).toEqual(['big']);
    q().setNote(fx.tx.big!, 'Paid back');
    expect(page({ text: 'accountant' })).toEqual([]);
    expect(names(page({ text: 'paid' }))).toEqual(['big']);
    q().setNote(fx.tx.big!, null);
    expect(page({ text: 'paid' })).toEqual([]);
  });

  it('date range, inclusive, reversed bounds read as meant', () => {
    expect(names(page({ dateFrom: '2024-02-03', dateTo: '2024-02-20' }))).toEqual(['tiny', 'cent', 'big', 'yen1', 'yen2'].sort((a, b) => fx.tx[a]! - fx.tx[b]!).sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0)));
    expect(page({ dateFrom: '2024-02-20', dateTo: '2024-02-03' })).toHaveLength(5);
    expect(names(page({ dateFrom: '2024-03-01' }))).toEqual(['pending1', 'pending2']);
    expect(names(page({ dateTo: '2024-01-05' }))).toEqual(['coffee']);
    function date(n: string) {
      return page({}).find((r) => r.id === fx.tx[n])!.madeOn;
    }
  });

  it('amount range compares the size of the amount, in each currency’s units', () => {
    // 12.50 EUR = 1250 cents; 2000 JPY = 2000 yen.
    expect(names(page({ amountMin: '12.50', amountMax: '25' }))).toEqual(['coffee', 'pending1']);
    expect(names(page({ scope: { kind: 'account', accountId: fx.jpy }, amountMin: '2000', amountMax: '2000' }))).toEqual(['yen2']);
    // Mixed currencies: "2000" is 200000 cents but 2000 yen.
    expect(names(page({ amountMin: '2000' }))).toEqual(['salary', 'yen1', 'yen2', 'big'].sort((a, b) => (page({}).findIndex((r) => r.id === fx.tx[a]) - page({}).findIndex((r) => r.id === fx.tx[b]))));
    expect(names(page({ amountMax: '0.01' }))).toEqual(['cent']);
    expect(names(page({ amountMin: '0,37', amountMax: '0,37' }))).toEqual(['refund']);
    expect(page({ amountMin: '25', amountMax: '12.5' }).length).toBe(page({ amountMin: '12.5', amountMax: '25' }).length);
  });

  it('income / expense, status, reviewed, with notes', () => {
    expect(page({ direction: 'in' }).every((r) => r.amount > 0)).toBe(true);
    expect(page({ direction: 'in' })).toHaveLength(5);
    expect(page({ direction: 'out' })).toHaveLength(7);
    expect(names(page({ status: 'pending' }))).toEqual(['pending1', 'pending2']);
    expect(page({ status: 'posted' })).toHaveLength(10);
    expect(page({ reviewed: 'yes' })).toEqual([]);
    q().setReviewedByIds([fx.tx.salary!, fx.tx.yen1!], true);
    expect(names(page({ reviewed: 'yes' }))).toEqual(['salary', 'yen1']);
    expect(page({ reviewed: 'no' })).toHaveLength(10);
    q().setNote(fx.tx.tiny!, 'receipt in drawer');
    q().setNote(fx.tx.cent!, '   ');
    expect(names(page({ withNote: true }))).toEqual(['tiny']);
  });

  it('combined filters AND together', () => {
    expect(names(page({ scope: { kind: 'account', accountId: fx.eur }, text: 'coffee', status: 'posted', direction: 'out', dateFrom: '2024-01-01', amountMax: '20' }))).toEqual(['coffee']);
  });

  it('sorts by every column, both directions, with a stable order for paging', () => {
    const all = page({});
    for (const column of SORT_COLUMNS as readonly SortColumn[]) {
      for (const direction of ['asc', 'desc'] as const) {
        const got = q().page({ scope: { kind: 'all' } }, { column, direction }, 0, 500);
        expect(got).toHaveLength(all.length);
        const key = (r: TransactionRow): string | number | null =>
          ({ date: r.madeOn, description: r.description?.toLowerCase() ?? null, payee: r.payee?.toLowerCase() ?? null, amount: r.amount, balance: r.runningBalance, status: r.status, reviewed: Number(r.reviewed), note: r.note })[column];
        for (let i = 1; i < got.length; i++) {
          const a = key(got[i - 1]!);
          const b = key(got[i]!);
          if (a === null || b === null) {
            // Blank values go last in both directions for the text and balance columns.
            if (column !== 'date' && column !== 'amount') expect(a === null && b !== null).toBe(false);
            continue;
          }
          if (direction === 'asc') expect(a <= b).toBe(true);
          else expect(a >= b).toBe(true);
        }
        // Paging the same sort gives the same rows.
        const paged = [0, 5, 10].flatMap((o) => q().page({ scope: { kind: 'all' } }, { column, direction }, o, 5));
        expect(ids(paged)).toEqual(ids(got));
      }
    }
  });

  it('default sort is newest first', () => {
    const rows = q().page({ scope: { kind: 'all' } }, undefined, 0, 3);
    expect(names(rows)).toEqual(['pending2', 'pending1', 'refund']);
  });

  it('totals: count, sum in and sum out of the filtered rows, per currency', () => {
    const t = q().totals({ scope: { kind: 'all' } });
    expect(t.count).toBe(12);
    expect(t.byCurrency).toEqual([
      { currency: 'EUR', count: 10, sumIn: 250_000 + 1 + 37 + 9_900, sumOut: -(1250 + 4_999 + 10_000 + 333 + 210_000 + 2_500) },
      { currency: 'JPY', count: 2, sumIn: 12_000, sumOut: -2_000 },
    ]);
    expect(q().totals({ scope: { kind: 'all' }, text: 'coffee', status: 'posted' })).toEqual({
      count: 2,
      byCurrency: [
        { currency: 'EUR', count: 1, sumIn: 0, sumOut: -1250 },
        { currency: 'JPY', count: 1, sumIn: 0, sumOut: -2000 },
      ],
    });
    expect(q().totals({ scope: { kind: 'all' }, text: 'nothing' })).toEqual({ count: 0, byCurrency: [] });
  });

  it('running balance: opening balance plus the statement’s posted rows in booking order; none for pending rows', () => {
    const rows = page({});
    const bal = (n: string) => rows.find((r) => r.id === fx.tx[n])!.runningBalance;
    expect(bal('coffee')).toBe(100_000 - 1250);
    expect(bal('salary')).toBe(100_000 - 1250 + 250_000);
    expect(bal('quoted')).toBe(343_751);
    expect(bal('rent')).toBe(343_751 - 10_000);
    expect(bal('refund')).toBe(123_456);
    expect(bal('pending1')).toBeNull();
    expect(bal('yen2')).toBe(50_000);
  });

  it('running balance follows later changes (rows added by a sync, moved, opening balance corrected)', () => {
    const { statements } = statementsRepos(fx.store);
    fx.store.repos.transactions.insertMany([
      { accountId: fx.eur, statementId: fx.jan, saltedgeId: 'late-1', madeOn: '2024-01-01', amount: 500, currency: 'EUR', status: 'posted' },
    ]);
    const bal = (n: string) => q().get(fx.tx[n]!)!.runningBalance;
    expect(bal('coffee')).toBe(100_000 + 500 - 1250);
    fx.store.sql.run('UPDATE statement SET opening_balance = 0 WHERE id = ?', [fx.jan]);
    expect(bal('coffee')).toBe(500 - 1250);
    fx.store.sql.run('UPDATE bank_transaction SET amount = -1000 WHERE id = ?', [fx.tx.coffee!]);
    expect(bal('salary')).toBe(500 - 1000 + 250_000);
    expect(statements.refreshRunningBalances()).toBe(0);
    // A row taken out of its statement (or pending again) loses its balance, in the table and the chart.
    fx.store.sql.run('UPDATE bank_transaction SET statement_id = NULL WHERE id = ?', [fx.tx.refund!]);
    expect(bal('refund')).toBeNull();
    expect(fx.store.sql.scalar('SELECT running_balance FROM bank_transaction WHERE id = ?', [fx.tx.refund!])).toBeNull();
    expect(q().dailyBalances(fx.eur).map((p) => p.date)).not.toContain('2024-02-28');
  });

  it('review: by ids, by filter; counts only real changes; ignored rows are left alone', () => {
    expect(q().setReviewedByIds([fx.tx.coffee!, fx.tx.salary!], true)).toBe(2);
    expect(q().setReviewedByIds([fx.tx.coffee!, fx.tx.salary!], true)).toBe(0);
    expect(q().setReviewedByFilter({ scope: { kind: 'statement', statementId: fx.feb } }, true)).toBe(5);
    expect(q().setReviewedByFilter({ scope: { kind: 'all' }, text: 'coffee' }, true)).toBe(2); // pending1 + yen2
    expect(q().totals({ scope: { kind: 'all' }, reviewed: 'no' }).count).toBe(3);
    expect(q().setReviewedByFilter({ scope: { kind: 'all' } }, false)).toBe(9);
  });

  it('ignore hides the row everywhere, keeps its key so a sync cannot import it again', () => {
    expect(q().ignore([fx.tx.big!])).toBe(1);
    expect(q().ignore([fx.tx.big!])).toBe(0);
    expect(page({}).map((r) => r.id)).not.toContain(fx.tx.big);
    expect(q().totals({ scope: { kind: 'all' } }).count).toBe(11);
    expect(q().setReviewedByIds([fx.tx.big!], true)).toBe(0);
    const key = fx.store.sql.get<{ account_id: number; saltedge_id: string }>('SELECT account_id, saltedge_id FROM bank_transaction WHERE id = ?', [fx.tx.big!])!;
    expect(() =>
      fx.store.repos.transactions.insertMany([
        { accountId: key.account_id, saltedgeId: key.saltedge_id, madeOn: '2024-02-20', amount: -210_000, currency: 'EUR', status: 'posted' },
      ]),
    ).toThrow(/UNIQUE/);
    // The bank still booked it: the balances of the other rows do not change.
    expect(q().get(fx.tx.refund!)!.runningBalance).toBe(123_456);
  });

  it('review, notes and ignore survive closing and reopening the store', async () => {
    q().setReviewedByIds([fx.tx.coffee!], true);
    q().setNote(fx.tx.salary!, 'Gehalt – “Januar”, ok 😀');
    q().ignore([fx.tx.cent!]);
    await fx.reopen();
    const rows = page({});
    expect(rows.find((r) => r.id === fx.tx.coffee)!.reviewed).toBe(true);
    expect(rows.find((r) => r.id === fx.tx.salary)!.note).toBe('Gehalt – “Januar”, ok 😀');
    expect(rows.find((r) => r.id === fx.tx.cent)).toBeUndefined();
    expect(names(page({ text: 'januar' }))).toEqual(['salary']);
  });

  it('daily balances for the chart: the last balance of each day with posted rows', () => {
    expect(q().dailyBalances(fx.eur)).toEqual([
      { date: '2024-01-05', balance: 98_750 },
      { date: '2024-01-25', balance: 343_751 },
      { date: '2024-02-01', balance: 333_751 },
      { date: '2024-02-03', balance: 333_751 - 333 + 1 },
      { date: '2024-02-20', balance: 333_751 - 333 + 1 - 210_000 },
      { date: '2024-02-28', balance: 123_456 },
    ]);
    expect(q().dailyBalances(9999)).toEqual([]);
  });

  it('tree: accounts by connection, balances, bank check, statements with line and review counts', () => {
    q().setReviewedByIds([fx.tx.coffee!, fx.tx.pending1!], true);
    q().ignore([fx.tx.tiny!]);
    const tree = statementsRepos(fx.store).statements.tree();
    expect(tree.connections).toHaveLength(1);
    const [c] = tree.connections;
    expect(c!.providerName).toBe('Fake Bank');
    const eur = c!.accounts.find((a) => a.id === fx.eur)!;
    expect(eur).toMatchObject({ currency: 'EUR', bankBalance: 123_456, bookBalance: 123_456, balanceDifference: 0, transactionCount: 9, unreviewedCount: 7, pendingCount: 2 });
    expect(eur.statements.map((s) => s.id)).toEqual([fx.feb, fx.jan]);
    expect(eur.statements[0]).toMatchObject({ lineCount: 4, reviewedCount: 0, balanceDifference: 0, linesDifference: 0 });
    expect(eur.statements[1]).toMatchObject({ lineCount: 3, reviewedCount: 1, openingBalance: 100_000, closingBalance: 343_751, linesDifference: 0 });
    const jpy = c!.accounts.find((a) => a.id === fx.jpy)!;
    expect(jpy.statements[0]).toMatchObject({ linesDifference: 0, balanceDifference: 0 });
    // A statement that does not add up is reported.
    fx.store.sql.run('UPDATE statement SET closing_balance = closing_balance + 5 WHERE id = ?', [fx.yen]);
    const again = statementsRepos(fx.store).statements.tree().connections[0]!.accounts.find((a) => a.id === fx.jpy)!;
    expect(again.statements[0]!.linesDifference).toBe(5);
    // book − bank: the books now show 5 more than the bank.
    expect(again.balanceDifference).toBe(5);
  });
});

describe('TransactionQueryRepository against a JavaScript oracle (generated data)', () => {
  let store: Store;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-oracle-'));
    store = await openStore({ dataDir, secretStore: createMemorySecretStore() });
    seedSampleStatements(store, {
      connections: [
        { providerName: 'One', accounts: [{ name: 'A', currency: 'EUR' }, { name: 'B', currency: 'GBP' }] },
        { providerName: 'Two', accounts: [{ name: 'C', currency: 'EUR' }] },
      ],
      rowsPerAccount: 400,
      rowsPerDay: 3,
      pendingPerAccount: 5,
      seed: 3,
    });
    store.db.exec(`UPDATE bank_transaction SET reviewed = 1 WHERE id % 4 = 0; UPDATE bank_transaction SET note = 'note ' || id WHERE id % 11 = 0;`);
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every filter gives exactly the rows a plain JavaScript filter gives, and the totals agree', () => {
    const q = statementsRepos(store).transactionQueries;
    const every = q.exportRows({ scope: { kind: 'all' } }, { column: 'date', direction: 'asc' });
    expect(every).toHaveLength(1200);
    const filters: Array<[TransactionFilter, (r: TransactionRow) => boolean]> = [
      [{ scope: { kind: 'account', accountId: every[0]!.accountId } }, (r) => r.accountId === every[0]!.accountId],
      [{ scope: { kind: 'all' }, dateFrom: '2024-02-01', dateTo: '2024-02-29' }, (r) => r.madeOn >= '2024-02-01' && r.madeOn <= '2024-02-29'],
      [{ scope: { kind: 'all' }, amountMin: '50', amountMax: '100' }, (r) => Math.abs(r.amount) >= 5000 && Math.abs(r.amount) <= 10000],
      [{ scope: { kind: 'all' }, direction: 'in' }, (r) => r.amount > 0],
      [{ scope: { kind: 'all' }, direction: 'out', status: 'pending' }, (r) => r.amount < 0 && r.status === 'pending'],
      [{ scope: { kind: 'all' }, reviewed: 'no', withNote: true }, (r) => !r.reviewed && !!r.note],
      [{ scope: { kind: 'all' }, text: 'tesco' }, (r) => /tesco/i.test(`${r.description} ${r.payee} ${r.note}`)],
      [
        { scope: { kind: 'all' }, text: 'card', direction: 'out', reviewed: 'yes', dateFrom: '2024-01-15' },
        (r) => /\bcard/i.test(`${r.description} ${r.payee} ${r.note}`) && r.amount < 0 && r.reviewed && r.madeOn >= '2024-01-15',
      ],
    ];
    for (const [filter, pred] of filters) {
      const expected = every.filter(pred);
      expect(expected.length).toBeGreaterThan(0);
      const got = q.page(filter, { column: 'date', direction: 'asc' }, 0, 500);
      expect(ids(got)).toEqual(ids(expected).slice(0, 500));
      const totals = q.totals(filter);
      expect(totals.count).toBe(expected.length);
      for (const c of totals.byCurrency) {
        const mine = expected.filter((r) => r.currency === c.currency);
        expect(c.count).toBe(mine.length);
        expect(c.sumIn).toBe(mine.reduce((s, r) => s + Math.max(0, r.amount), 0));
        expect(c.sumOut).toBe(mine.reduce((s, r) => s + Math.min(0, r.amount), 0));
      }
    }
  });

  it('running balance of every posted row equals opening + cumulative sum; closing balances match', () => {
    const q = statementsRepos(store).transactionQueries;
    const st = statementsRepos(store).statements;
    const every = q.exportRows({ scope: { kind: 'all' } }, { column: 'date', direction: 'asc' });
    for (const accountId of new Set(every.map((r) => r.accountId))) {
      for (const s of st.listByAccount(accountId)) {
        let bal = s.openingBalance;
        const rows = every.filter((r) => r.statementId === s.id);
        for (const r of rows) {
          bal += r.amount;
          expect(r.runningBalance).toBe(bal);
        }
        expect(bal).toBe(s.closingBalance);
      }
    }
  });
});
