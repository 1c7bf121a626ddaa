import type { SqlValue } from 'sql.js';
import type {
  BalancePoint,
  CurrencyTotals,
  TransactionFilter,
  TransactionRow,
  TransactionSort,
  TransactionTotals,
} from '../../../../shared/contract/statements.js';
import { buildOrderBy, buildWhere, ROW_COLUMNS_SQL, type BuiltWhere } from '../../statements/query-builder.js';
import { bool, num, str, type RepoContext } from './common.js';
import type { StatementRepository } from './statement-repository.js';

/** A row with what exports need beyond the table's columns. */
export interface TransactionExportRow extends TransactionRow {
  saltedgeId: string;
}

export function toTransactionRow(r: Record<string, SqlValue>): TransactionRow {
  return {
    id: Number(r.id),
    accountId: Number(r.account_id),
    statementId: num(r.statement_id),
    madeOn: String(r.made_on),
    amount: Number(r.amount),
    currency: String(r.currency),
    description: str(r.description),
    payee: str(r.payee),
    category: str(r.category),
    status: r.status === 'pending' ? 'pending' : 'posted',
    reviewed: bool(r.reviewed),
    note: str(r.note),
    runningBalance: num(r.running_balance),
  };
}

/**
 * The statements view's reads and review writes over `bank_transaction`. Every filter runs in
 * SQL (see statements/query-builder.ts); nothing loads the whole table into memory.
 */
export class TransactionQueryRepository {
  constructor(
    private readonly ctx: RepoContext,
    private readonly statements: StatementRepository,
  ) {}

  /** Currencies of the accounts (small table); decides how a typed amount becomes minor units. */
  private currencies(): string[] {
    return this.ctx.sql.all<{ currency: string }>('SELECT DISTINCT currency FROM account').map((r) => String(r.currency));
  }

  where(filter: TransactionFilter): BuiltWhere {
    return buildWhere(filter, { currencies: this.currencies() });
  }

  page(filter: TransactionFilter, sort: TransactionSort | undefined, offset: number, limit: number): TransactionRow[] {
    this.statements.refreshRunningBalances();
    const w = this.where(filter);
    return this.ctx.sql
      .all(`SELECT ${ROW_COLUMNS_SQL} FROM bank_transaction t WHERE ${w.where} ORDER BY ${buildOrderBy(sort)} LIMIT $limit OFFSET $offset`, {
        ...w.params,
        limit,
        offset,
      })
      .map(toTransactionRow);
  }

  totals(filter: TransactionFilter): TransactionTotals {
    const w = this.where(filter);
    const rows = this.ctx.sql.all<{ currency: string; n: number; sum_in: number | null; sum_out: number | null }>(
      `SELECT t.currency AS currency, count(*) AS n,
              sum(CASE WHEN t.amount > 0 THEN t.amount ELSE 0 END) AS sum_in,
              sum(CASE WHEN t.amount < 0 THEN t.amount ELSE 0 END) AS sum_out
       FROM bank_transaction t WHERE ${w.where} GROUP BY t.currency ORDER BY t.currency`,
      w.params,
    );
    const byCurrency: CurrencyTotals[] = rows.map((r) => ({
      currency: String(r.currency),
      count: Number(r.n),
      sumIn: Number(r.sum_in ?? 0),
      sumOut: Number(r.sum_out ?? 0),
    }));
    return { count: byCurrency.reduce((n, c) => n + c.count, 0), byCurrency };
  }

  /** Every matching row, in order, for exports (an iterator would not help: sql.js is in memory). */
  exportRows(filter: TransactionFilter, sort?: TransactionSort): TransactionExportRow[] {
    this.statements.refreshRunningBalances();
    const w = this.where(filter);
    return this.ctx.sql
      .all(`SELECT ${ROW_COLUMNS_SQL}, t.saltedge_id FROM bank_transaction t WHERE ${w.where} ORDER BY ${buildOrderBy(sort)}`, w.params)
      .map((r) => ({ ...toTransactionRow(r), saltedgeId: String(r.saltedge_id) }));
  }

  get(id: number): TransactionRow | null {
    this.statements.refreshRunningBalances();
    const r = this.ctx.sql.get(`SELECT ${ROW_COLUMNS_SQL} FROM bank_transaction t WHERE t.id = ?`, [id]);
    return r ? toTransactionRow(r) : null;
  }

  /** Marks the listed (visible) rows; returns how many changed. */
  setReviewedByIds(ids: readonly number[], reviewed: boolean): number {
    return this.ctx.sql.run(
      `UPDATE bank_transaction SET reviewed = $reviewed, updated_at = $now
       WHERE id IN (SELECT value FROM json_each($ids)) AND ignored = 0 AND reviewed <> $reviewed`,
      { ids: JSON.stringify(ids), reviewed, now: this.ctx.now() },
    ).changes;
  }

  /** Marks every row matching the filter; returns how many changed. */
  setReviewedByFilter(filter: TransactionFilter, reviewed: boolean): number {
    const w = this.where(filter);
    return this.ctx.sql.run(
      `UPDATE bank_transaction AS t SET reviewed = $reviewedValue, updated_at = $now WHERE ${w.where} AND t.reviewed <> $reviewedValue`,
      { ...w.params, reviewedValue: reviewed, now: this.ctx.now() },
    ).changes;
  }

  /** Sets (or with null/blank clears) a note. Returns false when the row does not exist. */
  setNote(id: number, note: string | null): boolean {
    const value = note === null || note.trim() === '' ? null : note;
    return (
      this.ctx.sql.run('UPDATE bank_transaction SET note = $note, updated_at = $now WHERE id = $id', { id, note: value, now: this.ctx.now() }).changes > 0
    );
  }

  /**
   * Hides rows for good. The row stays in the table (ignored = 1), so its (account_id,
   * saltedge_id) key keeps a later synchronisation from importing it again.
   */
  ignore(ids: readonly number[]): number {
    return this.ctx.sql.run(
      `UPDATE bank_transaction SET ignored = 1, updated_at = $now WHERE id IN (SELECT value FROM json_each($ids)) AND ignored = 0`,
      { ids: JSON.stringify(ids), now: this.ctx.now() },
    ).changes;
  }

  /** Balance at the end of each day with posted statement rows (the day's last row). */
  dailyBalances(accountId: number): BalancePoint[] {
    this.statements.refreshRunningBalances();
    return this.ctx.sql
      .all<{ made_on: string; balance: number }>(
        `SELECT made_on, running_balance AS balance, max(id) AS last_id
         FROM bank_transaction
         WHERE account_id = $account AND status = 'posted' AND statement_id IS NOT NULL AND running_balance IS NOT NULL
         GROUP BY made_on ORDER BY made_on`,
        { account: accountId },
      )
      .map((r) => ({ date: String(r.made_on), balance: Number(r.balance) }));
  }
}
