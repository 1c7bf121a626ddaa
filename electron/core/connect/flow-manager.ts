import { randomBytes } from 'node:crypto';
import type {
  ConsentInput,
  DuplicateInfo,
  FlowAccounts,
  FlowMode,
  FlowState,
  FlowView,
  ImportResult,
  ParsedInput,
} from '../../../shared/contract/index.js';
import { FINAL_FLOW_STATES } from '../../../shared/contract/flows.js';
import type { AppErrorPayload } from '../../../shared/result.js';
import { AppError } from '../app-error.js';
import type { Store } from '../db/index.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import { toErrorPayload } from '../rpc/dispatch.js';
import type { SaltEdgeClient } from '../saltedge/client.js';
import { SaltEdgeError, isSaltEdgeError } from '../saltedge/errors.js';
import type { SeAccount, SeConnection, SeConsentInput } from '../saltedge/types.js';
import { consentStateOf, persistConfirmedConnection } from './persist.js';
import { NonceRegistry, type NonceRejection } from './nonces.js';
import { RETURN_PATH, startReturnListener, type ReturnListener, type ReturnOutcome } from './return-listener.js';

/** What the first import needs from the sync engine (services.sync, issue 5). */
export interface SyncRunner {
  run(connectionId: number, opts: { trigger: string }): Promise<unknown>;
}

export interface FlowManagerOptions {
  client: () => Promise<SaltEdgeClient>;
  store: () => Store;
  events: EventBus;
  log: Logger;
  now: () => Date;
  /** The sync engine, when there is one (first import after linking / adding accounts). */
  sync?: () => SyncRunner | undefined;
  /** Electron: opens Connect in its own window. Preview: unset (the renderer opens a tab). */
  openConnect?: (url: string, flowId: string) => void;
  /** Where `return_to` points; default: a loopback listener started on first use. */
  returnListener?: () => Promise<ReturnListener>;
  /** An unfinished flow is abandoned after this long (default 30 minutes). */
  flowTimeoutMs?: number;
  /** Real-time check for abandoned flows (default 30 s; null: only on access / sweep()). */
  sweepIntervalMs?: number | null;
}

type StartInput = ParsedInput<'flow.start'>;
type Consent = StartInput['consent'];

interface Flow {
  id: string;
  mode: FlowMode;
  state: FlowState;
  providerCode: string | null;
  providerName: string | null;
  connectionId: number | null;
  saltedgeConnectionId: string | null;
  customerSaltEdgeId: string;
  localCustomerId: number | null;
  consent: Consent;
  connectUrl: string | null;
  connectUrlExpiresAtMs: number | null;
  startedAt: Date;
  updatedAt: Date;
  expiresAtMs: number;
  error: AppErrorPayload | null;
  duplicate: DuplicateInfo | null;
  result: FlowView['result'];
  /** Salt Edge account ids known here before the flow confirmed. */
  knownAccountIds: Set<string>;
  accounts: SeAccount[];
  minFromDate: string | null;
  /** Closing of a Connect window etc. while a confirmation runs: decided once it ends. */
  confirming: Promise<void> | null;
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;
const KEEP_FINISHED_MS = 6 * 3_600_000;
const DIGITS = /^\d{1,20}$/;
const ERROR_CLASS = /^[A-Za-z]{1,80}$/;
const RETURN_PARAMS = new Set(['nonce', 'connection_id', 'error_class', 'duplicated_connection_id']);

const isFinal = (s: FlowState) => FINAL_FLOW_STATES.includes(s);

/**
 * One Salt Edge Connect attempt per flow: link (new connection), update credentials (reconnect;
 * also repairs an expired/revoked consent or an inactive connection) and fetch accounts
 * (refresh session). The redirect back is caught on a loopback URL carrying a single-use
 * expiring nonce (or handed over by the Electron shell through `handleReturnUrl`); its
 * parameters are hints only: the result is always confirmed with GET /connections/{id}.
 */
export class FlowManager {
  private readonly flows = new Map<string, Flow>();
  private readonly nonces: NonceRegistry;
  private listener: Promise<ReturnListener> | null = null;
  private readonly timer: NodeJS.Timeout | null;
  private readonly timeoutMs: number;

