import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/index.js';
import { all, api, createCustomer, link, minorUnits, numberTexts, RETURN_TO, runConnect, start, type ApiReply } from './helpers.js';

const EXPONENT: Record<string, number> = { EUR: 2, USD: 2, GBP: 2, RON: 2, JPY: 0, KWD: 3 };

let sb: Sandbox;
let customer: string;
beforeAll(async () => {
  sb = await start();
  customer = await createCustomer(sb);
});
afterAll(() => sb.close());

/**
 * Checks amounts' precision, ids and row counts; returns the posted rows and the implied opening
 * balance (balance − Σ posted) per account. The opening must never change between fetches: that
 * is what lets an importer check its statements against the bank's balance.
 */
async function checkLedger(connectionId: string) {
  const accounts = (await all(sb, `/accounts?connection_id=${connectionId}`)).items;
  const accountsText = (await api(sb, 'GET', `/accounts?connection_id=${connectionId}`)).text;
  const balances = numberTexts(accountsText, 'balance');
  const result = new Map<string, any[]>();
  const openings = new Map<string, bigint>();
  for (const [i, account] of accounts.entries()) {
    const exp = EXPONENT[account.currency_code]!;
    const rows: any[] = [];
    let next: string | null = null;
    let sum = 0n;
    do {
      const r: ApiReply = await api(sb, 'GET', `/transactions?connection_id=${connectionId}&account_id=${account.id}&per_page=1000${next ? `&from_id=${next}` : ''}`);
      rows.push(...r.json.data);
      for (const text of numberTexts(r.text, 'amount')) sum += minorUnits(text, exp); // throws on too many decimals
      next = r.json.meta.next_id;
    } while (next);
    expect(rows.length).toBe(account.extra.transactions_count.posted);
    for (const row of rows) {
      expect(row.id).toMatch(/^\d{19}$/);
      expect(BigInt(row.id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      expect(row.status).toBe('posted');
      expect(row.currency_code).toBe(account.currency_code);
      expect(row.made_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const balance = minorUnits(balances[i]!, exp);
    openings.set(account.id, balance - sum);
    result.set(account.id, rows);
  }
  return { accounts, rows: result, openings };
}

describe('fake bank data', () => {
  it('simple bank: two accounts, 60–120 days of history, balances consistent', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'history' });
    const { accounts, rows } = await checkLedger(id);
    expect(accounts).toHaveLength(2);
    const current = rows.get(accounts[0].id)!;
    const dates = current.map((r) => r.made_on).sort();
    const days = (Date.parse(dates.at(-1)!) - Date.parse(dates[0]!)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(55);
    expect(days).toBeLessThanOrEqual(120);
    expect(dates.at(-1)! <= '2026-03-15').toBe(true);
    expect(current.some((r) => r.extra.payee)).toBe(true);
    expect(current.some((r) => r.category === 'salary' && r.extra.payer)).toBe(true);
    expect(accounts[0].extra).toMatchObject({ client_name: 'Jane Doe', transactions_count: { pending: 0 } });
  });

  it('5,000+ rows are paged with from_id / next_id (default 100, max 1000)', async () => {
    const id = await link(sb, customer, 'fakebank_oauth_with_n_transactions_xf');
    const [big] = (await all(sb, `/accounts?connection_id=${id}`)).items;
    expect(big.extra.transactions_count.posted).toBe(5250);
    const first = await api(sb, 'GET', `/transactions?connection_id=${id}&account_id=${big.id}`);
    expect(first.json.data).toHaveLength(100);
    expect(first.json.meta.next_id).toBe(String(BigInt(first.json.data[99].id) + 1n));
    expect(first.json.meta.next_page).toBe(`/api/v6/transactions?connection_id=${id}&account_id=${big.id}&from_id=${first.json.meta.next_id}`);
    // every page of the big account (balance = opening + Σ rows is checked on the way)
    const items = (await checkLedger(id)).rows.get(big.id)!;
    expect(items).toHaveLength(5250);
    expect(new Set(items.map((t: any) => t.id)).size).toBe(5250);
    const ids = items.map((t: any) => BigInt(t.id));
    expect(ids.every((v, i) => i === 0 || v > ids[i - 1]!)).toBe(true);
    // the whole connection (both accounts) pages just as well
    const whole = await all(sb, `/transactions?connection_id=${id}&per_page=1000`);
    expect(whole.pages).toBeGreaterThanOrEqual(6);
    expect(whole.items.length).toBeGreaterThan(5250);
    expect(new Set(whole.items.map((t: any) => t.id)).size).toBe(whole.items.length);
  });

  it('pending rows: on the next fetch they post with new ids or vanish', async () => {
    const id = await link(sb, customer, 'fakebank_with_pending_xf', { username: 'pend' });
    const pending1 = (await api(sb, 'GET', `/transactions?connection_id=${id}&pending=true`)).json.data;
    expect(pending1.length).toBeGreaterThanOrEqual(2);
    expect(pending1.every((t: any) => t.status === 'pending' && t.extra.posting_date === undefined)).toBe(true);
    const posted1 = (await all(sb, `/transactions?connection_id=${id}`)).items;
    expect(posted1.every((t: any) => t.status === 'posted')).toBe(true);
    const ledger1 = await checkLedger(id);

    sb.control.advanceClock({ days: 2 });
    const bg = await api(sb, 'POST', `/connections/${id}/background_refresh`, { data: { attempt: { fetch_scopes: ['accounts', 'transactions'] } } });
    expect(bg.status).toBe(200);
    expect(bg.json.data.last_attempt.success_at).toBe('2026-03-17T10:00:00Z');

    const pending2 = (await api(sb, 'GET', `/transactions?connection_id=${id}&pending=true`)).json.data;
    const posted2 = (await all(sb, `/transactions?connection_id=${id}`)).items;
    const pendingIds1 = new Set(pending1.map((t: any) => t.id));
    // no pending id survives, neither as pending nor as posted
    expect(pending2.some((t: any) => pendingIds1.has(t.id))).toBe(false);
    expect(posted2.some((t: any) => pendingIds1.has(t.id))).toBe(false);
    // each old pending row became a posted row with the same bank reference, or vanished
    const postedByRef = new Map(posted2.map((t: any) => [t.extra.id, t]));
    const outcomes = pending1.map((p: any) => (postedByRef.has(p.extra.id) ? 'posted' : 'vanished'));
    expect(outcomes).toContain('posted');
    for (const p of pending1) {
      const q: any = postedByRef.get(p.extra.id);
      if (!q) continue;
      expect(BigInt(q.id) > BigInt(p.id)).toBe(true);
      expect(Math.abs(Number(q.amount) - Number(p.amount))).toBeLessThan(1);
    }
    expect(pending2.length).toBeGreaterThanOrEqual(2);
    expect((await checkLedger(id)).openings).toEqual(ledger1.openings);
  });

  it('updates bank adds 1–4 posted rows on every refresh', async () => {
    const id = await link(sb, customer, 'fakebank_with_updates_xf', { username: 'upd' });
    const before = (await all(sb, `/transactions?connection_id=${id}`)).items.length;
    sb.control.allowRefreshNow({ connectionId: id });
    expect((await api(sb, 'POST', `/connections/${id}/background_refresh`, { data: {} })).status).toBe(200);
    const after = (await all(sb, `/transactions?connection_id=${id}`)).items.length;
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(4);
  });

  it('a refresh after days pass books the new days', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'days' });
    const before = (await all(sb, `/transactions?connection_id=${id}`)).items;
    const ledger1 = await checkLedger(id);
    sb.control.advanceClock({ days: 20 });
    const r = await api(sb, 'POST', `/connections/${id}/refresh`, { data: { attempt: { return_to: RETURN_TO }, return_connection_id: true } });
    await runConnect(r.json.data.connect_url, {});
    const after = (await all(sb, `/transactions?connection_id=${id}`)).items;
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.map((t: any) => t.id).slice(0, before.length)).toEqual(before.map((t: any) => t.id));
    expect((await checkLedger(id)).openings).toEqual(ledger1.openings);
  });

  it('currencies: JPY without decimals, KWD with three, exponent notation at the DE bank', async () => {
    const demo = sb.control.createConnection({ customerId: customer, providerCode: 'fake_demobank_xf', username: 'multi' });
    const { accounts } = await checkLedger(demo);
    expect(accounts.map((a: any) => a.currency_code)).toEqual(['EUR', 'USD', 'JPY', 'KWD']);
    const demoText = (await api(sb, 'GET', `/transactions?connection_id=${demo}&per_page=1000`)).text;
    expect(numberTexts(demoText, 'amount').some((t) => /\.\d{2}$/.test(t) && t.endsWith('0'))).toBe(true); // fixed style: 12.50
    const jpy = accounts.find((a: any) => a.currency_code === 'JPY');
    const jpyText = (await api(sb, 'GET', `/transactions?connection_id=${demo}&account_id=${jpy.id}&per_page=1000`)).text;
    expect(numberTexts(jpyText, 'amount').every((t) => !t.includes('.'))).toBe(true);

    const de = sb.control.createConnection({ customerId: customer, providerCode: 'rheinbank_de', username: 'max' });
    await checkLedger(de);
    const deText = (await api(sb, 'GET', `/transactions?connection_id=${de}&per_page=1000`)).text;
    const amounts = numberTexts(deText, 'amount');
    expect(amounts.some((t) => /e\d/.test(t))).toBe(true); // e.g. -1e3, 2.8e3
    expect(deText).toContain('Überweisung');
    const jp = sb.control.createConnection({ customerId: customer, providerCode: 'sakura_bank_jp', username: 'taro' });
    const jpAccount = (await api(sb, 'GET', `/accounts?connection_id=${jp}`)).json.data[0];
    expect(jpAccount.extra.iban).toBeUndefined();
    expect(jpAccount.extra.account_number).toMatch(/^\d{3}-\d{7}$/);
    const gb = sb.control.createConnection({ customerId: customer, providerCode: 'northwind_bank_gb', username: 'oliver' });
    const gbAccount = (await api(sb, 'GET', `/accounts?connection_id=${gb}`)).json.data[0];
    expect(gbAccount.extra).toMatchObject({ sort_code: expect.stringMatching(/^\d{2}-\d{2}-\d{2}$/), iban: expect.stringMatching(/^GB\d{2}NWIN\d{14}$/) });
  });

  it('IBANs carry valid check digits', async () => {
    const id = sb.control.createConnection({ customerId: customer, providerCode: 'banca_carpatica_ro', username: 'ioana' });
    const iban: string = (await api(sb, 'GET', `/accounts?connection_id=${id}`)).json.data[0].extra.iban;
    const rearranged = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    expect(BigInt(rearranged) % 97n).toBe(1n);
  });
});

