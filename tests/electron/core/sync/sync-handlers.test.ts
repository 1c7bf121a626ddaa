import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../../electron/core/create-core.js';
import { Logger } from '../../../../electron/core/log.js';
import { createMemorySecretStore } from '../../../../electron/core/secrets/index.js';
import { startSandbox, DEMO_CREDENTIALS, type Sandbox } from '../../../../electron/core/sandbox/index.js';
import { createSaltEdgeClient } from '../../../../electron/core/saltedge/client.js';
import type { SyncFinished, SyncLogView } from '../../../../shared/contract/index.js';

describe('sync calls through the core (dispatch, validation, services.sync)', () => {
  let sandbox: Sandbox;
  let core: Core;
  let dataDir: string;
  let connectionId: number;
  const finished: SyncFinished[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 3 });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-sync-core-'));
    core = await createCore({
      dataDir,
      secretStore: createMemorySecretStore(),
      host: 'preview',
      version: '0.0.0-test',
      demoSandbox: { apiUrl: sandbox.apiUrl, credentials: DEMO_CREDENTIALS },
      log: new Logger(() => {}),
    });
    core.events.subscribe((name, payload) => {
      if (name === 'sync.finished') finished.push(payload as SyncFinished);
    });
    const client = createSaltEdgeClient({ baseUrl: sandbox.apiUrl, ...DEMO_CREDENTIALS, includeSandboxes: true });
    const customer = await client.createCustomer('core@example.com');
    const seId = sandbox.control.createConnection({ customerId: customer.id, providerCode: 'fakebank_simple_xf' });
    const store = core.services.store();
    const conn = store.repos.connections.upsert({ saltedgeId: seId, providerCode: 'fakebank_simple_xf', providerName: 'Fake Bank Simple', status: 'active' });
    for (const a of await client.listAccounts(seId)) {
      store.repos.accounts.upsert({ connectionId: conn.id, saltedgeId: a.id, name: a.name, currency: a.currencyCode, iban: a.extra.iban, enabled: true });
    }
    connectionId = conn.id;
  });
  afterAll(async () => {
    await core.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('validates inputs before the engine sees them', async () => {
    expect(await core.call('sync.run', { connectionId: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await core.call('sync.schedule.set', { connectionId, enabled: true, timeOfDay: '25:00' })).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: 'Enter a time of day as HH:MM, e.g. 06:30' },
    });
    expect(await core.call('sync.run', { connectionId: 9999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('runs, reports, logs in words, undoes', async () => {
    const started = await core.call('sync.run', { connectionId });
    expect(started).toMatchObject({ ok: true, value: { alreadyRunning: false } });
    const runId = (started as { value: { runId: number } }).value.runId;
    expect(await core.call('sync.run', { connectionId })).toEqual({ ok: true, value: { runId, alreadyRunning: true } });
    await core.services.sync!.idle();
    expect(finished).toEqual([expect.objectContaining({ runId, status: 'done' })]);

    const log = (await core.call('sync.log', { connectionId })) as { ok: true; value: SyncLogView };
    expect(log.value.running).toBeNull();
    expect(log.value.runs[0]).toMatchObject({ runId, status: 'done', canUndo: true, trigger: 'manual' });
    expect(log.value.runs[0]!.accounts.map((a) => a.words.join(' ')).join(' ')).toMatch(/new transactions were imported/);

    const undo = await core.call('sync.undoRun', { runId });
    expect(undo).toMatchObject({ ok: true, value: { runId, removedTransactions: expect.any(Number) } });
    expect(await core.call('sync.undoRun', { runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.call('sync.cancel', { runId })).toEqual({ ok: true, value: { cancelled: false } });

    expect(await core.call('sync.schedule.set', { connectionId, enabled: false, timeOfDay: '06:30' })).toMatchObject({
      ok: true,
      value: { connectionId, enabled: false, timeOfDay: '06:30', nextRunAt: null },
    });
    expect(await core.call('sync.schedule.get', { connectionId })).toMatchObject({ ok: true, value: { enabled: false } });
  });

  it('services.sync.run waits for the end (the connect flow uses it for the first import)', async () => {
    const r = await core.services.sync!.run(connectionId, { trigger: 'first' });
    expect(r).toMatchObject({ status: 'done', connectionId, alreadyRunning: false });
    expect(r.added).toBeGreaterThan(0);
  });
});
