/**
 * The Salt Edge API v6 endpoints of the sandbox (WIRE-v6.md "Endpoints"). Each handler gets the
 * parsed request and returns `{data, meta?}`; errors are thrown as ApiError.
 */
import { randomBytes } from 'node:crypto';
import { BANKS, findBank } from './banks.js';
import { bankOf, consentState, currentConsent, failAttempt, fetchConnection, newAttempt } from './bank-engine.js';
import { addDays, DAY_MS, isoDate, isoDateTime, MINUTE_MS } from './clock.js';
import { API_BASE, type SandboxContext } from './context.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { Fields, pagination, parseJsonBody, queryId } from './input.js';
import type { ConsentRequest, SessionKind, StoredConnection, StoredSession } from './state.js';
import {
  accountView,
  connectionView,
  consentView,
  countryViews,
  customerView,
  pageOf,
  providerView,
  transactionView,
  transactionsPage,
  type Page,
} from './views.js';

export interface ApiRequest {
  method: string;
  /** Path below /api/v6, e.g. `/connections/123`. */
  path: string;
  query: URLSearchParams;
  rawBody: string;
}

export interface ApiResult {
  status: number;
  body: { data: unknown; meta?: { next_id: string | null; next_page: string | null } };
  /** Set on list responses (lets the repeat_cursor fault rewrite the cursor). */
  list?: { firstId: string | null; pageUrl: (fromId: string) => string };
}

type Handler = (ctx: SandboxContext, req: ApiRequest, params: string[]) => ApiResult;

/** Connect sessions (connect_url) live this long. */
export const CONNECT_SESSION_MINUTES = 60;
const CONSENT_SCOPES = ['accounts', 'transactions', 'holder_info', 'account_details', 'transactions_details', 'holder_information'] as const;
const FETCH_SCOPES = ['accounts', 'transactions', 'holder_info'] as const;

const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [];
const route = (method: string, pattern: string, handler: Handler) => {
  routes.push({ method, pattern: new RegExp(`^${pattern.replace(/:\w+/g, '([^/]+)')}$`), handler });
};

export function handleApi(ctx: SandboxContext, req: ApiRequest): ApiResult {
  for (const r of routes) {
    if (r.method !== req.method) continue;
    const m = r.pattern.exec(req.path);
    if (m) return r.handler(ctx, req, m.slice(1).map((p) => decodeURIComponent(p)));
  }
  throw new ApiError(404, 'RouteNotFound', `Route ${req.method} ${API_BASE}${req.path} does not exist.`);
}

const ok = (data: unknown, status = 200): ApiResult => ({ status, body: { data } });

function list<T>(req: ApiRequest, page: Page<T>, view: (item: T) => unknown, idOf: (item: T) => string): ApiResult {
  const pageUrl = (fromId: string) => {
    const q = new URLSearchParams(req.query);
    q.set('from_id', fromId);
    return `${API_BASE}${req.path}?${q.toString()}`;
  };
  const first = page.items[0];
  return {
    status: 200,
    body: { data: page.items.map(view), meta: { next_id: page.nextId, next_page: page.nextId === null ? null : pageUrl(page.nextId) } },
    list: { firstId: first === undefined ? null : idOf(first), pageUrl },
  };
}

function body(req: ApiRequest): Fields {
  return Fields.data(parseJsonBody(req.rawBody));
}

function connectionById(ctx: SandboxContext, id: string): StoredConnection {
  const conn = ctx.store.connections.get(id);
  if (!conn) throw notFound('ConnectionNotFound', 'Connection', id);
  return conn;
}

function customerById(ctx: SandboxContext, id: string) {
  const customer = ctx.store.customers.get(id);
  if (!customer) throw notFound('CustomerNotFound', 'Customer', id);
  return customer;
}

// ---------------------------------------------------------------------------------------------
// Customers

route('POST', '/customers', (ctx, req) => {
  const identifier = body(req).string('identifier', true);
  if ([...ctx.store.customers.values()].some((c) => c.identifier === identifier)) {
    throw new ApiError(409, 'DuplicatedCustomer', `Customer with identifier '${identifier}' already exists.`);
  }
  const t = isoDateTime(ctx.clock.now());
  const customer = { id: ctx.store.nextId('customer'), identifier, createdAt: t, updatedAt: t };
  ctx.store.customers.set(customer.id, customer);
  ctx.store.touch();
  return ok(customerView(customer));
});

route('GET', '/customers', (ctx, req) => {
  const { fromId, perPage } = pagination(req.query);
  const identifier = req.query.get('identifier');
  const all = [...ctx.store.customers.values()].filter((c) => identifier === null || c.identifier === identifier);
  return list(req, pageOf(all, (c) => c.id, fromId, perPage), customerView, (c) => c.id);
});

