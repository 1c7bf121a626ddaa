import type { ConnectionAccountView, ConnectionHealth, ConnectionView } from '../../../shared/contract/index.js';
import type { AccountRecord, ConnectionRecord } from '../db/index.js';
import { describeSaltEdgeError } from '../saltedge/errors.js';
import { consentStateOf } from './persist.js';

const DAY_MS = 86_400_000;

/** A stored connection as the Online Synchronization page shows it. */
export function toConnectionView(c: ConnectionRecord, accounts: AccountRecord[], now: Date): ConnectionView {
  const consentState = consentStateOf(c, now);
  const exp = c.consentExpiresAt ? Date.parse(c.consentExpiresAt) : NaN;
  const problem = c.lastErrorClass
    ? (() => {
        const d = describeSaltEdgeError(c.lastErrorClass, { nextRefreshAt: c.nextRefreshPossibleAt });
        return { errorClass: c.lastErrorClass, title: d.title, message: c.lastErrorMessage ?? d.message, requestId: c.lastRequestId, action: d.action };
      })()
    : null;
  const { health, reason } = healthOf(c, consentState, problem?.title ?? null);
  return {
    id: c.id,
    saltedgeId: c.saltedgeId,
    providerCode: c.providerCode,
    providerName: c.providerName,
    countryCode: c.countryCode,
    status: c.status,
    health,
    healthReason: reason,
    lastSuccessAt: c.lastSuccessAt,
    nextRefreshPossibleAt: c.nextRefreshPossibleAt,
    consent: {
      id: c.consentId,
      state: consentState,
      expiresAt: c.consentExpiresAt,
      daysLeft: Number.isNaN(exp) ? null : Math.floor((exp - now.getTime()) / DAY_MS),
      scopes: c.consentScopes,
      fromDate: c.consentFromDate,
      revokedAt: c.consentRevokedAt,
    },
    problem,
    createdByApp: c.createdByApp,
    accounts: accounts.map(toAccountView),
  };
}

function healthOf(c: ConnectionRecord, consent: ReturnType<typeof consentStateOf>, problem: string | null): { health: ConnectionHealth; reason: string | null } {
  if (consent === 'revoked') return { health: 'disconnected', reason: 'The consent was revoked: Salt Edge no longer reads this bank. Use Update credentials to give a new consent.' };
  if (c.status === 'disabled') return { health: 'disconnected', reason: 'Salt Edge disabled this connection. Link the bank again.' };
  if (consent === 'expired') return { health: 'needs-attention', reason: 'The consent has expired. Use Update credentials to renew it.' };
  if (c.status === 'inactive') return { health: 'needs-attention', reason: problem ?? 'The connection is inactive at Salt Edge. Use Update credentials to reactivate it.' };
  if (problem) return { health: 'needs-attention', reason: problem };
  return { health: 'active', reason: null };
}

export function toAccountView(a: AccountRecord): ConnectionAccountView {
  return {
    id: a.id,
    saltedgeId: a.saltedgeId,
    name: a.name,
    nature: a.nature,
    currency: a.currency,
    iban: a.iban,
    accountNumber: a.accountNumber,
    bankBalance: a.bankBalance,
    bankBalanceAt: a.bankBalanceAt,
    enabled: a.enabled,
    importFrom: a.importFrom,
    lastSyncAt: a.lastSyncAt,
  };
}
