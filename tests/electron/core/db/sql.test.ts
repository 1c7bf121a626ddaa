import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../../electron/core/db/sqljs.js';
import { all, createSql, get, run, runMany, scalar } from '../../../../electron/core/db/index.js';

describe('sql helpers', () => {
  it('all/get/run/scalar/runMany with positional and named parameters', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    run(db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, flag INTEGER)');
    const r = run(db, 'INSERT INTO t (name, n, flag) VALUES (?, ?, ?)', ['a', 1, true]);
    expect(r).toEqual({ changes: 1, lastInsertRowid: 1 });
    run(db, 'INSERT INTO t (name, n, flag) VALUES ($name, $n, $flag)', { name: 'b', n: 2, flag: false });
    run(db, 'INSERT INTO t (name, n, flag) VALUES ($name, $n, $flag)', { $name: 'c', n: undefined, flag: 0 });
    expect(runMany(db, 'INSERT INTO t (name, n) VALUES (?, ?)', [['d', 4], ['e', 5]])).toBe(2);
    expect(all(db, 'SELECT name, n, flag FROM t WHERE id <= 3 ORDER BY id')).toEqual([
      { name: 'a', n: 1, flag: 1 },
      { name: 'b', n: 2, flag: 0 },
      { name: 'c', n: null, flag: 0 },
    ]);
    expect(get(db, 'SELECT name FROM t WHERE n = ?', [5])).toEqual({ name: 'e' });
    expect(get(db, 'SELECT name FROM t WHERE n = ?', [99])).toBeUndefined();
    expect(scalar(db, 'SELECT count(*) FROM t')).toBe(5);
    expect(run(db, 'UPDATE t SET n = 0 WHERE n IS NOT NULL').changes).toBe(4);
    db.close();
  });

  it('createSql.transaction nests with savepoints and reports inTransaction', async () => {
    const SQL = await loadSqlJs();
    const sql = createSql(new SQL.Database());
    sql.run('CREATE TABLE t (x INTEGER)');
    sql.transaction(() => {
      expect(sql.inTransaction).toBe(true);
      sql.run('INSERT INTO t VALUES (1)');
      try {
        sql.transaction(() => {
          sql.run('INSERT INTO t VALUES (2)');
          throw new Error('undo 2');
        });
      } catch {
        /* expected */
      }
    });
    expect(sql.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
    expect(sql.inTransaction).toBe(false);
    sql.db.close();
  });
});
