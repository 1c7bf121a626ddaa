import { describe, expect, it } from 'vitest';
import { engineFor, link, openLocal, startWorld } from './helpers.js';

interface Row {
  id: number;
  saltedge_id: string;
  amount: number;
  made_on: string;
  status: string;
  statement_id: number | null;
  replaced_pending_id: number | null;
  reviewed: number;
  note: string | null;
  ignored: number;
  flag: string | null;
}

describe('sync engine: pending rows, user decisions', () => {
  it('pending → posted with a new id and a changed amount replaces, never duplicates; vanished pending rows are dropped', async () => {
    const world = await startWorld({ seed: 42 });
    const { store } = await openLocal();
    const { connectionId, saltedgeId } = await link(world, store, 'fakebank_with_pending_xf');
    const { engine } = engineFor(world, () => store);
    await engine.run(connectionId);
    const pendingBefore = store.sql.all<Row>(`SELECT * FROM bank_transaction WHERE status = 'pending' ORDER BY id`);
    expect(pendingBefore.length).toBeGreaterThanOrEqual(2);
    // the user annotates and reviews the pending rows
    for (const p of pendingBefore) store.sql.run('UPDATE bank_transaction SET note = ?, reviewed = 1 WHERE id = ?', [`note ${p.id}`, p.id]);

    world.clock.advance({ days: 1, hours: 2 });
    const r = await engine.run(connectionId);
    const rows = store.sql.all<Row>('SELECT * FROM bank_transaction ORDER BY id');
    const successors = rows.filter((x) => x.replaced_pending_id !== null);
    const seTx = await world.client.listTransactions({ connectionId: saltedgeId, accountId: store.repos.accounts.listByConnection(connectionId)[0]!.saltedgeId });

    // every old pending row is gone: either replaced by exactly one posted row, or dropped
    for (const p of pendingBefore) {
      expect(rows.find((x) => x.id === p.id)).toBeUndefined();
      const succ = successors.filter((s) => s.replaced_pending_id === p.id);
      expect(succ.length).toBeLessThanOrEqual(1);
      if (succ[0]) {
        expect(succ[0]).toMatchObject({ status: 'posted', note: `note ${p.id}`, reviewed: 1 });
        expect(succ[0].statement_id).not.toBeNull();
        expect(succ[0].saltedge_id).not.toBe(p.saltedge_id);
        if (succ[0].amount !== p.amount || succ[0].made_on !== p.made_on) expect(succ[0].flag).toMatch(/reviewed it while pending/);
      }
    }
    expect(successors.some((s) => s.amount !== pendingBefore.find((p) => p.id === s.replaced_pending_id)!.amount)).toBe(true);
    const log = engine.log(connectionId).runs[0]!;
    expect(log.accounts[0]!.replacedPending).toBe(successors.length);
    expect(log.accounts[0]!.droppedPending).toBe(pendingBefore.length - successors.length);
    // no duplicates, and the posted rows are exactly the bank's
    const posted = rows.filter((x) => x.status === 'posted').map((x) => x.saltedge_id).sort();
    expect(posted).toEqual(seTx.map((t) => t.id).sort());
    expect(r.added).toBeGreaterThan(0);
    const last = store.sql.get<{ balance_difference: number }>('SELECT * FROM statement ORDER BY id DESC LIMIT 1')!;
    expect(last.balance_difference).toBe(0);
  });

  it('a row the user ignored is never imported again, its posted successor stays ignored; notes survive', async () => {
    const world = await startWorld({ seed: 42 });
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_with_pending_xf');
    const { engine } = engineFor(world, () => store);
    await engine.run(connectionId);
    const posted = store.sql.all<Row>(`SELECT * FROM bank_transaction WHERE status = 'posted' ORDER BY made_on DESC, id LIMIT 3`);
    store.sql.run('UPDATE bank_transaction SET ignored = 1 WHERE id = ?', [posted[0]!.id]);
    store.sql.run(`UPDATE bank_transaction SET note = 'keep me', reviewed = 1 WHERE id = ?`, [posted[1]!.id]);
    store.sql.run(`UPDATE bank_transaction SET ignored = 1 WHERE status = 'pending'`);
    const before = store.sql.scalar('SELECT count(*) FROM bank_transaction');

    await engine.run(connectionId); // same day: nothing new at Salt Edge
    expect(store.sql.scalar('SELECT count(*) FROM bank_transaction')).toBe(before);
    const log = engine.log(connectionId).runs[0]!;
    expect(log.accounts[0]!.skippedIgnored).toBeGreaterThanOrEqual(1);
    expect(log.accounts[0]!.words.join(' ')).toMatch(/you ignored .* not imported again/);

    world.clock.advance({ days: 1, hours: 2 });
    await engine.run(connectionId);
    expect(store.sql.get<Row>('SELECT * FROM bank_transaction WHERE id = ?', [posted[0]!.id])).toMatchObject({ ignored: 1 });
    expect(store.sql.get<Row>('SELECT * FROM bank_transaction WHERE id = ?', [posted[1]!.id])).toMatchObject({ note: 'keep me', reviewed: 1, flag: null });
    // successors of ignored pending rows are ignored too, and out of statements
    const succ = store.sql.all<Row>('SELECT * FROM bank_transaction WHERE replaced_pending_id IS NOT NULL');
    expect(succ.length).toBeGreaterThan(0);
    expect(succ.every((s) => s.ignored === 1 && s.statement_id === null)).toBe(true);
  });

  it('a bank-side change to a reviewed row is flagged, not overwritten; pending too long is flagged', async () => {
    const world = await startWorld({ seed: 42 });
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_simple_xf');
    const { engine } = engineFor(world, () => store);
    await engine.run(connectionId);
    const row = store.sql.get<Row & { description: string }>(`SELECT * FROM bank_transaction ORDER BY made_on DESC, id LIMIT 1`)!;
    // what we stored differs from what the bank reports now (as after a correction at the bank)
    store.sql.run(`UPDATE bank_transaction SET amount = amount - 100, description = 'Old text', reviewed = 1, note = 'checked' WHERE id = ?`, [row.id]);
    await engine.run(connectionId);
    const after = store.sql.get<Row & { description: string }>('SELECT * FROM bank_transaction WHERE id = ?', [row.id])!;
    expect(after).toMatchObject({ amount: row.amount - 100, description: 'Old text', reviewed: 1, note: 'checked' });
    expect(after.flag).toMatch(/changed this transaction after you reviewed it/);
    expect(engine.log(connectionId).runs[0]!.accounts.some((a) => a.flagged === 1 && a.changedAtBank === 1)).toBe(true);

    // pending too long: the bank cannot be refreshed (connection inactive), the rows from 11 days ago are still pending
    const world2 = await startWorld({ seed: 42 });
    const local2 = await openLocal();
    const c2 = await link(world2, local2.store, 'fakebank_with_pending_xf');
    const e2 = engineFor(world2, () => local2.store, { pendingTooLongDays: 10 });
    await e2.engine.run(c2.connectionId);
    world2.clock.advance({ days: 11 });
    world2.sandbox.control.deactivateConnection({ connectionId: c2.saltedgeId, errorClass: 'InvalidCredentials' });
    const r2 = await e2.engine.run(c2.connectionId);
    const pending = local2.store.sql.all<Row>(`SELECT * FROM bank_transaction WHERE status = 'pending'`);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((p) => /^Still pending after 11 days/.test(p.flag ?? ''))).toBe(true);
    // the connection needs attention, with Salt Edge's error in words
    expect(r2.error?.errorClass).toBe('InvalidCredentials');
    const conn = local2.store.repos.connections.get(c2.connectionId)!;
    expect(conn).toMatchObject({ status: 'inactive', lastErrorClass: 'InvalidCredentials' });
    expect(conn.lastErrorMessage).toBeTruthy();
    expect(e2.engine.log(c2.connectionId).runs[0]!.refreshNote).toMatch(/connection is inactive/);
  });
});
