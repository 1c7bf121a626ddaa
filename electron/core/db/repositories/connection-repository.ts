import type { SqlValue } from 'sql.js';
import type { SqlParam } from '../sql.js';
import { bool, buildPatch, parseJson, str, type RepoContext } from './common.js';

/** Salt Edge's connection status, plus 'deleted' for a connection deleted here with its statements kept. */
export type ConnectionStatus = 'active' | 'inactive' | 'disabled' | 'deleted' | (string & {});

export interface ConnectionRecord {
  id: number;
  saltedgeId: string;
  customerId: number | null;
  providerCode: string;
  providerName: string;
  countryCode: string | null;
  status: ConnectionStatus;
  consentId: string | null;
  consentExpiresAt: string | null;
  consentScopes: string[];
  consentFromDate: string | null;
  consentRevokedAt: string | null;
  lastSuccessAt: string | null;
  nextRefreshPossibleAt: string | null;
  lastErrorClass: string | null;
  lastErrorMessage: string | null;
  lastRequestId: string | null;
  createdByApp: boolean;
  /** Set when the user deleted the connection but kept its statements (see `delete`). */
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionFields {
  customerId?: number | null;
  providerCode?: string;
  providerName?: string;
  countryCode?: string | null;
  status?: ConnectionStatus;
  consentId?: string | null;
  consentExpiresAt?: string | null;
  consentScopes?: readonly string[] | null;
  consentFromDate?: string | null;
  consentRevokedAt?: string | null;
  lastSuccessAt?: string | null;
  nextRefreshPossibleAt?: string | null;
  lastErrorClass?: string | null;
  lastErrorMessage?: string | null;
  lastRequestId?: string | null;
  createdByApp?: boolean;
}

export interface ConnectionUpsert extends ConnectionFields {
  saltedgeId: string;
  providerCode: string;
  providerName: string;
  status: ConnectionStatus;
}

const COLUMNS: Record<string, string> = {
  customerId: 'customer_id',
  providerCode: 'provider_code',
  providerName: 'provider_name',
  countryCode: 'country_code',
  status: 'status',
  consentId: 'consent_id',
  consentExpiresAt: 'consent_expires_at',
  consentScopes: 'consent_scopes',
  consentFromDate: 'consent_from_date',
  consentRevokedAt: 'consent_revoked_at',
  lastSuccessAt: 'last_success_at',
  nextRefreshPossibleAt: 'next_refresh_possible_at',
  lastErrorClass: 'last_error_class',
  lastErrorMessage: 'last_error_message',
  lastRequestId: 'last_request_id',
  createdByApp: 'created_by_app',
};

const convert = (key: string, value: unknown): SqlParam =>
  key === 'consentScopes' ? JSON.stringify(value) : key === 'createdByApp' ? (value ? 1 : 0) : (value as SqlParam);

function toConnection(r: Record<string, SqlValue>): ConnectionRecord {
  return {
    id: Number(r.id),
    saltedgeId: String(r.saltedge_id),
    customerId: r.customer_id === null ? null : Number(r.customer_id),
    providerCode: String(r.provider_code),
    providerName: String(r.provider_name),
    countryCode: str(r.country_code),
    status: String(r.status),
    consentId: str(r.consent_id),
    consentExpiresAt: str(r.consent_expires_at),
    consentScopes: parseJson<string[]>(r.consent_scopes, []),
    consentFromDate: str(r.consent_from_date),
    consentRevokedAt: str(r.consent_revoked_at),
    lastSuccessAt: str(r.last_success_at),
    nextRefreshPossibleAt: str(r.next_refresh_possible_at),
    lastErrorClass: str(r.last_error_class),
    lastErrorMessage: str(r.last_error_message),
    lastRequestId: str(r.last_request_id),
    createdByApp: bool(r.created_by_app),
    deletedAt: str(r.deleted_at),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export class ConnectionRepository {
  constructor(private readonly ctx: RepoContext) {}

  get(id: number): ConnectionRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM connection WHERE id = ?', [id]);
    return r ? toConnection(r) : null;
  }

  getBySaltEdgeId(saltedgeId: string): ConnectionRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM connection WHERE saltedge_id = ?', [saltedgeId]);
    return r ? toConnection(r) : null;
  }

  /** Connections, oldest first; deleted-but-kept ones only with `includeDeleted`. */
  list(opts: { includeDeleted?: boolean } = {}): ConnectionRecord[] {
    const where = opts.includeDeleted ? '' : 'WHERE deleted_at IS NULL';
    return this.ctx.sql.all(`SELECT * FROM connection ${where} ORDER BY id`).map(toConnection);
  }

  /**
   * Inserts or updates by Salt Edge id. On update, fields left undefined keep their value. A
   * connection that was deleted here with its statements kept comes back (deleted_at cleared).
   */
  upsert(input: ConnectionUpsert): ConnectionRecord {
    const { saltedgeId, ...fields } = input;
    const now = this.ctx.now();
    const existing = this.getBySaltEdgeId(saltedgeId);
    if (!existing) {
      const { lastInsertRowid } = this.ctx.sql.run(
        `INSERT INTO connection (saltedge_id, provider_code, provider_name, status, created_by_app, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [saltedgeId, input.providerCode, input.providerName, input.status, input.createdByApp === false ? 0 : 1, now, now],
      );
      this.update(lastInsertRowid, fields);
      return this.get(lastInsertRowid)!;
    }
    this.ctx.sql.run('UPDATE connection SET deleted_at = NULL WHERE id = ?', [existing.id]);
    this.update(existing.id, fields);
    return this.get(existing.id)!;
  }

  /** Updates the given fields (undefined = unchanged, null = cleared) and `updated_at`. */
  update(id: number, patch: ConnectionFields): ConnectionRecord | null {
    const { set, params } = buildPatch(patch as Record<string, unknown>, COLUMNS, convert);
    this.ctx.sql.run(`UPDATE connection SET ${set ? `${set}, ` : ''}updated_at = $now WHERE id = $id`, { ...params, now: this.ctx.now(), id });
    return this.get(id);
  }

  updateStatus(id: number, s: Pick<ConnectionFields, 'status' | 'lastSuccessAt' | 'nextRefreshPossibleAt'>): ConnectionRecord | null {
    return this.update(id, { status: s.status, lastSuccessAt: s.lastSuccessAt, nextRefreshPossibleAt: s.nextRefreshPossibleAt });
  }

  updateConsent(
    id: number,
    c: Pick<ConnectionFields, 'consentId' | 'consentExpiresAt' | 'consentScopes' | 'consentFromDate' | 'consentRevokedAt'>,
  ): ConnectionRecord | null {
    return this.update(id, {
      consentId: c.consentId,
      consentExpiresAt: c.consentExpiresAt,
      consentScopes: c.consentScopes,
      consentFromDate: c.consentFromDate,
      consentRevokedAt: c.consentRevokedAt,
    });
  }

  /** Records the last error (class, message for the user, request id), or clears it with null. */
  setError(id: number, error: { errorClass: string; message: string; requestId?: string | null } | null): ConnectionRecord | null {
    return this.update(id, {
      lastErrorClass: error?.errorClass ?? null,
      lastErrorMessage: error?.message ?? null,
      lastRequestId: error?.requestId ?? null,
    });
  }

  /**
   * Deletes a connection here (the caller revokes the consent at Salt Edge first).
   * - `keepStatements: false`: the connection row goes, and with it (ON DELETE CASCADE) its
   *   accounts, transactions, statements and import runs; sync-log rows lose their references.
   * - `keepStatements: true`: the row stays as a tombstone (`status = 'deleted'`,
   *   `deleted_at` set, hidden from `list()`), its accounts stay attached but disabled so they
   *   are never synchronised again, and all statements/transactions stay readable. Upserting
   *   the same Salt Edge id later brings it back.
   */
  delete(id: number, opts: { keepStatements: boolean }): boolean {
    return this.ctx.sql.transaction(() => {
      if (!opts.keepStatements) return this.ctx.sql.run('DELETE FROM connection WHERE id = ?', [id]).changes > 0;
      const now = this.ctx.now();
      const n = this.ctx.sql.run(`UPDATE connection SET status = 'deleted', deleted_at = ?, updated_at = ? WHERE id = ?`, [now, now, id]).changes;
      this.ctx.sql.run('UPDATE account SET enabled = 0, updated_at = ? WHERE connection_id = ?', [now, id]);
      return n > 0;
    });
  }
}
