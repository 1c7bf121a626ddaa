/** Salt Edge API v6: paths, request bodies and response schemas (WIRE-v6.md). */
import { z } from 'zod';
import type { PageRequest, ParsedApiError, RequestSpec, SaltEdgeEndpoints } from '../endpoints.js';
import type { SeConsentInput, SeConsentScope, SeFetchScope } from '../types.js';
import { validate } from '../validate.js';
import {
  accountSchema,
  connectSessionSchema,
  connectionRemovedSchema,
  connectionSchema,
  consentSchema,
  countrySchema,
  customerDeletedSchema,
  customerSchema,
  errorEnvelope,
  flatErrorEnvelope,
  listEnvelope,
  objectEnvelope,
  providerSchema,
  transactionListEnvelope,
} from './schemas.js';

const enc = encodeURIComponent;

function one<S extends z.ZodType>(schema: S) {
  const env = objectEnvelope(schema);
  return (envelope: unknown): z.output<S> => (validate(env, envelope) as { data: z.output<S> }).data;
}

function list<S extends z.ZodType>(schema: S) {
  const env = listEnvelope(schema);
  return (envelope: unknown) => validate(env, envelope);
}

function pages<T>(
  path: string,
  query: Record<string, string | undefined>,
  parse: (envelope: unknown) => { items: T[]; nextId: string | null },
): PageRequest<T> {
  return (cursor) => ({
    method: 'GET',
    path,
    query: { ...query, ...(cursor !== null ? { from_id: cursor } : {}) },
    idempotent: true,
    parse,
  });
}

const consentBody = (c: SeConsentInput) => ({
  scopes: c.scopes,
  from_date: c.fromDate,
  ...(c.toDate !== undefined ? { to_date: c.toDate } : {}),
  ...(c.periodDays !== undefined ? { period_days: c.periodDays } : {}),
});

/** Fetch scopes follow the consent scopes unless given. */
const fetchScopesFor = (scopes: readonly SeConsentScope[]): SeFetchScope[] => [...scopes];

const DEFAULT_FETCH_SCOPES: SeFetchScope[] = ['accounts', 'transactions'];

/** The `attempt` of every Connect session (connect, reconnect, refresh). */
const attemptBody = (
  input: { returnTo: string; fetchFromDate?: string; fetchScopes?: SeFetchScope[]; locale?: string; customFields?: Record<string, unknown>; storeCredentials?: boolean },
  defaultScopes: SeFetchScope[],
) => ({
  fetch_scopes: input.fetchScopes ?? defaultScopes,
  ...(input.fetchFromDate ? { fetch_from_date: input.fetchFromDate } : {}),
  return_to: input.returnTo,
  ...(input.customFields ? { custom_fields: input.customFields } : {}),
  ...(input.locale ? { locale: input.locale } : {}),
  ...(input.storeCredentials !== undefined ? { store_credentials: input.storeCredentials } : {}),
});

const parseConnectSession = one(connectSessionSchema);
const parseConnection = one(connectionSchema);
const parseConsent = one(consentSchema);
const parseCustomer = one(customerSchema);

