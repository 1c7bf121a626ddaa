/**
 * SQL of the sync engine (issue 5): what an import run reads and writes, its undo records, and
 * the sync log queries. Everything that changes data is meant to run inside one
 * `store.transaction` per import run; nothing here saves.
 */
import type { SqlValue } from 'sql.js';
import type { Sql } from '../sql.js';
import { assertDate, assertMoney, assertMoneyOrNull, bool, num, str, type RepoContext } from './common.js';
import { statementFromRow, type StatementRecord } from './statement-repository.js';
import type { LocalRow } from '../../sync/planner.js';

/** A stored row as the planner sees it, plus the run that imported it. */
export interface ImportLocalRow extends LocalRow {
  runId: number | null;
}

export interface ImportRowInsert {
  saltedgeId: string;
  madeOn: string;
  amount: number;
  currency: string;
  description: string | null;
  payee: string | null;
  category: string | null;
  status: 'posted' | 'pending';
  raw: string;
  flag: string | null;
  replacedPendingId: number | null;
  reviewed: boolean;
  ignored: boolean;
  note: string | null;
}

export type ImportRowPatch = Partial<{
  madeOn: string;
  amount: number;
  description: string | null;
  payee: string | null;
  category: string | null;
  flag: string | null;
  raw: string;
}>;

const ROW_PATCH_COLUMNS: Record<string, string> = {
  madeOn: 'made_on',
  amount: 'amount',
  description: 'description',
  payee: 'payee',
  category: 'category',
  flag: 'flag',
  raw: 'raw_json',
};

export interface ImportStatementInsert {
  accountId: number;
  runId: number;
  periodStart: string;
  periodEnd: string;
  openingBalance: number;
  closingBalance: number;
  bankBalance: number | null;
  balanceDifference: number | null;
  lineCount: number;
}

/** The columns of `account` an import run may change (the user's choices are never touched). */
export interface ImportAccountPatch {
  saltedgeId?: string;
  name?: string;
  nature?: string | null;
  currency?: string;
  iban?: string | null;
  accountNumber?: string | null;
  bankBalance?: number | null;
  bankBalanceAt?: string | null;
  lastSyncAt?: string | null;
}

const ACCOUNT_PATCH_COLUMNS: Record<keyof ImportAccountPatch, string> = {
  saltedgeId: 'saltedge_id',
  name: 'name',
  nature: 'nature',
  currency: 'currency',
  iban: 'iban',
  accountNumber: 'account_number',
  bankBalance: 'bank_balance',
  bankBalanceAt: 'bank_balance_at',
  lastSyncAt: 'last_sync_at',
};

export interface ImportRunInsert {
  id: number;
  connectionId: number;
  trigger: string;
  status: 'done' | 'failed' | 'cancelled';
  refreshed: boolean;
  startedAt: string;
  finishedAt: string;
  fetched: number;
  added: number;
  updated: number;
  skipped: number;
  errorClass: string | null;
  errorMessage: string | null;
  requestId: string | null;
}

export interface UndoResult {
  removedTransactions: number;
  removedStatements: number;
  /** Rows the run had removed (replaced or vanished pending rows), put back. */
  restoredPending: number;
  /** Rows whose columns the run had changed, written back. */
  revertedRows: number;
  restoredAccounts: number;
  removedAccounts: number;
}

function toLocal(r: SqlValue[]): ImportLocalRow {
  return {
    id: Number(r[0]),
    saltedgeId: String(r[1]),
    status: String(r[2]) as 'posted' | 'pending',
    madeOn: String(r[3]),
    amount: Number(r[4]),
    description: str(r[5]),
    payee: str(r[6]),
    category: str(r[7]),
    reviewed: bool(r[8]),
    ignored: bool(r[9]),
    flag: str(r[10]),
    note: str(r[11]),
    bankId: str(r[12]),
    runId: num(r[13]),
  };
}

/** Runs a query and returns raw value arrays (no per-row objects: fast on large accounts). */
function rows(sql: Sql, query: string, params: SqlValue[]): SqlValue[][] {
  const stmt = sql.db.prepare(query);
  try {
    stmt.bind(params);
    const out: SqlValue[][] = [];
    while (stmt.step()) out.push(stmt.get());
    return out;
  } finally {
    stmt.free();
  }
}

export class ImportRepository {
  constructor(private readonly ctx: RepoContext) {}

  private get sql(): Sql {
    return this.ctx.sql;
  }

  // --- reading what the store holds ----------------------------------------------------------

  /** Latest `made_on` of the account's posted rows (ignored ones included), or null. */
  lastPostedDate(accountId: number): string | null {
    return str(this.sql.scalar(`SELECT max(made_on) FROM bank_transaction WHERE account_id = ? AND status = 'posted'`, [accountId]));
  }

