/**
 * The sync engine (issue 5): imports a connection's transactions as bank statements, exactly
 * once, with nothing lost.
 *
 * A run has two halves:
 * 1. **Fetch** (network only, nothing written): the connection and its consent, a refresh at
 *    Salt Edge when allowed, the accounts, then for each enabled account every page of its
 *    posted rows from the overlap window on (`from_id`, see `fetchStartId`) and all its pending
 *    rows. Everything is kept in memory.
 * 2. **Apply** (no network): one SQL transaction plans and writes every account (rows,
 *    statements, undo records, sync log, connection state), then one save writes the file
 *    atomically.
 * So a cancel, an error or a crash anywhere before the commit leaves the store exactly as it was
 * (the next run picks everything up), and a crash after it leaves either the old or the new file.
 * Rows are keyed by (account, Salt Edge id); re-runs and overlapping windows never duplicate.
 */
import { statementsRepos } from '../statements/statements-repos.js';
import type {
  SyncAccountView,
  SyncErrorView,
  SyncFinished,
  SyncLogView,
  SyncProgress,
  SyncRunStatus,
  SyncRunView,
  SyncSchedule,
  SyncStatementView,
  SyncTrigger,
  SyncUndoSummary,
} from '../../../shared/contract/index.js';
import { AppError } from '../app-error.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import type { Store } from '../db/index.js';
import { ImportRepository } from '../db/repositories/import-repository.js';
import type { AccountRecord, ConnectionRecord, ConnectionFields } from '../db/index.js';
import type { SaltEdgeClient } from '../saltedge/client.js';
import { SaltEdgeError, describeSaltEdgeError } from '../saltedge/errors.js';
import { consentState, type SeAccount, type SeConnection, type SeConsent, type SeTransaction } from '../saltedge/types.js';
import { addDays, utcDate } from './dates.js';
import { planAccount, emptyCounts, type AccountCounts, type AccountPlan, type IncomingRow, type LocalRow } from './planner.js';
import { buildStatement } from './statement-builder.js';
import { realTimers, type RunOptions, type SyncHooks, type Timers } from './types.js';
import { accountWords, money, runSummary } from './words.js';
import { SyncScheduler, type ScheduleSettings } from './scheduler.js';

export interface SyncEngineOptions {
  store: () => Store;
  client: () => Promise<SaltEdgeClient>;
  events: Pick<EventBus, 'emit'>;
  log: Logger;
  now: () => Date;
  timers?: Timers;
  /** Desktop notification (filled by the Electron shell). */
  notify?: (title: string, body: string) => void;
  hooks?: SyncHooks;
  /** Days re-read before the last imported posted date (default 7). */
  overlapDays?: number;
  /** A pending row older than this is flagged (default 10). */
  pendingTooLongDays?: number;
  /** Polling of a background refresh until the bank answered (defaults 2 s / 2 min). */
  refreshPollMs?: number;
  refreshMaxWaitMs?: number;
  /** Rows per page asked from Salt Edge (default: the client's, 1000). */
  perPage?: number;
  /** Consent expiry reminders, days before (default 15, 3, 1). */
  reminderDays?: readonly number[];
  /** Default automatic sync of a connection (default on, 07:00). */
  defaultSchedule?: ScheduleSettings;
}

export interface RunHandle {
  runId: number;
  alreadyRunning: boolean;
  /** Settles when the run ends; rejects only on a simulated crash (tests). */
  done: Promise<SyncFinished>;
}

/** What `run()` resolves with (a failed or cancelled run rejects with an AppError instead). */
export interface SyncRunResult {
  runId: number;
  connectionId: number;
  status: 'done';
  summary: string;
  /** New posted rows (including posted rows that replaced pending ones). */
  added: number;
  /** Problems that did not stop the run (an account, the refresh, the consent). */
  error: SyncErrorView | null;
  /** The run was already going when `run()` was called (it joined it). */
  alreadyRunning: boolean;
}

export interface SyncEngine {
  /**
   * Starts a run of the connection and returns at once with its id, or returns the run already
   * going (never two runs of one connection at once). Follow `sync.progress` / `sync.finished`.
   */
  start(connectionId: number, opts?: RunOptions): RunHandle;
  /**
   * Starts (or joins) a run and waits for its end: resolves when it is done; rejects with an
   * AppError whose message says what happened when it failed (code 'saltedge', details with the
   * error class and request id) or was cancelled (code 'cancelled').
   */
  run(connectionId: number, opts?: RunOptions): Promise<SyncRunResult>;
  /** Cancels a running run; the store stays as it was before it. */
  cancel(runId: number): boolean;
  isRunning(connectionId: number): boolean;
  log(connectionId: number, limit?: number): SyncLogView;
  undoRun(runId: number): Promise<SyncUndoSummary>;
  getSchedule(connectionId: number): SyncSchedule;
  setSchedule(connectionId: number, s: ScheduleSettings): Promise<SyncSchedule>;
  /** Automatic sync and consent reminders while the app runs. */
  startScheduler(): void;
  stopScheduler(): void;
  /** One scheduler pass now (due runs, consent reminders). */
  tick(): Promise<void>;
  /** Resolves when no run is going. */
  idle(): Promise<void>;
  /** Stops the scheduler, cancels runs and waits for them. */
  close(): Promise<void>;
}

