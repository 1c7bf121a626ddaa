import type { SqlValue } from 'sql.js';
import { assertDate, assertMoneyOrNull, bool, num, str, type RepoContext } from './common.js';

export interface AccountRecord {
  id: number;
  connectionId: number;
  saltedgeId: string;
  name: string;
  nature: string | null;
  currency: string;
  iban: string | null;
  accountNumber: string | null;
  /** The bank's reported balance, integer minor units. */
  bankBalance: number | null;
  bankBalanceAt: string | null;
  /** Imported by synchronisation (the user chose it). New accounts start disabled. */
  enabled: boolean;
  /** 'YYYY-MM-DD': import transactions from this date on. */
  importFrom: string | null;
  lastSyncAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountUpsert {
  connectionId: number;
  saltedgeId: string;
  name: string;
  currency: string;
  nature?: string | null;
  iban?: string | null;
  accountNumber?: string | null;
  bankBalance?: number | null;
  bankBalanceAt?: string | null;
  /** Only applied when given; a new account defaults to disabled. */
  enabled?: boolean;
  importFrom?: string | null;
}

function toAccount(r: Record<string, SqlValue>): AccountRecord {
  return {
    id: Number(r.id),
    connectionId: Number(r.connection_id),
    saltedgeId: String(r.saltedge_id),
    name: String(r.name),
    nature: str(r.nature),
    currency: String(r.currency),
    iban: str(r.iban),
    accountNumber: str(r.account_number),
    bankBalance: num(r.bank_balance),
    bankBalanceAt: str(r.bank_balance_at),
    enabled: bool(r.enabled),
    importFrom: str(r.import_from),
    lastSyncAt: str(r.last_sync_at),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export class AccountRepository {
  constructor(private readonly ctx: RepoContext) {}

  get(id: number): AccountRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM account WHERE id = ?', [id]);
    return r ? toAccount(r) : null;
  }

  getBySaltEdgeId(saltedgeId: string): AccountRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM account WHERE saltedge_id = ?', [saltedgeId]);
    return r ? toAccount(r) : null;
  }

  listByConnection(connectionId: number): AccountRecord[] {
    return this.ctx.sql.all('SELECT * FROM account WHERE connection_id = ? ORDER BY id', [connectionId]).map(toAccount);
  }

  /**
   * All accounts. By default those of connections deleted with statements kept are included
   * (the statements view shows them); `includeDeleted: false` leaves them out.
   */
  list(opts: { includeDeleted?: boolean; enabledOnly?: boolean } = {}): AccountRecord[] {
    const conds: string[] = [];
    if (opts.includeDeleted === false) conds.push('c.deleted_at IS NULL');
    if (opts.enabledOnly) conds.push('a.enabled = 1');
    return this.ctx.sql
      .all(`SELECT a.* FROM account a JOIN connection c ON c.id = a.connection_id ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY a.id`)
      .map(toAccount);
  }

  /**
   * Inserts or updates by Salt Edge id (an account seen under another connection moves to this
   * one). Fields left undefined keep their value. `created` tells new accounts apart (fetch-accounts wizard).
   */
  upsert(input: AccountUpsert): { account: AccountRecord; created: boolean } {
    const bankBalance = assertMoneyOrNull(input.bankBalance, 'bankBalance');
    if (input.importFrom) assertDate(input.importFrom, 'importFrom');
    const now = this.ctx.now();
    const existing = this.getBySaltEdgeId(input.saltedgeId);
    if (!existing) {
      const { lastInsertRowid } = this.ctx.sql.run(
        `INSERT INTO account (connection_id, saltedge_id, name, nature, currency, iban, account_number, bank_balance, bank_balance_at,
                              enabled, import_from, created_at, updated_at)
         VALUES ($conn, $se, $name, $nature, $currency, $iban, $number, $balance, $balanceAt, $enabled, $importFrom, $now, $now)`,
        {
          conn: input.connectionId,
          se: input.saltedgeId,
          name: input.name,
          nature: input.nature ?? null,
          currency: input.currency,
          iban: input.iban ?? null,
          number: input.accountNumber ?? null,
          balance: bankBalance,
          balanceAt: input.bankBalanceAt ?? null,
          enabled: input.enabled ?? false,
          importFrom: input.importFrom ?? null,
          now,
        },
      );
      return { account: this.get(lastInsertRowid)!, created: true };
    }
    const keep = (v: unknown): boolean => v === undefined;
    this.ctx.sql.run(
      `UPDATE account SET
         connection_id = $conn, name = $name, currency = $currency,
         nature = CASE WHEN $keepNature THEN nature ELSE $nature END,
         iban = CASE WHEN $keepIban THEN iban ELSE $iban END,
         account_number = CASE WHEN $keepNumber THEN account_number ELSE $number END,
         bank_balance = CASE WHEN $keepBalance THEN bank_balance ELSE $balance END,
         bank_balance_at = CASE WHEN $keepBalanceAt THEN bank_balance_at ELSE $balanceAt END,
         enabled = CASE WHEN $keepEnabled THEN enabled ELSE $enabled END,
         import_from = CASE WHEN $keepImportFrom THEN import_from ELSE $importFrom END,
         updated_at = $now
       WHERE id = $id`,
      {
        id: existing.id,
        conn: input.connectionId,
        name: input.name,
        currency: input.currency,
        keepNature: keep(input.nature),
        nature: input.nature ?? null,
        keepIban: keep(input.iban),
        iban: input.iban ?? null,
        keepNumber: keep(input.accountNumber),
        number: input.accountNumber ?? null,
        keepBalance: keep(input.bankBalance),
        balance: bankBalance,
        keepBalanceAt: keep(input.bankBalanceAt),
        balanceAt: input.bankBalanceAt ?? null,
        keepEnabled: keep(input.enabled),
        enabled: input.enabled ?? false,
        keepImportFrom: keep(input.importFrom),
        importFrom: input.importFrom ?? null,
        now,
      },
    );
    return { account: this.get(existing.id)!, created: false };
  }

  /** Chooses whether the account is imported, and optionally from which date. */
  setEnabled(id: number, enabled: boolean, importFrom?: string | null): AccountRecord | null {
    if (importFrom) assertDate(importFrom, 'importFrom');
    this.ctx.sql.run(
      `UPDATE account SET enabled = $enabled, import_from = CASE WHEN $keep THEN import_from ELSE $from END, updated_at = $now WHERE id = $id`,
      { id, enabled, keep: importFrom === undefined, from: importFrom ?? null, now: this.ctx.now() },
    );
    return this.get(id);
  }

  updateBalance(id: number, bankBalance: number | null, at: string | null): void {
    this.ctx.sql.run('UPDATE account SET bank_balance = ?, bank_balance_at = ?, updated_at = ? WHERE id = ?', [
      assertMoneyOrNull(bankBalance, 'bankBalance'),
      at,
      this.ctx.now(),
      id,
    ]);
  }

  markSynced(id: number, at: string = this.ctx.now()): void {
    this.ctx.sql.run('UPDATE account SET last_sync_at = ?, updated_at = ? WHERE id = ?', [at, this.ctx.now(), id]);
  }
}
