import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-initial.js';
import { migrate, schemaVersion } from '../../../../../electron/core/db/migrations/run.js';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs.js';
import { all, run } from '../../../../../electron/core/db/sql.js';

async function emptyDb() {
  const SQL = await loadSqlJs();
  return new SQL.Database();
}

const names = (db: Awaited<ReturnType<typeof emptyDb>>, type: string): string[] =>
  all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`, [type]).map((r) => r.name);

describe('migration 001-initial', () => {
  it('creates the schema from an empty database and sets user_version 1', async () => {
    const db = await emptyDb();
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, [migration001])).toEqual({ from: 0, to: 1 });
    expect(schemaVersion(db)).toBe(1);
    expect(names(db, 'table')).toEqual([
      'account',
      'bank_transaction',
      'connection',
      'country_cache',
      'customer',
      'import_run',
      'provider_cache',
      'setting',
      'statement',
      'sync_log',
    ]);
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining([
        'account_iban_currency',
        'bank_transaction_account_date',
        'bank_transaction_statement',
        'bank_transaction_account_status',
        'bank_transaction_run',
      ]),
    );
    const txIndex = all<{ name: string }>(db, `PRAGMA index_info('bank_transaction_account_date')`).map((r) => r.name);
    expect(txIndex).toEqual(['account_id', 'made_on', 'id']);
    db.close();
  });

  it('is idempotent: running migrate again does nothing', async () => {
    const db = await emptyDb();
    migrate(db, [migration001]);
    expect(migrate(db, [migration001])).toEqual({ from: 1, to: 1 });
    db.close();
  });

  it('enforces the constraints of the data model', async () => {
    const db = await emptyDb();
    migrate(db, [migration001]);
    db.exec('PRAGMA foreign_keys = ON');
    const t = '2025-01-01T00:00:00.000Z';
    run(db, `INSERT INTO connection (id, saltedge_id, provider_code, provider_name, status, created_at, updated_at) VALUES (1, '111', 'p', 'P', 'active', ?, ?)`, [t, t]);
    run(db, `INSERT INTO account (id, connection_id, saltedge_id, name, currency, created_at, updated_at) VALUES (1, 1, '222', 'A', 'EUR', ?, ?)`, [t, t]);
    const tx = (over: Record<string, unknown>) => () =>
      run(
        db,
        `INSERT INTO bank_transaction (account_id, saltedge_id, made_on, amount, currency, status, statement_id, imported_at, updated_at)
         VALUES ($account_id, $saltedge_id, $made_on, $amount, 'EUR', $status, $statement_id, $t, $t)`,
        { account_id: 1, saltedge_id: 'x', made_on: '2025-01-01', amount: 100, status: 'posted', statement_id: null, t, ...over } as never,
      );
    tx({})();
    expect(tx({})).toThrow(/UNIQUE/); // UNIQUE(account_id, saltedge_id)
    expect(tx({ saltedge_id: 'y', made_on: '2025-1-1' })).toThrow(/CHECK/);
    expect(tx({ saltedge_id: 'y', made_on: '01/02/2025' })).toThrow(/CHECK/);
    expect(tx({ saltedge_id: 'y', amount: 1.5 })).toThrow(/CHECK/);
    expect(tx({ saltedge_id: 'y', amount: '12.5' })).toThrow(/CHECK/);
    expect(tx({ saltedge_id: 'y', amount: 'abc' })).toThrow(/CHECK/);
    expect(tx({ saltedge_id: 'y', amount: null })).toThrow(/NOT NULL/);
    expect(tx({ saltedge_id: 'y', status: 'booked' })).toThrow(/CHECK/);
    expect(tx({ saltedge_id: 'y', account_id: 99 })).toThrow(/FOREIGN KEY/);
    run(db, `INSERT INTO statement (id, account_id, period_start, period_end, opening_balance, closing_balance, created_at) VALUES (1, 1, '2025-01-01', '2025-01-31', 0, 100, ?)`, [t]);
    expect(tx({ saltedge_id: 'p1', status: 'pending', statement_id: 1 })).toThrow(/CHECK/); // pending rows never in a statement
    tx({ saltedge_id: 'p2', status: 'pending' })();
    expect(() =>
      run(db, `INSERT INTO statement (account_id, period_start, period_end, opening_balance, closing_balance, created_at) VALUES (1, '2025-01-01', '2025-01-31', 0.5, 100, ?)`, [t]),
    ).toThrow(/CHECK/);
    // Same Salt Edge transaction id on another account is fine.
    run(db, `INSERT INTO account (id, connection_id, saltedge_id, name, currency, created_at, updated_at) VALUES (2, 1, '333', 'B', 'EUR', ?, ?)`, [t, t]);
    tx({ account_id: 2 })();
    // Deleting the connection cascades to accounts and their rows.
    run(db, 'DELETE FROM connection WHERE id = 1');
    expect(all(db, 'SELECT * FROM bank_transaction')).toHaveLength(0);
    expect(all(db, 'SELECT * FROM statement')).toHaveLength(0);
    db.close();
  });
});