interface ActiveRun {
  runId: number;
  connectionId: number;
  trigger: SyncTrigger;
  startedAt: string;
  ctrl: AbortController;
  progress: SyncProgress | null;
  done: Promise<SyncFinished>;
  /** What Salt Edge said about the connection, kept for a failed run's record. */
  seen: { seConnection?: SeConnection; consent?: SeConsent | null };
}

/** What the fetch half gathered for one account. */
interface FetchedAccount {
  local: AccountRecord;
  se: SeAccount;
  posted: IncomingRow[];
  pending: IncomingRow[];
  /** Is a Salt Edge id stored for the account (any date, any status, ignored included)? */
  knownIds: { has(saltedgeId: string): boolean };
  windowStart: string | null;
  error: SyncErrorView | null;
}

interface AccountMatch {
  se: SeAccount;
  local: AccountRecord | null;
  /** Matched by IBAN/number + currency: the bank renamed the account (new Salt Edge id). */
  renamed: boolean;
}

interface Fetched {
  seConnection: SeConnection;
  consent: SeConsent | null;
  refreshed: boolean;
  refreshNote: string | null;
  attention: SyncErrorView | null;
  matches: AccountMatch[];
  accounts: FetchedAccount[];
  /** Enabled local accounts Salt Edge no longer reports. */
  missing: { local: AccountRecord; error: SyncErrorView }[];
}

interface AccountLogData {
  kind: 'account';
  view: Omit<SyncAccountView, 'words'>;
  firstStatement: boolean;
}

interface RunLogData {
  kind: 'run';
  refreshNote: string | null;
  error: SyncErrorView | null;
}

/** True for the error a crash-injection hook throws (db/file-io.ts SimulatedCrash). */
const isCrash = (e: unknown): boolean => e instanceof Error && e.name === 'SimulatedCrash';

export function toErrorView(err: unknown): SyncErrorView {
  if (err instanceof SaltEdgeError) return { errorClass: err.errorClass, requestId: err.requestId ?? null, message: err.userMessage };
  if (err instanceof AppError) return { errorClass: err.code, requestId: null, message: err.message };
  return {
    errorClass: 'InternalError',
    requestId: null,
    message: 'Something went wrong inside the app. Nothing was imported; please try again. If it keeps happening, contact support with the log.',
  };
}

function classView(errorClass: string, message?: string): SyncErrorView {
  return { errorClass, requestId: null, message: message ?? describeSaltEdgeError(errorClass).message };
}

/** The connection's state as Salt Edge reports it (status, next refresh, consent). */
function connectionFieldsFrom(se: SeConnection | null, consent: SeConsent | null): ConnectionFields {
  const fields: ConnectionFields = {};
  if (se) Object.assign(fields, { status: se.status, nextRefreshPossibleAt: se.nextRefreshPossibleAt });
  if (consent) {
    Object.assign(fields, {
      consentId: consent.id,
      consentExpiresAt: consent.expiresAt,
      consentRevokedAt: consent.revokedAt,
      ...(consent.fromDate ? { consentFromDate: consent.fromDate } : {}),
    });
  }
  return fields;
}

/**
 * Where a run starts reading an account's posted rows (`from_id`), given the local rows it may
 * compare (every pending row, and the posted rows dated from the overlap window on): the
 * smallest of their Salt Edge ids. Salt Edge assigns ids in increasing order as it stores rows
 * and lists rows with id >= from_id, so this reads every row stored at Salt Edge since the
 * window's oldest imported row: new rows, late-posted rows (an old `made_on` but a new id),
 * posted successors of pending rows (new id) and the window itself (bank-side changes of
 * recent rows are still seen). Local pending ids are included so that a pending row that posts
 * under its own id is still listed (Salt Edge does not document which way it goes).
 *
 * The accepted trade-off (issue 5: "from the last imported posted date minus an overlap, not
 * the whole history"): rows older than the window are not read again, so a bank-side change to
 * such a row, or an older row Salt Edge lists only now under an id below the start (e.g. after
 * the user moved the account's import start date back), is not seen. Before from_id, known rows
 * older than the window were already skipped, so only the HTTP reading changes.
 *
 * No stored row in the window (or an id that is not a digit string) → undefined: read everything.
 * Ids are compared as BigInt, never as JS numbers (they are 64-bit).
 */
export function fetchStartId(saltedgeIds: Iterable<string>): string | undefined {
  let min: bigint | null = null;
  for (const text of saltedgeIds) {
    if (!CANONICAL_ID.test(text)) return undefined;
    const id = BigInt(text);
    if (min === null || id < min) min = id;
  }
  return min === null ? undefined : min.toString();
}

/** A Salt Edge id as Salt Edge writes it: digits, no leading zero, at most 20 (64-bit). */
const CANONICAL_ID = /^[1-9]\d{0,19}$/;

