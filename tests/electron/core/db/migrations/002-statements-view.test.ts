import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-initial.js';
import { migration002 } from '../../../../../electron/core/db/migrations/002-statements-view.js';
import { migrate, schemaVersion } from '../../../../../electron/core/db/migrations/run.js';
import { createSql } from '../../../../../electron/core/db/sql.js';
import { StatementRepository } from '../../../../../electron/core/db/repositories/statement-repository.js';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs.js';

describe('migration 002 (statements view)', () => {
  it('upgrades a version-1 database with data: running balances computed, search index built, triggers keep both in step', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [migration001]);
    expect(schemaVersion(db)).toBe(1);
    const now = '2024-01-01T00:00:00Z';
    db.exec(`
      INSERT INTO connection (id, saltedge_id, provider_code, provider_name, status, created_at, updated_at) VALUES (1, 'c1', 'p', 'Bank', 'active', '${now}', '${now}');
      INSERT INTO account (id, connection_id, saltedge_id, name, currency, created_at, updated_at) VALUES (1, 1, 'a1', 'Acc', 'EUR', '${now}', '${now}');
      INSERT INTO statement (id, account_id, period_start, period_end, opening_balance, closing_balance, created_at) VALUES (1, 1, '2024-01-01', '2024-01-31', 1000, 700, '${now}');
      INSERT INTO bank_transaction (id, account_id, statement_id, saltedge_id, made_on, amount, currency, description, payee, status, imported_at, updated_at)
        VALUES (1, 1, 1, 't1', '2024-01-02', -500, 'EUR', 'Grocery Störe', 'Shop', 'posted', '${now}', '${now}'),
               (2, 1, 1, 't2', '2024-01-03', 200, 'EUR', 'Refund', NULL, 'posted', '${now}', '${now}'),
               (3, 1, NULL, 't3', '2024-01-04', -1, 'EUR', 'Pending thing', NULL, 'pending', '${now}', '${now}');
    `);
    migrate(db, [migration001, migration002]);
    expect(schemaVersion(db)).toBe(2);
    const sql = createSql(db);
    const repo = new StatementRepository({ sql, now: () => now });
    expect(sql.scalar('SELECT balances_dirty FROM statement WHERE id = 1')).toBe(1);
    expect(repo.refreshRunningBalances()).toBe(1);
    expect(sql.all('SELECT id, running_balance FROM bank_transaction ORDER BY id')).toEqual([
      { id: 1, running_balance: 500 },
      { id: 2, running_balance: 700 },
      { id: 3, running_balance: null },
    ]);
    expect(repo.refreshSearchIndex()).toBe(3); // rows from before the upgrade are indexed on first search
    expect(repo.refreshSearchIndex()).toBe(0);
    const match = (q: string) => sql.all<{ docid: number }>('SELECT docid FROM bank_transaction_fts WHERE bank_transaction_fts MATCH ? ORDER BY docid', [q]).map((r) => r.docid);
    expect(match('store')).toEqual([1]); // accent folded
    expect(match('shop')).toEqual([1]);
    sql.run("UPDATE bank_transaction SET note = 'ask Anna' WHERE id = 2");
    expect(match('anna')).toEqual([2]);
    sql.run('DELETE FROM bank_transaction WHERE id = 1');
    expect(match('store')).toEqual([]);
    expect(sql.scalar('SELECT balances_dirty FROM statement WHERE id = 1')).toBe(1);
    repo.refreshRunningBalances();
    expect(sql.scalar('SELECT running_balance FROM bank_transaction WHERE id = 2')).toBe(1200);
    expect(sql.all("SELECT integrity_check FROM pragma_integrity_check")).toEqual([{ integrity_check: 'ok' }]);
    expect(match('refund')).toEqual([2]);
    // Rows added later are searchable after the next batch; an id reused below the mark at once.
    sql.run(`INSERT INTO bank_transaction (id, account_id, saltedge_id, made_on, amount, currency, description, status, imported_at, updated_at)
             VALUES (9, 1, 't9', '2024-01-09', 5, 'EUR', 'Later import', 'posted', '${now}', '${now}'),
                    (1, 1, 't1b', '2024-01-09', 5, 'EUR', 'Reused identifier', 'posted', '${now}', '${now}')`);
    expect(match('reused')).toEqual([1]);
    expect(match('later')).toEqual([]);
    expect(repo.refreshSearchIndex()).toBe(1);
    expect(match('later')).toEqual([9]);
    sql.run("UPDATE bank_transaction SET description = 'Changed' WHERE id = 9");
    expect(match('later')).toEqual([]);
    expect(match('changed')).toEqual([9]);
    db.run("INSERT INTO bank_transaction_fts(bank_transaction_fts) VALUES('integrity-check')");
    db.close();
  });

  it('refuses a running balance that is not an integer amount', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [migration001, migration002]);
    const now = '2024-01-01T00:00:00Z';
    db.exec(`
      INSERT INTO connection (id, saltedge_id, provider_code, provider_name, status, created_at, updated_at) VALUES (1, 'c1', 'p', 'Bank', 'active', '${now}', '${now}');
      INSERT INTO account (id, connection_id, saltedge_id, name, currency, created_at, updated_at) VALUES (1, 1, 'a1', 'Acc', 'EUR', '${now}', '${now}');
      INSERT INTO bank_transaction (id, account_id, saltedge_id, made_on, amount, currency, status, imported_at, updated_at) VALUES (1, 1, 't1', '2024-01-02', -500, 'EUR', 'posted', '${now}', '${now}');
    `);
    expect(() => db.exec('UPDATE bank_transaction SET running_balance = 1.5')).toThrow(/CHECK/);
    db.close();
  });
});