  constructor(private readonly opts: FlowManagerOptions) {
    this.nonces = new NonceRegistry(() => opts.now().getTime());
    this.timeoutMs = opts.flowTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const every = opts.sweepIntervalMs === undefined ? 30_000 : opts.sweepIntervalMs;
    this.timer = every ? setInterval(() => this.sweep(), every) : null;
    this.timer?.unref();
  }

  // ---- the calls ------------------------------------------------------------------------------

  async start(input: StartInput): Promise<FlowView> {
    this.sweep();
    const { store } = this.ctx();
    const client = await this.opts.client();
    checkConsentDates(input.consent, this.opts.now());

    let providerCode: string;
    let providerName: string;
    let connectionId: number | null = null;
    let saltedgeConnectionId: string | null = null;
    let customerSeId: string;
    let localCustomerId: number | null;

    if (input.mode === 'link') {
      const cached = store.repos.providers.get(input.providerCode);
      const provider = cached
        ? { name: cached.name, maxConsentDays: cached.maxConsentDays }
        : await client.getProvider(input.providerCode).then((p) => ({ name: p.name, maxConsentDays: p.maxConsentDays }));
      if (provider.maxConsentDays !== null && input.consent.periodDays !== null && input.consent.periodDays > provider.maxConsentDays) {
        throw new AppError('bad-input', `${provider.name} allows a consent of at most ${provider.maxConsentDays} days. Choose a shorter period.`);
      }
      providerCode = input.providerCode;
      providerName = provider.name;
      const customer = await this.ensureCustomer(client, input.email, input.phone);
      customerSeId = customer.saltedgeId;
      localCustomerId = customer.id;
    } else {
      const conn = store.repos.connections.get(input.connectionId);
      if (!conn || conn.deletedAt) throw new AppError('not-found', 'This bank connection no longer exists here. Reload the page.');
      providerCode = conn.providerCode;
      providerName = conn.providerName;
      connectionId = conn.id;
      saltedgeConnectionId = conn.saltedgeId;
      const customer = (conn.customerId !== null ? store.repos.customers.get(conn.customerId) : null) ?? store.repos.customers.list()[0] ?? null;
      if (!customer?.saltedgeId) throw new AppError('not-found', 'The Salt Edge customer of this connection is not known here. Link the bank again.');
      customerSeId = customer.saltedgeId;
      localCustomerId = customer.id;
    }

    const now = this.opts.now();
    const flow: Flow = {
      id: randomBytes(12).toString('base64url'),
      mode: input.mode,
      state: 'created',
      providerCode,
      providerName,
      connectionId,
      saltedgeConnectionId,
      customerSaltEdgeId: customerSeId,
      localCustomerId,
      consent: input.consent,
      connectUrl: null,
      connectUrlExpiresAtMs: null,
      startedAt: now,
      updatedAt: now,
      expiresAtMs: now.getTime() + this.timeoutMs,
      error: null,
      duplicate: null,
      result: null,
      knownAccountIds: new Set(),
      accounts: [],
      minFromDate: input.consent.fromDate,
      confirming: null,
    };
    this.flows.set(flow.id, flow);
    this.opts.log.info(`flow ${flow.id}: ${flow.mode} ${providerCode}${saltedgeConnectionId ? ` connection ${saltedgeConnectionId}` : ''}`);
    this.emit(flow);
    try {
      await this.openSession(flow, client);
    } catch (err) {
      this.fail(flow, toErrorPayload(err));
      throw err;
    }
    return this.view(flow);
  }

  get(flowId: string): FlowView {
    this.sweep();
    return this.view(this.flow(flowId));
  }

  /** Cancels at any step before the redirect; a later redirect for it is refused. */
  cancel(flowId: string, why = 'You cancelled. Nothing was linked or changed.'): FlowView {
    const flow = this.flow(flowId);
    if (!isFinal(flow.state) && flow.state !== 'redirect-received' && flow.state !== 'confirming') {
      this.nonces.revokeFlow(flow.id);
      flow.connectUrl = null;
      this.setState(flow, 'cancelled', { code: 'cancelled', message: why, title: 'Cancelled' });
      this.opts.log.info(`flow ${flow.id}: cancelled`);
    }
    return this.view(flow);
  }

