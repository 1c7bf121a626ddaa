import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startSandbox, DEMO_CREDENTIALS, type Sandbox } from '../../../../electron/core/sandbox/index.js';
import { createSaltEdgeClient, type SaltEdgeClient } from '../../../../electron/core/saltedge/client.js';
import { openStore, SimulatedCrash, type SaveHooks, type Store } from '../../../../electron/core/db/index.js';
import { createMemorySecretStore } from '../../../../electron/core/secrets/index.js';
import type { SecretStore } from '../../../../electron/core/secrets/index.js';
import { Logger } from '../../../../electron/core/log.js';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../../electron/core/sync/index.js';
import type { Timers } from '../../../../electron/core/sync/types.js';
import type { EventName } from '../../../../shared/contract/index.js';

/** The tests' clock: the sandbox, the client and the engine all read it, so they agree on "now". */
export class TestClock {
  constructor(public ms = Date.parse('2025-06-16T10:00:00Z')) {}
  now = (): Date => new Date(this.ms);
  advance(by: { days?: number; hours?: number; minutes?: number }): void {
    this.ms += ((by.days ?? 0) * 24 * 60 + (by.hours ?? 0) * 60 + (by.minutes ?? 0)) * 60_000;
  }
}

/** Manual timers: nothing fires until `runDue()`. */
export class FakeTimers implements Timers {
  private seq = 0;
  readonly pending = new Map<number, { at: number; fn: () => void }>();
  constructor(private readonly clock: TestClock) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.clock.ms + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  /** Fires every timer due at the clock's current time. */
  runDue(): number {
    let n = 0;
    for (const [id, t] of [...this.pending]) {
      if (t.at <= this.clock.ms) {
        this.pending.delete(id);
        t.fn();
        n++;
      }
    }
    return n;
  }
  nextAt(): number | null {
    const all = [...this.pending.values()].map((t) => t.at);
    return all.length ? Math.min(...all) : null;
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-sync-test-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

export interface World {
  clock: TestClock;
  sandbox: Sandbox;
  client: SaltEdgeClient;
  customerId: string;
}

export async function startWorld(opts: { seed?: number; clock?: TestClock } = {}): Promise<World> {
  const clock = opts.clock ?? new TestClock();
  const sandbox = await startSandbox({ port: 0, seed: opts.seed ?? 42, now: clock.now });
  cleanups.push(() => sandbox.close());
  const client = createSaltEdgeClient({
    baseUrl: sandbox.apiUrl,
    ...DEMO_CREDENTIALS,
    includeSandboxes: true,
    now: () => clock.ms,
    sleep: async () => {},
    retry: { limit: 1, baseDelayMs: 0, maxDelayMs: 0, maxTotalMs: 1000 },
  });
  const customer = await client.createCustomer('owner@example.com');
  return { clock, sandbox, client, customerId: customer.id };
}

export interface Local {
  dataDir: string;
  secrets: SecretStore;
  store: Store;
  saveHooks: { crashAt: string | null };
}

export async function openLocal(dataDir = tempDir(), secrets: SecretStore = createMemorySecretStore(), clock?: TestClock): Promise<Local> {
  const saveHooks = { crashAt: null as string | null };
  const hooks: SaveHooks = {
    beforeStep: (step) => {
      if (saveHooks.crashAt === step) {
        saveHooks.crashAt = null;
        throw new SimulatedCrash(`crash during save at ${step}`);
      }
    },
  };
  const store = await openStore({ dataDir, secretStore: secrets, __testHooks: hooks, ...(clock ? { now: clock.now } : {}) });
  cleanups.push(() => {
    if (!store.closed) store.close();
  });
  return { dataDir, secrets, store, saveHooks };
}

/** Links `providerCode` at the sandbox and records the connection and its accounts locally (what the connect flow does). */
export async function link(world: World, store: Store, providerCode: string, opts: { username?: string; enable?: boolean; importFrom?: string } = {}): Promise<{ connectionId: number; saltedgeId: string }> {
  const seId = world.sandbox.control.createConnection({ customerId: world.customerId, providerCode, ...(opts.username ? { username: opts.username } : {}) });
  return adopt(world, store, seId, opts);
}

export async function adopt(world: World, store: Store, seId: string, opts: { enable?: boolean; importFrom?: string } = {}): Promise<{ connectionId: number; saltedgeId: string }> {
  const se = await world.client.getConnection(seId);
  const conn = store.repos.connections.upsert({ saltedgeId: se.id, providerCode: se.providerCode, providerName: se.providerName, status: se.status });
  for (const a of await world.client.listAccounts(se.id)) {
    store.repos.accounts.upsert({
      connectionId: conn.id,
      saltedgeId: a.id,
      name: a.name,
      nature: a.nature,
      currency: a.currencyCode,
      iban: a.extra.iban,
      accountNumber: a.extra.accountNumber,
      enabled: opts.enable ?? true,
      importFrom: opts.importFrom ?? null,
    });
  }
  await store.save();
  return { connectionId: conn.id, saltedgeId: se.id };
}

export interface EngineHandle {
  engine: SyncEngine;
  events: { name: EventName; payload: unknown }[];
  log: Logger;
}

export function engineFor(world: World, getStore: () => Store, extra: Partial<SyncEngineOptions> = {}): EngineHandle {
  const events: EngineHandle['events'] = [];
  const log = new Logger(() => {}, world.clock.now);
  const engine = createSyncEngine({
    store: getStore,
    client: async () => world.client,
    events: { emit: (name, payload) => void events.push({ name, payload }) },
    log,
    now: world.clock.now,
    refreshPollMs: 1,
    ...extra,
  });
  cleanups.push(() => engine.close());
  return { engine, events, log };
}

/** Rows as comparable content (no local ids or timestamps). */
export function rowContents(store: Store): unknown[] {
  return store.sql.all(
    `SELECT a.saltedge_id AS account, t.saltedge_id, t.made_on, t.amount, t.currency, t.description, t.payee, t.status, t.reviewed, t.note, t.ignored, t.flag,
            CASE WHEN t.replaced_pending_id IS NULL THEN 0 ELSE 1 END AS replaced, CASE WHEN t.statement_id IS NULL THEN 0 ELSE 1 END AS in_statement
       FROM bank_transaction t JOIN account a ON a.id = t.account_id ORDER BY a.saltedge_id, t.saltedge_id`,
  );
}

export function statementContents(store: Store): unknown[] {
  return store.sql.all(
    `SELECT a.saltedge_id AS account, s.period_start, s.period_end, s.opening_balance, s.closing_balance, s.bank_balance, s.balance_difference, s.line_count
       FROM statement s JOIN account a ON a.id = s.account_id ORDER BY a.saltedge_id, s.id`,
  );
}

/** Every row of the data tables (what "the store exactly as before" compares). */
export function dumpData(store: Store, tables = ['bank_transaction', 'statement', 'account', 'import_run_change']): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = store.sql.all(`SELECT * FROM ${t} ORDER BY id`);
  return out;
}

export const simulatedCrash = (where: string): Error => new SimulatedCrash(`simulated crash ${where}`);
