/**
 * What happens "at the bank" when a connection is created or fetched again: accounts appear,
 * rows are booked, pending rows post or vanish. Also consent and attempt bookkeeping shared by
 * the Connect pages, background refresh and the control interface.
 */
import {
  accountNumbers,
  dayRows,
  findBank,
  historyDays,
  HOLDER_NAMES,
  openingBalance,
  pendingOutcome,
  pendingRows,
  syntheticRow,
  syntheticSum,
  updateRows,
  type AccountTemplate,
  type BankDef,
  type GeneratedRow,
  type LedgerKey,
} from './banks.js';
import { addDays, DAY_MS, daysBetween, isoDate, isoDateTime, MINUTE_MS } from './clock.js';
import { hashSeed, rngFor } from './rng.js';
import type { ConsentRequest, StoredAccount, StoredAttempt, StoredConnection, StoredConsent, StoredTransaction, Store } from './state.js';

/** Identity used for OAuth banks (no username is typed in the sandbox). */
export const OAUTH_IDENTITY = 'oauth-user';

export function bankOf(conn: StoredConnection): BankDef {
  const bank = findBank(conn.providerCode);
  if (!bank) throw new Error(`unknown provider ${conn.providerCode}`);
  return bank;
}

export function newAttempt(store: Store, now: Date, opts: { fetchScopes: string[]; fromDate: string; toDate?: string | null; storeCredentials?: boolean; userPresent?: boolean }): StoredAttempt {
  const t = isoDateTime(now);
  return {
    id: store.nextId('attempt'),
    successAt: null,
    failAt: null,
    failErrorClass: null,
    failMessage: null,
    fetchScopes: opts.fetchScopes,
    fromDate: opts.fromDate,
    toDate: opts.toDate ?? null,
    storeCredentials: opts.storeCredentials ?? true,
    userPresent: opts.userPresent ?? false,
    createdAt: t,
    updatedAt: t,
  };
}

export function createConsent(store: Store, conn: StoredConnection, req: ConsentRequest, now: Date): StoredConsent {
  const bank = bankOf(conn);
  const max = bank.maxConsentDays;
  // period_days above the provider's maximum is clamped to it (null = provider maximum / unlimited)
  const periodDays = req.periodDays === null ? max : max === null ? req.periodDays : Math.min(req.periodDays, max);
  const t = isoDateTime(now);
  const consent: StoredConsent = {
    id: store.nextId('consent'),
    connectionId: conn.id,
    customerId: conn.customerId,
    scopes: req.scopes,
    periodDays,
    expiresAt: periodDays === null ? null : isoDateTime(new Date(now.getTime() + periodDays * DAY_MS)),
    fromDate: req.fromDate,
    toDate: req.toDate,
    revokedAt: null,
    revokeReason: null,
    createdAt: t,
    updatedAt: t,
  };
  store.consents.set(consent.id, consent);
  conn.lastConsentId = consent.id;
  store.touch();
  return consent;
}

export type ConsentState = 'active' | 'expired' | 'revoked' | 'missing';

