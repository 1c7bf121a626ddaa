/**
 * The sandbox's control interface: clock, faults, dashboard-only mode, consent/connection
 * state, reset, bulk data and a state summary. In-process as `sandbox.control`, over HTTP as
 * `POST /control/<operation>` with the same argument object as JSON (App-id/Secret required).
 */
import { findBank } from './banks.js';
import { appendPostedRows, consentState, createConsent, currentConsent, linkDirectly, newAttempt, newConnection, syntheticBlock } from './bank-engine.js';
import { addDays, DAY_MS, isoDate, isoDateTime, MINUTE_MS } from './clock.js';
import type { SandboxContext } from './context.js';
import { ApiError, badRequest, notFound } from './errors.js';
import type { BankFaultSpec, FaultSpec } from './faults.js';
import { Fields } from './input.js';
import { hashSeed } from './rng.js';
import type { StoredAccount, StoredConnection } from './state.js';
import { accountTotals } from './views.js';

export interface SandboxSummary {
  now: string;
  clockOffsetMs: number;
  seed: number;
  dashboardOnly: boolean;
  customers: number;
  connections: { total: number; active: number; inactive: number; disabled: number };
  consents: { total: number; active: number; expired: number; revoked: number };
  accounts: number;
  transactions: { posted: number; pending: number };
  openConnectSessions: number;
  faults: FaultSpec[];
  bankFaults: BankFaultSpec[];
}

export interface BulkConnectionOptions {
  customerId: string;
  /** Number of accounts (default 5, max 50). */
  accounts?: number;
  /** Posted rows per account (default 20,000, max 1,000,000). */
  transactionsPerAccount?: number;
  /** Days the rows spread over, ending today (default 365). */
  days?: number;
}

export interface AppendTransactionsOptions {
  connectionId: string;
  /** Only this account of the connection (default: every account of it). */
  accountId?: string;
  /** Posted rows per account (default 1, max 100,000). */
  count?: number;
  /** Booking date of the rows, YYYY-MM-DD, not after today (default today): an older date makes late-posted rows. */
  madeOn?: string;
}

export interface SandboxControl {
  /** The sandbox clock's current time (base clock + offset). */
  now(): Date;
  /** Moves the sandbox clock forward (consent expiry, refresh timeouts, new booking days). */
  advanceClock(by: { days?: number; minutes?: number; seconds?: number }): { now: string };
  /** Queues an API fault (429, 500, 503, slow, malformed/truncated JSON, HTML 403, repeated cursor). */
  addFault(fault: FaultSpec): { faults: number };
  clearFaults(): void;
  listFaults(): FaultSpec[];
  /** The next fetch(es) at a bank fail with an error class (e.g. InteractiveTimeout on the SMS step). */
  addBankFault(fault: BankFaultSpec): { bankFaults: number };
  clearBankFaults(): void;
  /** When on, DELETE /connections/{id} answers 403 ActionNotAllowed (removal only in the dashboard). */
  setDashboardOnly(args: { enabled: boolean }): void;
  /** Makes the connection's current consent expire now. */
  expireConsent(args: { connectionId: string }): void;
  /** Revokes the connection's current consent (reason default "provider": revoked at the bank). */
  revokeConsent(args: { connectionId: string; reason?: 'provider' | 'client' | 'saltedge' }): void;
  /** Makes a connection inactive, as after a failed fetch (error class default InvalidCredentials). */
  deactivateConnection(args: { connectionId: string; errorClass?: string }): void;
  /** Lets background_refresh run again now (clears next_refresh_possible_at). */
  allowRefreshNow(args: { connectionId: string }): void;
  /** Deletes all customers, connections, consents and sessions; clock offset 0; faults cleared. */
  reset(): void;
  /** A connection (active consent) as if the user had linked `providerCode` with `username`. Returns its id. */
  createConnection(args: { customerId: string; providerCode: string; username?: string; periodDays?: number }): string;
  /** A large connection for benchmarks: rows are generated on demand and paged like Salt Edge. Returns its id. */
  seedBulkConnection(args: BulkConnectionOptions): string;
  /**
   * Books new posted rows at the bank without a fetch (benchmarks, tests): each gets a new id,
   * larger than any id before, like rows Salt Edge imports later. Returns the new rows' ids per account.
   */
  appendTransactions(args: AppendTransactionsOptions): { added: number; accounts: { accountId: string; firstId: string; lastId: string }[] };
  summary(): SandboxSummary;
}

