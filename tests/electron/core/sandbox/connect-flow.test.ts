import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/index.js';
import { all, api, connectSession, consent, createCustomer, link, RETURN_TO, runConnect, start } from './helpers.js';

let sb: Sandbox;
let customer: string;
beforeAll(async () => {
  sb = await start();
  customer = await createCustomer(sb);
});
afterAll(() => sb.close());

describe('Connect: new connections', () => {
  it('links the simple bank: choose → login → consent → redirect with connection_id', async () => {
    const url = await connectSession(sb, customer);
    expect(url).toMatch(new RegExp(`^${sb.url}/connect/[A-Za-z0-9_-]+$`));
    const page = await (await fetch(url)).text();
    expect(page).toContain('Search banks');
    const result = await runConnect(url, { provider_code: 'fakebank_simple_xf', username: 'alice' });
    expect(result.steps).toEqual(['choose', 'login', 'consent']);
    expect(result.location.origin + result.location.pathname).toBe('http://127.0.0.1:9/return');
    expect(result.params.nonce).toBe('abc'); // existing query kept
    expect(result.params.error_class).toBeUndefined();
    const id = result.params.connection_id!;
    const conn = (await api(sb, 'GET', `/connections/${id}`)).json.data;
    expect(conn).toMatchObject({ id, customer_id: customer, provider_code: 'fakebank_simple_xf', status: 'active', country_code: 'XF' });
    expect(conn.last_attempt).toMatchObject({ finished: true, fail_error_class: null, user_present: true });
    expect(conn.next_refresh_possible_at).toBe('2026-03-15T11:00:00Z');
    const consentRow = (await api(sb, 'GET', `/consents/${conn.last_consent_id}`)).json.data;
    expect(consentRow).toMatchObject({ connection_id: id, period_days: 90, expires_at: '2026-06-13T10:00:00Z', revoked_at: null, from_date: '2025-12-15' });
    const accounts = (await api(sb, 'GET', `/accounts?connection_id=${id}`)).json.data;
    expect(accounts.map((a: any) => a.nature)).toEqual(['account', 'savings']);
    expect(accounts[0].extra.iban).toMatch(/^XF\d{2}FAKE\d{14}$/);
    // the used link cannot be used again
    const used = await fetch(url);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('already been used');
    // and the user's first consent is listed
    expect((await api(sb, 'GET', `/consents?connection_id=${id}`)).json.data).toHaveLength(1);
  });

  it('filters the bank list by allowed_countries and search', async () => {
    const url = await connectSession(sb, customer, { allowedCountries: ['DE', 'GB'] });
    const html = await (await fetch(url)).text();
    expect(html).toContain('Rheinbank (demo)');
    expect(html).toContain('Northwind Bank (demo)');
    expect(html).not.toContain('Fake Bank Simple');
    const searched = await (await fetch(`${url}?q=rhein`)).text();
    expect(searched).toContain('Rheinbank');
    expect(searched).not.toContain('Northwind Bank (demo)</span>');
    // a bank outside the list cannot be posted
    const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ step: 'choose', provider_code: 'fakebank_simple_xf' }), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(await (await fetch(url)).text()).toContain('Choose a bank from the list');
  });

  it('wrong password → InvalidCredentials, no connection', async () => {
    const url = await connectSession(sb, customer, { providerCode: 'fakebank_simple_xf' });
    const r = await runConnect(url, { username: 'bob', password: 'nope' });
    expect(r.steps).toEqual(['login']);
    expect(r.params).toEqual({ nonce: 'abc', error_class: 'InvalidCredentials' });
  });

  it('interactive bank: SMS step; wrong code; injected InteractiveTimeout', async () => {
    const ok = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_interactive_xf' }), { username: 'sms-user' });
    expect(ok.steps).toEqual(['login', 'interactive', 'consent']);
    expect(ok.params.connection_id).toMatch(/^\d+$/);
    const page = await (await fetch(await connectSession(sb, customer, { providerCode: 'fakebank_interactive_xf' }))).text();
    expect(page).toContain('Username');

    const wrong = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_interactive_xf' }), { username: 'sms-2', sms_code: '000000' });
    expect(wrong.params.error_class).toBe('InvalidInteractiveCredentials');
    expect(wrong.params.connection_id).toBeUndefined();

    sb.control.addBankFault({ errorClass: 'InteractiveTimeout', providerCode: 'fakebank_interactive_xf' });
    const timeout = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_interactive_xf' }), { username: 'sms-3' });
    expect(timeout.params.error_class).toBe('InteractiveTimeout');
  });

  it('shows the SMS hint and consent details on the pages', async () => {
    const url = await connectSession(sb, customer, { providerCode: 'fakebank_interactive_xf' });
    await fetch(url, { method: 'POST', body: new URLSearchParams({ step: 'login', username: 'hint-user', password: 'secret' }), redirect: 'manual' });
    const sms = await (await fetch(url)).text();
    expect(sms).toContain('<label for="sms_code">SMS code</label>');
    expect(sms).toContain('123456');
    await fetch(url, { method: 'POST', body: new URLSearchParams({ step: 'interactive', sms_code: '123456' }), redirect: 'manual' });
    const consentPage = await (await fetch(url)).text();
    expect(consentPage).toContain('I agree to share');
    expect(consentPage).toContain('90 days, until 2026-06-13');
    expect(consentPage).toContain('2025-12-15');
    // without the tick the flow stays on the consent step
    const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ step: 'consent', action: 'continue' }), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(await (await fetch(url)).text()).toContain('Tick the box');
  });

  it('OAuth bank: Authorise links, Deny → ProviderAccessNotGranted', async () => {
    const ok = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_oauth_xf' }), { oauth: 'authorise' });
    expect(ok.steps).toEqual(['authorise', 'consent']);
    expect(ok.params.connection_id).toBeDefined();
    const html = await (await fetch(await connectSession(sb, customer, { providerCode: 'fakebank_oauth_xf' }))).text();
    expect(html).toContain('>Authorise</button>');
    expect(html).toContain('>Deny</button>');
    const denied = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_oauth_xf' }), { oauth: 'deny' });
    expect(denied.params.error_class).toBe('ProviderAccessNotGranted');
  });

  it('error bank: the username picks the error', async () => {
    const expected: Record<string, string> = { invalid: 'InvalidCredentials', unavailable: 'ProviderUnavailable', timeout: 'InteractiveTimeout', error: 'ProviderError' };
    for (const [username, errorClass] of Object.entries(expected)) {
      const r = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_with_error_xf' }), { username });
      expect(r.params.error_class, username).toBe(errorClass);
      expect(r.params.connection_id).toBeUndefined();
    }
    const lost = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_with_error_xf' }), { username: 'lost' });
    expect(lost.params.error_class).toBe('ConnectionFailed');
    const conn = (await api(sb, 'GET', `/connections/${lost.params.connection_id}`)).json.data;
    expect(conn.status).toBe('inactive');
    expect(conn.last_attempt.fail_error_class).toBe('ConnectionFailed');
    const fine = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_with_error_xf' }), { username: 'happy' });
    expect(fine.params.error_class).toBeUndefined();
    const loginPage = await (await fetch(await connectSession(sb, customer, { providerCode: 'fakebank_with_error_xf' }))).text();
    expect(loginPage).toContain('<code>unavailable</code>');
  });

  it('Cancel on any step → UserCancelled', async () => {
    for (const [provider, at] of [
      [undefined, 'choose'],
      ['fakebank_simple_xf', 'login'],
      ['fakebank_oauth_xf', 'authorise'],
      ['fakebank_interactive_xf', 'interactive'],
      ['fakebank_simple_xf', 'consent'],
    ] as const) {
      const url = await connectSession(sb, customer, provider ? { providerCode: provider } : {});
      const r = await runConnect(url, { username: `cancel-${at}`, cancelAt: at });
      expect(r.params.error_class, at).toBe('UserCancelled');
      expect(r.steps.at(-1)).toBe(at);
    }
  });

  it('same credentials twice → ConnectionDuplicated (with the id only for the same customer)', async () => {
    const first = await link(sb, customer, 'fakebank_simple_xf', { username: 'twice' });
    const again = await runConnect(await connectSession(sb, customer, { providerCode: 'fakebank_simple_xf' }), { username: 'twice' });
    expect(again.params).toEqual({ nonce: 'abc', error_class: 'ConnectionDuplicated', duplicated_connection_id: first });
    const other = await createCustomer(sb, 'other@example.com');
    const elsewhere = await runConnect(await connectSession(sb, other, { providerCode: 'fakebank_simple_xf' }), { username: 'twice' });
    expect(elsewhere.params).toEqual({ nonce: 'abc', error_class: 'ConnectionDuplicated' });
  });

  it('an expired connect link shows an error page', async () => {
    const url = await connectSession(sb, customer);
    sb.control.advanceClock({ minutes: 61 });
    const res = await fetch(url);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
  });

  it('without return_connection_id / return_error_class nothing is appended', async () => {
    const r = await api(sb, 'POST', '/connections/connect', {
      data: { customer_id: customer, consent: consent(), attempt: { return_to: RETURN_TO }, provider: { code: 'fakebank_simple_xf' } },
    });
    const result = await runConnect(r.json.data.connect_url, { username: 'noflags', password: 'bad' });
    expect(result.params).toEqual({ nonce: 'abc' });
  });
});

