import { describe, expect, it } from 'vitest';
import {
  createKeytarSecretStore,
  keychainHelp,
  KeychainUnavailableError,
  type KeytarLike,
} from '../../../../electron/core/secrets/index.js';

function fakeKeytar(fail?: (op: string, value?: string) => Error | null): KeytarLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  const k = (s: string, a: string) => `${s}\u0000${a}`;
  return {
    data,
    async getPassword(s, a) {
      const e = fail?.('get');
      if (e) throw e;
      return data.get(k(s, a)) ?? null;
    },
    async setPassword(s, a, p) {
      const e = fail?.('set', p);
      if (e) throw e;
      data.set(k(s, a), p);
    },
    async deletePassword(s, a) {
      const e = fail?.('delete');
      if (e) throw e;
      return data.delete(k(s, a));
    },
  };
}

describe('keytar secret store (injected keytar)', () => {
  it('namespaces entries by service and checks with a write/read/delete probe', async () => {
    const kt = fakeKeytar();
    const s = createKeytarSecretStore({ service: 'svc-test', keytar: kt });
    expect(s.kind).toBe('keychain');
    await s.set('saltedge.appId', 'abc');
    expect([...kt.data.keys()]).toEqual(['svc-test\u0000saltedge.appId']);
    await s.check();
    expect(kt.data.size).toBe(1); // the probe entry was removed
    expect(await s.get('saltedge.appId')).toBe('abc');
    expect(await s.delete('saltedge.appId')).toBe(true);
    expect(await s.get('saltedge.appId')).toBeNull();
  });

  it('maps keytar failures to KeychainUnavailableError with a clear message and no secret value', async () => {
    const secret = 'SUPER-SECRET-VALUE-123';
    const kt = fakeKeytar((op, value) => (op === 'set' ? new Error(`libsecret refused to store ${value ?? ''}`) : null));
    const s = createKeytarSecretStore({ keytar: kt, platform: 'linux' });
    const err = await s.set('saltedge.secret', secret).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KeychainUnavailableError);
    const e = err as KeychainUnavailableError;
    expect(e.message).not.toContain(secret);
    expect(e.reason).not.toContain(secret);
    expect(e.message).toMatch(/save "saltedge\.secret"/);
    expect(e.message).toMatch(/GNOME Keyring/);
    expect(e.message).toMatch(/KWallet/);
    expect(JSON.stringify(e)).not.toContain(secret);
  });

  it('check() fails with KeychainUnavailableError when the keychain reads back something else', async () => {
    const kt = fakeKeytar();
    kt.getPassword = async () => 'other';
    await expect(createKeytarSecretStore({ keytar: kt }).check()).rejects.toBeInstanceOf(KeychainUnavailableError);
  });

  it('names the keychain per platform', () => {
    expect(keychainHelp('darwin').keychain).toMatch(/macOS Keychain/);
    expect(keychainHelp('win32').keychain).toMatch(/Windows Credential Manager/);
    expect(keychainHelp('linux').remedy).toMatch(/gnome-keyring/);
  });
});
