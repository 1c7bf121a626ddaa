/**
 * The v6 JSON shapes of the sandbox's records (WIRE-v6.md) and id-ordered pagination.
 * Amounts are RawJson number text (see money.ts); ids are digit strings compared as bigint.
 */
import { BANKS, COUNTRY_NAMES, syntheticRow, type BankDef } from './banks.js';
import { consentState } from './bank-engine.js';
import { amountJson } from './money.js';
import type { StoredAccount, StoredAttempt, StoredConnection, StoredConsent, StoredCustomer, StoredTransaction, Store } from './state.js';

const PROVIDER_CREATED_AT = '2020-01-15T09:00:00Z';

export function customerView(c: StoredCustomer) {
  return { customer_id: c.id, identifier: c.identifier, blocked_at: null, created_at: c.createdAt, updated_at: c.updatedAt };
}

export function attemptView(a: StoredAttempt) {
  const finished = a.successAt !== null || a.failAt !== null;
  return {
    id: a.id,
    success_at: a.successAt,
    fail_at: a.failAt,
    fail_error_class: a.failErrorClass,
    fail_message: a.failMessage,
    finished,
    finished_recent: finished,
    fetch_scopes: a.fetchScopes,
    from_date: a.fromDate,
    to_date: a.toDate,
    partial: false,
    store_credentials: a.storeCredentials,
    user_present: a.userPresent,
    last_stage: { name: finished ? 'finish' : 'start' },
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function connectionView(store: Store, c: StoredConnection) {
  const bank = BANKS.find((b) => b.code === c.providerCode);
  return {
    id: c.id,
    customer_id: c.customerId,
    customer_identifier: store.customers.get(c.customerId)?.identifier ?? null,
    provider_code: c.providerCode,
    provider_name: bank?.name ?? c.providerCode,
    country_code: bank?.countryCode ?? 'XF',
    status: c.status,
    categorization: 'personal',
    automatic_refresh: c.automaticRefresh,
    next_refresh_possible_at: c.nextRefreshPossibleAt,
    last_consent_id: c.lastConsentId,
    last_attempt: attemptView(c.lastAttempt),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function consentView(c: StoredConsent, now: Date) {
  const expired = consentState(c, now) === 'expired';
  return {
    id: c.id,
    connection_id: c.connectionId,
    customer_id: c.customerId,
    scopes: c.scopes,
    period_days: c.periodDays,
    expires_at: c.expiresAt,
    from_date: c.fromDate,
    to_date: c.toDate,
    collected_by: 'client',
    revoked_at: c.revokedAt ?? (expired ? c.expiresAt : null),
    revoke_reason: c.revokeReason ?? (expired ? 'expired' : null),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function accountTotals(a: StoredAccount): { balance: bigint; pending: bigint; posted: number; pendingCount: number } {
  let balance = BigInt(a.opening) + BigInt(a.synthetic?.sum ?? '0');
  let pending = 0n;
  let posted = a.synthetic?.count ?? 0;
  let pendingCount = 0;
  for (const r of a.rows) {
    if (r.status === 'posted') {
      balance += BigInt(r.amount);
      posted++;
    } else {
      pending += BigInt(r.amount);
      pendingCount++;
    }
  }
  return { balance, pending, posted, pendingCount };
}

export function accountView(a: StoredAccount) {
  const totals = accountTotals(a);
  return {
    id: a.id,
    connection_id: a.connectionId,
    name: a.name,
    nature: a.nature,
    balance: amountJson(totals.balance, a.currency, a.amountStyle),
    currency_code: a.currency,
    extra: {
      ...a.numbers,
      client_name: a.holder,
      available_amount: amountJson(totals.balance + totals.pending, a.currency, a.amountStyle),
      transactions_count: { posted: totals.posted, pending: totals.pendingCount },
    },
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function transactionView(t: StoredTransaction, a: StoredAccount) {
  return {
    id: t.id,
    account_id: a.id,
    made_on: t.madeOn,
    amount: amountJson(BigInt(t.amount), a.currency, a.amountStyle),
    currency_code: a.currency,
    description: t.description,
    category: t.category,
    mode: t.mode,
    status: t.status,
    duplicated: false,
    extra: {
      id: t.bankRef,
      payee: t.payee,
      payer: t.payer,
      posting_date: t.status === 'posted' ? t.madeOn : undefined,
      time: t.time,
    },
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function providerView(b: BankDef, baseUrl: string) {
  return {
    code: b.code,
    name: b.name,
    country_code: b.countryCode,
    mode: b.mode,
    status: 'active',
    interactive: b.interactive,
    automatic_fetch: true,
    max_consent_days: b.maxConsentDays,
    supported_fetch_scopes: ['accounts', 'transactions'],
    supported_account_natures: [...new Set(b.accounts.map((t) => t.nature))],
    regulated: b.regulated,
    refresh_timeout: b.refreshTimeoutMinutes,
    home_url: `https://${b.code.replace(/_/g, '-')}.example`,
    logo_url: `${baseUrl}/logos/${b.code}.svg`,
    identification_mode: 'saltedge',
    created_at: PROVIDER_CREATED_AT,
    updated_at: PROVIDER_CREATED_AT,
  };
}

export function countryViews() {
  const codes = [...new Set(BANKS.map((b) => b.countryCode))].sort();
  return codes.map((code) => ({ code, name: COUNTRY_NAMES[code] ?? code, refresh_start_time: 2 }));
}

// ---------------------------------------------------------------------------------------------
// Pagination: items ascending by id; `from_id` is inclusive; `next_id` is the first id of the next page.

export interface Page<T> {
  items: T[];
  nextId: string | null;
}

export function pageOf<T>(items: readonly T[], idOf: (item: T) => string, fromId: string | null, perPage: number): Page<T> {
  const from = fromId === null ? null : BigInt(fromId);
  const start = from === null ? 0 : items.findIndex((i) => BigInt(idOf(i)) >= from);
  if (start < 0) return { items: [], nextId: null };
  const slice = items.slice(start, start + perPage + 1);
  const next = slice.length > perPage ? slice.pop() : undefined;
  return { items: slice, nextId: next === undefined ? null : idOf(next) };
}

interface TxEntry {
  id: bigint;
  tx: () => StoredTransaction;
  account: StoredAccount;
}

/** A page of an account set's transactions with the given status, merged by id. */
export function transactionsPage(accounts: readonly StoredAccount[], status: 'posted' | 'pending', fromId: string | null, perPage: number): Page<{ tx: StoredTransaction; account: StoredAccount }> {
  const from = fromId === null ? 0n : BigInt(fromId);
  const want = perPage + 1;
  const entries: TxEntry[] = [];
  for (const account of accounts) {
    const own: TxEntry[] = [];
    const syn = account.synthetic;
    if (syn && status === 'posted') {
      const first = BigInt(syn.firstId);
      const startIdx = from > first ? Number(from - first) : 0;
      for (let i = startIdx; i < syn.count && i < startIdx + want; i++) {
        const index = i;
        own.push({ id: first + BigInt(i), account, tx: () => syntheticTransaction(account, index) });
      }
    }
    let taken = 0;
    for (const r of account.rows) {
      if (r.status !== status) continue;
      const id = BigInt(r.id);
      if (id < from) continue;
      own.push({ id, account, tx: () => r });
      if (++taken >= want) break;
    }
    entries.push(...own);
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const slice = entries.slice(0, want);
  const next = slice.length > perPage ? slice.pop() : undefined;
  return { items: slice.map((e) => ({ tx: e.tx(), account: e.account })), nextId: next ? next.id.toString() : null };
}

function syntheticTransaction(account: StoredAccount, index: number): StoredTransaction {
  const syn = account.synthetic!;
  const row = syntheticRow(syn, index);
  const id = (BigInt(syn.firstId) + BigInt(index)).toString();
  return {
    id,
    madeOn: row.madeOn,
    amount: row.amount.toString(),
    status: 'posted',
    description: row.description,
    category: row.category,
    mode: row.mode,
    ...(row.payee !== undefined ? { payee: row.payee } : {}),
    ...(row.payer !== undefined ? { payer: row.payer } : {}),
    time: row.time,
    bankRef: `BLK${row.madeOn.replace(/-/g, '')}${id.slice(-7)}`,
    createdAt: account.createdAt,
    updatedAt: account.createdAt,
  };
}
