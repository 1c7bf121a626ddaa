/**
 * What an API-version layer provides: for each operation, the HTTP request to make and how to
 * turn the (lossless-parsed) response into domain types. The client (transport, signing,
 * retries, pagination, errors) is version-independent; `v6/` implements this today and a
 * `v5/` could be added next to it.
 */
import type {
  BackgroundRefreshInput,
  CreateConnectSessionInput,
  CreateReconnectSessionInput,
  CreateRefreshSessionInput,
  ListConsentsFilter,
  SeAccount,
  SeConnectSession,
  SeConnection,
  SeConsent,
  SeCountry,
  SeCustomer,
  SeCustomerDeleted,
  SeProvider,
  SeRemoved,
  SeTransaction,
} from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestSpec<T> {
  method: HttpMethod;
  /** Relative to the base URL, without a leading slash (ky `prefixUrl` style). */
  path: string;
  query?: Record<string, string | undefined>;
  /** JSON body; serialised once by the transport and signed as those exact bytes. */
  body?: unknown;
  /**
   * May be retried on network errors, 429 and 5xx. Only GET and idempotent PUT/DELETE;
   * never POST (not even POST /customers).
   */
  idempotent: boolean;
  /** Validates and maps the parsed envelope; throws ResponseShapeError on a mismatch. */
  parse(envelope: unknown): T;
}

export interface Page<T> {
  items: T[];
  nextId: string | null;
}

/** A paginated list: the request for one page, given the cursor (null for the first page). */
export type PageRequest<T> = (cursor: string | null) => RequestSpec<Page<T>>;

export interface ParsedApiError {
  errorClass: string;
  message: string;
  requestId?: string;
}

export interface SaltEdgeEndpoints {
  readonly version: string;
  /** Recognises an error body (already JSON-parsed); null when it is not one. */
  parseError(envelope: unknown): ParsedApiError | null;

  listCustomers(query: { identifier?: string; perPage?: number }): PageRequest<SeCustomer>;
  getCustomer(customerId: string): RequestSpec<SeCustomer>;
  createCustomer(identifier: string): RequestSpec<SeCustomer>;
  deleteCustomer(customerId: string): RequestSpec<SeCustomerDeleted>;

  createConnectSession(input: CreateConnectSessionInput, opts: { includeSandboxes: boolean }): RequestSpec<SeConnectSession>;
  createReconnectSession(connectionId: string, input: CreateReconnectSessionInput): RequestSpec<SeConnectSession>;
  createRefreshSession(connectionId: string, input: CreateRefreshSessionInput): RequestSpec<SeConnectSession>;
  backgroundRefresh(connectionId: string, input: BackgroundRefreshInput): RequestSpec<SeConnection>;

  listConnections(customerId: string): PageRequest<SeConnection>;
  getConnection(connectionId: string): RequestSpec<SeConnection>;
  removeConnection(connectionId: string): RequestSpec<SeRemoved>;

  listConsents(filter: ListConsentsFilter): PageRequest<SeConsent>;
  getConsent(consentId: string): RequestSpec<SeConsent>;
  revokeConsent(consentId: string, connectionId: string): RequestSpec<SeConsent>;

  listAccounts(connectionId: string): PageRequest<SeAccount>;
  listTransactions(query: { connectionId: string; accountId: string; pending: boolean; perPage: number }): PageRequest<SeTransaction>;

  listProviders(query: { countryCode?: string; includeSandboxes: boolean }): PageRequest<SeProvider>;
  getProvider(code: string, opts: { includeSandboxes: boolean }): RequestSpec<SeProvider>;
  listCountries(): PageRequest<SeCountry>;

  /** A cheap authenticated call for "Test connection". */
  ping(): RequestSpec<void>;
}
