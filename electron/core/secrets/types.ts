/** Every secret the app keeps. Nothing else may be stored in the keychain. */
export const SECRET_NAMES = ['saltedge.appId', 'saltedge.secret', 'saltedge.signingKey', 'database.key'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export function isSecretName(value: unknown): value is SecretName {
  return typeof value === 'string' && (SECRET_NAMES as readonly string[]).includes(value);
}

/**
 * Where secrets live. `keychain`: the OS keychain through keytar (macOS Keychain, Windows
 * Credential Manager, Secret Service on Linux). `memory`: this process only, gone on exit.
 * `safe-storage`: Electron's safeStorage fallback (implemented in the Electron shell).
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory' | 'safe-storage';
  /** The stored value, or null when there is none. */
  get(name: SecretName): Promise<string | null>;
  /** Stores (or overwrites) a value. */
  set(name: SecretName, value: string): Promise<void>;
  /** Removes a value; true when there was one. */
  delete(name: SecretName): Promise<boolean>;
  /** Resolves when the store is usable; throws KeychainUnavailableError otherwise. */
  check(): Promise<void>;
}

/** The part of keytar this module uses (injectable for tests). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}
