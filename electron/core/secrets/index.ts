export { SECRET_NAMES, isSecretName, type SecretName, type SecretStore, type KeytarLike } from './types.js';
export { KeychainUnavailableError, keychainHelp } from './errors.js';
export { createKeytarSecretStore, DEFAULT_KEYCHAIN_SERVICE, type KeytarSecretStoreOptions } from './keytar-secret-store.js';
export { createMemorySecretStore } from './memory-secret-store.js';
