import { isSecretName, type SecretName, type SecretStore } from './types.js';

/**
 * A SecretStore kept in this process's memory only: **values are lost when the app exits**.
 * For demo mode on machines without a keychain, and for unit tests of other modules.
 */
export function createMemorySecretStore(initial: Partial<Record<SecretName, string>> = {}): SecretStore {
  const values = new Map<SecretName, string>();
  for (const [name, value] of Object.entries(initial)) {
    if (isSecretName(name) && typeof value === 'string') values.set(name, value);
  }
  const checkName = (name: SecretName): void => {
    if (!isSecretName(name)) throw new TypeError(`Unknown secret name: ${String(name)}`);
  };
  return {
    kind: 'memory',
    async get(name) {
      checkName(name);
      return values.get(name) ?? null;
    },
    async set(name, value) {
      checkName(name);
      if (typeof value !== 'string') throw new TypeError(`The value for ${name} must be a string.`);
      values.set(name, value);
    },
    async delete(name) {
      checkName(name);
      return values.delete(name);
    },
    async check() {},
  };
}
