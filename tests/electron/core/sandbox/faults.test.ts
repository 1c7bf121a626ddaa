import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/index.js';
import { api, createCustomer, start } from './helpers.js';

let sb: Sandbox;
let customer: string;
beforeAll(async () => {
  sb = await start();
  customer = await createCustomer(sb);
});
beforeEach(() => sb.control.clearFaults());
afterAll(() => sb.close());

describe('fault injection', () => {
  it('rate_limit → 429 RateLimitExceeded with Retry-After, then normal again', async () => {
    sb.control.addFault({ kind: 'rate_limit', times: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const r = await api(sb, 'GET', '/countries');
      expect([r.status, r.json.error.class, r.headers.get('retry-after')]).toEqual([429, 'RateLimitExceeded', '3']);
      expect(r.headers.get('x-request-id')).toBe(r.json.request.id);
    }
    expect((await api(sb, 'GET', '/countries')).status).toBe(200);
  });

  it('server_error → 500, unavailable → 503', async () => {
    sb.control.addFault({ kind: 'server_error' });
    sb.control.addFault({ kind: 'unavailable' });
    const a = await api(sb, 'GET', '/countries');
    const b = await api(sb, 'GET', '/countries');
    expect([a.status, a.json.error.class]).toEqual([500, 'InternalServerError']);
    expect([b.status, b.json.error.class]).toEqual([503, 'ProviderUnavailable']);
  });

  it('only for a path prefix', async () => {
    sb.control.addFault({ kind: 'server_error', pathPrefix: '/transactions' });
    expect((await api(sb, 'GET', '/countries')).status).toBe(200);
    expect((await api(sb, 'GET', '/transactions?connection_id=1')).status).toBe(500);
    expect(sb.control.listFaults()).toEqual([]);
  });

  it('slow: answers after the delay', async () => {
    sb.control.addFault({ kind: 'slow', delayMs: 150 });
    const t0 = Date.now();
    const r = await api(sb, 'GET', '/countries');
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('malformed_json and truncated_json bodies do not parse', async () => {
    sb.control.addFault({ kind: 'malformed_json' });
    const m = await api(sb, 'GET', '/countries');
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(m.text)).toThrow();
    const full = (await api(sb, 'GET', '/providers?include_sandboxes=true')).text;
    sb.control.addFault({ kind: 'truncated_json' });
    const t = await api(sb, 'GET', '/providers?include_sandboxes=true');
    expect(() => JSON.parse(t.text)).toThrow();
    expect(full.startsWith(t.text)).toBe(true);
    expect(t.text.length).toBe(Math.floor(full.length / 2));
  });

  it('truncated_json still processes the request (side effects happen)', async () => {
    sb.control.addFault({ kind: 'truncated_json', pathPrefix: '/customers' });
    const r = await api(sb, 'POST', '/customers', { data: { identifier: 'trunc@example.com' } });
    expect(r.json).toBeNull();
    expect((await api(sb, 'POST', '/customers', { data: { identifier: 'trunc@example.com' } })).json.error.class).toBe('DuplicatedCustomer');
  });

  it('html_403 → an nginx HTML page', async () => {
    sb.control.addFault({ kind: 'html_403' });
    const r = await api(sb, 'POST', '/connections/connect', { data: {} });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('<h1>403 Forbidden</h1>');
  });

  it('repeat_cursor: next_id points at the same page until cleared', async () => {
    for (let i = 0; i < 4; i++) await createCustomer(sb, `cursor${i}@example.com`);
    sb.control.addFault({ kind: 'repeat_cursor', pathPrefix: '/customers' });
    const first = await api(sb, 'GET', '/customers?per_page=2');
    const firstId = first.json.data[0].customer_id;
    expect(first.json.meta.next_id).toBe(firstId);
    const again = await api(sb, 'GET', `/customers?per_page=2&from_id=${first.json.meta.next_id}`);
    expect(again.json.data).toEqual(first.json.data);
    expect(again.json.meta.next_id).toBe(firstId);
    expect(again.json.meta.next_page).toContain(`from_id=${firstId}`);
    sb.control.clearFaults();
    expect((await api(sb, 'GET', '/customers?per_page=2')).json.meta.next_id).not.toBe(firstId);
  });

  it('faults never hit the control or Connect pages, and rejects unknown kinds', async () => {
    sb.control.addFault({ kind: 'server_error', times: -1 });
    expect(sb.control.summary().faults).toHaveLength(1);
    expect((await fetch(`${sb.url}/`)).status).toBe(200);
    expect((await api(sb, 'GET', '/countries')).status).toBe(500);
    expect((await api(sb, 'GET', '/countries')).status).toBe(500);
    sb.control.clearFaults();
    expect(() => sb.control.addFault({ kind: 'nope' as never })).toThrow(/kind/);
    expect(customer).toMatch(/^\d+$/);
  });
});
