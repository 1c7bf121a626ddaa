import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/index.js';
import { api, createCustomer, KEYS, link, start } from './helpers.js';

let sb: Sandbox;
let customer: string;
beforeAll(async () => {
  sb = await start();
  customer = await createCustomer(sb);
});
afterAll(() => sb.close());

const refresh = (id: string) => api(sb, 'POST', `/connections/${id}/background_refresh`, { data: { attempt: { fetch_scopes: ['accounts', 'transactions'] } } });

describe('background refresh and consents', () => {
  it('too early → 406 ConnectionCannotBeRefreshed; after refresh_timeout it works', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'timing' });
    const early = await refresh(id);
    expect([early.status, early.json.error.class]).toEqual([406, 'ConnectionCannotBeRefreshed']);
    sb.control.advanceClock({ minutes: 61 });
    const ok = await refresh(id);
    expect(ok.status).toBe(200);
    expect(ok.json.data.last_attempt.finished).toBe(true);
    expect(Date.parse(ok.json.data.next_refresh_possible_at) - Date.parse(ok.json.data.last_attempt.success_at)).toBe(60 * 60_000);
  });

  it('consent expires by the sandbox clock', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'expiry' });
    const conn = (await api(sb, 'GET', `/connections/${id}`)).json.data;
    sb.control.advanceClock({ days: 91 });
    const consent = (await api(sb, 'GET', `/consents/${conn.last_consent_id}`)).json.data;
    expect(consent.revoke_reason).toBe('expired');
    expect(consent.revoked_at).toBe(consent.expires_at);
    const r = await refresh(id);
    expect([r.status, r.json.error.class]).toEqual([406, 'AispConsentExpired']);
    const widget = await api(sb, 'POST', `/connections/${id}/refresh`, { data: { attempt: { return_to: 'http://127.0.0.1:9/r' } } });
    expect(widget.json.error.class).toBe('AispConsentExpired');
    // an expired consent cannot be revoked again
    expect((await api(sb, 'PUT', `/consents/${conn.last_consent_id}/revoke`)).json.error.class).toBe('AispConsentAlreadyRevoked');
    // data access stops until a reconnect gives a new consent
    const accounts = await api(sb, 'GET', `/accounts?connection_id=${id}`);
    expect([accounts.status, accounts.json.error.class]).toEqual([406, 'AispConsentExpired']);
    const tx = await api(sb, 'GET', `/transactions?connection_id=${id}`);
    expect(tx.json.error.class).toBe('AispConsentExpired');
  });

  it('control.expireConsent and revoke via the API', async () => {
    const a = await link(sb, customer, 'fakebank_simple_xf', { username: 'ctl-expire' });
    sb.control.expireConsent({ connectionId: a });
    sb.control.allowRefreshNow({ connectionId: a });
    expect((await refresh(a)).json.error.class).toBe('AispConsentExpired');

    const b = await link(sb, customer, 'fakebank_simple_xf', { username: 'api-revoke' });
    const consentId = (await api(sb, 'GET', `/connections/${b}`)).json.data.last_consent_id;
    const revoked = await api(sb, 'PUT', `/consents/${consentId}/revoke?connection_id=${b}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.data).toMatchObject({ id: consentId, revoke_reason: 'client' });
    expect(revoked.json.data.revoked_at).toMatch(/Z$/);
    const twice = await api(sb, 'PUT', `/consents/${consentId}/revoke`);
    expect([twice.status, twice.json.error.class]).toEqual([409, 'AispConsentAlreadyRevoked']);
    sb.control.allowRefreshNow({ connectionId: b });
    const r = await refresh(b);
    expect([r.status, r.json.error.class]).toEqual([406, 'AispConsentRevoked']);
    expect((await api(sb, 'PUT', `/consents/${consentId}/revoke?connection_id=1`)).json.error.class).toBe('AispConsentNotFound');

    const c = await link(sb, customer, 'fakebank_simple_xf', { username: 'bank-revoke' });
    sb.control.revokeConsent({ connectionId: c });
    const list = (await api(sb, 'GET', `/consents?connection_id=${c}`)).json;
    expect(list.data[0].revoke_reason).toBe('provider');
    expect(list.meta).toEqual({ next_id: null, next_page: null });
  });

  it('an inactive connection cannot be refreshed; a bank fault fails the attempt, not the request', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'inactive' });
    sb.control.allowRefreshNow({ connectionId: id });
    sb.control.addBankFault({ errorClass: 'ProviderUnavailable', providerCode: 'fakebank_simple_xf' });
    const failed = await refresh(id);
    expect(failed.status).toBe(200);
    expect(failed.json.data.last_attempt).toMatchObject({ fail_error_class: 'ProviderUnavailable', finished: true });
    expect(failed.json.data.status).toBe('active');
    sb.control.deactivateConnection({ connectionId: id });
    const r = await refresh(id);
    expect([r.status, r.json.error.class]).toEqual([406, 'ConnectionCannotBeRefreshed']);
  });
});

describe('removing connections', () => {
  it('DELETE works, or fails with ActionNotAllowed in dashboard-only mode', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'delete-me' });
    sb.control.setDashboardOnly({ enabled: true });
    const refused = await api(sb, 'DELETE', `/connections/${id}`);
    expect([refused.status, refused.json.error.class]).toEqual([403, 'ActionNotAllowed']);
    expect(refused.json.error.message).toContain('dashboard');
    // revoking the consent is still allowed
    const consentId = (await api(sb, 'GET', `/connections/${id}`)).json.data.last_consent_id;
    expect((await api(sb, 'PUT', `/consents/${consentId}/revoke`)).status).toBe(200);
    sb.control.setDashboardOnly({ enabled: false });
    const removed = await api(sb, 'DELETE', `/connections/${id}`);
    expect(removed.json.data).toEqual({ id, removed: true });
    expect((await api(sb, 'GET', `/connections/${id}`)).json.error.class).toBe('ConnectionNotFound');
    expect((await api(sb, 'GET', `/accounts?connection_id=${id}`)).status).toBe(404);
    // the same credentials can be linked again
    expect(await link(sb, customer, 'fakebank_simple_xf', { username: 'delete-me' })).not.toBe(id);
  });

  it('lists a customer\'s connections', async () => {
    const other = await createCustomer(sb, 'lister@example.com');
    const a = await link(sb, other, 'fakebank_simple_xf', { username: 'l1' });
    const b = await link(sb, other, 'fakebank_oauth_xf');
    const r = await api(sb, 'GET', `/connections?customer_id=${other}`);
    expect(r.json.data.map((c: any) => c.id)).toEqual([a, b]);
    expect(r.json.data[0].customer_identifier).toBe('lister@example.com');
    expect((await api(sb, 'GET', '/connections')).json.error.message).toContain('customer_id');
  });
});

describe('control over HTTP', () => {
  const control = (op: string, body?: unknown, headers: Record<string, string> = KEYS) =>
    fetch(`${sb.url}/control/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });

  it('requires the keys and runs the same operations', async () => {
    expect((await control('summary', undefined, {})).status).toBe(401);
    const summary = await (await control('summary')).json();
    expect(summary.data).toMatchObject({ seed: 42, dashboardOnly: false });
    expect(summary.data.customers).toBeGreaterThan(0);
    const before = Date.parse(summary.data.now);
    const advanced = await (await control('advanceClock', { days: 1 })).json();
    expect(Date.parse(advanced.data.now) - before).toBe(86_400_000);
    expect((await (await control('addFault', { kind: 'server_error', pathPrefix: '/countries' })).json()).data).toEqual({ faults: 1 });
    expect((await api(sb, 'GET', '/countries')).status).toBe(500);
    const id = (await (await control('createConnection', { customerId: customer, providerCode: 'fakebank_oauth_xf' })).json()).data;
    expect((await api(sb, 'GET', `/connections/${id}`)).json.data.status).toBe('active');
    const bulk = (await (await control('seedBulkConnection', { customerId: customer, accounts: 2, transactionsPerAccount: 1500 })).json()).data;
    expect((await api(sb, 'GET', `/accounts?connection_id=${bulk}`)).json.data).toHaveLength(2);
    const bad = await control('seedBulkConnection', { customerId: customer, accounts: 0 });
    expect(bad.status).toBe(400);
    expect((await control('nope')).status).toBe(404);
    const get = await fetch(`${sb.url}/control/summary`, { headers: KEYS });
    expect(get.status).toBe(200);
  });

  it('reset clears everything', async () => {
    const other = await start();
    try {
      const c = await createCustomer(other);
      await link(other, c, 'fakebank_simple_xf');
      other.control.advanceClock({ days: 3 });
      other.control.setDashboardOnly({ enabled: true });
      other.control.reset();
      const s = other.control.summary();
      expect(s).toMatchObject({ customers: 0, connections: { total: 0 }, clockOffsetMs: 0, dashboardOnly: false, faults: [] });
      expect((await api(other, 'GET', '/customers')).json.data).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