describe('Connect: reconnect and refresh', () => {
  it('reconnect keeps the connection id, reactivates it and replaces the consent', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'recon' });
    const before = (await api(sb, 'GET', `/connections/${id}`)).json.data;
    sb.control.deactivateConnection({ connectionId: id });
    expect((await api(sb, 'GET', `/connections/${id}`)).json.data.status).toBe('inactive');
    const r = await api(sb, 'POST', `/connections/${id}/reconnect`, {
      data: { consent: consent({ period_days: 500 }), attempt: { return_to: RETURN_TO }, return_connection_id: true, return_error_class: true },
    });
    expect(r.status).toBe(200);
    const result = await runConnect(r.json.data.connect_url, { username: 'recon' });
    expect(result.steps).toEqual(['login', 'consent']);
    expect(result.params).toEqual({ nonce: 'abc', connection_id: id });
    const after = (await api(sb, 'GET', `/connections/${id}`)).json.data;
    expect(after.status).toBe('active');
    expect(after.last_consent_id).not.toBe(before.last_consent_id);
    // period_days is capped at the provider's max_consent_days
    expect((await api(sb, 'GET', `/consents/${after.last_consent_id}`)).json.data.period_days).toBe(90);
  });

  it('reconnect with a wrong password fails with the connection id', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'recon-bad' });
    const r = await api(sb, 'POST', `/connections/${id}/reconnect`, {
      data: { consent: consent(), attempt: { return_to: RETURN_TO }, return_connection_id: true, return_error_class: true },
    });
    const result = await runConnect(r.json.data.connect_url, { username: 'recon-bad', password: 'wrong' });
    expect(result.params).toEqual({ nonce: 'abc', connection_id: id, error_class: 'InvalidCredentials' });
    const conn = (await api(sb, 'GET', `/connections/${id}`)).json.data;
    expect(conn).toMatchObject({ status: 'inactive', last_attempt: { fail_error_class: 'InvalidCredentials' } });
  });

  it('refresh fetches again with the same id; a new account appears on a later fetch', async () => {
    const id = await link(sb, customer, 'fakebank_new_account_xf', { username: 'grow' });
    expect((await all(sb, `/accounts?connection_id=${id}`)).items).toHaveLength(1);
    const r = await api(sb, 'POST', `/connections/${id}/refresh`, { data: { attempt: { return_to: RETURN_TO }, return_connection_id: true, return_error_class: true } });
    const result = await runConnect(r.json.data.connect_url, {});
    expect(result.steps).toEqual(['confirm_refresh']);
    expect(result.params).toEqual({ nonce: 'abc', connection_id: id });
    const accounts = (await all(sb, `/accounts?connection_id=${id}`)).items;
    expect(accounts.map((a: any) => a.currency_code)).toEqual(['EUR', 'USD']);
  });

  it('refresh of the interactive bank asks for the SMS code', async () => {
    const id = await link(sb, customer, 'fakebank_interactive_xf', { username: 'sms-refresh' });
    const r = await api(sb, 'POST', `/connections/${id}/refresh`, { data: { attempt: { return_to: RETURN_TO }, return_connection_id: true } });
    const result = await runConnect(r.json.data.connect_url, {});
    expect(result.steps).toEqual(['confirm_refresh', 'interactive']);
    expect(result.params.connection_id).toBe(id);
  });

  it('reconnect with other credentials → CredentialsNotMatch', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'owner-1' });
    const r = await api(sb, 'POST', `/connections/${id}/reconnect`, { data: { consent: consent(), attempt: { return_to: RETURN_TO }, return_error_class: true } });
    const page = await (await fetch(r.json.data.connect_url)).text();
    expect(page).toContain('value="owner-1"'); // the username is pre-filled
    const result = await runConnect(r.json.data.connect_url, { username: 'someone-else' });
    expect(result.params.error_class).toBe('CredentialsNotMatch');
  });
});
