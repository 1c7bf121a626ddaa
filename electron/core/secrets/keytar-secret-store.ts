import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { KeychainUnavailableError, keychainUnavailable } from './errors.js';
import { isSecretName, type KeytarLike, type SecretName, type SecretStore } from './types.js';

export const DEFAULT_KEYCHAIN_SERVICE = 'LeanSoft Companion';
const PROBE_ACCOUNT = '__lsc-keychain-probe__';

export interface KeytarSecretStoreOptions {
  /** Keychain service name; tests use a unique one per run. */
  service?: string;
  /** Injected keytar (tests); by default the native module is loaded on first use. */
  keytar?: KeytarLike;
  /** For messages only (tests). */
  platform?: NodeJS.Platform;
}

let nativeKeytar: Promise<KeytarLike> | null = null;

/** Loads the native keytar module once, lazily, so a missing build is an error and not a crash. */
function loadKeytar(platform: NodeJS.Platform | undefined): Promise<KeytarLike> {
  nativeKeytar ??= (async () => {
    try {
      const mod = createRequire(import.meta.url)('keytar') as KeytarLike & { default?: KeytarLike };
      const kt = typeof mod.getPassword === 'function' ? mod : mod.default;
      if (!kt || typeof kt.getPassword !== 'function') throw new Error('the keytar module has no getPassword()');
      return kt;
    } catch (err) {
      throw keychainUnavailable(err, { doing: 'load its keychain module (keytar)', platform });
    }
  })();
  // A failed load is retried next time (e.g. after the user installed a keyring).
  nativeKeytar.catch(() => {
    nativeKeytar = null;
  });
  return nativeKeytar;
}

/**
 * Secrets in the OS keychain via keytar: one entry per SecretName under `service`.
 * Every failure (module missing, no Secret Service, locked keychain) becomes a
 * KeychainUnavailableError whose message says what to do and never contains a value.
 */
export function createKeytarSecretStore(opts: KeytarSecretStoreOptions = {}): SecretStore {
  const service = opts.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const platform = opts.platform;
  const keytar = (): Promise<KeytarLike> => (opts.keytar ? Promise.resolve(opts.keytar) : loadKeytar(platform));

  async function withKeytar<T>(doing: string, scrub: string[], fn: (kt: KeytarLike) => Promise<T>): Promise<T> {
    const kt = await keytar();
    try {
      return await fn(kt);
    } catch (err) {
      if (err instanceof KeychainUnavailableError) throw err;
      throw keychainUnavailable(err, { doing, scrub, platform });
    }
  }
  const checkName = (name: SecretName): void => {
    if (!isSecretName(name)) throw new TypeError(`Unknown secret name: ${String(name)}`);
  };

  return {
    kind: 'keychain',
    async get(name) {
      checkName(name);
      return withKeytar(`read "${name}" from the keychain`, [], (kt) => kt.getPassword(service, name));
    },
    async set(name, value) {
      checkName(name);
      if (typeof value !== 'string') throw new TypeError(`The value for ${name} must be a string.`);
      await withKeytar(`save "${name}" in the keychain`, [value], (kt) => kt.setPassword(service, name, value));
    },
    async delete(name) {
      checkName(name);
      return withKeytar(`remove "${name}" from the keychain`, [], (kt) => kt.deletePassword(service, name));
    },
    async check() {
      // A full write/read/delete round trip: a locked or missing collection often only fails on write.
      const probe = randomBytes(12).toString('hex');
      await withKeytar('use the keychain', [probe], async (kt) => {
        await kt.setPassword(service, PROBE_ACCOUNT, probe);
        const back = await kt.getPassword(service, PROBE_ACCOUNT);
        await kt.deletePassword(service, PROBE_ACCOUNT);
        if (back !== probe) throw new Error('a value written to the keychain could not be read back');
      });
    },
  };
}