  /** The Connect page again (same link while it is valid; a new session and nonce once it expired). */
  async reopen(flowId: string): Promise<FlowView> {
    this.sweep();
    const flow = this.flow(flowId);
    if (flow.state !== 'waiting-for-user') {
      throw new AppError('conflict', 'This step is no longer waiting for Salt Edge. Start again if needed.');
    }
    const stillValid = flow.connectUrl && flow.connectUrlExpiresAtMs !== null && flow.connectUrlExpiresAtMs - 60_000 > this.opts.now().getTime();
    if (!stillValid) {
      this.nonces.revokeFlow(flow.id);
      await this.openSession(flow, await this.opts.client());
    } else if (this.opts.openConnect && flow.connectUrl) {
      this.opts.openConnect(flow.connectUrl, flow.id);
    }
    flow.expiresAtMs = this.opts.now().getTime() + this.timeoutMs;
    this.emit(flow);
    return this.view(flow);
  }

  accounts(flowId: string): FlowAccounts {
    const flow = this.flow(flowId);
    if (flow.state !== 'done' || flow.connectionId === null) {
      throw new AppError('conflict', 'The accounts are known once Salt Edge has confirmed the connection.');
    }
    const { store } = this.ctx();
    const today = this.opts.now().toISOString().slice(0, 10);
    return {
      flowId: flow.id,
      connectionId: flow.connectionId,
      minFromDate: flow.minFromDate,
      defaultFromDate: flow.minFromDate && flow.minFromDate <= today ? flow.minFromDate : today,
      accounts: flow.accounts.map((a) => {
        const local = store.repos.accounts.getBySaltEdgeId(a.id);
        return {
          saltedgeId: a.id,
          accountId: local?.id ?? null,
          name: a.name,
          nature: a.nature,
          currency: a.currencyCode,
          iban: a.extra.iban,
          accountNumber: a.extra.accountNumber,
          balance: a.balance.minor,
          isNew: !flow.knownAccountIds.has(a.id),
          enabled: local?.enabled ?? false,
        };
      }),
    };
  }

  /** Switches the chosen accounts on (from `fromDate`) and runs the first import. */
  async importAccounts(input: { flowId: string; accountIds: string[]; fromDate: string }): Promise<ImportResult> {
    const list = this.accounts(input.flowId);
    const flow = this.flow(input.flowId);
    const { store } = this.ctx();
    const today = this.opts.now().toISOString().slice(0, 10);
    if (input.fromDate > today) throw new AppError('bad-input', 'The start date cannot be in the future.');
    if (list.minFromDate && input.fromDate < list.minFromDate) {
      throw new AppError('bad-input', `Salt Edge can read transactions from ${list.minFromDate} on (your consent). Choose that date or a later one.`);
    }
    const byId = new Map(list.accounts.map((a) => [a.saltedgeId, a]));
    const chosen = [...new Set(input.accountIds)].map((id) => byId.get(id));
    if (chosen.some((a) => !a || a.accountId === null)) throw new AppError('bad-input', 'Choose accounts from the list.');
    if (flow.mode === 'fetch-accounts' && chosen.some((a) => !a!.isNew)) {
      throw new AppError('bad-input', 'Only the new accounts can be added here; the others keep their settings.');
    }
    store.transaction(() => {
      for (const a of chosen) store.repos.accounts.setEnabled(a!.accountId!, true, input.fromDate);
    });
    await store.save();
    this.opts.events.emit('connections.changed', { connectionId: list.connectionId });

    const sync = this.opts.sync?.();
    if (!sync) {
      return {
        connectionId: list.connectionId,
        enabledAccounts: chosen.length,
        imported: false,
        ok: true,
        summary: `${plural(chosen.length, 'account')} will be imported at the next synchronisation.`,
        error: null,
      };
    }
    try {
      const outcome = await sync.run(list.connectionId, { trigger: 'first' });
      return {
        connectionId: list.connectionId,
        enabledAccounts: chosen.length,
        imported: true,
        ok: true,
        summary: describeRun(outcome, chosen.length),
        error: null,
      };
    } catch (err) {
      return {
        connectionId: list.connectionId,
        enabledAccounts: chosen.length,
        imported: true,
        ok: false,
        summary: 'The first import did not finish.',
        error: toErrorPayload(err),
      };
    }
  }

