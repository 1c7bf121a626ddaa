import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/index.js';
import { api, createCustomer, KEYS, start } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());

describe('auth', () => {
  it('requires App-id, Secret and a matching pair', async () => {
    const noApp = await api(sb, 'GET', '/countries', undefined, { Secret: 'x' });
    expect(noApp.status).toBe(401);
    expect(noApp.json.error.class).toBe('AppIdNotProvided');
    const noSecret = await api(sb, 'GET', '/countries', undefined, { 'App-id': KEYS['App-id'] });
    expect(noSecret.json.error.class).toBe('SecretNotProvided');
    const unknown = await api(sb, 'GET', '/countries', undefined, { 'App-id': 'nope', Secret: KEYS.Secret });
    expect([unknown.status, unknown.json.error.class]).toEqual([401, 'ApiKeyNotFound']);
    const wrongSecret = await api(sb, 'GET', '/countries', undefined, { 'App-id': KEYS['App-id'], Secret: 'wrong' });
    expect([wrongSecret.status, wrongSecret.json.error.class]).toEqual([401, 'ApiKeyNotFound']);
  });

  it('accepts other credentials when configured', async () => {
    const other = await start({ credentials: { appId: 'a1', secret: 's1' } });
    try {
      expect((await api(other, 'GET', '/countries')).status).toBe(401);
      expect((await api(other, 'GET', '/countries', undefined, { 'App-id': 'a1', Secret: 's1' })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('envelope', () => {
  it('sends X-Request-Id and Date on every response, echoed in error bodies', async () => {
    const ok = await api(sb, 'GET', '/countries');
    expect(ok.headers.get('x-request-id')).toMatch(/\S+/);
    expect(new Date(ok.headers.get('date')!).toISOString()).toBe('2026-03-15T10:00:00.000Z');
    const err = await api(sb, 'GET', '/nope');
    expect(err.status).toBe(404);
    expect(err.json.error).toMatchObject({ class: 'RouteNotFound' });
    expect(err.json.error.documentation_url).toMatch(/^https:\/\//);
    expect(err.json.request).toEqual({ id: err.headers.get('x-request-id'), method: 'GET', path: '/api/v6/nope' });
    const page = await fetch(`${sb.url}/connect/unknown-token`);
    expect(page.status).toBe(404);
    expect(page.headers.get('x-request-id')).toBeTruthy();
  });

  it('rejects bad JSON and names missing fields', async () => {
    const bad = await api(sb, 'POST', '/customers', '{"data":');
    expect([bad.status, bad.json.error.class]).toEqual([400, 'JsonParseError']);
    const missing = await api(sb, 'POST', '/customers', { data: {} });
    expect([missing.status, missing.json.error.class]).toEqual([400, 'WrongRequestFormat']);
    expect(missing.json.error.message).toContain('data.identifier');
    const noData = await api(sb, 'POST', '/customers', { identifier: 'x' });
    expect(noData.json.error.message).toContain("'data'");
    const conn = await api(sb, 'POST', '/connections/connect', { data: { customer_id: '1', consent: { scopes: [] } } });
    expect(conn.json.error.class).toBe('WrongRequestFormat');
    const perPage = await api(sb, 'GET', '/customers?per_page=1001');
    expect(perPage.json.error.message).toContain('per_page');
  });
});

describe('customers', () => {
  it('creates, finds, refuses duplicates, deletes', async () => {
    const id = await createCustomer(sb, 'dup@example.com');
    expect(id).toMatch(/^\d{19}$/);
    const again = await api(sb, 'POST', '/customers', { data: { identifier: 'dup@example.com' } });
    expect([again.status, again.json.error.class]).toEqual([409, 'DuplicatedCustomer']);
    const found = await api(sb, 'GET', '/customers?identifier=dup%40example.com');
    expect(found.json.data).toHaveLength(1);
    expect(found.json.data[0]).toMatchObject({ customer_id: id, identifier: 'dup@example.com', blocked_at: null });
    expect(found.json.meta).toEqual({ next_id: null, next_page: null });
    expect((await api(sb, 'GET', `/customers/${id}`)).json.data.customer_id).toBe(id);
    expect((await api(sb, 'DELETE', `/customers/${id}`)).json.data).toEqual({ customer_id: id, deleted: true });
    expect((await api(sb, 'GET', `/customers/${id}`)).json.error.class).toBe('CustomerNotFound');
  });

  it('paginates customers', async () => {
    for (let i = 0; i < 5; i++) await createCustomer(sb, `page${i}@example.com`);
    const first = await api(sb, 'GET', '/customers?per_page=2');
    expect(first.json.data).toHaveLength(2);
    expect(first.json.meta.next_id).toMatch(/^\d+$/);
    expect(first.json.meta.next_page).toContain(`from_id=${first.json.meta.next_id}`);
    const second = await api(sb, 'GET', `/customers?per_page=2&from_id=${first.json.meta.next_id}`);
    expect(second.json.data[0].customer_id).toBe(first.json.meta.next_id);
  });
});

describe('providers and countries', () => {
  it('lists fake providers only with include_sandboxes, filters by country', async () => {
    const real = await api(sb, 'GET', '/providers');
    expect(real.json.data.every((p: any) => p.country_code !== 'XF')).toBe(true);
    const withFakes = await api(sb, 'GET', '/providers?include_sandboxes=true');
    const codes = withFakes.json.data.map((p: any) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['fakebank_simple_xf', 'fakebank_interactive_xf', 'fakebank_oauth_xf', 'sakura_bank_jp']));
    const gb = await api(sb, 'GET', '/providers?country_code=GB');
    expect(gb.json.data.map((p: any) => p.code)).toEqual(['northwind_bank_gb']);
    const paged = await api(sb, 'GET', '/providers?include_sandboxes=true&per_page=3');
    expect(paged.json.data).toHaveLength(3);
    expect(paged.json.meta.next_id).not.toBeNull();
    const one = await api(sb, 'GET', '/providers/fakebank_oauth_xf');
    expect(one.json.data).toMatchObject({ code: 'fakebank_oauth_xf', mode: 'oauth', max_consent_days: 180, refresh_timeout: 60, status: 'active' });
    expect((await api(sb, 'GET', '/providers/nope')).json.error.class).toBe('ProviderNotFound');
    const logo = await fetch(one.json.data.logo_url);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('lists countries', async () => {
    const r = await api(sb, 'GET', '/countries');
    expect(r.json.data.map((c: any) => c.code)).toEqual(['DE', 'GB', 'JP', 'RO', 'XF']);
  });
});
