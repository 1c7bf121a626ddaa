/**
 * The Salt Edge API client (main-process core; no `electron` import). Public methods return
 * version-independent domain types (types.ts); the wire format lives in `v6/`.
 */
import type { PageRequest, RequestSpec, SaltEdgeEndpoints } from './endpoints.js';
import { SaltEdgeError, isSaltEdgeError } from './errors.js';
import { createRequestSigner } from './signing.js';
import { Transport, defaultSleep, type RequestInfo, type RetryOptions } from './transport.js';
import type {
  BackgroundRefreshInput,
  CreateConnectSessionInput,
  CreateReconnectSessionInput,
  CreateRefreshSessionInput,
  ListConsentsFilter,
  ListTransactionsInput,
  SeAccount,
  SeConnectSession,
  SeConnection,
  SeConsent,
  SeCountry,
  SeCustomer,
  SeCustomerDeleted,
  SePage,
  SeProvider,
  SeRemoved,
  SeTransaction,
} from './types.js';
import { v6Endpoints } from './v6/endpoints.js';

export interface SaltEdgeClientOptions {
  /** e.g. https://www.saltedge.com/api/v6 or the sandbox's apiUrl. */
  baseUrl: string;
  appId: string;
  secret: string;
  /** RSA private key (PEM): when set, every request is signed (Expires-at + Signature). */
  signingKeyPem?: string;
  /** Per request attempt, default 30 s. */
  timeoutMs?: number;
  /** Bounded retries of idempotent calls; defaults: limit 3, maxDelayMs 5 s, maxTotalMs 30 s. */
  retry?: RetryOptions;
  /** ms clock, for tests. */
  now?: () => number;
  /** Fake providers (provider.include_sandboxes / include_sandboxes=true). */
  includeSandboxes?: boolean;
  /** Called after every HTTP attempt, for the sync log. Never receives secrets or query strings. */
  onRequest?: (info: RequestInfo) => void;
  /** Random source in [0,1) for backoff jitter (tests: a seeded one). */
  random?: () => number;
  /** Waiting between retries (tests: a fake that resolves at once). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Safety cap on pages of one list (default 10 000). */
  maxPages?: number;
  /** API version layer (default v6). */
  endpoints?: SaltEdgeEndpoints;
  /** fetch implementation (default: global fetch). */
  fetch?: typeof fetch;
}

export interface IterateOptions {
  signal?: AbortSignal;
}

export interface SaltEdgeClient {
  readonly apiVersion: string;
  /** Current estimate of server clock − local clock (ms), from `Date` headers. */
  clockOffsetMs(): number;

  findCustomer(identifier: string, opts?: IterateOptions): Promise<SeCustomer | null>;
  createCustomer(identifier: string): Promise<SeCustomer>;
  /** Find, else create; on DuplicatedCustomer find again. Never creates two customers. */
  ensureCustomer(identifier: string): Promise<SeCustomer>;
  getCustomer(customerId: string): Promise<SeCustomer>;
  deleteCustomer(customerId: string): Promise<SeCustomerDeleted>;

  createConnectSession(input: CreateConnectSessionInput): Promise<SeConnectSession>;
  createReconnectSession(connectionId: string, input: CreateReconnectSessionInput): Promise<SeConnectSession>;
  createRefreshSession(connectionId: string, input: CreateRefreshSessionInput): Promise<SeConnectSession>;
  backgroundRefresh(connectionId: string, input?: BackgroundRefreshInput): Promise<SeConnection>;

  listConnections(customerId: string, opts?: IterateOptions): Promise<SeConnection[]>;
  getConnection(connectionId: string): Promise<SeConnection>;
  /** Removes the connection at Salt Edge (also revokes its consent and deletes its data there). */
  removeConnection(connectionId: string): Promise<SeRemoved>;

  listConsents(filter: ListConsentsFilter, opts?: IterateOptions): Promise<SeConsent[]>;
  getConsent(consentId: string): Promise<SeConsent>;
  revokeConsent(consentId: string, connectionId: string): Promise<SeConsent>;

