import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, SECRET_NAMES, type SecretName } from '../../../../electron/core/secrets/index.js';

describe('memory secret store', () => {
  it('round trip for every name, overwrite, delete, initial values', async () => {
    const s = createMemorySecretStore({ 'saltedge.appId': 'app-1' });
    expect(s.kind).toBe('memory');
    await expect(s.check()).resolves.toBeUndefined();
    expect(await s.get('saltedge.appId')).toBe('app-1');
    for (const name of SECRET_NAMES) {
      await s.set(name, `v-${name}`);
      expect(await s.get(name)).toBe(`v-${name}`);
      await s.set(name, `w-${name}`);
      expect(await s.get(name)).toBe(`w-${name}`);
      expect(await s.delete(name)).toBe(true);
      expect(await s.delete(name)).toBe(false);
      expect(await s.get(name)).toBeNull();
    }
  });

  it('refuses unknown names', async () => {
    const s = createMemorySecretStore();
    await expect(s.get('nope' as SecretName)).rejects.toThrow(/Unknown secret name/);
  });

  it('stores are independent', async () => {
    const a = createMemorySecretStore();
    const b = createMemorySecretStore();
    await a.set('saltedge.secret', 'x');
    expect(await b.get('saltedge.secret')).toBeNull();
  });
});
