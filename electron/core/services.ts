import type { StoreStatus } from '../../shared/contract/index.js';
import { AppError } from './app-error.js';
import type { EventBus } from './events.js';
import type { Logger } from './log.js';
import type { SaltEdgeAccess } from './saltedge-access.js';
import type { SecretStore } from './secrets/index.js';
import type { Store } from './db/index.js';
import type { SyncEngine } from './sync/index.js';

/** What every domain's handlers are built from. One instance per core. */
export interface Services {
  readonly dataDir: string;
  readonly host: 'electron' | 'preview';
  readonly version: string;
  readonly log: Logger;
  readonly events: EventBus;
  readonly secrets: SecretStore;
  readonly keychainWarning: string | null;
  readonly saltedge: SaltEdgeAccess;
  readonly now: () => Date;
  /** The open store; throws a user-facing error while the database file is damaged. */
  store(): Store;
  storeStatus(): StoreStatus;
  /** Re-open the database file (after a restore from backup). */
  reopenStore(): Promise<StoreStatus>;
  /**
   * The sync engine (issue 5): `sync.run(connectionId, { trigger: 'first' })` imports and waits
   * (rejects with an AppError when the run fails); `sync.start(...)` returns at once with the run id.
   */
  readonly sync?: SyncEngine;
}

export function storeUnavailable(status: StoreStatus): AppError {
  const message =
    status.state === 'ok'
      ? 'The database is not open.'
      : `${status.message} Open Settings to restore the last good copy; the damaged file is kept.`;
  return new AppError('store-damaged', message);
}
