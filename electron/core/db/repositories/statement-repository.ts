import type { SqlValue } from 'sql.js';
import type { AccountSummary, ConnectionGroup, StatementSummary, StatementsTree } from '../../../../shared/contract/statements.js';
import { assertDate, assertMoney, assertMoneyOrNull, num, str, type RepoContext } from './common.js';
import { differenceFromBank } from '../../../../shared/money.js';

export interface StatementInsert {
  accountId: number;
  runId?: number | null;
  periodStart: string;
  periodEnd: string;
  openingBalance: number;
  closingBalance: number;
  bankBalance?: number | null;
  /** Defaults to closingBalance − bankBalance (`differenceFromBank`) when the bank gave a balance. */
  balanceDifference?: number | null;
  lineCount?: number;
}

export interface StatementRecord {
  id: number;
  accountId: number;
  runId: number | null;
  periodStart: string;
  periodEnd: string;
  openingBalance: number;
  closingBalance: number;
  bankBalance: number | null;
  balanceDifference: number | null;
  lineCount: number;
  createdAt: string;
}

/** One `statement` row as a record (shared with the import repository). */
export function statementFromRow(r: Record<string, SqlValue>): StatementRecord {
  return {
    id: Number(r.id),
    accountId: Number(r.account_id),
    runId: num(r.run_id),
    periodStart: String(r.period_start),
    periodEnd: String(r.period_end),
    openingBalance: Number(r.opening_balance),
    closingBalance: Number(r.closing_balance),
    bankBalance: num(r.bank_balance),
    balanceDifference: num(r.balance_difference),
    lineCount: Number(r.line_count),
    createdAt: String(r.created_at),
  };
}

export interface ExportAccountRecord {
  id: number;
  name: string;
  currency: string;
  iban: string | null;
  accountNumber: string | null;
  saltedgeId: string;
  bankName: string;
  nature: string | null;
  bankBalance: number | null;
}

/**
 * Statements for the statements view: the navigation tree with its checks, and the running
 * balance cache (migration 002) that keeps table pages from summing the rows before them.
 */
export class StatementRepository {
  constructor(private readonly ctx: RepoContext) {}

  insert(input: StatementInsert): StatementRecord {
    const bankBalance = assertMoneyOrNull(input.bankBalance, 'bankBalance');
    const closing = assertMoney(input.closingBalance, 'closingBalance');
    const difference =
      input.balanceDifference !== undefined ? assertMoneyOrNull(input.balanceDifference, 'balanceDifference') : differenceFromBank(closing, bankBalance);
    const { lastInsertRowid } = this.ctx.sql.run(
      `INSERT INTO statement (account_id, run_id, period_start, period_end, opening_balance, closing_balance, bank_balance, balance_difference, line_count, created_at)
       VALUES ($account, $run, $start, $end, $opening, $closing, $bank, $diff, $lines, $now)`,
      {
        account: input.accountId,
        run: input.runId ?? null,
        start: assertDate(input.periodStart, 'periodStart'),
        end: assertDate(input.periodEnd, 'periodEnd'),
        opening: assertMoney(input.openingBalance, 'openingBalance'),
        closing,
        bank: bankBalance,
        diff: difference,
        lines: input.lineCount ?? 0,
        now: this.ctx.now(),
      },
    );
    return this.get(lastInsertRowid)!;
  }

