import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSaltEdgeClient } from '../../../../electron/core/saltedge/client.js';
import { SaltEdgeError } from '../../../../electron/core/saltedge/errors.js';
import { startFakeServer, type FakeServer, type Seen } from './fake-server.js';

let srv: FakeServer;
beforeAll(async () => {
  srv = await startFakeServer();
});
afterAll(async () => {
  await srv.close();
});

const mk = (extra = {}) =>
  createSaltEdgeClient({ baseUrl: srv.apiUrl, appId: 'a', secret: 's', sleep: async () => {}, retry: { baseDelayMs: 1 }, ...extra });
const tx = (id: string) => ({
  id, account_id: '2', made_on: '2026-01-02', amount: 1.5, currency_code: 'EUR', description: 'd', category: null, mode: 'normal',
  status: 'posted', duplicated: false, extra: {}, created_at: 'x', updated_at: 'x',
});
const fromId = (s: Seen) => new URL(s.url, 'http://x').searchParams.get('from_id');
const customer = (id: string, identifier: string) => ({ customer_id: id, identifier, blocked_at: null, created_at: 'x', updated_at: 'x' });

describe('pagination', () => {
  it('follows next_id until null, page by page', async () => {
    srv.script((s) => {
      const from = fromId(s);
      if (from === null) return { status: 200, json: { data: [tx('1'), tx('2')], meta: { next_id: '3', next_page: '/x' } } };
      if (from === '3') return { status: 200, json: { data: [tx('3'), tx('4')], meta: { next_id: '5', next_page: '/x' } } };
      return { status: 200, json: { data: [tx('5')], meta: { next_id: null, next_page: null } } };
    });
    const c = mk();
    const pages = [];
    for await (const p of c.iterateTransactionPages({ connectionId: '1', accountId: '2', perPage: 2 })) pages.push(p);
    expect(pages.map((p) => [p.page, p.items.map((t) => t.id), p.total, p.nextId])).toEqual([
      [1, ['1', '2'], 2, '3'],
      [2, ['3', '4'], 4, '5'],
      [3, ['5'], 5, null],
    ]);
    expect(srv.seen.map(fromId)).toEqual([null, '3', '5']);
    expect(new URL(srv.seen[0]!.url, 'http://x').searchParams.get('per_page')).toBe('2');
    expect((await c.listTransactions({ connectionId: '1', accountId: '2' })).map((t) => t.amount.minor)).toEqual([150, 150, 150, 150, 150]);
  });

  it('fromId is sent as from_id on the first request only, then next_id is followed (ids stay digit strings)', async () => {
    const big = '1092933278672886687'; // above 2^53: must not go through a JS number
    srv.script((s) => {
      const from = fromId(s);
      if (from === big) return { status: 200, json: { data: [tx(big), tx('1092933278672886688')], meta: { next_id: '1092933278672886689', next_page: '/x' } } };
      return { status: 200, json: { data: [tx('1092933278672886689')], meta: { next_id: null, next_page: null } } };
    });
    const c = mk();
    const ids = (await c.listTransactions({ connectionId: '1', accountId: '2', fromId: big })).map((t) => t.id);
    expect(ids).toEqual([big, '1092933278672886688', '1092933278672886689']);
    expect(srv.seen.map(fromId)).toEqual([big, '1092933278672886689']);
    srv.seen.length = 0;
    const pages = [];
    for await (const p of c.iterateTransactionPages({ connectionId: '1', accountId: '2', pending: true, fromId: big })) pages.push(p.page);
    expect(pages).toEqual([1, 2]);
    expect(srv.seen.map(fromId)).toEqual([big, '1092933278672886689']);
    expect(new URL(srv.seen[0]!.url, 'http://x').searchParams.get('pending')).toBe('true');
    // without fromId the first request has no from_id (unchanged)
    srv.seen.length = 0;
    await c.listTransactions({ connectionId: '1', accountId: '2' });
    expect(fromId(srv.seen[0]!)).toBeNull();
    // a non-id is refused before any request
    srv.seen.length = 0;
    await expect(c.listTransactions({ connectionId: '1', accountId: '2', fromId: '1e3' })).rejects.toBeInstanceOf(TypeError);
    expect(srv.seen.length).toBe(0);
  });

  it('stops with RepeatedPaginationCursor when a cursor comes back', async () => {
    srv.script((s) => ({ status: 200, json: { data: [tx(fromId(s) ?? '0')], meta: { next_id: fromId(s) === '7' ? '8' : '7' } } }));
    const err = await mk()
      .listTransactions({ connectionId: '1', accountId: '2' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaltEdgeError);
    expect(err).toMatchObject({ errorClass: 'RepeatedPaginationCursor' });
    expect((err as SaltEdgeError).message).toMatch(/cursor 7 again/);
    expect(srv.seen.length).toBe(3);
  });

  it('caps the number of pages', async () => {
    let n = 0;
    srv.script(() => ({ status: 200, json: { data: [], meta: { next_id: String(++n) } } }));
    await expect(mk({ maxPages: 5 }).listAccounts('1')).rejects.toMatchObject({ errorClass: 'TooManyPages' });
    expect(srv.seen.length).toBe(5);
  });

  it('can be cancelled between pages', async () => {
    let n = 0;
    srv.script(() => ({ status: 200, json: { data: [tx(String(++n))], meta: { next_id: String(n + 100) } } }));
    const ac = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const p of mk().iterateTransactionPages({ connectionId: '1', accountId: '2', signal: ac.signal })) {
          seen.push(p.page);
          if (p.page === 2) ac.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1, 2]);
    expect(srv.seen.length).toBe(2);
  });
});

