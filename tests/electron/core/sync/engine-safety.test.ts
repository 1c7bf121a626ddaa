import { describe, expect, it } from 'vitest';
import { SAVE_STEPS } from '../../../../electron/core/db/index.js';
import type { SyncHooks } from '../../../../electron/core/sync/index.js';
import type { SyncFinished } from '../../../../shared/contract/index.js';
import { dumpData, engineFor, link, openLocal, rowContents, simulatedCrash, startWorld, statementContents, type World } from './helpers.js';

const BANK = 'fakebank_with_pending_xf';

/** First import, a day later a second run (pending rows post or vanish, new rows, new pending rows). */
async function scenario(crash: { hook?: keyof SyncHooks; saveStep?: string } | null) {
  const world: World = await startWorld({ seed: 42 });
  const local = await openLocal();
  const { connectionId } = await link(world, local.store, BANK);
  let store = local.store;
  let armed = false;
  const hooks: SyncHooks = {};
  if (crash?.hook) {
    (hooks as Record<string, () => void>)[crash.hook] = () => {
      if (armed) {
        armed = false;
        throw simulatedCrash(crash.hook!);
      }
    };
  }
  const first = engineFor(world, () => store, { hooks });
  await first.engine.run(connectionId, { trigger: 'first' });
  world.clock.advance({ days: 1, hours: 2 });

  if (!crash) {
    await first.engine.run(connectionId);
    return { rows: rowContents(store), statements: statementContents(store) };
  }
  const beforeFile = dumpData(store);
  armed = !!crash.hook;
  if (crash.saveStep) local.saveHooks.crashAt = crash.saveStep;
  const h = first.engine.start(connectionId);
  await expect(h.done).rejects.toThrow(/simulated crash|crash during save/);
  // the process dies: the in-memory database is gone, nothing else is written
  store.close();
  const reopened = await openLocal(local.dataDir, local.secrets);
  store = reopened.store;
  const afterRestart = dumpData(store);
  if (crash.hook) expect(afterRestart).toEqual(beforeFile); // nothing of the crashed run reached the file
  const second = engineFor(world, () => store);
  await second.engine.run(connectionId);
  return { rows: rowContents(store), statements: statementContents(store) };
}

