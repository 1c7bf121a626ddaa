import type { ConsentState } from '../../../shared/contract/index.js';
import type { ConnectionRecord, Store } from '../db/index.js';
import type { SeAccount, SeConnection, SeConsent } from '../saltedge/types.js';

export interface ConfirmedConnection {
  connection: SeConnection;
  consent: SeConsent | null;
  accounts: SeAccount[];
  localCustomerId: number | null;
  /** true for a link made by this app; undefined keeps what is stored. */
  createdByApp: boolean | undefined;
  /** Set when the attempt failed (the connection needs attention); null clears the last error. */
  error: { errorClass: string; message: string } | null;
}

/**
 * Writes a connection confirmed with Salt Edge (and its consent and accounts) in one
 * transaction. Known accounts keep their import setting; new ones arrive switched off, so the
 * user chooses. Returns the local id and the Salt Edge ids of the accounts known before.
 */
export function persistConfirmedConnection(store: Store, c: ConfirmedConnection): { connectionId: number; knownBefore: Set<string> } {
  return store.transaction(() => {
    const repos = store.repos;
    const before = repos.connections.getBySaltEdgeId(c.connection.id);
    const knownBefore = new Set(before && !before.deletedAt ? repos.accounts.listByConnection(before.id).map((a) => a.saltedgeId) : []);
    const conn = repos.connections.upsert({
      saltedgeId: c.connection.id,
      providerCode: c.connection.providerCode,
      providerName: c.connection.providerName,
      countryCode: c.connection.countryCode,
      status: c.connection.status,
      ...(c.localCustomerId !== null ? { customerId: c.localCustomerId } : {}),
      lastSuccessAt: c.connection.lastSuccessAt ?? before?.lastSuccessAt ?? null,
      nextRefreshPossibleAt: c.connection.nextRefreshPossibleAt,
      ...(c.createdByApp !== undefined ? { createdByApp: c.createdByApp } : {}),
      ...(c.consent
        ? {
            consentId: c.consent.id,
            consentExpiresAt: c.consent.expiresAt,
            consentScopes: c.consent.scopes,
            consentFromDate: c.consent.fromDate,
            consentRevokedAt: c.consent.revokedAt,
          }
        : {}),
    });
    repos.connections.setError(conn.id, c.error ? { errorClass: c.error.errorClass, message: c.error.message } : null);
    for (const a of c.accounts) {
      repos.accounts.upsert({
        connectionId: conn.id,
        saltedgeId: a.id,
        name: a.name,
        currency: a.currencyCode,
        nature: a.nature,
        iban: a.extra.iban,
        accountNumber: a.extra.accountNumber,
        bankBalance: a.balance.minor,
        bankBalanceAt: a.updatedAt ?? c.connection.updatedAt,
      });
    }
    return { connectionId: conn.id, knownBefore };
  });
}

/** Records what Salt Edge now says about a connection's status and consent (page refresh, revoke). */
export function updateFromSaltEdge(store: Store, localId: number, conn: SeConnection | null, consent: SeConsent | null): ConnectionRecord | null {
  const repos = store.repos;
  return store.transaction(() => {
    if (conn) {
      repos.connections.update(localId, {
        status: conn.status,
        providerName: conn.providerName,
        nextRefreshPossibleAt: conn.nextRefreshPossibleAt,
        ...(conn.lastSuccessAt ? { lastSuccessAt: conn.lastSuccessAt } : {}),
      });
    }
    if (consent) {
      repos.connections.updateConsent(localId, {
        consentId: consent.id,
        consentExpiresAt: consent.expiresAt,
        consentScopes: consent.scopes,
        consentFromDate: consent.fromDate,
        consentRevokedAt: consent.revokedAt,
      });
    }
    return repos.connections.get(localId);
  });
}

/**
 * The consent's state from what is stored: revoked when revoked before its expiry, expired when
 * the expiry has passed (Salt Edge reports an expired consent as revoked at its expiry time).
 */
export function consentStateOf(
  c: Pick<ConnectionRecord, 'consentId' | 'consentExpiresAt' | 'consentRevokedAt'>,
  now: Date,
  warnDays = 15,
): ConsentState {
  if (!c.consentId && !c.consentExpiresAt) return 'unknown';
  const exp = c.consentExpiresAt ? Date.parse(c.consentExpiresAt) : NaN;
  if (c.consentRevokedAt) {
    const rev = Date.parse(c.consentRevokedAt);
    if (!Number.isNaN(exp) && !Number.isNaN(rev) && rev >= exp - 1000) return 'expired';
    return 'revoked';
  }
  if (!Number.isNaN(exp)) {
    if (exp <= now.getTime()) return 'expired';
    if (exp - now.getTime() <= warnDays * 86_400_000) return 'expiring';
  }
  return 'active';
}