  /** Every pending row of the account, and the posted rows from `fromDate` on (all when null). */
  localRows(accountId: number, fromDate: string | null): ImportLocalRow[] {
    const cols = `id, saltedge_id, status, made_on, amount, description, payee, category, reviewed, ignored, flag, note,
                  CASE WHEN status = 'pending' AND json_valid(raw_json) THEN json_extract(raw_json, '$.extra.id') END, run_id`;
    const q =
      fromDate === null
        ? `SELECT ${cols} FROM bank_transaction WHERE account_id = ?`
        : `SELECT ${cols} FROM bank_transaction WHERE account_id = ? AND (status = 'pending' OR made_on >= ?)`;
    return rows(this.sql, q, fromDate === null ? [accountId] : [accountId, fromDate]).map(toLocal);
  }

  /**
   * Every Salt Edge id stored for the account; with `fromId` (a digit string) only the ids >= it,
   * compared as integers (digit strings: longer is larger, same length compares as text).
   */
  knownIds(accountId: number, fromId?: string): Set<string> {
    const out = new Set<string>();
    const from = fromId !== undefined && /^[1-9]\d*$/.test(fromId) ? fromId : undefined;
    const stmt = this.sql.db.prepare(
      from === undefined
        ? 'SELECT saltedge_id FROM bank_transaction WHERE account_id = ?'
        : `SELECT saltedge_id FROM bank_transaction WHERE account_id = ?1
             AND (length(saltedge_id) > length(?2) OR (length(saltedge_id) = length(?2) AND saltedge_id >= ?2))`,
    );
    try {
      stmt.bind(from === undefined ? [accountId] : [accountId, from]);
      while (stmt.step()) out.add(String(stmt.get()[0]));
    } finally {
      stmt.free();
    }
    return out;
  }

  /** Is this Salt Edge id stored for the account (any status, ignored included)? */
  isKnownId(accountId: number, saltedgeId: string): boolean {
    return this.sql.scalar(`SELECT 1 FROM bank_transaction WHERE account_id = ? AND saltedge_id = ?`, [accountId, saltedgeId]) !== undefined;
  }

  /**
   * The Salt Edge ids a run compares again: every pending row of the account and the posted rows
   * dated from `fromDate` on (the same rows as `localRows`, ids only).
   */
  windowIds(accountId: number, fromDate: string): string[] {
    const out: string[] = [];
    const stmt = this.sql.db.prepare(
      `SELECT saltedge_id FROM bank_transaction WHERE account_id = ?1 AND status = 'pending'
       UNION ALL
       SELECT saltedge_id FROM bank_transaction WHERE account_id = ?1 AND made_on >= ?2 AND status <> 'pending'`,
    );
    try {
      stmt.bind([accountId, fromDate]);
      while (stmt.step()) out.push(String(stmt.get()[0]));
    } finally {
      stmt.free();
    }
    return out;
  }

  latestStatement(accountId: number): StatementRecord | null {
    const r = this.sql.get(`SELECT * FROM statement WHERE account_id = ? ORDER BY period_end DESC, id DESC LIMIT 1`, [accountId]);
    return r ? statementFromRow(r) : null;
  }

  statementsOfRun(runId: number): StatementRecord[] {
    return this.sql.all(`SELECT * FROM statement WHERE run_id = ? ORDER BY account_id, id`, [runId]).map(statementFromRow);
  }

  /** Finds an account of the connection by IBAN or account number with the same currency. */
  findAccountByNumber(connectionId: number, currency: string, iban: string | null, accountNumber: string | null): number | null {
    if (iban) {
      const id = this.sql.scalar(`SELECT id FROM account WHERE connection_id = ? AND currency = ? AND iban = ? ORDER BY id LIMIT 1`, [connectionId, currency, iban]);
      if (id !== undefined && id !== null) return Number(id);
    }
    if (accountNumber) {
      const id = this.sql.scalar(`SELECT id FROM account WHERE connection_id = ? AND currency = ? AND account_number = ? ORDER BY id LIMIT 1`, [
        connectionId,
        currency,
        accountNumber,
      ]);
      if (id !== undefined && id !== null) return Number(id);
    }
    return null;
  }

  // --- writing a run (call inside store.transaction) -----------------------------------------

  nextRunId(): number {
    return Number(this.sql.scalar('SELECT coalesce(max(id), 0) + 1 FROM import_run') ?? 1);
  }

