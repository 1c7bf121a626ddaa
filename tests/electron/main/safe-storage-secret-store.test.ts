import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { createSafeStorageSecretStore } from '../../../electron/main/safe-storage-secret-store.js';

/** safeStorage is injected, so a stand-in with a real (XOR) transform exercises the file logic. */
function fakeSafeStorage(backend: string, available = true): SafeStorage {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b: Buffer) => xor(b).toString('utf8'),
  } as unknown as SafeStorage;
}

describe('safeStorage fallback secret store (Electron shell)', () => {
  it('refuses backends that would only obfuscate, or no encryption at all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-ss-'));
    expect(createSafeStorageSecretStore(fakeSafeStorage('basic_text'), dir, 'linux')).toBeNull();
    expect(createSafeStorageSecretStore(fakeSafeStorage('gnome_libsecret', false), dir, 'linux')).toBeNull();
  });

  it('round-trips secrets and never writes them in plain text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-ss-'));
    const store = createSafeStorageSecretStore(fakeSafeStorage('kwallet5'), dir, 'linux')!;
    await store.set('saltedge.secret', 'plain-secret-value');
    await store.set('saltedge.appId', 'app');
    expect(await store.get('saltedge.secret')).toBe('plain-secret-value');
    expect(fs.readFileSync(path.join(dir, 'secrets.bin')).includes(Buffer.from('plain-secret-value'))).toBe(false);
    expect(await store.delete('saltedge.secret')).toBe(true);
    expect(await store.delete('saltedge.secret')).toBe(false);
    expect(await store.get('saltedge.secret')).toBeNull();
    expect(await store.get('saltedge.appId')).toBe('app');
  });
});