  listAccounts(connectionId: string, opts?: IterateOptions): Promise<SeAccount[]>;
  /** All pages of posted (or, with `pending: true`, pending) rows of one account; from `fromId` on when given. */
  listTransactions(input: ListTransactionsInput): Promise<SeTransaction[]>;
  /** Page by page, for progress and cancellation (`signal`). */
  iterateTransactionPages(input: ListTransactionsInput): AsyncGenerator<SePage<SeTransaction>, void, undefined>;

  listProviders(query?: { countryCode?: string }, opts?: IterateOptions): Promise<SeProvider[]>;
  getProvider(code: string): Promise<SeProvider>;
  listCountries(opts?: IterateOptions): Promise<SeCountry[]>;

  /** Cheap authenticated call (GET /customers?per_page=1); throws SaltEdgeError on failure. */
  ping(): Promise<void>;
  /**
   * Settings → "Test connection": a cheap authenticated call. Resolves with the round-trip
   * time; throws the SaltEdgeError (ApiKeyNotFound, ClientDisabled, NetworkUnavailable, …)
   * whose `userMessage` says what to fix.
   */
  testCredentials(): Promise<{ ok: true; ms: number }>;
}

const DEFAULTS = { timeoutMs: 30_000, limit: 3, baseDelayMs: 300, maxDelayMs: 5_000, maxTotalMs: 30_000, maxPages: 10_000 };

