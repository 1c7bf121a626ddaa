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
    const built = buildWhere(filter, { currencies: this.currencies() });
    if (built.params.fts !== undefined) this.statements.refreshSearchIndex();
    return built;
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

  /**
   * Count, money in and money out per currency. Grouped by account first (the covering index
   * `bank_transaction_totals` is in account order, so no sort and no row reads for the usual
   * filters), then by the account's currency.
   */
  totals(filter: TransactionFilter): TransactionTotals {
    const w = this.where(filter);
    const rows = this.ctx.sql.all<{ currency: string; n: number; sum_in: number | null; sum_out: number | null }>(
      `SELECT a.currency AS currency, x.n AS n, x.sum_in AS sum_in, x.sum_out AS sum_out
       FROM (SELECT t.account_id AS account_id, count(*) AS n, sum(max(t.amount, 0)) AS sum_in, sum(min(t.amount, 0)) AS sum_out
             FROM bank_transaction t WHERE ${w.where} GROUP BY t.account_id) AS x
       JOIN account a ON a.id = x.account_id`,
      w.params,
    );
    const by = new Map<string, CurrencyTotals>();
    for (const r of rows) {
      const c = by.get(r.currency) ?? { currency: String(r.currency), count: 0, sumIn: 0, sumOut: 0 };
      c.count += Number(r.n);
      c.sumIn += Number(r.sum_in ?? 0);
      c.sumOut += Number(r.sum_out ?? 0);
      by.set(c.currency, c);
    }
    const byCurrency = [...by.values()].sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
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
        // From the partial index bank_transaction_daily_balance alone: the bare column takes its
        // value from the row with max(id), the day's last booking.
        `SELECT made_on, running_balance AS balance, max(id) AS last_id
         FROM bank_transaction
         WHERE account_id = $account AND status = 'posted' AND running_balance IS NOT NULL
         GROUP BY made_on ORDER BY made_on`,
        { account: accountId },
      )
      .map((r) => ({ date: String(r.made_on), balance: Number(r.balance) }));
  }
}
