import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-initial.js';
import { migration002 } from '../../../../../electron/core/db/migrations/002-statements-view.js';
import { migrate, schemaVersion } from '../../../../../electron/core/db/migrations/run.js';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs.js';
import { all, run, scalar } from '../../../../../electron/core/db/sql.js';

const T = '2025-01-01T00:00:00.000Z';

describe('migration 002-statements-view', () => {
  it('upgrades a version-1 database with data: rows kept, new columns, triggers mark statements dirty', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [migration001]);
    db.exec('PRAGMA foreign_keys = ON');
    run(db, `INSERT INTO connection (id, saltedge_id, provider_code, provider_name, status, created_at, updated_at) VALUES (1, '1', 'p', 'P', 'active', ?, ?)`, [T, T]);
    run(db, `INSERT INTO account (id, connection_id, saltedge_id, name, currency, created_at, updated_at) VALUES (1, 1, '2', 'A', 'EUR', ?, ?)`, [T, T]);
    run(db, `INSERT INTO statement (id, account_id, period_start, period_end, opening_balance, closing_balance, created_at) VALUES (1, 1, '2025-01-01', '2025-01-31', 1000, 900, ?)`, [T]);
    run(
      db,
      `INSERT INTO bank_transaction (account_id, statement_id, saltedge_id, made_on, amount, currency, status, imported_at, updated_at)
       VALUES (1, 1, 't1', '2025-01-05', -100, 'EUR', 'posted', ?, ?)`,
      [T, T],
    );

    expect(migrate(db, [migration001, migration002])).toEqual({ from: 1, to: 2 });
    expect(schemaVersion(db)).toBe(2);
    // Existing rows survive; the new columns have their defaults.
    expect(all(db, 'SELECT amount, running_balance FROM bank_transaction')).toEqual([{ amount: -100, running_balance: null }]);
    expect(scalar(db, 'SELECT balances_dirty FROM statement WHERE id = 1')).toBe(1);
    expect(() => run(db, `UPDATE bank_transaction SET running_balance = 1.5`)).toThrow(/CHECK/);

    // Triggers: clean → any change to a statement's rows or opening balance marks it dirty.
    const clean = () => run(db, 'UPDATE statement SET balances_dirty = 0 WHERE id = 1');
    const dirty = () => scalar(db, 'SELECT balances_dirty FROM statement WHERE id = 1');
    clean();
    run(
      db,
      `INSERT INTO bank_transaction (account_id, statement_id, saltedge_id, made_on, amount, currency, status, imported_at, updated_at)
       VALUES (1, 1, 't2', '2025-01-06', 50, 'EUR', 'posted', ?, ?)`,
      [T, T],
    );
    expect(dirty()).toBe(1);
    clean();
    run(db, `UPDATE bank_transaction SET amount = 60 WHERE saltedge_id = 't2'`);
    expect(dirty()).toBe(1);
    clean();
    run(db, `UPDATE bank_transaction SET note = 'n', reviewed = 1 WHERE saltedge_id = 't2'`);
    expect(dirty()).toBe(0); // review/notes do not touch balances
    run(db, `DELETE FROM bank_transaction WHERE saltedge_id = 't2'`);
    expect(dirty()).toBe(1);
    clean();
    run(db, 'UPDATE statement SET opening_balance = 2000 WHERE id = 1');
    expect(dirty()).toBe(1);

    const idx = all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'index'`).map((r) => r.name);
    expect(idx).toEqual(expect.arrayContaining(['bank_transaction_date', 'bank_transaction_statement_date']));
    db.close();
  });
});