describe('determinism', () => {
  async function snapshot(seed: number): Promise<string> {
    const s = await start({ seed });
    try {
      const c = await createCustomer(s, 'same@example.com');
      const id = await link(s, c, 'fakebank_simple_xf', { username: 'same' });
      const tx = (await all(s, `/transactions?connection_id=${id}`)).items.map((t: any) => [t.id, t.made_on, t.amount, t.description]);
      const acc = (await all(s, `/accounts?connection_id=${id}`)).items.map((a: any) => [a.id, a.balance, a.extra.iban]);
      return JSON.stringify({ id, tx, acc });
    } finally {
      await s.close();
    }
  }

  it('same seed → same data; another seed → other data', async () => {
    const a = await snapshot(7);
    expect(await snapshot(7)).toBe(a);
    expect(await snapshot(8)).not.toBe(a);
  });
});

describe('bulk data for benchmarks', () => {
  it('seedBulkConnection creates N rows over K accounts, paged like Salt Edge', async () => {
    const t0 = Date.now();
    const id = sb.control.seedBulkConnection({ customerId: customer, accounts: 3, transactionsPerAccount: 20_000 });
    expect(Date.now() - t0).toBeLessThan(3000);
    const accounts = (await api(sb, 'GET', `/accounts?connection_id=${id}`)).json.data;
    expect(accounts).toHaveLength(3);
    expect(accounts.map((a: any) => a.extra.transactions_count.posted)).toEqual([20_000, 20_000, 20_000]);
    const page = await api(sb, 'GET', `/transactions?connection_id=${id}&account_id=${accounts[1].id}&per_page=1000`);
    expect(page.json.data).toHaveLength(1000);
    const last = await api(sb, 'GET', `/transactions?connection_id=${id}&account_id=${accounts[1].id}&per_page=1000&from_id=${BigInt(page.json.data[0].id) + 19_500n}`);
    expect(last.json.data).toHaveLength(500);
    expect(last.json.meta.next_id).toBeNull();
    const summary = sb.control.summary();
    expect(summary.transactions.posted).toBeGreaterThanOrEqual(60_000);
  });
});

