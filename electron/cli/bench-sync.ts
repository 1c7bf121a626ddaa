/**
 * Sync benchmark (issue 5), printed by `npm run bench`:
 *
 * 1. First import of 100,000 transactions over 5 accounts from the sandbox (paged like Salt
 *    Edge, 1,000 rows per page) into an empty store.
 * 2. A second run that finds 1,000 new rows among 100,000 known ones: the sandbox books 200 new
 *    posted rows per account (`appendTransactions`: new Salt Edge ids, dated today), exactly the
 *    work of a daily sync. The engine reads each account's posted rows from the overlap window's
 *    first stored id on (`from_id`), not the whole history.
 * 3. The floor: a bare sql.js bulk insert of the same 100,000 rows (same table, one prepared
 *    statement, one transaction) into an empty store, measured in the same process.
 *
 * Figures: rows/s, peak RSS (sampled every 25 ms), store file size, time to save, and the ratio
 * of the engine's apply time (planning + writing, no HTTP) to the floor. Targets: ratio ≤ 2,
 * second run ≤ 1 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSaltEdgeClient } from '../core/saltedge/client.js';
import { startSandbox, DEMO_CREDENTIALS } from '../core/sandbox/index.js';
import { openStore, type Store } from '../core/db/index.js';
import { createMemorySecretStore } from '../core/secrets/index.js';
import { Logger } from '../core/log.js';
import { createSyncEngine } from '../core/sync/index.js';

const ACCOUNTS = 5;
const PER_ACCOUNT = Number(process.env.BENCH_PER_ACCOUNT ?? 20_000); // 100,000 at the bank for the first import
const NEW_PER_ACCOUNT = 200; // 1,000 new rows for the second run

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;

interface Phases {
  start: number;
  fetched: number;
  committed: number;
  saved: number;
}

export async function benchSync(): Promise<void> {
  console.log('\n## Sync engine (issue 5)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-bench-sync-'));
  const sandbox = await startSandbox({ port: 0, seed: 42 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);
  const stores: Store[] = [];
  try {
    let transactionPages = 0;
    const client = createSaltEdgeClient({
      baseUrl: sandbox.apiUrl,
      ...DEMO_CREDENTIALS,
      includeSandboxes: true,
      onRequest: (info) => {
        if (info.path.endsWith('transactions')) transactionPages++;
      },
    });
    const customer = await client.createCustomer('bench@example.com');
    const seId = sandbox.control.seedBulkConnection({ customerId: customer.id, accounts: ACCOUNTS, transactionsPerAccount: PER_ACCOUNT, days: 365 });

    const secrets = createMemorySecretStore();
    const store = await openStore({ dataDir: path.join(tmp, 'engine'), secretStore: secrets });
    stores.push(store);
    const se = await client.getConnection(seId);
    const conn = store.repos.connections.upsert({ saltedgeId: se.id, providerCode: se.providerCode, providerName: se.providerName, status: se.status });
    for (const a of await client.listAccounts(seId)) {
      store.repos.accounts.upsert({ connectionId: conn.id, saltedgeId: a.id, name: a.name, currency: a.currencyCode, accountNumber: a.extra.accountNumber, enabled: true });
    }
    await store.save();

    let phases: Phases = { start: 0, fetched: 0, committed: 0, saved: 0 };
    const engine = createSyncEngine({
      store: () => store,
      client: async () => client,
      events: { emit: () => {} },
      log: new Logger(() => {}),
      now: () => new Date(),
      hooks: {
        afterFetch: () => {
          phases.fetched = performance.now();
        },
        afterCommit: () => {
          phases.committed = performance.now();
        },
      },
    });
    /** `rows`: rows received from Salt Edge (posted + pending); `pages`: GET /transactions requests. */
    const runOnce = async (): Promise<Phases & { added: number; rows: number; pages: number }> => {
      phases = { start: performance.now(), fetched: 0, committed: 0, saved: 0 };
      transactionPages = 0;
      const r = await engine.run(conn.id);
      phases.saved = performance.now();
      return { ...phases, added: r.added, rows: store.repos.importRuns.get(r.runId)?.fetched ?? 0, pages: transactionPages };
    };

    // --- first run: everything from the bank ----------------------------------------------
    peakRss = process.memoryUsage().rss;
    const first = await runOnce();
    const firstPeak = peakRss;
    const firstRows = Number(store.sql.scalar('SELECT count(*) FROM bank_transaction'));
    const firstSize = fs.statSync(store.filePath).size;

    // the same rows, for the floor
    const rows = store.sql.db.exec('SELECT account_id, saltedge_id, made_on, amount, currency, description, payee, category, status, raw_json FROM bank_transaction')[0]!.values;

    // at the bank: 1,000 new posted rows (200 per account, new ids), as Salt Edge would list them the next day
    sandbox.control.appendTransactions({ connectionId: seId, count: NEW_PER_ACCOUNT });
    const known = Number(store.sql.scalar('SELECT count(*) FROM bank_transaction'));

    // --- second run ---------------------------------------------------------------------------
    peakRss = process.memoryUsage().rss;
    const second = await runOnce();
    const secondPeak = peakRss;
    const secondSize = fs.statSync(store.filePath).size;

    // --- the floor: a bare bulk insert of the same rows ---------------------------------------
    const floorStore = await openStore({ dataDir: path.join(tmp, 'floor'), secretStore: createMemorySecretStore() });
    stores.push(floorStore);
    const fconn = floorStore.repos.connections.upsert({ saltedgeId: se.id, providerCode: se.providerCode, providerName: se.providerName, status: se.status });
    const idMap = new Map<number, number>();
    for (const a of store.repos.accounts.listByConnection(conn.id)) {
      idMap.set(a.id, floorStore.repos.accounts.upsert({ connectionId: fconn.id, saltedgeId: a.saltedgeId, name: a.name, currency: a.currency, enabled: true }).account.id);
    }
    const now = new Date().toISOString();
    const t0 = performance.now();
    floorStore.db.exec('BEGIN');
    const stmt = floorStore.db.prepare(
      `INSERT INTO bank_transaction (account_id, saltedge_id, made_on, amount, currency, description, payee, category, status, raw_json, imported_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows) stmt.run([idMap.get(Number(r[0]))!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, r[6]!, r[7]!, r[8]!, r[9]!, now, now]);
    stmt.free();
    floorStore.db.exec('COMMIT');
    const floorMs = performance.now() - t0;

    const applyFirst = first.committed - first.fetched;
    const applySecond = second.committed - second.fetched;
    const totalFirst = first.saved - first.start;
    const totalSecond = second.saved - second.start;
    const engineSecond = second.saved - second.fetched;
    const ratio = applyFirst / floorMs;

    const table: [string, string, string][] = [
      ['', 'first run', 'second run'],
      ['rows known before the run', '0', fmt(known)],
      ['rows fetched from the sandbox (posted + pending)', fmt(first.rows), fmt(second.rows)],
      ['GET /transactions requests (1,000 rows per page)', fmt(first.pages), fmt(second.pages)],
      ['rows added', fmt(first.added), fmt(second.added)],
      ['total time (HTTP + apply + save)', `${fmt(totalFirst)} ms`, `${fmt(totalSecond)} ms`],
      ['  of which fetch (HTTP, parse, in memory)', `${fmt(first.fetched - first.start)} ms`, `${fmt(second.fetched - second.start)} ms`],
      ['  of which apply (plan + write, one SQL transaction)', `${fmt(applyFirst)} ms`, `${fmt(applySecond)} ms`],
      ['  of which save (export, encrypt, atomic write)', `${fmt(first.saved - first.committed)} ms`, `${fmt(second.saved - second.committed)} ms`],
      ['rows fetched/s, end to end', fmt((first.rows / totalFirst) * 1000), fmt((second.rows / totalSecond) * 1000)],
      ['rows fetched/s, apply only', fmt((first.rows / applyFirst) * 1000), fmt((second.rows / applySecond) * 1000)],
      ['peak RSS', mb(firstPeak), mb(secondPeak)],
      ['store file size', mb(firstSize), mb(secondSize)],
    ];
    const w0 = Math.max(...table.map((r) => r[0].length));
    const w1 = Math.max(...table.map((r) => r[1].length));
    for (const r of table) console.log(`${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2].padStart(12)}`);
    console.log('');
    console.log(`floor: bare sql.js bulk insert of the same ${fmt(rows.length)} rows: ${fmt(floorMs)} ms`);
    console.log(`ratio engine apply / floor (first run): ${fmt(ratio, 2)}  (target ≤ 2) ${ratio <= 2 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(`second run, engine without HTTP (apply + save): ${fmt(engineSecond)} ms; with HTTP: ${fmt(totalSecond)} ms  (target ≤ 1,000 ms) ${totalSecond <= 1000 ? 'OK (with HTTP)' : engineSecond <= 1000 ? 'OK (engine only)' : 'ABOVE TARGET'}`);
    console.log(
      `note: later runs read each account's posted rows from the overlap window's first stored Salt Edge id on (from_id), pending rows in full; the second run read ${fmt(second.pages)} pages instead of ${fmt(first.pages)}.`,
    );
    await engine.close();
  } finally {
    clearInterval(sampler);
    for (const s of stores) if (!s.closed) s.close();
    await sandbox.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
