import { assertDate, assertMoney, type RepoContext } from './common.js';

export type TransactionStatus = 'posted' | 'pending';

export interface TransactionInsert {
  accountId: number;
  saltedgeId: string;
  /** 'YYYY-MM-DD' as Salt Edge sends it. */
  madeOn: string;
  /** Integer minor units (parsed from the JSON number's text, never via float). */
  amount: number;
  currency: string;
  status: TransactionStatus;
  description?: string | null;
  payee?: string | null;
  category?: string | null;
  runId?: number | null;
  statementId?: number | null;
  flag?: string | null;
  replacedPendingId?: number | null;
  /** The transaction as Salt Edge returned it. */
  raw?: unknown;
}

/**
 * Minimal access to `bank_transaction`; the sync and statements modules add their queries.
 * `UNIQUE(account_id, saltedge_id)` is enforced by the schema.
 */
export class TransactionRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** Inserts all rows in one transaction (all or nothing; a duplicate Salt Edge id throws). */
  insertMany(rows: readonly TransactionInsert[]): number {
    const now = this.ctx.now();
    const params = rows.map((t) => ({
      account: t.accountId,
      statement: t.statementId ?? null,
      run: t.runId ?? null,
      se: t.saltedgeId,
      madeOn: assertDate(t.madeOn, 'madeOn'),
      amount: assertMoney(t.amount, 'amount'),
      currency: t.currency,
      description: t.description ?? null,
      payee: t.payee ?? null,
      category: t.category ?? null,
      status: t.status,
      flag: t.flag ?? null,
      raw: t.raw === undefined ? null : JSON.stringify(t.raw),
      replaced: t.replacedPendingId ?? null,
      now,
    }));
    return this.ctx.sql.transaction(() =>
      this.ctx.sql.runMany(
        `INSERT INTO bank_transaction (account_id, statement_id, run_id, saltedge_id, made_on, amount, currency, description, payee, category,
                                       status, flag, raw_json, replaced_pending_id, imported_at, updated_at)
         VALUES ($account, $statement, $run, $se, $madeOn, $amount, $currency, $description, $payee, $category,
                 $status, $flag, $raw, $replaced, $now, $now)`,
        params,
      ),
    );
  }

  countByAccount(accountId: number, opts: { status?: TransactionStatus } = {}): number {
    return Number(
      opts.status
        ? this.ctx.sql.scalar('SELECT count(*) FROM bank_transaction WHERE account_id = ? AND status = ?', [accountId, opts.status])
        : this.ctx.sql.scalar('SELECT count(*) FROM bank_transaction WHERE account_id = ?', [accountId]),
    );
  }
}