route('GET', '/customers/:id', (ctx, _req, [id]) => ok(customerView(customerById(ctx, id!))));

route('DELETE', '/customers/:id', (ctx, _req, [id]) => {
  customerById(ctx, id!);
  ctx.store.removeCustomer(id!);
  return ok({ customer_id: id, deleted: true });
});

// ---------------------------------------------------------------------------------------------
// Connect sessions

function readConsent(f: Fields, now: Date): ConsentRequest {
  const c = f.object('consent', true);
  const scopes = c.stringArray('scopes', { allowed: CONSENT_SCOPES, nonEmpty: true, required: true })!;
  const today = isoDate(now);
  const fromDate = c.date('from_date') ?? addDays(today, -90);
  if (fromDate > today) throw new ApiError(400, 'InvalidFromDate', "Field 'data.consent.from_date' must not be in the future.");
  if (fromDate < addDays(today, -365)) throw new ApiError(400, 'InvalidFromDate', "Field 'data.consent.from_date' must be at most 365 days ago.");
  const toDate = c.date('to_date') ?? null;
  if (toDate !== null && toDate < fromDate) throw new ApiError(400, 'InvalidToDate', "Field 'data.consent.to_date' must not be before from_date.");
  const periodDays = c.number('period_days', { integer: true, min: 1 }) ?? null;
  return { scopes, fromDate, toDate, periodDays };
}

interface AttemptRequest {
  fetchScopes: string[];
  fetchFromDate: string | null;
  returnTo: string | null;
  storeCredentials: boolean;
}

function readAttempt(f: Fields): AttemptRequest {
  const a = f.object('attempt');
  const fetchScopes = a?.stringArray('fetch_scopes', { allowed: FETCH_SCOPES, nonEmpty: true }) ?? ['accounts', 'transactions'];
  const returnTo = a?.string('return_to') ?? null;
  if (returnTo !== null) {
    let ok = false;
    try {
      ok = new URL(returnTo).protocol.length > 1;
    } catch {
      ok = false;
    }
    if (!ok || returnTo.length > 2048) throw badRequest('data.attempt.return_to', 'must be an absolute URL');
  }
  return { fetchScopes, fetchFromDate: a?.date('fetch_from_date') ?? a?.date('from_date') ?? null, returnTo, storeCredentials: a?.boolean('store_credentials', true) ?? true };
}

function newSession(ctx: SandboxContext, kind: SessionKind, init: Omit<StoredSession, 'token' | 'kind' | 'step' | 'username' | 'flash' | 'expiresAt' | 'usedAt' | 'createdAt'>): ApiResult {
  const now = ctx.clock.now();
  const bank = init.providerCode ? findBank(init.providerCode) : undefined;
  const session: StoredSession = {
    ...init,
    token: randomBytes(18).toString('base64url'),
    kind,
    step: kind === 'refresh' ? 'confirm_refresh' : !bank ? 'choose' : bank.mode === 'oauth' ? 'authorise' : 'login',
    username: null,
    flash: null,
    expiresAt: isoDateTime(new Date(now.getTime() + CONNECT_SESSION_MINUTES * MINUTE_MS)),
    usedAt: null,
    createdAt: isoDateTime(now),
  };
  // forget sessions that ended (used or expired) more than a day ago
  for (const [token, old] of ctx.store.sessions) {
    if (Date.parse(old.usedAt ?? old.expiresAt) < now.getTime() - DAY_MS) ctx.store.sessions.delete(token);
  }
  ctx.store.sessions.set(session.token, session);
  ctx.store.touch();
  return ok({ connect_url: `${ctx.baseUrl}/connect/${session.token}`, expires_at: session.expiresAt, customer_id: session.customerId });
}

route('POST', '/connections/connect', (ctx, req) => {
  const f = body(req);
  const customerId = f.id('customer_id', true);
  const consent = readConsent(f, ctx.clock.now());
  const attempt = readAttempt(f);
  customerById(ctx, customerId);
  const provider = f.object('provider');
  const providerCode = provider?.string('code') ?? null;
  if (providerCode !== null && !findBank(providerCode)) throw new ApiError(404, 'ProviderNotFound', `Provider '${providerCode}' was not found.`);
  const widget = f.object('widget');
  const allowed = widget?.stringArray('allowed_countries')?.map((c) => c.toUpperCase()) ?? null;
  return newSession(ctx, 'connect', {
    customerId,
    connectionId: null,
    providerCode,
    allowedCountries: allowed,
    includeSandboxes: provider?.boolean('include_sandboxes', false) ?? false,
    consent,
    ...attempt,
    returnConnectionId: f.boolean('return_connection_id', false),
    returnErrorClass: f.boolean('return_error_class', false),
    automaticRefresh: f.boolean('automatic_refresh', false),
  });
});