  // ---- the redirect -------------------------------------------------------------------------

  /** True when `url` is a return URL of this app (the Electron shell intercepts these). */
  async isReturnUrl(url: string): Promise<boolean> {
    if (!this.listener) return false;
    return url.startsWith(await this.returnUrlPrefix());
  }

  /**
   * The start of every return URL. Navigation events must be answered synchronously, so the
   * Electron shell reads this once when it opens a Connect window.
   */
  async returnUrlPrefix(): Promise<string> {
    const l = await this.returnListener();
    return `${l.origin}${RETURN_PATH}`;
  }

  /**
   * The browser came back from Salt Edge to `url`. Refused (false, logged, nothing changes) for
   * an unknown/used/expired nonce, a nonce of another flow than `expectedFlowId`, or garbage
   * parameters. Accepted (true) once the result has been confirmed with Salt Edge.
   */
  async handleReturnUrl(url: string, expectedFlowId?: string): Promise<boolean> {
    this.sweep();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return this.reject('not a URL');
    }
    if (parsed.pathname !== RETURN_PATH) return this.reject('not the return path');
    const keys = [...parsed.searchParams.keys()];
    if (keys.some((k) => !RETURN_PARAMS.has(k))) return this.reject('unexpected parameter');
    if (keys.length !== new Set(keys).size) return this.reject('repeated parameter');
    const p = parsed.searchParams;
    const nonce = p.get('nonce') ?? '';
    const check = this.nonces.check(nonce, expectedFlowId);
    if (!check.ok) return this.reject(`nonce ${check.reason}`, check.reason, check.flowId);
    const connectionId = p.get('connection_id');
    const errorClass = p.get('error_class');
    const duplicatedId = p.get('duplicated_connection_id');
    if (connectionId !== null && !DIGITS.test(connectionId)) return this.reject('connection_id is not an id');
    if (errorClass !== null && !ERROR_CLASS.test(errorClass)) return this.reject('error_class is not a class name');
    if (duplicatedId !== null && !DIGITS.test(duplicatedId)) return this.reject('duplicated_connection_id is not an id');
    if (connectionId === null && errorClass === null) return this.reject('neither connection_id nor error_class');
    const flow = this.flows.get(check.flowId);
    if (!flow || flow.state !== 'waiting-for-user') return this.reject(`flow is ${flow?.state ?? 'gone'}`);
    if (!this.nonces.take(nonce, flow.id)) return this.reject('nonce taken meanwhile');
    this.nonces.revokeFlow(flow.id);
    flow.connectUrl = null;
    this.opts.log.info(`flow ${flow.id}: redirect received (${errorClass ?? 'success'}${connectionId ? `, connection ${connectionId}` : ''})`);
    this.setState(flow, 'redirect-received');
    flow.confirming = this.confirm(flow, { connectionId, errorClass, duplicatedId });
    await flow.confirming;
    flow.confirming = null;
    return true;
  }