describe('sync engine: exactly once, whatever happens', () => {
  it('a crash at any step of a run, then a re-run, gives exactly the rows of an uninterrupted run', async () => {
    const expected = await scenario(null);
    expect(expected.rows.length).toBeGreaterThan(50);
    const points: { hook?: keyof SyncHooks; saveStep?: string }[] = [
      { hook: 'afterRefresh' },
      { hook: 'betweenPages' },
      { hook: 'afterFetch' },
      { hook: 'beforeCommit' },
      { hook: 'afterCommit' },
      ...SAVE_STEPS.map((saveStep) => ({ saveStep })),
    ];
    for (const p of points) {
      const got = await scenario(p);
      expect({ at: p, ...got }).toEqual({ at: p, ...expected });
    }
  }, 20_000);

  it('cancel mid-run leaves the data exactly as before the run', async () => {
    const world = await startWorld({ seed: 42 });
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_simple_xf');
    const holder: { cancel?: () => void } = {};
    const { engine, events } = engineFor(world, () => store, {
      perPage: 25,
      hooks: {
        betweenPages: ({ page }) => {
          if (page === 3) holder.cancel?.();
        },
      },
    });
    const before = dumpData(store, ['bank_transaction', 'statement', 'account', 'import_run_change', 'connection']);
    const h = engine.start(connectionId);
    holder.cancel = () => {
      holder.cancel = undefined;
      expect(engine.cancel(h.runId)).toBe(true);
    };
    const f = await h.done;
    expect(f.status).toBe('cancelled');
    expect(dumpData(store, ['bank_transaction', 'statement', 'account', 'import_run_change', 'connection'])).toEqual(before);
    expect(events.filter((e) => e.name === 'sync.finished').map((e) => (e.payload as SyncFinished).status)).toEqual(['cancelled']);
    const log = engine.log(connectionId);
    expect(log.runs[0]).toMatchObject({ status: 'cancelled', summary: 'Cancelled by you: nothing was changed.', canUndo: false });
    await expect(engine.run(connectionId)).resolves.toMatchObject({ status: 'done' });
    const seen = await Promise.all(store.repos.accounts.listByConnection(connectionId).map((a) => world.client.listTransactions({ connectionId: store.repos.connections.get(connectionId)!.saltedgeId, accountId: a.saltedgeId })));
    expect(store.sql.scalar('SELECT count(*) FROM bank_transaction')).toBe(seen.flat().length);
  });

  it('undo restores the exact previous state, including the pending rows it replaced; the next run imports again', async () => {
    const world = await startWorld({ seed: 42 });
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, BANK);
    const { engine } = engineFor(world, () => store);
    await engine.run(connectionId);
    const firstRun = engine.log(connectionId).runs[0]!.runId;
    store.sql.run(`UPDATE bank_transaction SET note = 'mine' WHERE status = 'pending'`);
    const rowsBefore = rowContents(store);
    world.clock.advance({ days: 1, hours: 2 });
    const before = dumpData(store);
    const r = await engine.run(connectionId);
    expect(dumpData(store)).not.toEqual(before);
    const view = engine.log(connectionId);
    expect(view.runs.map((x) => [x.runId, x.canUndo])).toEqual([
      [r.runId, true],
      [firstRun, false],
    ]);
    await expect(engine.undoRun(firstRun)).rejects.toThrow(/newer import/);

    const summary = await engine.undoRun(r.runId);
    expect(summary.removedTransactions).toBeGreaterThan(0);
    expect(summary.restoredPending).toBeGreaterThan(0);
    expect(summary.message).toMatch(/Import undone/);
    expect(dumpData(store)).toEqual(before); // every row of every data table, ids and timestamps included
    expect(engine.log(connectionId).runs[0]).toMatchObject({ runId: r.runId, status: 'undone', canUndo: false });
    await expect(engine.undoRun(r.runId)).rejects.toThrow(/already been undone/);

    // undo again, down to the empty store
    await engine.undoRun(firstRun);
    expect(store.sql.scalar('SELECT count(*) FROM bank_transaction')).toBe(0);
    expect(store.sql.scalar('SELECT count(*) FROM statement')).toBe(0);
    // the next run imports everything again, once
    await engine.run(connectionId);
    expect(store.sql.scalar('SELECT count(*) - count(DISTINCT saltedge_id) FROM bank_transaction')).toBe(0);
    expect(store.sql.scalar(`SELECT count(*) FROM statement WHERE balance_difference <> 0`)).toBe(0);
    expect(rowsBefore.length).toBeGreaterThan(0);
  });

  it('never two runs of one connection at once: run() joins the running one', async () => {
    const world = await startWorld();
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_simple_xf');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { engine } = engineFor(world, () => store, { hooks: { afterFetch: () => gate } });
    const a = engine.start(connectionId);
    const b = engine.start(connectionId, { trigger: 'scheduled' });
    expect(b).toMatchObject({ runId: a.runId, alreadyRunning: true });
    expect(engine.isRunning(connectionId)).toBe(true);
    expect(engine.log(connectionId).running).toMatchObject({ runId: a.runId });
    await expect(engine.undoRun(a.runId)).rejects.toThrow();
    release();
    await Promise.all([a.done, b.done]);
    expect(store.sql.scalar('SELECT count(*) FROM import_run')).toBe(1);
    expect(engine.isRunning(connectionId)).toBe(false);
  });

  it('a failed run changes no data, records the error class and request id, and marks the connection as needing attention', async () => {
    const world = await startWorld();
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_simple_xf');
    const { engine } = engineFor(world, () => store);
    const before = dumpData(store);
    world.sandbox.control.addFault({ kind: 'server_error', times: -1, pathPrefix: '/transactions' });
    await expect(engine.run(connectionId)).rejects.toMatchObject({ code: 'saltedge', details: { errorClass: 'InternalServerError' } });
    expect(dumpData(store)).toEqual(before);
    const conn = store.repos.connections.get(connectionId)!;
    expect(conn.lastErrorClass).toBe('InternalServerError');
    expect(conn.lastErrorMessage).toBeTruthy();
    const run = engine.log(connectionId).runs[0]!;
    expect(run.status).toBe('failed');
    expect(run.summary).toMatch(/^Failed, nothing was imported: .*error InternalServerError/);
    world.sandbox.control.clearFaults();
    await engine.run(connectionId);
    expect(store.repos.connections.get(connectionId)!.lastErrorClass).toBeNull();
  });

  it('matches a re-fetched account by IBAN + currency when the bank renamed it (new Salt Edge id)', async () => {
    const world = await startWorld();
    const { store } = await openLocal();
    const { connectionId } = await link(world, store, 'fakebank_simple_xf');
    const { engine } = engineFor(world, () => store);
    await engine.run(connectionId);
    const [acc] = store.repos.accounts.listByConnection(connectionId);
    const realId = acc!.saltedgeId;
    // the store knows the account under an old id; Salt Edge now reports it under another one
    store.sql.run('UPDATE account SET saltedge_id = ? WHERE id = ?', ['999000111', acc!.id]);
    await engine.run(connectionId);
    const after = store.repos.accounts.listByConnection(connectionId);
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.id === acc!.id)!.saltedgeId).toBe(realId);
    expect(store.sql.scalar('SELECT count(*) - count(DISTINCT saltedge_id) FROM bank_transaction')).toBe(0);
  });
});