export function createControl(ctx: SandboxContext): SandboxControl {
  const { store, clock } = ctx;
  const connection = (id: unknown): StoredConnection => {
    if (typeof id !== 'string') throw badRequest('connectionId', 'is required');
    const conn = store.connections.get(id);
    if (!conn) throw notFound('ConnectionNotFound', 'Connection', id);
    return conn;
  };
  const customer = (id: unknown) => {
    if (typeof id !== 'string') throw badRequest('customerId', 'is required');
    const c = store.customers.get(id);
    if (!c) throw notFound('CustomerNotFound', 'Customer', id);
    return c;
  };
  const done = <T>(result: T): T => {
    store.flush();
    return result;
  };

  return {
    now: () => clock.now(),

    advanceClock(by) {
      const ms = (by.days ?? 0) * DAY_MS + (by.minutes ?? 0) * MINUTE_MS + (by.seconds ?? 0) * 1000;
      if (!Number.isFinite(ms) || ms < 0) throw badRequest('days', 'minutes and seconds must be numbers >= 0 (the clock only moves forward)');
      clock.advance(ms);
      store.clockOffsetMs = clock.offsetMs;
      store.touch();
      return done({ now: isoDateTime(clock.now()) });
    },

    addFault(fault) {
      ctx.faults.add(fault);
      return { faults: ctx.faults.size };
    },
    clearFaults: () => ctx.faults.clear(),
    listFaults: () => ctx.faults.list(),
    addBankFault(fault) {
      ctx.bankFaults.add(fault);
      return { bankFaults: ctx.bankFaults.size };
    },
    clearBankFaults: () => ctx.bankFaults.clear(),

    setDashboardOnly({ enabled }) {
      if (typeof enabled !== 'boolean') throw badRequest('enabled', 'must be true or false');
      store.dashboardOnly = enabled;
      store.touch();
      done(undefined);
    },

    expireConsent({ connectionId }) {
      const consent = currentConsent(store, connection(connectionId));
      if (!consent) throw new ApiError(404, 'AispConsentNotFound', 'The connection has no consent.');
      const t = isoDateTime(new Date(clock.now().getTime() - 1000));
      Object.assign(consent, { expiresAt: t, updatedAt: t });
      store.touch();
      done(undefined);
    },

    revokeConsent({ connectionId, reason = 'provider' }) {
      const consent = currentConsent(store, connection(connectionId));
      if (!consent) throw new ApiError(404, 'AispConsentNotFound', 'The connection has no consent.');
      if (consentState(consent, clock.now()) !== 'active') throw new ApiError(409, 'AispConsentAlreadyRevoked', `Consent '${consent.id}' is already revoked or expired.`);
      const t = isoDateTime(clock.now());
      Object.assign(consent, { revokedAt: t, revokeReason: reason, updatedAt: t });
      store.touch();
      done(undefined);
    },

    deactivateConnection({ connectionId, errorClass = 'InvalidCredentials' }) {
      const conn = connection(connectionId);
      const now = clock.now();
      const t = isoDateTime(now);
      const attempt = newAttempt(store, now, { fetchScopes: conn.lastAttempt.fetchScopes, fromDate: conn.lastAttempt.fromDate });
      Object.assign(attempt, { failAt: t, failErrorClass: errorClass, failMessage: `${errorClass} (set by the sandbox control).` });
      Object.assign(conn, { status: 'inactive', lastAttempt: attempt, updatedAt: t });
      store.touch();
      done(undefined);
    },

    allowRefreshNow({ connectionId }) {
      connection(connectionId).nextRefreshPossibleAt = null;
      store.touch();
      done(undefined);
    },

    reset() {
      store.reset();
      clock.offsetMs = 0;
      ctx.faults.clear();
      ctx.bankFaults.clear();
      done(undefined);
    },

    createConnection({ customerId, providerCode, username, periodDays }) {
      customer(customerId);
      const bank = findBank(providerCode);
      if (!bank) throw new ApiError(404, 'ProviderNotFound', `Provider '${providerCode}' was not found.`);
      const conn = linkDirectly(store, {
        customerId,
        bank,
        identity: bank.mode === 'oauth' ? (username ?? 'oauth-user') : (username ?? `user-${store.connections.size + 1}`),
        now: clock.now(),
        consent: periodDays !== undefined ? { periodDays } : {},
      });
      return done(conn.id);
    },

    seedBulkConnection({ customerId, accounts = 5, transactionsPerAccount = 20_000, days = 365 }) {
      customer(customerId);
      const check = (name: string, v: number, max: number) => {
        if (!Number.isInteger(v) || v < 1 || v > max) throw badRequest(name, `must be an integer from 1 to ${max}`);
      };
      check('accounts', accounts, 50);
      check('transactionsPerAccount', transactionsPerAccount, 1_000_000);
      check('days', days, 3650);
      const bank = findBank('fakebank_oauth_with_n_transactions_xf')!;
      const now = clock.now();
      const today = isoDate(now);
      const from = addDays(today, -(days - 1));
      const identity = `bulk-${store.nextId('attempt')}`;
      const attempt = newAttempt(store, now, { fetchScopes: ['accounts', 'transactions'], fromDate: from });
      const conn = newConnection(store, { customerId, bank, identity, automaticRefresh: false, attempt, now });
      createConsent(store, conn, { scopes: ['accounts', 'transactions'], fromDate: from, toDate: null, periodDays: null }, now);
      const t = isoDateTime(now);
      for (let i = 0; i < accounts; i++) {
        const seed = hashSeed(store.seed, identity, i);
        const account: StoredAccount = {
          id: store.nextId('account'),
          connectionId: conn.id,
          templateKey: `bulk${i + 1}`,
          name: `Bulk account ${i + 1}`,
          nature: 'account',
          currency: 'EUR',
          numbers: { account_number: String(10_000_000 + i), swift: bank.bic },
          holder: 'Bulk Data Ltd',
          amountStyle: 'plain',
          opening: String(100_000_00 + i * 1_000_00),
          synthetic: syntheticBlock(store, seed, transactionsPerAccount, from, days, 'EUR'),
          rows: [],
          lastDate: today,
          createdAt: t,
          updatedAt: t,
        };
        store.accounts.set(account.id, account);
      }
      // records the successful first fetch without generating the bank's own template accounts
      conn.fetchCount = 1;
      Object.assign(attempt, { successAt: t, updatedAt: t });
      conn.nextRefreshPossibleAt = isoDateTime(new Date(now.getTime() + bank.refreshTimeoutMinutes * MINUTE_MS));
      store.touch();
      return done(conn.id);
    },

    appendTransactions({ connectionId, accountId, count = 1, madeOn }) {
      const conn = connection(connectionId);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) throw badRequest('count', 'must be an integer from 1 to 100000');
      const now = clock.now();
      const today = isoDate(now);
      const day = madeOn ?? today;
      if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || day > today) throw badRequest('madeOn', 'must be a date YYYY-MM-DD, not after today');
      let accounts = store.accountsOf(conn.id);
      if (accountId !== undefined) {
        accounts = accounts.filter((a) => a.id === accountId);
        if (accounts.length === 0) throw notFound('AccountNotFound', 'Account', String(accountId));
      }
      const out: { accountId: string; firstId: string; lastId: string }[] = [];
      for (const a of accounts) {
        const rows = appendPostedRows(store, a, count, day, now);
        out.push({ accountId: a.id, firstId: rows[0]!.id, lastId: rows[rows.length - 1]!.id });
      }
      return done({ added: count * accounts.length, accounts: out });
    },

    summary() {
      const now = clock.now();
      const conns = [...store.connections.values()];
      const consents = [...store.consents.values()].map((c) => consentState(c, now));
      let posted = 0;
      let pending = 0;
      for (const a of store.accounts.values()) {
        const t = accountTotals(a);
        posted += t.posted;
        pending += t.pendingCount;
      }
      return {
        now: isoDateTime(now),
        clockOffsetMs: clock.offsetMs,
        seed: store.seed,
        dashboardOnly: store.dashboardOnly,
        customers: store.customers.size,
        connections: {
          total: conns.length,
          active: conns.filter((c) => c.status === 'active').length,
          inactive: conns.filter((c) => c.status === 'inactive').length,
          disabled: conns.filter((c) => c.status === 'disabled').length,
        },
        consents: {
          total: consents.length,
          active: consents.filter((s) => s === 'active').length,
          expired: consents.filter((s) => s === 'expired').length,
          revoked: consents.filter((s) => s === 'revoked').length,
        },
        accounts: store.accounts.size,
        transactions: { posted, pending },
        openConnectSessions: [...store.sessions.values()].filter((s) => !s.usedAt && Date.parse(s.expiresAt) > now.getTime()).length,
        faults: ctx.faults.list(),
        bankFaults: ctx.bankFaults.list(),
      };
    },
  };
}