route('POST', '/connections/:id/reconnect', (ctx, req, [id]) => {
  const conn = connectionById(ctx, id!);
  const f = body(req);
  const consent = readConsent(f, ctx.clock.now());
  const attempt = readAttempt(f);
  return newSession(ctx, 'reconnect', {
    customerId: conn.customerId,
    connectionId: conn.id,
    providerCode: conn.providerCode,
    allowedCountries: null,
    includeSandboxes: true,
    consent,
    ...attempt,
    returnConnectionId: f.boolean('return_connection_id', false),
    returnErrorClass: f.boolean('return_error_class', false),
    automaticRefresh: f.boolean('automatic_refresh', conn.automaticRefresh),
  });
});

/** 406 unless the connection's consent is usable. */
function requireUsableConsent(ctx: SandboxContext, conn: StoredConnection): void {
  const state = consentState(currentConsent(ctx.store, conn), ctx.clock.now());
  if (state === 'expired') throw new ApiError(406, 'AispConsentExpired', 'The consent of this connection has expired. Reconnect with a new consent.');
  if (state === 'revoked') throw new ApiError(406, 'AispConsentRevoked', 'The consent of this connection was revoked. Reconnect with a new consent.');
  if (state === 'missing') throw new ApiError(406, 'AispConsentNotFound', 'This connection has no consent. Reconnect with a new consent.');
}

function requireActive(conn: StoredConnection): void {
  if (conn.status !== 'active') {
    throw new ApiError(406, 'ConnectionCannotBeRefreshed', `The connection is ${conn.status}; it must be reconnected (update credentials) first.`);
  }
}

route('POST', '/connections/:id/refresh', (ctx, req, [id]) => {
  const conn = connectionById(ctx, id!);
  const f = body(req);
  requireUsableConsent(ctx, conn);
  requireActive(conn);
  const attempt = readAttempt(f);
  return newSession(ctx, 'refresh', {
    customerId: conn.customerId,
    connectionId: conn.id,
    providerCode: conn.providerCode,
    allowedCountries: null,
    includeSandboxes: true,
    consent: null,
    ...attempt,
    returnConnectionId: f.boolean('return_connection_id', false),
    returnErrorClass: f.boolean('return_error_class', false),
    automaticRefresh: conn.automaticRefresh,
  });
});

route('POST', '/connections/:id/background_refresh', (ctx, req, [id]) => {
  const conn = connectionById(ctx, id!);
  const f = req.rawBody.trim() === '' ? null : body(req);
  const now = ctx.clock.now();
  requireUsableConsent(ctx, conn);
  requireActive(conn);
  if (conn.nextRefreshPossibleAt !== null && Date.parse(conn.nextRefreshPossibleAt) > now.getTime()) {
    throw new ApiError(406, 'ConnectionCannotBeRefreshed', `The connection cannot be refreshed before ${conn.nextRefreshPossibleAt}.`);
  }
  const a = f?.object('attempt') ?? null;
  const consent = currentConsent(ctx.store, conn)!;
  const attempt = newAttempt(ctx.store, now, {
    fetchScopes: a?.stringArray('fetch_scopes', { allowed: FETCH_SCOPES, nonEmpty: true }) ?? ['accounts', 'transactions'],
    fromDate: a?.date('fetch_from_date') ?? consent.fromDate,
    storeCredentials: conn.lastAttempt.storeCredentials,
  });
  const fault = ctx.bankFaults.take(conn.providerCode, 'fetch');
  if (fault) failAttempt(ctx.store, conn, attempt, fault, `${bankOf(conn).name}: ${fault} (injected by the sandbox control).`, now);
  else fetchConnection(ctx.store, conn, attempt, now);
  return ok(connectionView(ctx.store, conn));
});

// ---------------------------------------------------------------------------------------------
// Connections

route('GET', '/connections', (ctx, req) => {
  const customerId = queryId(req.query, 'customer_id', true);
  const { fromId, perPage } = pagination(req.query);
  const all = [...ctx.store.connections.values()].filter((c) => c.customerId === customerId);
  return list(req, pageOf(all, (c) => c.id, fromId, perPage), (c) => connectionView(ctx.store, c), (c) => c.id);
});

route('GET', '/connections/:id', (ctx, _req, [id]) => ok(connectionView(ctx.store, connectionById(ctx, id!))));