  /** Times out abandoned flows and forgets old finished ones. Called on every access and by a timer. */
  sweep(): void {
    const now = this.opts.now().getTime();
    for (const flow of this.flows.values()) {
      if (!isFinal(flow.state) && flow.state === 'waiting-for-user' && now >= flow.expiresAtMs) {
        this.nonces.revokeFlow(flow.id);
        flow.connectUrl = null;
        this.opts.log.info(`flow ${flow.id}: timed out`);
        this.setState(flow, 'timed-out', {
          code: 'cancelled',
          title: 'Timed out',
          message: `Salt Edge did not send you back within ${Math.round(this.timeoutMs / 60_000)} minutes, so this step was stopped. Nothing was changed: start it again when you are ready.`,
        });
      } else if (isFinal(flow.state) && now - flow.updatedAt.getTime() > KEEP_FINISHED_MS) {
        this.flows.delete(flow.id);
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const l = this.listener;
    this.listener = null;
    if (l) await (await l).close().catch(() => undefined);
  }

  // ---- internals ------------------------------------------------------------------------------

  private ctx(): { store: Store } {
    return { store: this.opts.store() };
  }

  private flow(flowId: string): Flow {
    const f = this.flows.get(flowId);
    if (!f) throw new AppError('not-found', 'This step is no longer known (the app was restarted or it finished long ago). Start again.');
    return f;
  }

  private async returnListener(): Promise<ReturnListener> {
    this.listener ??= (this.opts.returnListener ?? (() => startReturnListener((url) => this.fromListener(url))))();
    return this.listener;
  }

  private async fromListener(url: string): Promise<ReturnOutcome> {
    return (await this.handleReturnUrl(url)) ? 'accepted' : 'rejected';
  }

  private async ensureCustomer(client: SaltEdgeClient, email: string, phone: string): Promise<{ id: number; saltedgeId: string }> {
    const repo = this.opts.store().repos.customers;
    // One Salt Edge customer per user: the first one made here is reused for every later link.
    const existing = repo.list().find((c) => c.saltedgeId) ?? null;
    if (existing?.saltedgeId) {
      if (existing.identifier !== email) this.opts.log.info('link: another email was entered; the existing Salt Edge customer is reused');
      const c = repo.upsert({ identifier: existing.identifier, phone });
      return { id: c.id, saltedgeId: existing.saltedgeId };
    }
    const se = await client.ensureCustomer(email);
    const c = repo.upsert({ identifier: email, saltedgeId: se.id, email, phone });
    await this.opts.store().save();
    return { id: c.id, saltedgeId: se.id };
  }

  private async openSession(flow: Flow, client: SaltEdgeClient): Promise<void> {
    const listener = await this.returnListener();
    const nonce = this.nonces.issue(flow.id, this.timeoutMs);
    const returnTo = listener.returnUrl(nonce);
    const consent: SeConsentInput = { scopes: flow.consent.scopes, fromDate: flow.consent.fromDate, periodDays: flow.consent.periodDays };
    const session = await (async () => {
      if (flow.mode === 'link') {
        return client.createConnectSession({
          customerId: flow.customerSaltEdgeId,
          providerCode: flow.providerCode!,
          consent,
          returnTo,
          fetchFromDate: flow.consent.fromDate,
          disableProviderSearch: true,
          storeCredentials: true,
        });
      }
      const seId = flow.saltedgeConnectionId!;
      if (flow.mode === 'fetch-accounts' && this.consentUsable(flow)) {
        try {
          return await client.createRefreshSession(seId, { returnTo });
        } catch (err) {
          // the consent ended meanwhile at Salt Edge: a reconnect with the new consent does it
          if (!(err instanceof SaltEdgeError && err.group === 'consent')) throw err;
        }
      }
      return client.createReconnectSession(seId, { consent, returnTo, fetchFromDate: flow.consent.fromDate });
    })();
    flow.connectUrl = session.connectUrl;
    const exp = Date.parse(session.expiresAt);
    flow.connectUrlExpiresAtMs = Number.isNaN(exp) ? null : exp;
    this.setState(flow, 'waiting-for-user');
    this.opts.openConnect?.(session.connectUrl, flow.id);
  }

  private consentUsable(flow: Flow): boolean {
    const conn = flow.connectionId !== null ? this.opts.store().repos.connections.get(flow.connectionId) : null;
    return !!conn && consentStateOf(conn, this.opts.now()) !== 'expired' && consentStateOf(conn, this.opts.now()) !== 'revoked';
  }

  private async confirm(flow: Flow, hint: { connectionId: string | null; errorClass: string | null; duplicatedId: string | null }): Promise<void> {
    try {
      const client = await this.opts.client();
      if (hint.errorClass) {
        await this.confirmFailure(flow, client, hint.errorClass, hint.connectionId, hint.duplicatedId);
        return;
      }
      this.setState(flow, 'confirming');
      const conn = await client.getConnection(hint.connectionId!);
      const mismatch = this.mismatch(flow, conn);
      if (mismatch) {
        this.opts.log.warn(`flow ${flow.id}: redirect refused after confirmation (${mismatch})`);
        this.fail(flow, new SaltEdgeError({ errorClass: 'RedirectRejected', message: mismatch }).toAppErrorPayload());
        return;
      }
      const failed = conn.lastAttempt && !conn.lastAttempt.successAt && conn.lastAttempt.failErrorClass ? conn.lastAttempt.failErrorClass : null;
      await this.persist(flow, client, conn, failed ? { errorClass: failed } : null);
      if (failed) {
        this.fail(flow, new SaltEdgeError({ errorClass: failed, message: conn.lastAttempt?.failMessage ?? failed }).toAppErrorPayload());
        return;
      }
      flow.result = {
        status: conn.status,
        accounts: flow.accounts.length,
        newAccounts: flow.accounts.filter((a) => !flow.knownAccountIds.has(a.id)).length,
      };
      this.opts.log.info(`flow ${flow.id}: done (connection ${conn.id}, ${conn.status}, ${flow.accounts.length} accounts)`);
      this.setState(flow, 'done');
    } catch (err) {
      this.opts.log.warn(`flow ${flow.id}: confirmation failed (${err instanceof SaltEdgeError ? err.toLogLine() : String(err)})`);
      this.fail(flow, toErrorPayload(err));
    }
  }

  /** Why the confirmed connection cannot be this flow's (null when it can). */
  private mismatch(flow: Flow, conn: SeConnection): string | null {
    if (conn.customerId !== flow.customerSaltEdgeId) return `connection ${conn.id} belongs to another customer`;
    if (flow.saltedgeConnectionId !== null && conn.id !== flow.saltedgeConnectionId) return `connection ${conn.id} is not the flow's connection`;
    if (flow.mode === 'link' && flow.providerCode && conn.providerCode !== flow.providerCode) return `connection ${conn.id} is at another bank`;
    return null;
  }

  private async persist(flow: Flow, client: SaltEdgeClient, conn: SeConnection, error: { errorClass: string } | null): Promise<void> {
    const consent = conn.lastConsentId ? await client.getConsent(conn.lastConsentId).catch(() => null) : null;
    const accounts = error ? [] : await client.listAccounts(conn.id);
    const store = this.opts.store();
    const saved = persistConfirmedConnection(store, {
      connection: conn,
      consent,
      accounts,
      localCustomerId: flow.localCustomerId,
      createdByApp: flow.mode === 'link' ? true : undefined,
      error: error ? { errorClass: error.errorClass, message: new SaltEdgeError({ errorClass: error.errorClass, message: '' }).userMessage } : null,
    });
    await store.save();
    flow.connectionId = saved.connectionId;
    flow.saltedgeConnectionId = conn.id;
    flow.knownAccountIds = saved.knownBefore;
    flow.accounts = accounts;
    if (consent?.fromDate) flow.minFromDate = consent.fromDate;
    this.opts.events.emit('connections.changed', { connectionId: saved.connectionId });
  }

  private async confirmFailure(flow: Flow, client: SaltEdgeClient, errorClass: string, connectionId: string | null, duplicatedId: string | null): Promise<void> {
    const payload = new SaltEdgeError({ errorClass, message: errorClass }).toAppErrorPayload();
    if (errorClass === 'UserCancelled') {
      this.setState(flow, 'cancelled', payload);
      return;
    }
    if (errorClass === 'ConnectionDuplicated' || errorClass === 'LoginDuplicated') {
      flow.duplicate = await this.describeDuplicate(flow, client, duplicatedId);
      const known = flow.duplicate.localConnectionId !== null;
      this.fail(flow, {
        ...payload,
        message: known
          ? `Salt Edge already has a connection with these bank login details, made by this app: ${flow.duplicate.providerName ?? flow.providerName ?? 'the bank'} is listed on the Online Synchronization page. Use Update credentials on it to reactivate it; no second connection is made.`
          : 'Salt Edge already has a connection with these bank login details, made outside this app (or under another Salt Edge customer). Delete it on the Salt Edge dashboard (Connections), then link the bank again here.',
        details: { ...payload.details, ...(duplicatedId ? { duplicatedConnectionId: duplicatedId } : {}) },
      });
      return;
    }
    // A failure that still left a connection (e.g. login ok, fetch failed): record it so the page
    // shows it as needing attention and Update credentials can repair it.
    if (connectionId) {
      try {
        const conn = await client.getConnection(connectionId);
        if (!this.mismatch(flow, conn)) await this.persist(flow, client, conn, { errorClass });
      } catch (err) {
        this.opts.log.warn(`flow ${flow.id}: could not read connection ${connectionId} after ${errorClass} (${String(err)})`);
      }
    }
    this.fail(flow, payload);
  }

  private async describeDuplicate(flow: Flow, client: SaltEdgeClient, duplicatedId: string | null): Promise<DuplicateInfo> {
    if (!duplicatedId) return { saltedgeId: null, localConnectionId: null, providerName: flow.providerName };
    const repo = this.opts.store().repos.connections;
    const local = repo.getBySaltEdgeId(duplicatedId);
    if (local && !local.deletedAt) return { saltedgeId: duplicatedId, localConnectionId: local.id, providerName: local.providerName };
    // Not here but under our customer (e.g. linked before the app was reinstalled): take it in,
    // so Update credentials can reactivate it instead of making a second one.
    try {
      const conn = await client.getConnection(duplicatedId);
      if (conn.customerId === flow.customerSaltEdgeId) {
        const consent = conn.lastConsentId ? await client.getConsent(conn.lastConsentId).catch(() => null) : null;
        const saved = persistConfirmedConnection(this.opts.store(), {
          connection: conn,
          consent,
          accounts: await client.listAccounts(conn.id).catch(() => []),
          localCustomerId: flow.localCustomerId,
          createdByApp: true,
          error: null,
        });
        await this.opts.store().save();
        this.opts.events.emit('connections.changed', { connectionId: saved.connectionId });
        return { saltedgeId: duplicatedId, localConnectionId: saved.connectionId, providerName: conn.providerName };
      }
    } catch (err) {
      if (!isSaltEdgeError(err)) throw err;
    }
    return { saltedgeId: duplicatedId, localConnectionId: null, providerName: flow.providerName };
  }

  private reject(why: string, reason?: NonceRejection, flowId?: string): false {
    this.opts.log.warn(`connect redirect refused: ${why}${reason && flowId ? ` (flow ${flowId})` : ''}`);
    return false;
  }

  private fail(flow: Flow, error: AppErrorPayload): void {
    this.nonces.revokeFlow(flow.id);
    flow.connectUrl = null;
    this.setState(flow, 'failed', error);
  }

  private setState(flow: Flow, state: FlowState, error?: AppErrorPayload): void {
    flow.state = state;
    if (error) flow.error = error;
    flow.updatedAt = this.opts.now();
    this.emit(flow);
  }

  private emit(flow: Flow): void {
    this.opts.events.emit('flow.changed', this.view(flow));
  }

  private view(flow: Flow): FlowView {
    return {
      id: flow.id,
      mode: flow.mode,
      state: flow.state,
      providerCode: flow.providerCode,
      providerName: flow.providerName,
      connectionId: flow.connectionId,
      connectUrl: flow.state === 'waiting-for-user' ? flow.connectUrl : null,
      startedAt: flow.startedAt.toISOString(),
      updatedAt: flow.updatedAt.toISOString(),
      expiresAt: new Date(flow.expiresAtMs).toISOString(),
      error: flow.error,
      duplicate: flow.duplicate,
      result: flow.result,
    };
  }
}

/** The consent's from-date: not in the future, at most 365 days back (Salt Edge's limit). */
function checkConsentDates(consent: ConsentInput, now: Date): void {
  const today = now.toISOString().slice(0, 10);
  if (consent.fromDate > today) throw new AppError('bad-input', 'The consent cannot start in the future. Choose today or an earlier date.');
  const earliest = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  if (consent.fromDate < earliest) throw new AppError('bad-input', `Salt Edge reads at most 365 days back: choose ${earliest} or later.`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A sentence from whatever the sync engine reports (counts when it gives them). */
function describeRun(outcome: unknown, accounts: number): string {
  const o = (outcome ?? {}) as Record<string, unknown>;
  const counts = (typeof o.counts === 'object' && o.counts ? o.counts : o) as Record<string, unknown>;
  const added = typeof counts.added === 'number' ? counts.added : null;
  return added !== null
    ? `Imported ${plural(added, 'transaction')} into ${plural(accounts, 'account')}.`
    : `The first import of ${plural(accounts, 'account')} finished.`;
}