describe('customers', () => {
  it('findCustomer matches the identifier exactly even if the server ignores the filter', async () => {
    srv.script((s) =>
      fromId(s) === null
        ? { status: 200, json: { data: [customer('1', 'other@x.y')], meta: { next_id: '2' } } }
        : { status: 200, json: { data: [customer('2', 'me@x.y')], meta: { next_id: null } } },
    );
    expect((await mk().findCustomer('me@x.y'))?.id).toBe('2');
    srv.script({ status: 200, json: { data: [customer('1', 'other@x.y')], meta: { next_id: null } } });
    expect(await mk().findCustomer('me@x.y')).toBeNull();
  });

  it('ensureCustomer creates when absent and finds again on DuplicatedCustomer (never two)', async () => {
    srv.script({ status: 200, json: { data: [], meta: { next_id: null } } }, { status: 200, json: { data: customer('9', 'me@x.y') } });
    expect((await mk().ensureCustomer('me@x.y')).id).toBe('9');
    expect(srv.seen.map((s) => s.method)).toEqual(['GET', 'POST']);
    expect(JSON.parse(srv.seen[1]!.body)).toEqual({ data: { identifier: 'me@x.y' } });

    // Race: someone else created it between our find and create.
    srv.script(
      { status: 200, json: { data: [], meta: { next_id: null } } },
      { status: 409, json: { error: { class: 'DuplicatedCustomer', message: 'dup' } } },
      { status: 200, json: { data: [customer('10', 'me@x.y')], meta: { next_id: null } } },
    );
    expect((await mk().ensureCustomer('me@x.y')).id).toBe('10');
    expect(srv.seen.map((s) => s.method)).toEqual(['GET', 'POST', 'GET']);

    srv.script({ status: 200, json: { data: [customer('3', 'me@x.y')], meta: { next_id: null } } });
    expect((await mk().ensureCustomer('me@x.y')).id).toBe('3');
    expect(srv.seen.map((s) => s.method)).toEqual(['GET']);
  });
});

describe('idempotent deletes and revokes', () => {
  it('a retried DELETE that finds the connection gone counts as removed', async () => {
    srv.script({ destroy: true }, { status: 404, json: { error: { class: 'ConnectionNotFound', message: 'nf' } } });
    expect(await mk().removeConnection('5')).toEqual({ id: '5', removed: true });
    srv.script({ status: 404, json: { error: { class: 'ConnectionNotFound', message: 'nf' } } });
    await expect(mk().removeConnection('5')).rejects.toMatchObject({ errorClass: 'ConnectionNotFound' });
  });

  it('testCredentials resolves with the time or throws the mapped error', async () => {
    srv.script({ status: 200, json: { data: [], meta: { next_id: null } } });
    expect(await mk().testCredentials()).toMatchObject({ ok: true });
    expect(srv.seen[0]!.url).toBe('/api/v6/customers?per_page=1');
    srv.script({ status: 401, json: { error: { class: 'ApiKeyNotFound', message: 'nf' } } });
    await expect(mk().testCredentials()).rejects.toMatchObject({ errorClass: 'ApiKeyNotFound', userAction: 'fix-settings' });
  });
});

describe('module boundaries', () => {
  it('the client never imports electron', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    const dir = fileURLToPath(new URL('../../../../electron/core/saltedge/', import.meta.url));
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(await readFile(dir + f, 'utf8'), f).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
  });
});