describe('from_id on /transactions (the sync engine starts there)', () => {
  const ids = (rows: any[]) => rows.map((t: any) => BigInt(t.id));
  const ascending = (xs: bigint[]) => xs.every((x, i) => i === 0 || xs[i - 1]! < x);
  /** Every page from a first from_id on (later pages replace it with next_id). */
  async function allFrom(path: string, fromId: string): Promise<any[]> {
    const items: any[] = [];
    let next: string | null = fromId;
    for (let pages = 0; next !== null; pages++) {
      if (pages > 1000) throw new Error('pagination does not end');
      const r: ApiReply = await api(sb, 'GET', `${path}&from_id=${next}`);
      if (r.status !== 200) throw new Error(r.text);
      items.push(...r.json.data);
      next = r.json.meta.next_id;
    }
    return items;
  }

  it('lists rows with id >= from_id in id order, also when from_id is no row id; ids compared as 64-bit integers', async () => {
    const id = sb.control.seedBulkConnection({ customerId: customer, accounts: 2, transactionsPerAccount: 3_000 });
    const accounts = (await api(sb, 'GET', `/accounts?connection_id=${id}`)).json.data;
    const appended = sb.control.appendTransactions({ connectionId: id, accountId: accounts[0].id, count: 5 });
    expect(appended.added).toBe(5);
    const every = (await all(sb, `/transactions?connection_id=${id}&account_id=${accounts[0].id}&per_page=1000`)).items;
    expect(every).toHaveLength(3_005);
    expect(ascending(ids(every))).toBe(true);
    // the appended rows come last, with ids above the other account's block (ids only grow)
    const other = (await all(sb, `/transactions?connection_id=${id}&account_id=${accounts[1].id}&per_page=1000`)).items;
    expect(every.slice(-5).map((t: any) => t.id)).toEqual(every.slice(-5).map((t: any) => t.id).sort());
    expect(every[3_000].id).toBe(appended.accounts[0]!.firstId);
    expect(BigInt(appended.accounts[0]!.firstId) > BigInt(other.at(-1).id)).toBe(true);

    // from an existing id: that row first
    const mid = every[1234].id as string;
    const fromMid = await allFrom(`/transactions?connection_id=${id}&account_id=${accounts[0].id}&per_page=1000`, mid);
    expect(fromMid.map((t: any) => t.id)).toEqual(every.slice(1234).map((t: any) => t.id));
    // a from_id that is no row of the account (the other account's block lies between): the next larger id
    const gap = (BigInt(every[2_999].id) + 1n).toString();
    const fromGap = (await api(sb, 'GET', `/transactions?connection_id=${id}&account_id=${accounts[0].id}&from_id=${gap}`)).json;
    expect(fromGap.data.map((t: any) => t.id)).toEqual(every.slice(3_000).map((t: any) => t.id));
    expect(fromGap.meta.next_id).toBeNull();
    // beyond the last id: nothing; before the first: everything (same first page as without from_id)
    const beyond = (await api(sb, 'GET', `/transactions?connection_id=${id}&account_id=${accounts[0].id}&from_id=9223372036854775807`)).json;
    expect(beyond.data).toEqual([]);
    expect(beyond.meta.next_id).toBeNull();
    const before = (await api(sb, 'GET', `/transactions?connection_id=${id}&account_id=${accounts[0].id}&from_id=1`)).json;
    expect(before.data[0].id).toBe(every[0].id);
    // ids differing only past 2^53 are told apart
    const near = (BigInt(every[10].id) + 1n).toString();
    expect(Number(near) === Number(every[10].id)).toBe(true);
    const fromNear = (await api(sb, 'GET', `/transactions?connection_id=${id}&account_id=${accounts[0].id}&per_page=2&from_id=${near}`)).json;
    expect(fromNear.data.map((t: any) => t.id)).toEqual([every[11].id, every[12].id]);
  });

  it('appendTransactions: new posted rows with new ids, an old made_on makes a late-posted row; balances follow', async () => {
    const id = await link(sb, customer, 'fakebank_simple_xf', { username: 'append' });
    const accounts = (await api(sb, 'GET', `/accounts?connection_id=${id}`)).json.data;
    const before = (await all(sb, `/transactions?connection_id=${id}&account_id=${accounts[0].id}`)).items;
    const ledger = await checkLedger(id);
    const r = sb.control.appendTransactions({ connectionId: id, accountId: accounts[0].id, count: 3, madeOn: before[0].made_on });
    const after = (await all(sb, `/transactions?connection_id=${id}&account_id=${accounts[0].id}`)).items;
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added.map((t: any) => t.made_on)).toEqual([before[0].made_on, before[0].made_on, before[0].made_on]);
    expect(added[0].id).toBe(r.accounts[0]!.firstId);
    expect(ascending(ids(after))).toBe(true);
    expect((await checkLedger(id)).openings).toEqual(ledger.openings);
    expect(() => sb.control.appendTransactions({ connectionId: id, madeOn: '2999-01-01' })).toThrow(/madeOn/);
    expect(() => sb.control.appendTransactions({ connectionId: id, count: 0 })).toThrow(/count/);
  });

  it('rows booked later get larger ids: new days, the updates bank, pending → posted', async () => {
    for (const code of ['fakebank_with_updates_xf', 'fakebank_with_pending_xf', 'fakebank_oauth_with_n_transactions_xf']) {
      const id = await link(sb, customer, code, { username: `grow-${code}` });
      const accounts = (await api(sb, 'GET', `/accounts?connection_id=${id}`)).json.data;
      const max1 = new Map<string, bigint>();
      for (const a of accounts) {
        const rows = [...(await all(sb, `/transactions?connection_id=${id}&account_id=${a.id}`)).items, ...(await all(sb, `/transactions?connection_id=${id}&account_id=${a.id}&pending=true`)).items];
        max1.set(a.id, rows.reduce((m: bigint, t: any) => (BigInt(t.id) > m ? BigInt(t.id) : m), 0n));
      }
      sb.control.advanceClock({ days: 2 });
      expect((await api(sb, 'POST', `/connections/${id}/background_refresh`, { data: {} })).status).toBe(200);
      for (const a of accounts) {
        const posted = (await all(sb, `/transactions?connection_id=${id}&account_id=${a.id}`)).items;
        expect(ascending(ids(posted))).toBe(true);
        const fresh = posted.filter((t: any) => BigInt(t.id) > max1.get(a.id)!);
        expect(fresh.length).toBeGreaterThan(0);
        // from_id = just above the old maximum lists exactly the rows booked since
        const since = await allFrom(`/transactions?connection_id=${id}&account_id=${a.id}&per_page=1000`, (max1.get(a.id)! + 1n).toString());
        expect(since.map((t: any) => t.id)).toEqual(fresh.map((t: any) => t.id));
      }
    }
  });
});