export function createSaltEdgeClient(options: SaltEdgeClientOptions): SaltEdgeClient {
  const endpoints = options.endpoints ?? v6Endpoints;
  const now = options.now ?? Date.now;
  const includeSandboxes = options.includeSandboxes ?? false;
  const maxPages = options.maxPages ?? DEFAULTS.maxPages;
  const transport = new Transport({
    baseUrl: options.baseUrl,
    appId: options.appId,
    secret: options.secret,
    ...(options.signingKeyPem ? { signer: createRequestSigner(options.signingKeyPem) } : {}),
    endpoints,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retry: {
      limit: Math.max(0, options.retry?.limit ?? DEFAULTS.limit),
      baseDelayMs: options.retry?.baseDelayMs ?? DEFAULTS.baseDelayMs,
      maxDelayMs: options.retry?.maxDelayMs ?? DEFAULTS.maxDelayMs,
      maxTotalMs: options.retry?.maxTotalMs ?? DEFAULTS.maxTotalMs,
    },
    now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const send = <T>(spec: RequestSpec<T>, signal?: AbortSignal) => transport.send(spec, signal);

  /**
   * Follows `meta.next_id` until null; guards against a repeated cursor and endless lists.
   * `startId` (a digit string) is sent as `from_id` on the first request.
   */
  async function* pages<T>(request: PageRequest<T>, signal?: AbortSignal, startId?: string): AsyncGenerator<SePage<T>, void, undefined> {
    const seen = new Set<string>();
    let cursor: string | null = startId ?? null;
    let page = 0;
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const spec = request(cursor);
      const result = await send(spec, signal);
      page++;
      total += result.items.length;
      const next = result.nextId;
      yield { items: result.items, page, total, nextId: next };
      if (next === null || next === '') return;
      if (seen.has(next) || next === cursor) {
        throw new SaltEdgeError({
          errorClass: 'RepeatedPaginationCursor',
          message: `Salt Edge returned the cursor ${next} again after ${page} page${page === 1 ? '' : 's'} of ${spec.path}`,
          method: spec.method,
          path: `/${spec.path}`,
        });
      }
      if (page >= maxPages) {
        throw new SaltEdgeError({
          errorClass: 'TooManyPages',
          message: `Stopped after ${page} pages of ${spec.path}`,
          method: spec.method,
          path: `/${spec.path}`,
        });
      }
      seen.add(next);
      cursor = next;
    }
  }

  async function all<T>(request: PageRequest<T>, signal?: AbortSignal, startId?: string): Promise<T[]> {
    const out: T[] = [];
    for await (const p of pages(request, signal, startId)) for (const item of p.items) out.push(item);
    return out;
  }

  /** The first `from_id` of a transactions list: a Salt Edge id (digits), never a JS number. */
  const transactionsStart = (input: ListTransactionsInput): string | undefined => {
    if (input.fromId === undefined) return undefined;
    if (!/^\d{1,20}$/.test(input.fromId)) throw new TypeError(`fromId must be a Salt Edge id (a string of digits), got ${JSON.stringify(input.fromId)}`);
    return input.fromId;
  };

  const transactionsRequest = (input: ListTransactionsInput) =>
    endpoints.listTransactions({
      connectionId: input.connectionId,
      accountId: input.accountId,
      pending: input.pending ?? false,
      perPage: Math.min(1000, Math.max(1, Math.floor(input.perPage ?? 1000))),
    });

  const client: SaltEdgeClient = {
    apiVersion: endpoints.version,
    clockOffsetMs: () => transport.clockOffsetMs,

    async findCustomer(identifier, opts) {
      // The server filters by identifier; we still compare exactly (and page on) in case a
      // server ignores the filter.
      for await (const p of pages(endpoints.listCustomers({ identifier }), opts?.signal)) {
        const hit = p.items.find((c) => c.identifier === identifier);
        if (hit) return hit;
      }
      return null;
    },
    createCustomer: (identifier) => send(endpoints.createCustomer(identifier)),
    async ensureCustomer(identifier) {
      const found = await client.findCustomer(identifier);
      if (found) return found;
      try {
        return await client.createCustomer(identifier);
      } catch (e) {
        if (!isSaltEdgeError(e, 'DuplicatedCustomer')) throw e;
        const again = await client.findCustomer(identifier);
        if (again) return again;
        throw e;
      }
    },
    getCustomer: (id) => send(endpoints.getCustomer(id)),
    deleteCustomer: (id) => send(endpoints.deleteCustomer(id)),

    createConnectSession: (input) => send(endpoints.createConnectSession(input, { includeSandboxes })),
    createReconnectSession: (id, input) => send(endpoints.createReconnectSession(id, input)),
    createRefreshSession: (id, input) => send(endpoints.createRefreshSession(id, input)),
    backgroundRefresh: (id, input = {}) => send(endpoints.backgroundRefresh(id, input)),

    listConnections: (customerId, opts) => all(endpoints.listConnections(customerId), opts?.signal),
    getConnection: (id) => send(endpoints.getConnection(id)),
    async removeConnection(id) {
      try {
        return await send(endpoints.removeConnection(id));
      } catch (e) {
        // A retried DELETE whose first try went through answers "not found": it is gone.
        if (isSaltEdgeError(e, 'ConnectionNotFound') && e.attempts > 1) return { id, removed: true };
        throw e;
      }
    },

    listConsents: (filter, opts) => all(endpoints.listConsents(filter), opts?.signal),
    getConsent: (id) => send(endpoints.getConsent(id)),
    async revokeConsent(consentId, connectionId) {
      try {
        return await send(endpoints.revokeConsent(consentId, connectionId));
      } catch (e) {
        // A retried revoke whose first try went through: report the (revoked) consent.
        if (isSaltEdgeError(e, 'AispConsentAlreadyRevoked') && e.attempts > 1) return client.getConsent(consentId);
        throw e;
      }
    },

    listAccounts: (connectionId, opts) => all(endpoints.listAccounts(connectionId), opts?.signal),
    listTransactions: async (input) => all(transactionsRequest(input), input.signal, transactionsStart(input)),
    iterateTransactionPages: (input) => pages(transactionsRequest(input), input.signal, transactionsStart(input)),

    listProviders: (query = {}, opts) =>
      all(endpoints.listProviders({ ...(query.countryCode ? { countryCode: query.countryCode } : {}), includeSandboxes }), opts?.signal),
    getProvider: (code) => send(endpoints.getProvider(code, { includeSandboxes })),
    listCountries: (opts) => all(endpoints.listCountries(), opts?.signal),

    ping: () => send(endpoints.ping()),
    async testCredentials() {
      const t0 = now();
      await client.ping();
      return { ok: true, ms: Math.max(0, now() - t0) };
    },
  };
  return client;
}
