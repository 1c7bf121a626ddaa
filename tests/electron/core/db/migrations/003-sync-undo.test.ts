import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../electron/core/db/migrations/index.js';
import { migration003 } from '../../../../../electron/core/db/migrations/003-sync-undo.js';
import { migrate, schemaVersion } from '../../../../../electron/core/db/migrations/run.js';
import { loadSqlJs } from '../../../../../electron/core/db/sqljs.js';
import { all, run } from '../../../../../electron/core/db/sql.js';

async function dbAt(version: number) {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db, MIGRATIONS, version);
  return db;
}

describe('migration 003-sync-undo', () => {
  it('upgrades a version-2 database with data in it and keeps the data', async () => {
    const db = await dbAt(2);
    const t = '2025-01-01T00:00:00.000Z';
    run(db, `INSERT INTO connection (id, saltedge_id, provider_code, provider_name, status, created_at, updated_at) VALUES (1, '111', 'p', 'P', 'active', ?, ?)`, [t, t]);
    run(db, `INSERT INTO account (id, connection_id, saltedge_id, name, currency, account_number, created_at, updated_at) VALUES (1, 1, '222', 'A', 'EUR', '123', ?, ?)`, [t, t]);
    run(db, `INSERT INTO import_run (id, connection_id, "trigger", status, started_at) VALUES (7, 1, 'manual', 'done', ?)`, [t]);
    expect(migration003.version).toBe(3);
    expect(migrate(db, MIGRATIONS, 3)).toEqual({ from: 2, to: 3 });
    expect(schemaVersion(db)).toBe(3);
    expect(all(db, 'SELECT id, account_number FROM account')).toEqual([{ id: 1, account_number: '123' }]);
    expect(all<{ name: string }>(db, `PRAGMA index_info('account_number_currency')`).map((r) => r.name)).toEqual(['account_number', 'currency']);
    db.close();
  });

  it('keeps changes with their run and checks their kind and table', async () => {
    const db = await dbAt(3);
    db.exec('PRAGMA foreign_keys = ON');
    const t = '2025-01-01T00:00:00.000Z';
    run(db, `INSERT INTO import_run (id, connection_id, "trigger", status, started_at) VALUES (7, NULL, 'manual', 'done', ?)`, [t]);
    run(db, `INSERT INTO import_run_change (run_id, table_name, row_id, kind, before_json) VALUES (7, 'bank_transaction', 5, 'deleted', '{}')`);
    expect(() => run(db, `INSERT INTO import_run_change (run_id, table_name, row_id, kind) VALUES (7, 'statement', 5, 'deleted')`)).toThrow(/CHECK/);
    expect(() => run(db, `INSERT INTO import_run_change (run_id, table_name, row_id, kind) VALUES (7, 'account', 5, 'moved')`)).toThrow(/CHECK/);
    expect(() => run(db, `INSERT INTO import_run_change (run_id, table_name, row_id, kind) VALUES (99, 'account', 5, 'inserted')`)).toThrow(/FOREIGN KEY/);
    run(db, 'DELETE FROM import_run WHERE id = 7');
    expect(all(db, 'SELECT * FROM import_run_change')).toEqual([]);
    db.close();
  });
});