  get(id: number): StatementRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM statement WHERE id = ?', [id]);
    return r ? statementFromRow(r) : null;
  }

  listByAccount(accountId: number): StatementRecord[] {
    return this.ctx.sql.all('SELECT * FROM statement WHERE account_id = ? ORDER BY period_end DESC, id DESC', [accountId]).map(statementFromRow);
  }

  /**
   * Recomputes the running balance of every statement whose rows changed since the last call
   * (flagged by the triggers of migration 002). Returns the number of statements refreshed.
   * Cheap when nothing changed (one indexed probe of a small table).
   */
  refreshRunningBalances(): number {
    const dirty = Number(this.ctx.sql.scalar('SELECT count(*) FROM statement WHERE balances_dirty = 1') ?? 0);
    if (dirty === 0) return 0;
    this.ctx.sql.transaction(() => {
      this.ctx.sql.run(
        `UPDATE bank_transaction SET running_balance = r.balance
         FROM (
           SELECT t.id AS id,
                  s.opening_balance + sum(t.amount) OVER (PARTITION BY t.statement_id ORDER BY t.made_on, t.id ROWS UNBOUNDED PRECEDING) AS balance
           FROM statement s JOIN bank_transaction t ON t.statement_id = s.id
           WHERE s.balances_dirty = 1 AND t.status = 'posted'
         ) AS r
         WHERE bank_transaction.id = r.id AND bank_transaction.running_balance IS NOT r.balance`,
      );
      this.ctx.sql.run('UPDATE statement SET balances_dirty = 0 WHERE balances_dirty = 1');
    });
    return dirty;
  }

  /** Every account with what exports print about it. */
  accountsForExport(): ExportAccountRecord[] {
    return this.ctx.sql
      .all(
        `SELECT a.id, a.name, a.currency, a.iban, a.account_number, a.saltedge_id, a.nature, a.bank_balance, c.provider_name
         FROM account a JOIN connection c ON c.id = a.connection_id ORDER BY a.id`,
      )
      .map((r) => ({
        id: Number(r.id),
        name: String(r.name),
        currency: String(r.currency),
        iban: str(r.iban),
        accountNumber: str(r.account_number),
        saltedgeId: String(r.saltedge_id),
        bankName: String(r.provider_name),
        nature: str(r.nature),
        bankBalance: num(r.bank_balance),
      }));
  }

  /**
   * Adds the rows imported since the last search to the search index, in one batch. Cheap when
   * there are none (two indexed look-ups). Returns the number of rows indexed.
   */
  refreshSearchIndex(): number {
    const sql = this.ctx.sql;
    const upto = Number(sql.scalar(`SELECT value FROM statements_view_state WHERE key = 'fts_indexed_upto'`) ?? 0);
    const max = Number(sql.scalar('SELECT max(id) FROM bank_transaction') ?? 0);
    if (max <= upto) return 0;
    return sql.transaction(() => {
      const { changes } = sql.run(
        `INSERT INTO bank_transaction_fts (docid, description, payee, note)
         SELECT id, description, payee, note FROM bank_transaction WHERE id > $upto ORDER BY id`,
        { upto },
      );
      sql.run(`UPDATE statements_view_state SET value = $max WHERE key = 'fts_indexed_upto'`, { max });
      return changes;
    });
  }

  /** Accounts grouped by connection, each with its statements and review counts. */
  tree(): StatementsTree {
    const sql = this.ctx.sql;
    const connections = sql.all<{ id: number; provider_name: string; status: string; deleted_at: string | null }>(
      `SELECT id, provider_name, status, deleted_at FROM connection
       WHERE id IN (SELECT connection_id FROM account) ORDER BY deleted_at IS NOT NULL, provider_name COLLATE NOCASE, id`,
    );
    const accounts = sql.all(`SELECT * FROM account ORDER BY name COLLATE NOCASE, id`);
    // Two passes, each in index order over a covering index (no row reads, no sorting).
    const accountCounts = sql.all<{ account_id: number; visible: number; reviewed: number; pending: number }>(
      `SELECT account_id, count(*) AS visible, sum(reviewed) AS reviewed, sum(status = 'pending') AS pending
       FROM bank_transaction INDEXED BY bank_transaction_totals WHERE ignored = 0 GROUP BY account_id`,
    );
    const statementCounts = sql.all<{ statement_id: number; visible: number; reviewed: number; posted_sum: number }>(
      `SELECT statement_id, sum(ignored = 0) AS visible, sum(ignored = 0 AND reviewed = 1) AS reviewed,
              sum(CASE WHEN status = 'posted' THEN amount ELSE 0 END) AS posted_sum
       FROM bank_transaction INDEXED BY bank_transaction_statement_date WHERE statement_id IS NOT NULL GROUP BY statement_id`,
    );
    const statements = sql.all(`SELECT * FROM statement ORDER BY period_end DESC, id DESC`).map(statementFromRow);

    const byStatement = new Map<number, { visible: number; reviewed: number; postedSum: number }>();
    const byAccount = new Map<number, { visible: number; reviewed: number; pending: number }>();
    for (const c of accountCounts) {
      byAccount.set(Number(c.account_id), { visible: Number(c.visible ?? 0), reviewed: Number(c.reviewed ?? 0), pending: Number(c.pending ?? 0) });
    }
    for (const c of statementCounts) {
      byStatement.set(Number(c.statement_id), { visible: Number(c.visible ?? 0), reviewed: Number(c.reviewed ?? 0), postedSum: Number(c.posted_sum ?? 0) });
    }

    const statementsByAccount = new Map<number, StatementSummary[]>();
    for (const s of statements) {
      const c = byStatement.get(s.id) ?? { visible: 0, reviewed: 0, postedSum: 0 };
      const list = statementsByAccount.get(s.accountId) ?? [];
      list.push({
        id: s.id,
        accountId: s.accountId,
        periodStart: s.periodStart,
        periodEnd: s.periodEnd,
        openingBalance: s.openingBalance,
        closingBalance: s.closingBalance,
        bankBalance: s.bankBalance,
        balanceDifference: s.balanceDifference ?? differenceFromBank(s.closingBalance, s.bankBalance),
        lineCount: c.visible,
        reviewedCount: c.reviewed,
        linesDifference: s.closingBalance - (s.openingBalance + c.postedSum),
      });
      statementsByAccount.set(s.accountId, list);
    }

    const accountsByConnection = new Map<number, AccountSummary[]>();
    for (const r of accounts) {
      const id = Number(r.id);
      const stmts = statementsByAccount.get(id) ?? [];
      const c = byAccount.get(id) ?? { visible: 0, reviewed: 0, pending: 0 };
      const bankBalance = num(r.bank_balance);
      const bookBalance = stmts[0]?.closingBalance ?? null;
      const list = accountsByConnection.get(Number(r.connection_id)) ?? [];
      list.push({
        id,
        connectionId: Number(r.connection_id),
        name: String(r.name),
        nature: str(r.nature),
        currency: String(r.currency),
        iban: str(r.iban),
        accountNumber: str(r.account_number),
        bankBalance,
        bankBalanceAt: str(r.bank_balance_at),
        bookBalance,
        balanceDifference: differenceFromBank(bookBalance, bankBalance),
        transactionCount: c.visible,
        unreviewedCount: c.visible - c.reviewed,
        pendingCount: c.pending,
        statements: stmts,
      });
      accountsByConnection.set(Number(r.connection_id), list);
    }

    const groups: ConnectionGroup[] = connections.map((c) => ({
      id: Number(c.id),
      providerName: String(c.provider_name),
      status: String(c.status),
      deleted: c.deleted_at !== null,
      accounts: accountsByConnection.get(Number(c.id)) ?? [],
    }));
    return { connections: groups };
  }
}