route('DELETE', '/connections/:id', (ctx, _req, [id]) => {
  connectionById(ctx, id!);
  if (ctx.store.dashboardOnly) {
    throw new ApiError(
      403,
      'ActionNotAllowed',
      'This connection can only be removed from the Salt Edge dashboard. Your application may revoke its consent, but not delete it.',
    );
  }
  ctx.store.removeConnection(id!);
  return ok({ id, removed: true });
});

// ---------------------------------------------------------------------------------------------
// Consents

route('GET', '/consents', (ctx, req) => {
  const connectionId = queryId(req.query, 'connection_id');
  const customerId = queryId(req.query, 'customer_id');
  if (connectionId === undefined && customerId === undefined) throw badRequest('connection_id', 'or customer_id is required');
  const { fromId, perPage } = pagination(req.query);
  const now = ctx.clock.now();
  const all = [...ctx.store.consents.values()].filter(
    (c) => (connectionId === undefined || c.connectionId === connectionId) && (customerId === undefined || c.customerId === customerId),
  );
  return list(req, pageOf(all, (c) => c.id, fromId, perPage), (c) => consentView(c, now), (c) => c.id);
});

route('GET', '/consents/:id', (ctx, _req, [id]) => {
  const consent = ctx.store.consents.get(id!);
  if (!consent) throw notFound('AispConsentNotFound', 'Consent', id!);
  return ok(consentView(consent, ctx.clock.now()));
});

route('PUT', '/consents/:id/revoke', (ctx, req, [id]) => {
  const consent = ctx.store.consents.get(id!);
  const connectionId = queryId(req.query, 'connection_id');
  if (!consent || (connectionId !== undefined && consent.connectionId !== connectionId)) throw notFound('AispConsentNotFound', 'Consent', id!);
  const now = ctx.clock.now();
  if (consentState(consent, now) !== 'active') throw new ApiError(409, 'AispConsentAlreadyRevoked', `Consent '${consent.id}' is already revoked or expired.`);
  const t = isoDateTime(now);
  Object.assign(consent, { revokedAt: t, revokeReason: 'client', updatedAt: t });
  ctx.store.touch();
  return ok(consentView(consent, now));
});

// ---------------------------------------------------------------------------------------------
// Accounts and transactions

route('GET', '/accounts', (ctx, req) => {
  const conn = connectionById(ctx, queryId(req.query, 'connection_id', true));
  requireUsableConsent(ctx, conn);
  const { fromId, perPage } = pagination(req.query);
  return list(req, pageOf(ctx.store.accountsOf(conn.id), (a) => a.id, fromId, perPage), accountView, (a) => a.id);
});

route('GET', '/transactions', (ctx, req) => {
  const conn = connectionById(ctx, queryId(req.query, 'connection_id', true));
  requireUsableConsent(ctx, conn);
  const accountId = queryId(req.query, 'account_id');
  const pendingText = req.query.get('pending');
  if (pendingText !== null && pendingText !== 'true' && pendingText !== 'false') throw badRequest('pending', 'must be true or false');
  const { fromId, perPage } = pagination(req.query);
  let accounts = ctx.store.accountsOf(conn.id);
  if (accountId !== undefined) {
    accounts = accounts.filter((a) => a.id === accountId);
    if (accounts.length === 0) throw notFound('AccountNotFound', 'Account', accountId);
  }
  const page = transactionsPage(accounts, pendingText === 'true' ? 'pending' : 'posted', fromId, perPage);
  return list(req, page, (e) => transactionView(e.tx, e.account), (e) => e.tx.id);
});

// ---------------------------------------------------------------------------------------------
// Providers and countries

route('GET', '/providers', (ctx, req) => {
  const country = req.query.get('country_code')?.toUpperCase() ?? null;
  const includeSandboxes = req.query.get('include_sandboxes') === 'true';
  const { fromId, perPage } = pagination(req.query);
  // providers have no numeric ids: from_id is the position in the (stable) list
  const all = BANKS.filter((b) => (includeSandboxes || b.countryCode !== 'XF') && (country === null || b.countryCode === country)).map((b, i) => ({
    bank: b,
    pos: String(i + 1),
  }));
  return list(req, pageOf(all, (e) => e.pos, fromId, perPage), (e) => providerView(e.bank, ctx.baseUrl), (e) => e.pos);
});

route('GET', '/providers/:code', (ctx, _req, [code]) => {
  const bank = findBank(code!);
  if (!bank) throw new ApiError(404, 'ProviderNotFound', `Provider '${code}' was not found.`);
  return ok(providerView(bank, ctx.baseUrl));
});

route('GET', '/countries', () => ({ status: 200, body: { data: countryViews(), meta: { next_id: null, next_page: null } } }));
