/**
 * Live tests against the real OS keychain (gnome-keyring in a private D-Bus session):
 *   dbus-run-session -- bash tests/with-keyring.sh npx vitest run --config build/vitest.config.ts --project node tests/electron/core/secrets
 * The wrapper sets LSC_TEST_KEYCHAIN=1; then an unusable keychain FAILS these tests.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore, SECRET_NAMES, type SecretStore } from '../../../../electron/core/secrets/index.js';

const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  ...Array.from({ length: 60 }, (_, i) => `MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC${String(i).padStart(13, '0')}`),
  '-----END PRIVATE KEY-----',
].join('\n');

describe.runIf(process.env.LSC_TEST_KEYCHAIN === '1')('keytar secret store against the real keychain', () => {
  const service = `LeanSoft Companion test ${randomUUID()}`;
  const store: SecretStore = createKeytarSecretStore({ service });

  afterAll(async () => {
    for (const n of SECRET_NAMES) await store.delete(n).catch(() => {});
  });

  it('check() passes', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });

  it('set/get/delete round trip for every SecretName, with overwrite', async () => {
    for (const name of SECRET_NAMES) {
      expect(await store.get(name)).toBeNull();
      await store.set(name, `first-${name}`);
      expect(await store.get(name)).toBe(`first-${name}`);
      await store.set(name, `second-${name}`);
      expect(await store.get(name)).toBe(`second-${name}`);
      expect(await store.delete(name)).toBe(true);
      expect(await store.get(name)).toBeNull();
      expect(await store.delete(name)).toBe(false);
    }
  });

  it('keeps unicode and long PEM values exactly', async () => {
    const unicode = 'pässwörd-秘密-🔑-\u00a0-end';
    await store.set('saltedge.secret', unicode);
    expect(await store.get('saltedge.secret')).toBe(unicode);
    expect(PEM.length).toBeGreaterThan(3000);
    await store.set('saltedge.signingKey', PEM);
    expect(await store.get('saltedge.signingKey')).toBe(PEM);
  });

  it('a missing name returns null; a different service does not see the values', async () => {
    await store.delete('saltedge.appId');
    expect(await store.get('saltedge.appId')).toBeNull();
    await store.set('saltedge.appId', 'visible-only-here');
    const other = createKeytarSecretStore({ service: `${service} other` });
    expect(await other.get('saltedge.appId')).toBeNull();
  });
});