/**
 * "Is this Salt Edge id stored for the account?" for one run. A full read loads every stored id
 * of the account; a read from `fromId` loads only the stored ids >= fromId (all that such a read
 * returns, so a daily sync does not step through the whole history) and asks the database for
 * anything below it (a pending row, or a server that ignored from_id): never a wrong "new".
 */
function knownIdLookup(repo: ImportRepository, accountId: number, fromId: string | undefined): { has(saltedgeId: string): boolean } {
  const set = repo.knownIds(accountId, fromId);
  if (fromId === undefined) return set;
  const from = BigInt(fromId);
  return {
    has: (id) => set.has(id) || (!(CANONICAL_ID.test(id) && BigInt(id) >= from) && repo.isKnownId(accountId, id)),
  };
}

function toIncoming(t: SeTransaction, status: 'posted' | 'pending'): IncomingRow {
  return {
    saltedgeId: t.id,
    madeOn: t.madeOn,
    amount: t.amount.minor,
    currency: t.currencyCode,
    description: t.description || null,
    payee: t.extra.payee ?? t.extra.payer ?? null,
    category: t.category,
    status,
    bankId: t.extra.bankId,
    duplicated: t.duplicated,
    raw: t.raw,
  };
}

const defaultSleep =
  (timers: Timers) =>
  (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const h = timers.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        timers.clearTimeout(h);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const timers = opts.timers ?? realTimers;
  const sleep = defaultSleep(timers);
  const hooks = opts.hooks ?? {};
  const overlapDays = opts.overlapDays ?? 7;
  const pendingTooLongDays = opts.pendingTooLongDays ?? 10;
  const pollMs = opts.refreshPollMs ?? 2_000;
  const maxWaitMs = opts.refreshMaxWaitMs ?? 120_000;
  const active = new Map<number, ActiveRun>();
  let lastReservedRunId = 0;
  const nowIso = () => opts.now().toISOString();
  const importRepo = (store: Store) => new ImportRepository({ sql: store.sql, now: nowIso });

  const emitProgress = (run: ActiveRun, p: Omit<SyncProgress, 'runId' | 'connectionId'>): void => {
    run.progress = { runId: run.runId, connectionId: run.connectionId, ...p };
    opts.events.emit('sync.progress', run.progress);
  };

  // ---------------------------------------------------------------------------------------------
  // fetch half: network only

  async function fetchAll(run: ActiveRun, conn: ConnectionRecord, store: Store): Promise<Fetched> {
    const signal = run.ctrl.signal;
    const repo = importRepo(store);
    const client = await opts.client();
    const base = { fetched: 0, totalAccounts: 0, doneAccounts: 0 };
    emitProgress(run, { ...base, phase: 'starting', message: `Contacting Salt Edge for ${conn.providerName}…` });

    let seConnection = await client.getConnection(conn.saltedgeId);
    signal.throwIfAborted();
    let consent: SeConsent | null = null;
    if (seConnection.lastConsentId) {
      try {
        consent = await client.getConsent(seConnection.lastConsentId);
      } catch (err) {
        if (isCrash(err) || signal.aborted) throw err;
        opts.log.warn(`sync: consent of connection ${conn.id} not read (${err instanceof SaltEdgeError ? err.errorClass : 'error'})`);
      }
    }
    run.seen = { seConnection, consent };
    signal.throwIfAborted();

    // When may Salt Edge refresh? Compare on the server's clock (a PC clock can be off).
    const serverNow = opts.now().getTime() + client.clockOffsetMs();
    const enabled = store.repos.accounts.listByConnection(conn.id).filter((a) => a.enabled);
    const windowOf = (a: AccountRecord): string | null => {
      const last = repo.lastPostedDate(a.id);
      return last ? addDays(last, -overlapDays) : a.importFrom;
    };
    const fromDates = enabled.map(windowOf);
    const fetchFromDate = fromDates.length && fromDates.every((d) => d !== null) ? (fromDates as string[]).sort()[0] : undefined;

    let refreshed = false;
    let refreshNote: string | null = null;
    let attention: SyncErrorView | null = null;
    const state = consent ? consentState(consent, serverNow) : 'active';
    const next = seConnection.nextRefreshPossibleAt;
    if (seConnection.status !== 'active') {
      const cls = seConnection.lastAttempt?.failErrorClass ?? 'ConnectionInactive';
      attention = classView(cls);
      refreshNote = `No refresh: the connection is ${seConnection.status} at Salt Edge. Imported what Salt Edge already had. Use Update credentials to reconnect.`;
    } else if (state !== 'active') {
      attention = classView(state === 'expired' ? 'AispConsentExpired' : 'AispConsentRevoked');
      refreshNote = `No refresh: the consent has ${state === 'expired' ? 'expired' : 'been revoked'}. Imported what Salt Edge already had. Use Update credentials to give a new consent.`;
    } else if (next && Date.parse(next) > serverNow) {
      refreshNote = `No refresh: Salt Edge allows the next refresh at ${next}. Imported what Salt Edge already had.`;
    } else {
      emitProgress(run, { ...base, phase: 'refreshing', message: `Asking ${conn.providerName} for new transactions…` });
      try {
        const before = seConnection.lastAttempt?.id ?? null;
        seConnection = await client.backgroundRefresh(conn.saltedgeId, fetchFromDate ? { fetchFromDate } : {});
        const started = opts.now().getTime();
        while (!(seConnection.lastAttempt?.finished ?? true) || (seConnection.lastAttempt?.id ?? null) === before) {
          if (opts.now().getTime() - started >= maxWaitMs) break;
          await sleep(pollMs, signal);
          seConnection = await client.getConnection(conn.saltedgeId);
        }
        const attempt = seConnection.lastAttempt;
        if (attempt && !attempt.finished) {
          refreshNote = 'The bank is still answering Salt Edge; imported what Salt Edge had so far. The rest comes with the next synchronisation.';
          refreshed = true;
        } else if (attempt?.failErrorClass) {
          attention = classView(attempt.failErrorClass);
          refreshNote = `The refresh at the bank failed (${attempt.failErrorClass}). Imported what Salt Edge already had.`;
        } else {
          refreshed = true;
          refreshNote = `Refreshed at the bank${fetchFromDate ? ` from ${fetchFromDate}` : ''}.`;
        }
      } catch (err) {
        if (isCrash(err) || signal.aborted) throw err;
        if (!(err instanceof SaltEdgeError) || err.group === 'network') throw err;
        if (err.errorClass === 'ConnectionCannotBeRefreshed' || err.httpStatus === 406) {
          refreshNote = 'No refresh: Salt Edge does not allow one yet. Imported what Salt Edge already had.';
        } else {
          refreshNote = `The refresh failed: ${err.userMessage} Imported what Salt Edge already had.`;
          if (err.group === 'bank' || err.group === 'consent') attention = toErrorView(err);
        }
      }
    }
    signal.throwIfAborted();
    await hooks.afterRefresh?.({ runId: run.runId });

    emitProgress(run, { ...base, phase: 'accounts', message: 'Reading the accounts…' });
    const seAccounts = await client.listAccounts(conn.saltedgeId, { signal });
    signal.throwIfAborted();

    // account matching: Salt Edge id, else IBAN / account number + currency (a rename makes a new id)
    const matches: AccountMatch[] = [];
    const claimed = new Set<number>();
    for (const se of seAccounts) {
      let local = store.repos.accounts.getBySaltEdgeId(se.id);
      let renamed = false;
      if (local && local.connectionId !== conn.id) local = null;
      if (!local) {
        const id = repo.findAccountByNumber(conn.id, se.currencyCode, se.extra.iban, se.extra.accountNumber);
        const candidate = id === null ? null : store.repos.accounts.get(id);
        // only an account whose own id Salt Edge no longer lists can be the renamed one
        if (candidate && !seAccounts.some((x) => x.id === candidate.saltedgeId) && !claimed.has(candidate.id)) {
          local = candidate;
          renamed = true;
        }
      }
      if (local) claimed.add(local.id);
      matches.push({ se, local, renamed });
    }
    const missing = enabled
      .filter((a) => !claimed.has(a.id))
      .map((local) => ({
        local,
        error: classView(
          'AccountNotFound',
          'Salt Edge no longer reports this account (closed, or no longer in the consent). Use Fetch accounts to check the accounts of this bank.',
        ),
      }));

    const toImport = matches.filter((m): m is AccountMatch & { local: AccountRecord } => !!m.local && m.local.enabled);
    const totalAccounts = toImport.length + missing.length;
    let fetched = 0;
    let doneAccounts = 0;
    const accounts: FetchedAccount[] = [];
    for (const m of toImport) {
      const windowStart = (() => {
        const last = repo.lastPostedDate(m.local.id);
        return last ? addDays(last, -overlapDays) : null;
      })();
      const fromId = windowStart === null ? undefined : fetchStartId(repo.windowIds(m.local.id, windowStart));
      const knownIds = knownIdLookup(repo, m.local.id, fromId);
      const item: FetchedAccount = { local: m.local, se: m.se, posted: [], pending: [], knownIds, windowStart, error: null };
      const name = m.local.name;
      try {
        for (const pending of [false, true]) {
          const list = pending ? item.pending : item.posted;
          const input = {
            connectionId: conn.saltedgeId,
            accountId: m.se.id,
            pending,
            signal,
            ...(opts.perPage ? { perPage: opts.perPage } : {}),
            // posted rows from the window's first stored id on; pending rows always in full (they are few)
            ...(!pending && fromId !== undefined ? { fromId } : {}),
          };
          for await (const page of client.iterateTransactionPages(input)) {
            for (const t of page.items) {
              // Salt Edge lists take no date: keep the overlap window and anything not stored yet.
              if (!pending && windowStart !== null && t.madeOn < windowStart && knownIds.has(t.id)) continue;
              list.push(toIncoming(t, pending ? 'pending' : 'posted'));
            }
            fetched += page.items.length;
            emitProgress(run, {
              phase: 'fetching',
              accountId: m.local.id,
              accountName: name,
              page: page.page,
              fetched,
              totalAccounts,
              doneAccounts,
              message: `${name}: ${pending ? 'pending rows' : 'transactions'}, page ${page.page} (${fetched} rows so far)`,
            });
            await hooks.betweenPages?.({ runId: run.runId, accountId: m.local.id, page: page.page, pending });
            signal.throwIfAborted();
          }
        }
      } catch (err) {
        if (isCrash(err) || signal.aborted) throw err;
        if (!(err instanceof SaltEdgeError)) throw err;
        item.error = toErrorView(err);
        item.posted = [];
        item.pending = [];
        opts.log.warn(`sync: account ${m.local.id} not fetched: ${err.toLogLine()}`);
      }
      accounts.push(item);
      doneAccounts++;
    }
    if (accounts.length > 0 && accounts.every((a) => a.error)) {
      // nothing could be read at all: the run fails with the first error
      const first = accounts[0]!.error!;
      throw Object.assign(new AppError('saltedge', first.message), { syncError: first });
    }
    return { seConnection, consent, refreshed, refreshNote, attention, matches, accounts, missing };
  }

  // ---------------------------------------------------------------------------------------------
  // apply half: one transaction, no network

  interface Applied {
    views: { view: Omit<SyncAccountView, 'words'>; firstStatement: boolean }[];
    totals: { fetched: number; added: number; updated: number; skipped: number };
    error: SyncErrorView | null;
  }

  function apply(run: ActiveRun, conn: ConnectionRecord, f: Fetched, store: Store): Applied {
    const repo = importRepo(store);
    const now = nowIso();
    const today = utcDate(opts.now());
    const views: Applied['views'] = [];
    const totals = { fetched: 0, added: 0, updated: 0, skipped: 0 };

    return store.transaction(() => {
      // plans first (reads only), so the run row can be written with its totals
      const planned: { item: FetchedAccount; plan: AccountPlan | null }[] = f.accounts.map((item) => {
        if (item.error) return { item, plan: null };
        const local = new Map<string, LocalRow>();
        for (const r of repo.localRows(item.local.id, item.windowStart)) local.set(r.saltedgeId, r);
        const currency = item.local.currency;
        const plan = planAccount({
          local,
          isKnown: (id) => item.knownIds.has(id),
          posted: item.posted,
          pending: item.pending,
          importFrom: item.local.importFrom,
          today,
          pendingTooLongDays,
          formatAmount: (n) => money(n, currency),
        });
        return { item, plan };
      });
      const accountErrors = [...planned.filter((p) => p.item.error).map((p) => p.item.error!), ...f.missing.map((m) => m.error)];
      for (const { plan } of planned) {
        if (!plan) continue;
        const c = plan.counts;
        totals.fetched += c.fetched;
        totals.added += c.added + c.replacedPending;
        totals.updated += c.changedAtBank + c.droppedPending;
        totals.skipped += c.skippedDuplicates + c.skippedIgnored + c.skippedBeforeStart;
      }
      const runError = f.attention ?? accountErrors[0] ?? null;
      repo.insertRun({
        id: run.runId,
        connectionId: conn.id,
        trigger: run.trigger,
        status: 'done',
        refreshed: f.refreshed,
        startedAt: run.startedAt,
        finishedAt: now,
        ...totals,
        errorClass: runError?.errorClass ?? null,
        errorMessage: runError?.message ?? null,
        requestId: runError?.requestId ?? null,
      });

      // accounts: new ones (disabled: the user chooses them in Fetch accounts), renames, balances
      for (const m of f.matches) {
        const balance = m.se.balance.minor;
        if (!m.local) {
          repo.insertAccount(run.runId, {
            connectionId: conn.id,
            saltedgeId: m.se.id,
            name: m.se.name,
            nature: m.se.nature,
            currency: m.se.currencyCode,
            iban: m.se.extra.iban,
            accountNumber: m.se.extra.accountNumber,
            bankBalance: balance,
            bankBalanceAt: now,
          });
          continue;
        }
        const imported = planned.some((p) => p.item.local.id === m.local!.id && p.plan);
        repo.updateAccount(run.runId, m.local.id, {
          saltedgeId: m.se.id,
          name: m.se.name,
          nature: m.se.nature,
          iban: m.se.extra.iban ?? m.local.iban,
          accountNumber: m.se.extra.accountNumber ?? m.local.accountNumber,
          bankBalance: balance,
          bankBalanceAt: now,
          ...(imported ? { lastSyncAt: now } : {}),
        });
      }

      for (const { item, plan } of planned) {
        const currency = item.local.currency;
        if (!plan) {
          views.push({ view: accountView(item.local, currency, emptyCounts(), null, item.error), firstStatement: false });
          continue;
        }
        repo.deleteRows(run.runId, plan.deletes);
        for (const u of plan.updates) repo.updateRow(run.runId, u.id, u.patch);
        const lines = plan.inserts.filter((r) => r.status === 'posted' && !r.ignored);
        const previous = repo.latestStatement(item.local.id);
        const draft = buildStatement({ previousClosing: previous?.closingBalance ?? null, bankBalance: item.se.balance.minor, lines });
        let statementId: number | null = null;
        if (draft) {
          statementId = repo.insertStatement({ accountId: item.local.id, runId: run.runId, ...draft });
        }
        repo.insertRows(item.local.id, run.runId, statementId, plan.inserts);
        const statement: SyncStatementView | null = draft
          ? {
              periodStart: draft.periodStart,
              periodEnd: draft.periodEnd,
              openingBalance: draft.openingBalance,
              closingBalance: draft.closingBalance,
              bankBalance: draft.bankBalance,
              balanceDifference: draft.balanceDifference,
              lineCount: draft.lineCount,
            }
          : null;
        views.push({ view: accountView(item.local, currency, plan.counts, statement, null), firstStatement: !!draft?.derivedOpening });
      }
      for (const m of f.missing) views.push({ view: accountView(m.local, m.local.currency, emptyCounts(), null, m.error), firstStatement: false });

      // the sync log: one entry per account, one for the run
      for (const v of views) {
        const words = accountWords(v.view, { firstStatement: v.firstStatement });
        store.repos.syncLog.add({
          runId: run.runId,
          connectionId: conn.id,
          accountId: v.view.accountId,
          level: v.view.error ? 'error' : 'info',
          message: `${v.view.accountName}: ${words.join(' ')}`.slice(0, 2000),
          data: { kind: 'account', view: v.view, firstStatement: v.firstStatement } satisfies AccountLogData,
        });
      }
      store.repos.syncLog.add({
        runId: run.runId,
        connectionId: conn.id,
        level: runError ? 'warn' : 'info',
        message: runSummary({ status: 'done', refreshed: f.refreshed, refreshNote: f.refreshNote, added: totals.added, accounts: views.length, accountsWithErrors: accountErrors.length, error: runError }),
        data: { kind: 'run', refreshNote: f.refreshNote, error: runError } satisfies RunLogData,
      });

      // the connection: Salt Edge's state, consent, and "needs attention" (or cleared)
      store.repos.connections.update(conn.id, {
        ...connectionFieldsFrom(f.seConnection, f.consent),
        lastSuccessAt: now,
        lastErrorClass: runError?.errorClass ?? null,
        lastErrorMessage: runError?.message ?? null,
        lastRequestId: runError?.requestId ?? null,
      });

      hooks.beforeCommit?.({ runId: run.runId });
      return { views, totals, error: runError };
    });
  }

  function accountView(
    local: AccountRecord,
    currency: string,
    c: AccountCounts,
    statement: SyncStatementView | null,
    error: SyncErrorView | null,
  ): Omit<SyncAccountView, 'words'> {
    return {
      accountId: local.id,
      accountName: local.name,
      currency,
      fetched: c.fetched,
      added: c.added,
      addedPending: c.addedPending,
      replacedPending: c.replacedPending,
      updatedPending: c.updatedPending,
      droppedPending: c.droppedPending,
      skippedDuplicates: c.skippedDuplicates,
      skippedIgnored: c.skippedIgnored,
      changedAtBank: c.changedAtBank,
      flagged: c.flagged,
      statement,
      error,
    };
  }

  /** Records a run that changed nothing (failed or cancelled) in the log; saves. */
  async function recordOutcome(run: ActiveRun, conn: ConnectionRecord, status: 'failed' | 'cancelled', error: SyncErrorView | null, refreshNote: string | null): Promise<void> {
    const store = opts.store();
    store.transaction(() => {
      importRepo(store).insertRun({
        id: run.runId,
        connectionId: conn.id,
        trigger: run.trigger,
        status,
        refreshed: false,
        startedAt: run.startedAt,
        finishedAt: nowIso(),
        fetched: 0,
        added: 0,
        updated: 0,
        skipped: 0,
        errorClass: error?.errorClass ?? null,
        errorMessage: error?.message ?? null,
        requestId: error?.requestId ?? null,
      });
      store.repos.syncLog.add({
        runId: run.runId,
        connectionId: conn.id,
        level: status === 'failed' ? 'error' : 'info',
        message: runSummary({ status, refreshed: false, refreshNote, added: 0, accounts: 0, accountsWithErrors: 0, error }),
        data: { kind: 'run', refreshNote, error } satisfies RunLogData,
      });
      if (status === 'failed' && error) {
        store.repos.connections.update(conn.id, {
          ...connectionFieldsFrom(run.seen.seConnection ?? null, run.seen.consent ?? null),
          lastErrorClass: error.errorClass,
          lastErrorMessage: error.message,
          lastRequestId: error.requestId,
        });
      }
    });
    await store.save();
  }

  async function execute(run: ActiveRun, conn: ConnectionRecord): Promise<SyncFinished> {
    const signal = run.ctrl.signal;
    let refreshNote: string | null = null;
    const finish = (status: SyncFinished['status'], summary: string, error?: SyncErrorView): SyncFinished => {
      const payload: SyncFinished = { runId: run.runId, connectionId: conn.id, status, summary, ...(error ? { error } : {}) };
      emitProgress(run, { phase: 'done', fetched: run.progress?.fetched ?? 0, totalAccounts: run.progress?.totalAccounts ?? 0, doneAccounts: run.progress?.doneAccounts ?? 0, message: summary });
      opts.events.emit('sync.finished', payload);
      return payload;
    };
    try {
      const store = opts.store();
      const fetched = await fetchAll(run, conn, store);
      refreshNote = fetched.refreshNote;
      await hooks.afterFetch?.({ runId: run.runId });
      signal.throwIfAborted();
      const total = fetched.accounts.length + fetched.missing.length;
      emitProgress(run, { phase: 'applying', fetched: run.progress?.fetched ?? 0, totalAccounts: total, doneAccounts: total, message: 'Writing the statements…' });
      // from here on the run cannot be cancelled: it is one synchronous transaction
      const current = opts.store();
      if (current !== store || current.closed) throw new AppError('store-damaged', 'The database was closed during the synchronisation. Nothing was imported.');
      const applied = apply(run, conn, fetched, store);
      // Derived data of the statements view (running balances, search index), built now so the
      // first open after an import is as fast as any other; it goes into the same save.
      const view = statementsRepos(store);
      view.statements.refreshRunningBalances();
      view.statements.refreshSearchIndex();
      await hooks.afterCommit?.({ runId: run.runId });
      emitProgress(run, { phase: 'saving', fetched: run.progress?.fetched ?? 0, totalAccounts: total, doneAccounts: total, message: 'Saving…' });
      await store.save();
      const summary = runSummary({
        status: 'done',
        refreshed: fetched.refreshed,
        refreshNote,
        added: applied.totals.added,
        accounts: applied.views.length,
        accountsWithErrors: applied.views.filter((v) => v.view.error).length,
        error: applied.error,
      });
      opts.log.info(`sync: connection ${conn.id} run ${run.runId} done: ${summary}`);
      return finish('done', summary, applied.error ?? undefined);
    } catch (err) {
      if (isCrash(err)) throw err;
      if (signal.aborted) {
        await recordOutcome(run, conn, 'cancelled', null, refreshNote).catch((e) => opts.log.error('sync: could not record a cancelled run', e));
        return finish('cancelled', runSummary({ status: 'cancelled', refreshed: false, refreshNote, added: 0, accounts: 0, accountsWithErrors: 0, error: null }));
      }
      const error = (err as { syncError?: SyncErrorView }).syncError ?? toErrorView(err);
      if (!(err instanceof SaltEdgeError) && !(err as { syncError?: unknown }).syncError) opts.log.error(`sync: run ${run.runId} failed`, err);
      else opts.log.warn(`sync: run ${run.runId} failed: ${err instanceof SaltEdgeError ? err.toLogLine() : error.errorClass}`);
      await recordOutcome(run, conn, 'failed', error, refreshNote).catch((e) => opts.log.error('sync: could not record a failed run', e));
      return finish('failed', runSummary({ status: 'failed', refreshed: false, refreshNote, added: 0, accounts: 0, accountsWithErrors: 0, error }), error);
    }
  }

  function reserveRunId(store: Store): number {
    lastReservedRunId = Math.max(importRepo(store).nextRunId(), lastReservedRunId + 1);
    return lastReservedRunId;
  }

  async function runAndWait(connectionId: number, runOpts: RunOptions = {}): Promise<SyncRunResult> {
    const h = start(connectionId, runOpts);
    const f = await h.done;
    if (f.status === 'cancelled') throw new AppError('cancelled', f.summary);
    if (f.status === 'failed') {
      throw new AppError('saltedge', f.error?.message ?? f.summary, f.error ? { errorClass: f.error.errorClass, ...(f.error.requestId ? { requestId: f.error.requestId } : {}) } : undefined, 'The synchronisation failed');
    }
    const run = store0().repos.importRuns.get(h.runId);
    return { runId: h.runId, connectionId, status: 'done', summary: f.summary, added: run?.added ?? 0, error: f.error ?? null, alreadyRunning: h.alreadyRunning };
  }
  const store0 = () => opts.store();

  function start(connectionId: number, runOpts: RunOptions = {}): RunHandle {
    const existing = active.get(connectionId);
    if (existing) return { runId: existing.runId, alreadyRunning: true, done: existing.done };
    const store = opts.store();
    const conn = store.repos.connections.get(connectionId);
    if (!conn || conn.deletedAt) throw new AppError('not-found', 'This bank connection no longer exists. Reload the Online synchronisation page.');
    const r: ActiveRun = {
      runId: reserveRunId(store),
      connectionId,
      trigger: runOpts.trigger ?? 'manual',
      startedAt: nowIso(),
      ctrl: new AbortController(),
      progress: null,
      done: Promise.resolve(null as unknown as SyncFinished),
      seen: {},
    };
    active.set(connectionId, r);
    r.done = execute(r, conn).finally(() => {
      if (active.get(connectionId) === r) active.delete(connectionId);
    });
    r.done.catch(() => {}); // a simulated crash is observed by whoever awaits `done`
    return { runId: r.runId, alreadyRunning: false, done: r.done };
  }

  function cancel(runId: number): boolean {
    for (const r of active.values()) {
      if (r.runId === runId) {
        if (r.progress?.phase === 'applying' || r.progress?.phase === 'saving') return false;
        r.ctrl.abort(new AppError('cancelled', 'Cancelled by the user.'));
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // log and undo

  function log(connectionId: number, limit = 50): SyncLogView {
    const store = opts.store();
    const repo = importRepo(store);
    const undoable = repo.latestUndoableRunId(connectionId);
    const running = active.get(connectionId) ?? null;
    const runs: SyncRunView[] = store.repos.importRuns.listByConnection(connectionId, { limit }).map((r) => {
      const entries = store.repos.syncLog.list({ runId: r.id, limit: 1000 }).reverse();
      const accounts: SyncAccountView[] = [];
      let runData: RunLogData | null = null;
      for (const e of entries) {
        const d = e.data as AccountLogData | RunLogData | null;
        if (d?.kind === 'account') accounts.push({ ...d.view, words: accountWords(d.view, { firstStatement: d.firstStatement }) });
        else if (d?.kind === 'run') runData = d;
      }
      const error: SyncErrorView | null =
        runData?.error ?? (r.errorClass ? { errorClass: r.errorClass, requestId: r.requestId, message: r.errorMessage ?? describeSaltEdgeError(r.errorClass).message } : null);
      return {
        runId: r.id,
        connectionId,
        trigger: r.trigger,
        status: r.status as SyncRunStatus,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        refreshed: r.refreshed,
        refreshNote: runData?.refreshNote ?? null,
        fetched: r.fetched,
        added: r.added,
        updated: r.updated,
        skipped: r.skipped,
        summary: runSummary({
          status: r.status,
          refreshed: r.refreshed,
          refreshNote: runData?.refreshNote ?? null,
          added: r.added,
          accounts: accounts.length,
          accountsWithErrors: accounts.filter((a) => a.error).length,
          error,
        }),
        accounts,
        error,
        canUndo: r.id === undoable && !running,
      };
    });
    return {
      connectionId,
      running: running ? { runId: running.runId, trigger: running.trigger, startedAt: running.startedAt, progress: running.progress } : null,
      runs,
    };
  }

  async function undoRun(runId: number): Promise<SyncUndoSummary> {
    const store = opts.store();
    const r = store.repos.importRuns.get(runId);
    if (!r || r.connectionId === null) throw new AppError('not-found', 'This import is no longer in the sync log.');
    if (r.status === 'undone') throw new AppError('conflict', 'This import has already been undone.');
    if (r.status !== 'done') throw new AppError('conflict', 'Only a completed import can be undone; this one did not change anything.');
    if (active.has(r.connectionId)) throw new AppError('conflict', 'A synchronisation of this connection is running. Undo the import once it has finished.');
    const repo = importRepo(store);
    if (repo.latestUndoableRunId(r.connectionId) !== runId) {
      throw new AppError('conflict', 'A newer import of this connection exists. Undo the newer imports first, newest first.');
    }
    const result = store.transaction(() => {
      const res = repo.undoRun(runId);
      store.repos.importRuns.markUndone(runId);
      const message =
        `Import undone: ${res.removedTransactions} ${res.removedTransactions === 1 ? 'row' : 'rows'} and ${res.removedStatements} ` +
        `${res.removedStatements === 1 ? 'statement' : 'statements'} removed` +
        (res.restoredPending > 0 ? `, ${res.restoredPending} pending ${res.restoredPending === 1 ? 'row' : 'rows'} put back` : '') +
        '. The next synchronisation imports these transactions again.';
      store.repos.syncLog.add({ runId, connectionId: r.connectionId, level: 'info', message, data: { kind: 'undo', ...res } });
      return { ...res, message };
    });
    await store.save();
    return {
      runId,
      removedTransactions: result.removedTransactions,
      removedStatements: result.removedStatements,
      restoredPending: result.restoredPending,
      message: result.message,
    };
  }

  // ---------------------------------------------------------------------------------------------

  const engine: SyncEngine = {
    start,
    run: runAndWait,
    cancel,
    isRunning: (id) => active.has(id),
    log,
    undoRun,
    getSchedule: (id) => scheduler.getSchedule(id),
    setSchedule: (id, s) => scheduler.setSchedule(id, s),
    startScheduler: () => scheduler.start(),
    stopScheduler: () => scheduler.stop(),
    tick: () => scheduler.tick(),
    idle: async () => {
      while (active.size) await Promise.allSettled([...active.values()].map((r) => r.done));
    },
    close: async () => {
      scheduler.stop();
      for (const r of active.values()) r.ctrl.abort(new AppError('cancelled', 'The app is closing.'));
      await engine.idle();
    },
  };
  const scheduler = new SyncScheduler({
    store: opts.store,
    events: opts.events,
    log: opts.log,
    now: opts.now,
    timers,
    ...(opts.notify ? { notify: opts.notify } : {}),
    ...(opts.reminderDays ? { reminderDays: opts.reminderDays } : {}),
    ...(opts.defaultSchedule ? { defaultSchedule: opts.defaultSchedule } : {}),
    isRunning: (id) => active.has(id),
    startRun: (id) => {
      start(id, { trigger: 'scheduled' });
    },
  });
  return engine;
}

export type { ScheduleSettings } from './scheduler.js';
