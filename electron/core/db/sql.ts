import type { Database, SqlValue } from 'sql.js';

/** A bindable value. Booleans are stored as 0/1; bigint is accepted for 64-bit integers. */
export type SqlParam = SqlValue | bigint | boolean | undefined;
/**
 * Positional (`?`) parameters as an array, or named parameters as an object: write `$name`
 * in SQL and `{ name: … }` in the object (keys already starting with `$`, `:` or `@` pass as-is).
 * `undefined` binds as NULL.
 */
export type SqlParams = readonly SqlParam[] | Readonly<Record<string, SqlParam>>;
export type Row = Record<string, SqlValue>;

export interface RunResult {
  /** Rows changed by this statement. */
  changes: number;
  /** rowid of the last inserted row (meaningful after an INSERT). */
  lastInsertRowid: number;
}

function toBind(v: SqlParam): SqlValue {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return v as unknown as SqlValue;
    return Number(v);
  }
  return v;
}

function bindParams(params: SqlParams | undefined): SqlValue[] | Record<string, SqlValue> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return (params as readonly SqlParam[]).map(toBind);
  const out: Record<string, SqlValue> = {};
  for (const [k, v] of Object.entries(params as Record<string, SqlParam>)) {
    out[/^[$:@]/.test(k) ? k : `$${k}`] = toBind(v);
  }
  return out;
}

/** All rows of a query, as objects keyed by column name. */
export function all<T extends object = Row>(db: Database, sql: string, params?: SqlParams): T[] {
  const stmt = db.prepare(sql);
  try {
    const b = bindParams(params);
    if (b) stmt.bind(b);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}

/** The first row of a query, or undefined. */
export function get<T extends object = Row>(db: Database, sql: string, params?: SqlParams): T | undefined {
  const stmt = db.prepare(sql);
  try {
    const b = bindParams(params);
    if (b) stmt.bind(b);
    return stmt.step() ? (stmt.getAsObject() as T) : undefined;
  } finally {
    stmt.free();
  }
}

/** Runs one statement (INSERT/UPDATE/DELETE/DDL). */
export function run(db: Database, sql: string, params?: SqlParams): RunResult {
  const stmt = db.prepare(sql);
  try {
    const b = bindParams(params);
    stmt.run(b);
  } finally {
    stmt.free();
  }
  const changes = db.getRowsModified();
  const last = db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0];
  return { changes, lastInsertRowid: typeof last === 'number' ? last : Number(last ?? 0) };
}

/** The value of a single-column, single-row query (e.g. `SELECT count(*) …`). */
export function scalar<T extends SqlValue = SqlValue>(db: Database, sql: string, params?: SqlParams): T | undefined {
  const stmt = db.prepare(sql);
  try {
    const b = bindParams(params);
    if (b) stmt.bind(b);
    return stmt.step() ? (stmt.get()[0] as T) : undefined;
  } finally {
    stmt.free();
  }
}

/**
 * One prepared statement run many times (bulk inserts). Call inside `store.transaction`.
 * Returns the sum of changes.
 */
export function runMany(db: Database, sql: string, rows: Iterable<SqlParams>): number {
  const stmt = db.prepare(sql);
  let changes = 0;
  try {
    for (const p of rows) {
      stmt.run(bindParams(p));
      changes += db.getRowsModified();
    }
  } finally {
    stmt.free();
  }
  return changes;
}

/** Bound helpers for one database (what repositories receive). */
export interface Sql {
  readonly db: Database;
  all<T extends object = Row>(sql: string, params?: SqlParams): T[];
  get<T extends object = Row>(sql: string, params?: SqlParams): T | undefined;
  run(sql: string, params?: SqlParams): RunResult;
  scalar<T extends SqlValue = SqlValue>(sql: string, params?: SqlParams): T | undefined;
  runMany(sql: string, rows: Iterable<SqlParams>): number;
  /** True inside `transaction(fn)`. */
  readonly inTransaction: boolean;
  /** BEGIN/COMMIT/ROLLBACK; nested calls use savepoints. `fn` must be synchronous. */
  transaction<T>(fn: () => T): T;
}

export function createSql(db: Database): Sql {
  let depth = 0;
  let seq = 0;
  const transaction = <T>(fn: () => T): T => {
    const sp = depth === 0 ? null : `lsc_sp_${++seq}`;
    db.exec(sp ? `SAVEPOINT ${sp}` : 'BEGIN');
    depth++;
    let result: T;
    try {
      result = fn();
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new TypeError('store.transaction(fn): fn must be synchronous (sql.js has one connection; do network I/O outside the transaction).');
      }
    } catch (err) {
      depth--;
      try {
        db.exec(sp ? `ROLLBACK TO ${sp}; RELEASE ${sp}` : 'ROLLBACK');
      } catch {
        /* the error that caused the rollback is the one to report */
      }
      throw err;
    }
    depth--;
    try {
      db.exec(sp ? `RELEASE ${sp}` : 'COMMIT');
    } catch (err) {
      try {
        db.exec(sp ? `ROLLBACK TO ${sp}; RELEASE ${sp}` : 'ROLLBACK');
      } catch {
        /* already rolled back */
      }
      throw err;
    }
    return result;
  };
  return {
    db,
    get inTransaction() {
      return depth > 0;
    },
    all: (sql, params) => all(db, sql, params),
    get: (sql, params) => get(db, sql, params),
    run: (sql, params) => run(db, sql, params),
    scalar: (sql, params) => scalar(db, sql, params),
    runMany: (sql, rows) => runMany(db, sql, rows),
    transaction,
  };
}