export function consentState(consent: StoredConsent | undefined, now: Date): ConsentState {
  if (!consent) return 'missing';
  if (consent.revokedAt) return 'revoked';
  if (consent.expiresAt && Date.parse(consent.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

export function currentConsent(store: Store, conn: StoredConnection): StoredConsent | undefined {
  return conn.lastConsentId ? store.consents.get(conn.lastConsentId) : undefined;
}

export function newConnection(store: Store, opts: { customerId: string; bank: BankDef; identity: string; automaticRefresh: boolean; attempt: StoredAttempt; now: Date }): StoredConnection {
  const t = isoDateTime(opts.now);
  const conn: StoredConnection = {
    id: store.nextId('connection'),
    customerId: opts.customerId,
    providerCode: opts.bank.code,
    identity: opts.identity,
    status: 'active',
    automaticRefresh: opts.automaticRefresh,
    nextRefreshPossibleAt: null,
    lastConsentId: null,
    lastAttempt: opts.attempt,
    fetchCount: 0,
    createdAt: t,
    updatedAt: t,
  };
  store.connections.set(conn.id, conn);
  store.touch();
  return conn;
}

/** Records a failed attempt. Credential errors make the connection inactive. */
export function failAttempt(store: Store, conn: StoredConnection, attempt: StoredAttempt, errorClass: string, message: string, now: Date): void {
  const t = isoDateTime(now);
  Object.assign(attempt, { failAt: t, failErrorClass: errorClass, failMessage: message, updatedAt: t });
  conn.lastAttempt = attempt;
  if (CREDENTIAL_ERRORS.has(errorClass)) conn.status = 'inactive';
  conn.updatedAt = t;
  store.touch();
}

const CREDENTIAL_ERRORS = new Set(['InvalidCredentials', 'InvalidInteractiveCredentials', 'CredentialsNotMatch', 'InteractiveTimeout', 'ConnectionFailed', 'ProviderAccessNotGranted']);

/** Runs a successful fetch at the bank and records it on the connection. */
export function fetchConnection(store: Store, conn: StoredConnection, attempt: StoredAttempt, now: Date): void {
  const bank = bankOf(conn);
  const fetchNo = conn.fetchCount + 1;
  const today = isoDate(now);
  const t = isoDateTime(now);
  const existing = store.accountsOf(conn.id);
  for (const tmpl of bank.accounts) {
    const key: LedgerKey = { seed: store.seed, bankCode: bank.code, identity: conn.identity, accountKey: tmpl.key };
    let account = existing.find((a) => a.templateKey === tmpl.key);
    if (!account) {
      if (tmpl.laterFetchOnly && fetchNo === 1) continue;
      const start = maxDate(attempt.fromDate, addDays(today, -historyDays(store.seed, bank.code, conn.identity) + 1));
      account = createAccount(store, conn, bank, tmpl, key, start, today, now);
    } else {
      if (bank.behaviour === 'pending') resolvePending(store, account, key, today, t);
      for (let d = addDays(account.lastDate, 1); d <= today; d = addDays(d, 1)) bookRows(store, account, dayRows(key, bank.flavour, tmpl, d), d, 'posted', t);
      if (bank.behaviour === 'updates') bookRows(store, account, updateRows(key, bank.flavour, tmpl, fetchNo), today, 'posted', t);
    }
    if (bank.behaviour === 'pending') bookRows(store, account, pendingRows(key, bank.flavour, tmpl, fetchNo), today, 'pending', t);
    account.lastDate = maxDate(account.lastDate, today);
    account.updatedAt = t;
  }
  conn.fetchCount = fetchNo;
  conn.status = 'active';
  conn.nextRefreshPossibleAt = isoDateTime(new Date(now.getTime() + bank.refreshTimeoutMinutes * MINUTE_MS));
  Object.assign(attempt, { successAt: t, updatedAt: t });
  conn.lastAttempt = attempt;
  conn.updatedAt = t;
  store.touch();
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function createAccount(store: Store, conn: StoredConnection, bank: BankDef, tmpl: AccountTemplate, key: LedgerKey, start: string, today: string, now: Date): StoredAccount {
  const t = isoDateTime(now);
  const account: StoredAccount = {
    id: store.nextId('account'),
    connectionId: conn.id,
    templateKey: tmpl.key,
    name: tmpl.name,
    nature: tmpl.nature,
    currency: tmpl.currency,
    numbers: accountNumbers(bank, tmpl, rngFor(store.seed, bank.code, conn.identity, tmpl.key, 'number')),
    holder: HOLDER_NAMES[bank.flavour],
    amountStyle: bank.amountStyle,
    opening: openingBalance(store.seed, key, tmpl).toString(),
    synthetic: null,
    rows: [],
    lastDate: today,
    createdAt: t,
    updatedAt: t,
  };
  store.accounts.set(account.id, account);
  if (tmpl.bulkRows) {
    account.synthetic = syntheticBlock(store, hashSeed(store.seed, bank.code, conn.identity, tmpl.key), tmpl.bulkRows, start, daysBetween(start, today) + 1, tmpl.currency);
  } else {
    for (let d = start; d <= today; d = addDays(d, 1)) bookRows(store, account, dayRows(key, bank.flavour, tmpl, d), d, 'posted', t);
  }
  return account;
}

export function syntheticBlock(store: Store, seed: number, count: number, fromDate: string, days: number, currency: string): NonNullable<StoredAccount['synthetic']> {
  const spec = { seed, firstId: store.nextId('transaction', count), count, fromDate, days, currency };
  return { ...spec, sum: syntheticSum(spec).toString() };
}

function bookRows(store: Store, account: StoredAccount, rows: GeneratedRow[], madeOn: string, status: 'posted' | 'pending', t: string): void {
  for (const row of rows) {
    const id = store.nextId('transaction');
    account.rows.push({
      id,
      madeOn,
      amount: row.amount.toString(),
      status,
      description: row.description,
      category: row.category,
      mode: row.mode,
      ...(row.payee !== undefined ? { payee: row.payee } : {}),
      ...(row.payer !== undefined ? { payer: row.payer } : {}),
      time: row.time,
      bankRef: `${account.templateKey.toUpperCase().slice(0, 3)}${madeOn.replace(/-/g, '')}${id.slice(-6)}`,
      createdAt: t,
      updatedAt: t,
    });
  }
}

/**
 * Books `count` generated posted rows dated `madeOn` on an account, as the bank would on a later
 * fetch: each gets a NEW transaction id, larger than every id handed out before (ids only grow),
 * so `from_id` paging finds them after the account's existing rows even when `madeOn` is old (a
 * late-posted row). Deterministic from the seed, the account and the ids.
 */
export function appendPostedRows(store: Store, account: StoredAccount, count: number, madeOn: string, now: Date): StoredTransaction[] {
  const seed = hashSeed(store.seed, account.id, 'append', account.rows.length, account.rows.at(-1)?.id ?? '');
  const spec = { seed, firstId: '0', count, fromDate: madeOn, days: 1, currency: account.currency };
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < count; i++) rows.push(syntheticRow(spec, i));
  const before = account.rows.length;
  bookRows(store, account, rows, madeOn, 'posted', isoDateTime(now));
  account.updatedAt = isoDateTime(now);
  store.touch();
  return account.rows.slice(before);
}

/** Each pending row either vanishes or is replaced by a posted row with a new id. */
function resolvePending(store: Store, account: StoredAccount, key: LedgerKey, today: string, t: string): void {
  const pending = account.rows.filter((r) => r.status === 'pending');
  account.rows = account.rows.filter((r) => r.status !== 'pending');
  for (const p of pending) {
    const outcome = pendingOutcome(key, p.id);
    if (outcome.kind === 'vanish') continue;
    const madeOn = addDays(p.madeOn, outcome.dayShift) > today ? today : addDays(p.madeOn, outcome.dayShift);
    const posted: StoredTransaction = {
      ...p,
      id: store.nextId('transaction'),
      madeOn,
      amount: (BigInt(p.amount) + outcome.amountDelta).toString(),
      status: 'posted',
      createdAt: t,
      updatedAt: t,
    };
    account.rows.push(posted);
  }
}

/** Creates an active connection with a consent and a first fetch, without the Connect pages. */
export function linkDirectly(
  store: Store,
  opts: { customerId: string; bank: BankDef; identity: string; now: Date; consent?: Partial<ConsentRequest> },
): StoredConnection {
  const fromDate = opts.consent?.fromDate ?? addDays(isoDate(opts.now), -90);
  const attempt = newAttempt(store, opts.now, { fetchScopes: ['accounts', 'transactions'], fromDate });
  const conn = newConnection(store, { customerId: opts.customerId, bank: opts.bank, identity: opts.identity, automaticRefresh: true, attempt, now: opts.now });
  createConsent(store, conn, { scopes: ['accounts', 'transactions'], fromDate, toDate: null, periodDays: opts.consent?.periodDays ?? null, ...stripUndefined(opts.consent ?? {}) }, opts.now);
  fetchConnection(store, conn, attempt, opts.now);
  return conn;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
