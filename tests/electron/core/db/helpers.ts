import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createMemorySecretStore } from '../../../../electron/core/secrets/index.js';
import { openStore, type OpenStoreOptions, type Store } from '../../../../electron/core/db/index.js';

const dirs: string[] = [];
const stores: Store[] = [];

afterEach(() => {
  for (const s of stores.splice(0)) if (!s.closed) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-db-test-'));
  dirs.push(d);
  return d;
}

export const fixedNow = (): Date => new Date('2025-03-04T05:06:07.000Z');

/** Opens a store in a fresh temp dir (or the given one) with a memory secret store. */
export async function open(partial: Partial<OpenStoreOptions> = {}): Promise<Store> {
  const store = await openStore({
    dataDir: partial.dataDir ?? tempDir(),
    secretStore: partial.secretStore ?? createMemorySecretStore(),
    now: fixedNow,
    ...partial,
  });
  stores.push(store);
  return store;
}

export function track(store: Store): Store {
  stores.push(store);
  return store;
}

/** Adds a connection + account, returns their ids. */
export function seedAccount(store: Store, n = 1): { connectionId: number; accountId: number } {
  const c = store.repos.connections.upsert({ saltedgeId: `c-${n}`, providerCode: 'fake_bank_xf', providerName: 'Fake Bank', status: 'active' });
  const { account } = store.repos.accounts.upsert({ connectionId: c.id, saltedgeId: `a-${n}`, name: `Account ${n}`, currency: 'EUR', enabled: true });
  return { connectionId: c.id, accountId: account.id };
}

export function fileBytes(p: string): Buffer {
  return fs.readFileSync(p);
}
