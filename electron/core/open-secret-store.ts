import { createKeytarSecretStore, createMemorySecretStore, KeychainUnavailableError, type KeytarLike, type SecretStore } from './secrets/index.js';

export interface OpenedSecretStore {
  store: SecretStore;
  /** Null when the OS keychain is used; otherwise what the user must know. */
  warning: string | null;
}

/**
 * The OS keychain when it works. Otherwise the caller's fallback (Electron's safeStorage) or,
 * failing that, a session-only memory store: the app says so, and never writes a secret in
 * plain text.
 */
export async function openSecretStore(opts: {
  service?: string;
  fallback?: () => Promise<SecretStore | null>;
  /** The native module is loaded lazily by default; injectable to exercise the failure path. */
  keytar?: KeytarLike;
}): Promise<OpenedSecretStore> {
  const keychain = createKeytarSecretStore({ ...(opts.service ? { service: opts.service } : {}), ...(opts.keytar ? { keytar: opts.keytar } : {}) });
  try {
    await keychain.check();
    return { store: keychain, warning: null };
  } catch (err) {
    if (!(err instanceof KeychainUnavailableError)) throw err;
    const fallback = opts.fallback ? await opts.fallback() : null;
    if (fallback) {
      return { store: fallback, warning: `${err.message} Your keys are encrypted with the operating system's storage protection instead.` };
    }
    return {
      store: createMemorySecretStore(),
      warning: `${err.message} Until then, keys are kept only while the app runs and nothing is saved between runs (demo mode works without keys).`,
    };
  }
}