export const v6Endpoints: SaltEdgeEndpoints = {
  version: 'v6',

  parseError(envelope: unknown): ParsedApiError | null {
    const r = errorEnvelope.safeParse(envelope);
    if (r.success) {
      return {
        errorClass: r.data.error.class,
        message: r.data.error.message ?? '',
        ...(r.data.request?.id ? { requestId: r.data.request.id } : {}),
      };
    }
    const flat = flatErrorEnvelope.safeParse(envelope);
    if (flat.success) {
      return {
        errorClass: flat.data.error_class,
        message: flat.data.error_message ?? '',
        ...(flat.data.request_id ? { requestId: flat.data.request_id } : {}),
      };
    }
    return null;
  },

  listCustomers({ identifier, perPage }) {
    return pages('customers', { identifier, per_page: perPage?.toString() }, list(customerSchema));
  },
  getCustomer(customerId) {
    return { method: 'GET', path: `customers/${enc(customerId)}`, idempotent: true, parse: parseCustomer };
  },
  createCustomer(identifier) {
    return { method: 'POST', path: 'customers', body: { data: { identifier } }, idempotent: false, parse: parseCustomer };
  },
  deleteCustomer(customerId) {
    return { method: 'DELETE', path: `customers/${enc(customerId)}`, idempotent: true, parse: one(customerDeletedSchema) };
  },

  createConnectSession(input, { includeSandboxes }) {
    const widget = {
      ...(input.javascriptCallbackType ? { javascript_callback_type: input.javascriptCallbackType } : {}),
      ...(input.theme ? { theme: input.theme } : {}),
      ...(input.allowedCountries?.length ? { allowed_countries: input.allowedCountries } : {}),
      ...(input.disableProviderSearch !== undefined ? { disable_provider_search: input.disableProviderSearch } : {}),
    };
    const provider = {
      ...(input.providerCode ? { code: input.providerCode } : {}),
      ...(includeSandboxes ? { include_sandboxes: true } : {}),
    };
    return {
      method: 'POST',
      path: 'connections/connect',
      idempotent: false,
      body: {
        data: {
          customer_id: input.customerId,
          consent: consentBody(input.consent),
          attempt: attemptBody(input, fetchScopesFor(input.consent.scopes)),
          ...(Object.keys(widget).length ? { widget } : {}),
          ...(Object.keys(provider).length ? { provider } : {}),
          return_connection_id: true,
          return_error_class: true,
          ...(input.automaticRefresh !== undefined ? { automatic_refresh: input.automaticRefresh } : {}),
        },
      },
      parse: parseConnectSession,
    };
  },

  createReconnectSession(connectionId, input) {
    return {
      method: 'POST',
      path: `connections/${enc(connectionId)}/reconnect`,
      idempotent: false,
      body: {
        data: {
          consent: consentBody(input.consent),
          attempt: attemptBody(input, fetchScopesFor(input.consent.scopes)),
          return_connection_id: true,
          return_error_class: true,
          ...(input.overrideCredentialsStrategy ? { override_credentials_strategy: input.overrideCredentialsStrategy } : {}),
        },
      },
      parse: parseConnectSession,
    };
  },

  createRefreshSession(connectionId, input) {
    return {
      method: 'POST',
      path: `connections/${enc(connectionId)}/refresh`,
      idempotent: false,
      body: {
        data: {
          attempt: attemptBody(input, DEFAULT_FETCH_SCOPES),
          return_connection_id: true,
          return_error_class: true,
        },
      },
      parse: parseConnectSession,
    };
  },

  backgroundRefresh(connectionId, input) {
    return {
      method: 'POST',
      path: `connections/${enc(connectionId)}/background_refresh`,
      idempotent: false,
      body: {
        data: {
          attempt: {
            fetch_scopes: input.fetchScopes ?? DEFAULT_FETCH_SCOPES,
            ...(input.fetchFromDate ? { fetch_from_date: input.fetchFromDate } : {}),
          },
        },
      },
      parse: parseConnection,
    };
  },

  listConnections(customerId) {
    return pages('connections', { customer_id: customerId }, list(connectionSchema));
  },
  getConnection(connectionId) {
    return { method: 'GET', path: `connections/${enc(connectionId)}`, idempotent: true, parse: parseConnection };
  },
  removeConnection(connectionId) {
    return { method: 'DELETE', path: `connections/${enc(connectionId)}`, idempotent: true, parse: one(connectionRemovedSchema) };
  },

  listConsents(filter) {
    const query = 'connectionId' in filter ? { connection_id: filter.connectionId } : { customer_id: filter.customerId };
    return pages('consents', query, list(consentSchema));
  },
  getConsent(consentId) {
    return { method: 'GET', path: `consents/${enc(consentId)}`, idempotent: true, parse: parseConsent };
  },
  revokeConsent(consentId, connectionId) {
    return {
      method: 'PUT',
      path: `consents/${enc(consentId)}/revoke`,
      query: { connection_id: connectionId },
      idempotent: true,
      parse: parseConsent,
    };
  },

  listAccounts(connectionId) {
    return pages('accounts', { connection_id: connectionId }, list(accountSchema));
  },
  listTransactions({ connectionId, accountId, pending, perPage }) {
    return pages(
      'transactions',
      { connection_id: connectionId, account_id: accountId, per_page: String(perPage), ...(pending ? { pending: 'true' } : {}) },
      (envelope) => validate(transactionListEnvelope, envelope),
    );
  },

  listProviders({ countryCode, includeSandboxes }) {
    return pages(
      'providers',
      { country_code: countryCode, ...(includeSandboxes ? { include_sandboxes: 'true' } : {}) },
      list(providerSchema),
    );
  },
  getProvider(code, { includeSandboxes }) {
    return {
      method: 'GET',
      path: `providers/${enc(code)}`,
      ...(includeSandboxes ? { query: { include_sandboxes: 'true' } } : {}),
      idempotent: true,
      parse: one(providerSchema),
    };
  },
  listCountries() {
    return pages('countries', {}, list(countrySchema));
  },

  ping(): RequestSpec<void> {
    // Cheap and authenticated: one customer at most. Only the envelope is checked.
    return {
      method: 'GET',
      path: 'customers',
      query: { per_page: '1' },
      idempotent: true,
      parse: (envelope) => {
        validate(z.object({ data: z.array(z.unknown()) }), envelope);
      },
    };
  },
};
