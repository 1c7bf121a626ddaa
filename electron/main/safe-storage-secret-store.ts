import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretName, SecretStore } from '../core/secrets/index.js';

/**
 * Fallback when the OS keychain (Secret Service / Keychain / Credential Manager) is not
 * reachable: secrets are encrypted with Electron's safeStorage and kept in one file. Refused
 * when safeStorage would only obfuscate (Linux "basic_text" backend): then the caller falls back
 * to a session-only store instead of writing a secret that is effectively plain text.
 */
export function createSafeStorageSecretStore(safeStorage: SafeStorage, dir: string, platform = process.platform): SecretStore | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  const file = path.join(dir, 'secrets.bin');

  const readAll = (): Partial<Record<SecretName, string>> => {
    if (!fs.existsSync(file)) return {};
    return JSON.parse(safeStorage.decryptString(fs.readFileSync(file))) as Partial<Record<SecretName, string>>;
  };
  const writeAll = (all: Partial<Record<SecretName, string>>) => {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, safeStorage.encryptString(JSON.stringify(all)), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };

  return {
    kind: 'safe-storage',
    get: async (name) => readAll()[name] ?? null,
    set: async (name, value) => writeAll({ ...readAll(), [name]: value }),
    delete: async (name) => {
      const all = readAll();
      if (!(name in all)) return false;
      delete all[name];
      writeAll(all);
      return true;
    },
    check: async () => undefined,
  };
}
