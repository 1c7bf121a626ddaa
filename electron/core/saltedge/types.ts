/**
 * Version-independent domain types returned by the Salt Edge client (camelCase). Ids are
 * strings (Salt Edge ids are 64-bit); money is integer minor units (see shared/money.ts) with
 * the exact decimal text kept next to it; `YYYY-MM-DD` dates stay strings; datetimes are ISO
 * strings as Salt Edge sent them.
 */

export type SeConsentScope = 'accounts' | 'transactions' | 'holder_info';
export type SeFetchScope = 'accounts' | 'transactions' | 'holder_info' | 'balance';
export type SeConnectionStatus = 'active' | 'inactive' | 'disabled';

/** An amount in a currency: integer minor units plus the exact decimal text Salt Edge sent. */
export interface SeMoney {
  minor: number;
  /** The JSON number's text as received, e.g. "-12.5" or "1e3". */
  text: string;
}

export interface SeCustomer {
  id: string;
  identifier: string;
  blockedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface SeAttempt {
  id: string;
  successAt: string | null;
  failAt: string | null;
  failErrorClass: string | null;
  failMessage: string | null;
  finished: boolean;
  finishedRecent: boolean;
  fetchScopes: string[];
  fromDate: string | null;
  toDate: string | null;
  partial: boolean;
  storeCredentials: boolean | null;
  userPresent: boolean | null;
  /** `last_stage.name`: start, connect, interactive, fetch_accounts, …, finish. */
  lastStage: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface SeConnection {
  id: string;
  customerId: string;
  customerIdentifier: string | null;
  providerCode: string;
  providerName: string;
  countryCode: string;
  status: SeConnectionStatus;
  categorization: string | null;
  automaticRefresh: boolean | null;
  nextRefreshPossibleAt: string | null;
  lastConsentId: string | null;
  lastAttempt: SeAttempt | null;
  /** v6 has no `last_success_at`: this is `last_attempt.success_at`. */
  lastSuccessAt: string | null;
  holderInfo: unknown;
  createdAt: string | null;
  updatedAt: string | null;
}

export type SeConsentState = 'active' | 'revoked' | 'expired';

export interface SeConsent {
  id: string;
  connectionId: string | null;
  customerId: string | null;
  scopes: string[];
  periodDays: number | null;
  expiresAt: string | null;
  fromDate: string | null;
  toDate: string | null;
  collectedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface SeAccountExtra {
  iban: string | null;
  accountNumber: string | null;
  swift: string | null;
  clientName: string | null;
  holderName: string | null;
  availableAmount: SeMoney | null;
  transactionsCount: { posted: number; pending: number } | null;
}

export interface SeAccount {
  id: string;
  connectionId: string;
  name: string;
  nature: string;
  currencyCode: string;
  /** Minor-unit digits of `currencyCode` used for `balance`. */
  exponent: number;
  balance: SeMoney;
  extra: SeAccountExtra;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface SeTransactionExtra {
  /** Bank-side id. */
  bankId: string | null;
  recordNumber: string | null;
  payee: string | null;
  payer: string | null;
  additional: string | null;
  information: string | null;
  postingDate: string | null;
  time: string | null;
  accountBalanceSnapshot: SeMoney | null;
  possibleDuplicate: boolean | null;
}

export interface SeTransaction {
  id: string;
  accountId: string;
  /** `YYYY-MM-DD`, bank-local: never turn into a Date. */
  madeOn: string;
  amount: SeMoney;
  currencyCode: string;
  exponent: number;
  description: string;
  category: string | null;
  mode: string;
  status: 'posted' | 'pending';
  duplicated: boolean;
  extra: SeTransactionExtra;
  /** The row exactly as received (lossless JSON text), for the `raw` column. */
  raw: string;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface SeProvider {
  code: string;
  name: string;
  countryCode: string;
  mode: string;
  status: string;
  interactive: boolean;
  automaticFetch: boolean;
  maxConsentDays: number | null;
  supportedFetchScopes: string[];
  supportedAccountNatures: string[];
  regulated: boolean;
  /** Minutes between refreshes. */
  refreshTimeout: number | null;
  homeUrl: string | null;
  logoUrl: string | null;
  identificationMode: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface SeCountry {
  code: string;
  name: string;
  refreshStartTime: number | null;
}

export interface SeConnectSession {
  connectUrl: string;
  expiresAt: string;
  customerId: string | null;
}

export interface SeRemoved {
  id: string;
  removed: boolean;
}

export interface SeCustomerDeleted {
  id: string;
  deleted: boolean;
}

// ---- inputs ---------------------------------------------------------------------------------

export interface SeConsentInput {
  scopes: SeConsentScope[];
  /** `YYYY-MM-DD`. */
  fromDate: string;
  toDate?: string;
  /** Days the consent lasts; omitted or null = as long as the provider allows. */
  periodDays?: number | null;
}

export interface CreateConnectSessionInput {
  customerId: string;
  providerCode?: string;
  consent: SeConsentInput;
  /** Where Connect sends the browser when done (the app's loopback / intercepted URL). */
  returnTo: string;
  /** `YYYY-MM-DD`; defaults to the consent's from date at Salt Edge. */
  fetchFromDate?: string;
  /** Defaults to the consent scopes. */
  fetchScopes?: SeFetchScope[];
  locale?: string;
  allowedCountries?: string[];
  customFields?: Record<string, unknown>;
  storeCredentials?: boolean;
  automaticRefresh?: boolean;
  disableProviderSearch?: boolean;
  theme?: 'default' | 'dark';
  javascriptCallbackType?: 'iframe' | 'post_message';
}

export interface CreateReconnectSessionInput {
  consent: SeConsentInput;
  returnTo: string;
  fetchFromDate?: string;
  fetchScopes?: SeFetchScope[];
  locale?: string;
  customFields?: Record<string, unknown>;
  overrideCredentialsStrategy?: 'ask' | 'override';
}

export interface CreateRefreshSessionInput {
  returnTo: string;
  fetchFromDate?: string;
  fetchScopes?: SeFetchScope[];
  locale?: string;
  customFields?: Record<string, unknown>;
}

export interface BackgroundRefreshInput {
  fetchFromDate?: string;
  fetchScopes?: SeFetchScope[];
}

export type ListConsentsFilter = { connectionId: string } | { customerId: string };

export interface ListTransactionsInput {
  connectionId: string;
  accountId: string;
  /** true: only pending rows; false/omitted: posted rows. */
  pending?: boolean;
  /** Rows per page (Salt Edge max 1000; default 1000). */
  perPage?: number;
  /**
   * Start at this Salt Edge id (sent as `from_id` on the first request; later pages follow
   * `meta.next_id`). Salt Edge assigns ids in increasing order as it stores rows and lists rows
   * with id >= from_id, so a known id skips everything stored before it. A digit string.
   */
  fromId?: string;
  signal?: AbortSignal;
}

export interface SePage<T> {
  items: T[];
  /** 1-based page number. */
  page: number;
  /** Rows received so far, this page included. */
  total: number;
  /** Cursor for the next page; null on the last page. */
  nextId: string | null;
}

/** A consent's state at `nowMs` (revoked if revoked_at, expired if expires_at has passed). */
export function consentState(consent: Pick<SeConsent, 'revokedAt' | 'expiresAt' | 'revokeReason'>, nowMs: number = Date.now()): SeConsentState {
  if (consent.revokedAt) return consent.revokeReason === 'expired' ? 'expired' : 'revoked';
  if (consent.expiresAt) {
    const t = Date.parse(consent.expiresAt);
    if (!Number.isNaN(t) && t <= nowMs) return 'expired';
  }
  return 'active';
}
