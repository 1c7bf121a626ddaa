import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../electron/core/secrets/index.js';
import { openStore, DEFAULT_DB_FILE, LATEST_SCHEMA_VERSION } from '../../../../electron/core/db/index.js';
import { MAGIC } from '../../../../electron/core/db/file-format.js';
import { open, seedAccount, tempDir, track } from './helpers.js';

describe('store: open, save, reopen', () => {
  it('creates an encrypted file and a key on first open', async () => {
    const dataDir = tempDir();
    const secrets = createMemorySecretStore();
    const store = await open({ dataDir, secretStore: secrets });
    expect(store.filePath).toBe(path.join(dataDir, DEFAULT_DB_FILE));
    expect(fs.existsSync(store.filePath)).toBe(true);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const key = await secrets.get('database.key');
    expect(key && Buffer.from(key, 'base64').length).toBe(32);
    expect(fs.readFileSync(store.filePath).subarray(0, 5).equals(MAGIC)).toBe(true);
    expect(store.sql.scalar('PRAGMA foreign_keys')).toBe(1);
  });

  it('round trip: write, save, reopen gives the same data', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const a = await open({ dataDir, secretStore });
    const { accountId } = seedAccount(a);
    a.repos.settings.set('ui.theme', 'dark');
    a.repos.transactions.insertMany([
      { accountId, saltedgeId: 't1', madeOn: '2025-01-02', amount: -1234, currency: 'EUR', status: 'posted', description: 'Café ☕' },
      { accountId, saltedgeId: 't2', madeOn: '2025-01-03', amount: 9_007_199_254_740_991, currency: 'EUR', status: 'pending' },
    ]);
    await a.save();
    a.close();

    const b = await open({ dataDir, secretStore });
    expect(b.repos.settings.get('ui.theme')).toBe('dark');
    expect(b.repos.transactions.countByAccount(accountId)).toBe(2);
    const rows = b.sql.all<{ amount: number; description: string | null }>('SELECT amount, description FROM bank_transaction ORDER BY id');
    expect(rows).toEqual([
      { amount: -1234, description: 'Café ☕' },
      { amount: 9_007_199_254_740_991, description: null },
    ]);
  });

  it('encrypts at rest: no plaintext marker and no key in the file', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const store = await open({ dataDir, secretStore });
    const marker = 'PLAINTEXT-MARKER-7f3a9c';
    store.repos.settings.set('marker', marker);
    await store.save();
    const bytes = fs.readFileSync(store.filePath);
    const key = (await secretStore.get('database.key'))!;
    expect(bytes.includes(Buffer.from(marker))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
    expect(bytes.includes(Buffer.from(key))).toBe(false);
    expect(bytes.includes(Buffer.from(key, 'base64'))).toBe(false);
    // No plaintext side file either.
    for (const f of fs.readdirSync(dataDir)) expect(fs.readFileSync(path.join(dataDir, f)).includes(Buffer.from(marker))).toBe(false);
  });

  it('keeps the previous good file as .bak after each save', async () => {
    const store = await open();
    store.repos.settings.set('n', '1');
    await store.save();
    const afterFirst = fs.readFileSync(store.filePath);
    store.repos.settings.set('n', '2');
    await store.save();
    expect(fs.readFileSync(`${store.filePath}.bak`).equals(afterFirst)).toBe(true);
    expect(fs.existsSync(`${store.filePath}.tmp`)).toBe(false);
  });

  it('save() skips when nothing changed, unless forced', async () => {
    const store = await open();
    const before = fs.statSync(store.filePath).mtimeMs;
    const bytes = fs.readFileSync(store.filePath);
    await store.save();
    expect(fs.readFileSync(store.filePath).equals(bytes)).toBe(true);
    await store.save({ force: true });
    expect(fs.readFileSync(store.filePath).equals(bytes)).toBe(false); // new IV
    expect(fs.statSync(store.filePath).mtimeMs).toBeGreaterThanOrEqual(before);
  });

  it('serialises concurrent saves and every caller sees its data on disk', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const store = await open({ dataDir, secretStore });
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      store.repos.settings.set(`k${i}`, String(i));
      saves.push(store.save());
    }
    await Promise.all(saves);
    store.close();
    const again = await open({ dataDir, secretStore });
    expect(Object.keys(again.repos.settings.all())).toHaveLength(20);
  });

  it('a save queued before close() still writes', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const store = await open({ dataDir, secretStore });
    store.repos.settings.set('a', '1');
    const p1 = store.save();
    store.repos.settings.set('b', '2');
    const p2 = store.save();
    store.close();
    await Promise.all([p1, p2]);
    await expect(store.save()).rejects.toThrow(/closed/);
    const again = await open({ dataDir, secretStore });
    expect(again.repos.settings.all()).toEqual({ a: '1', b: '2' });
  });

  it('transaction: commit, rollback, nested savepoints; async fn refused', async () => {
    const store = await open();
    store.transaction(() => store.repos.settings.set('x', '1'));
    expect(() =>
      store.transaction(() => {
        store.repos.settings.set('y', '1');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.repos.settings.get('y')).toBeNull();
    store.transaction(() => {
      store.repos.settings.set('outer', '1');
      expect(() =>
        store.transaction(() => {
          store.repos.settings.set('inner', '1');
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
      store.transaction(() => store.repos.settings.set('inner2', '1'));
    });
    expect(store.repos.settings.all()).toEqual({ x: '1', outer: '1', inner2: '1' });
    expect(() => store.transaction(() => Promise.resolve(1))).toThrow(/synchronous/);
    expect(store.sql.inTransaction).toBe(false);
  });

  it('marks runs left running by a crash as failed when opening', async () => {
    const dataDir = tempDir();
    const secretStore = createMemorySecretStore();
    const a = await open({ dataDir, secretStore });
    const { connectionId } = seedAccount(a);
    const run = a.repos.importRuns.start({ connectionId, trigger: 'manual' });
    await a.save();
    a.close();
    const b = await open({ dataDir, secretStore });
    expect(b.repos.importRuns.get(run.id)).toMatchObject({ status: 'failed', errorClass: 'Interrupted' });
  });

  it('two stores in different dirs do not share state; the sql.js module is loaded once', async () => {
    const t0 = Date.now();
    const a = track(await openStore({ dataDir: tempDir(), secretStore: createMemorySecretStore() }));
    const b = track(await openStore({ dataDir: tempDir(), secretStore: createMemorySecretStore() }));
    a.repos.settings.set('only', 'a');
    expect(b.repos.settings.get('only')).toBeNull();
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