/** Operations reachable as POST /control/<name> (GET allowed for the read-only ones). */
const OPERATIONS = [
  'now', 'advanceClock', 'addFault', 'clearFaults', 'listFaults', 'addBankFault', 'clearBankFaults', 'setDashboardOnly',
  'expireConsent', 'revokeConsent', 'deactivateConnection', 'allowRefreshNow', 'reset', 'createConnection', 'seedBulkConnection', 'appendTransactions', 'summary',
] as const satisfies ReadonlyArray<keyof SandboxControl>;
const READ_ONLY = new Set<string>(['now', 'listFaults', 'summary']);

/** HTTP: `POST /control/<operation>` with the argument object as JSON → `{"data": result}`. */
export function handleControl(control: SandboxControl, method: string, operation: string, body: unknown): { data: unknown } {
  const op = OPERATIONS.find((o) => o === operation);
  if (!op || (method !== 'POST' && !(method === 'GET' && READ_ONLY.has(op)))) {
    throw new ApiError(404, 'RouteNotFound', `Control operation ${method} /control/${operation} does not exist. Known: ${OPERATIONS.join(', ')}.`);
  }
  Fields.plain(body); // the argument must be a JSON object (or empty)
  const fn = control[op] as (a: unknown) => unknown;
  const result = fn(body ?? {});
  return { data: result instanceof Date ? isoDateTime(result) : (result ?? null) };
}