  insertRun(r: ImportRunInsert): void {
    this.sql.run(
      `INSERT INTO import_run (id, connection_id, "trigger", status, refreshed, started_at, finished_at, fetched, added, updated, skipped,
                               error_class, error_message, request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.connectionId, r.trigger, r.status, r.refreshed, r.startedAt, r.finishedAt, r.fetched, r.added, r.updated, r.skipped, r.errorClass, r.errorMessage, r.requestId],
    );
  }

  insertStatement(s: ImportStatementInsert): number {
    return this.sql.run(
      `INSERT INTO statement (account_id, run_id, period_start, period_end, opening_balance, closing_balance, bank_balance, balance_difference,
                              line_count, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        s.accountId,
        s.runId,
        assertDate(s.periodStart, 'periodStart'),
        assertDate(s.periodEnd, 'periodEnd'),
        assertMoney(s.openingBalance, 'openingBalance'),
        assertMoney(s.closingBalance, 'closingBalance'),
        assertMoneyOrNull(s.bankBalance, 'bankBalance'),
        assertMoneyOrNull(s.balanceDifference, 'balanceDifference'),
        s.lineCount,
        this.ctx.now(),
      ],
    ).lastInsertRowid;
  }

  /**
   * Bulk insert with one prepared statement and positional parameters. Posted, non-ignored rows
   * get `statementId`; pending and ignored rows stay out of statements.
   */
  insertRows(accountId: number, runId: number, statementId: number | null, list: readonly ImportRowInsert[]): void {
    if (list.length === 0) return;
    const now = this.ctx.now();
    const stmt = this.sql.db.prepare(
      `INSERT INTO bank_transaction (account_id, statement_id, run_id, saltedge_id, made_on, amount, currency, description, payee, category,
                                     status, reviewed, note, ignored, flag, raw_json, replaced_pending_id, imported_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    try {
      for (const t of list) {
        if (!Number.isSafeInteger(t.amount)) assertMoney(t.amount, 'amount');
        stmt.run([
          accountId,
          t.status === 'posted' && !t.ignored ? statementId : null,
          runId,
          t.saltedgeId,
          t.madeOn,
          t.amount,
          t.currency,
          t.description,
          t.payee,
          t.category,
          t.status,
          t.reviewed ? 1 : 0,
          t.note,
          t.ignored ? 1 : 0,
          t.flag,
          t.raw,
          t.replacedPendingId,
          now,
          now,
        ]);
      }
    } finally {
      stmt.free();
    }
  }

  /** Removes rows, keeping each whole row for the undo of `runId`. */
  deleteRows(runId: number, ids: readonly number[]): void {
    for (const id of ids) {
      const before = this.sql.get('SELECT * FROM bank_transaction WHERE id = ?', [id]);
      if (!before) continue;
      this.recordChange(runId, 'bank_transaction', id, 'deleted', before);
      this.sql.run('DELETE FROM bank_transaction WHERE id = ?', [id]);
    }
  }

  /** Changes some columns of a row, keeping their previous values for the undo of `runId`. */
  updateRow(runId: number, id: number, patch: ImportRowPatch): void {
    const keys = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
    if (keys.length === 0) return;
    const cols = keys.map((k) => ROW_PATCH_COLUMNS[k]!);
    const before = this.sql.get(`SELECT ${cols.join(', ')}, updated_at FROM bank_transaction WHERE id = ?`, [id]);
    if (!before) return;
    this.recordChange(runId, 'bank_transaction', id, 'updated', before);
    const values = keys.map((k) => (patch as Record<string, SqlValue>)[k] ?? null);
    this.sql.run(`UPDATE bank_transaction SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`, [...values, this.ctx.now(), id]);
  }

  /** Changes sync-owned columns of an account (only those that differ), keeping the old values for undo. */
  updateAccount(runId: number, accountId: number, patch: ImportAccountPatch): void {
    const current = this.sql.get('SELECT * FROM account WHERE id = ?', [accountId]);
    if (!current) return;
    const cols: string[] = [];
    const values: SqlValue[] = [];
    const before: Record<string, SqlValue> = {};
    for (const [k, v] of Object.entries(patch) as [keyof ImportAccountPatch, SqlValue | undefined][]) {
      if (v === undefined) continue;
      const col = ACCOUNT_PATCH_COLUMNS[k];
      if (current[col] === v) continue;
      cols.push(col);
      values.push(v);
      before[col] = current[col] ?? null;
    }
    if (cols.length === 0) return;
    before.updated_at = current.updated_at ?? null;
    this.recordChange(runId, 'account', accountId, 'updated', before);
    this.sql.run(`UPDATE account SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`, [...values, this.ctx.now(), accountId]);
  }

  /** Creates an account the connection reports for the first time (disabled: the user chooses). */
  insertAccount(
    runId: number,
    a: { connectionId: number; saltedgeId: string; name: string; nature: string | null; currency: string; iban: string | null; accountNumber: string | null; bankBalance: number | null; bankBalanceAt: string | null },
  ): number {
    const now = this.ctx.now();
    const id = this.sql.run(
      `INSERT INTO account (connection_id, saltedge_id, name, nature, currency, iban, account_number, bank_balance, bank_balance_at, enabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      [a.connectionId, a.saltedgeId, a.name, a.nature, a.currency, a.iban, a.accountNumber, assertMoneyOrNull(a.bankBalance, 'bankBalance'), a.bankBalanceAt, now, now],
    ).lastInsertRowid;
    this.recordChange(runId, 'account', id, 'inserted', null);
    return id;
  }

  private recordChange(runId: number, table: 'bank_transaction' | 'account', rowId: number, kind: 'inserted' | 'updated' | 'deleted', before: unknown): void {
    this.sql.run('INSERT INTO import_run_change (run_id, table_name, row_id, kind, before_json) VALUES (?, ?, ?, ?, ?)', [
      runId,
      table,
      rowId,
      kind,
      before === null ? null : JSON.stringify(before),
    ]);
  }

  // --- undo -------------------------------------------------------------------------------------

  /**
   * Puts back the store as it was before `runId` (call inside a transaction): removes the rows
   * and statements it inserted, re-inserts the rows it removed (a restored pending row takes the
   * current note / review mark / ignored decision of the posted row that had replaced it),
   * writes back the columns it changed, removes the accounts it created. Clears the run's undo
   * records. The caller marks the run undone.
   */
  undoRun(runId: number): UndoResult {
    const changes = this.sql.all<{ id: number; table_name: string; row_id: number; kind: string; before_json: string | null }>(
      'SELECT id, table_name, row_id, kind, before_json FROM import_run_change WHERE run_id = ? ORDER BY id DESC',
      [runId],
    );
    // user decisions on posted rows that replaced pending rows, to carry back
    const carried = new Map<number, { reviewed: SqlValue; note: SqlValue; ignored: SqlValue }>();
    for (const r of this.sql.all<{ replaced_pending_id: number; reviewed: number; note: string | null; ignored: number }>(
      'SELECT replaced_pending_id, reviewed, note, ignored FROM bank_transaction WHERE run_id = ? AND replaced_pending_id IS NOT NULL',
      [runId],
    )) {
      carried.set(Number(r.replaced_pending_id), { reviewed: r.reviewed, note: r.note, ignored: r.ignored });
    }
    const removedTransactions = this.sql.run('DELETE FROM bank_transaction WHERE run_id = ?', [runId]).changes;
    const removedStatements = this.sql.run('DELETE FROM statement WHERE run_id = ?', [runId]).changes;
    let restoredPending = 0;
    let revertedRows = 0;
    let restoredAccounts = 0;
    let removedAccounts = 0;
    for (const c of changes) {
      const before = c.before_json === null ? null : (JSON.parse(c.before_json) as Record<string, SqlValue>);
      if (c.table_name === 'bank_transaction') {
        if (c.kind === 'deleted' && before) {
          const carry = carried.get(c.row_id);
          if (carry) Object.assign(before, carry);
          const cols = Object.keys(before);
          this.sql.run(`INSERT INTO bank_transaction (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((k) => before[k] ?? null));
          restoredPending++;
        } else if (c.kind === 'updated' && before) {
          const cols = Object.keys(before);
          this.sql.run(`UPDATE bank_transaction SET ${cols.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [...cols.map((k) => before[k] ?? null), c.row_id]);
          revertedRows++;
        }
      } else if (c.table_name === 'account') {
        if (c.kind === 'inserted') {
          removedAccounts += this.sql.run('DELETE FROM account WHERE id = ?', [c.row_id]).changes;
        } else if (c.kind === 'updated' && before) {
          const cols = Object.keys(before);
          this.sql.run(`UPDATE account SET ${cols.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [...cols.map((k) => before[k] ?? null), c.row_id]);
          restoredAccounts++;
        }
      }
    }
    this.sql.run('DELETE FROM import_run_change WHERE run_id = ?', [runId]);
    return { removedTransactions, removedStatements, restoredPending, revertedRows, restoredAccounts, removedAccounts };
  }

  /** The newest run of the connection that changed data and is not undone (only it can be undone). */
  latestUndoableRunId(connectionId: number): number | null {
    const id = this.sql.scalar(`SELECT id FROM import_run WHERE connection_id = ? AND status = 'done' ORDER BY id DESC LIMIT 1`, [connectionId]);
    return id === undefined || id === null ? null : Number(id);
  }
}


