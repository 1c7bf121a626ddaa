import fs from 'node:fs/promises';
import type { StoreStatus } from '../../shared/contract/index.js';
import { EventBus } from './events.js';
import { Logger } from './log.js';
import { dispatch, type CallContext, type HandlerMap } from './rpc/dispatch.js';
import { SaltEdgeAccess } from './saltedge-access.js';
import { storeUnavailable, type Services } from './services.js';
import type { SecretStore } from './secrets/index.js';
import { openStore, StoreDamagedError, type Store } from './db/index.js';
import { createAppHandlers } from './handlers/app-handlers.js';
import { createSettingsHandlers, readBaseUrl } from './handlers/settings-handlers.js';
import { createConnectionHandlers, syncOf } from './handlers/connections-handlers.js';
import { createFlowHandlers } from './handlers/flow-handlers.js';
import { FlowManager } from './connect/flow-manager.js';
import { ProviderCatalog } from './connect/provider-catalog.js';
import { createStatementsHandlers } from './handlers/statements-handlers.js';
import { createSyncHandlers } from './handlers/sync-handlers.js';
import { createSyncEngine } from './sync/index.js';

export interface CoreConfig {
  /** Where the database and the demo sandbox state live. */
  dataDir: string;
  secretStore: SecretStore;
  /** Set when the OS keychain is not available and a weaker store is used. */
  keychainWarning?: string | null;
  host: 'electron' | 'preview';
  version: string;
  /** Demo mode against an already running sandbox (tests) instead of the embedded one. */
  demoSandbox?: { apiUrl: string; credentials: { appId: string; secret: string } };
  now?: () => Date;
  log?: Logger;
  /** Electron: open Salt Edge Connect in its own window (the preview's renderer opens a tab itself). */
  openConnect?: (url: string, flowId: string) => void;
  /** Automatic synchronisation and consent reminders while the app runs (the shells turn it on; tests leave it off). */
  autoSync?: boolean;
  /** Electron: a desktop notification (consent expiry reminders). */
  notify?: (title: string, body: string) => void;
}

export interface Core {
  readonly handlers: HandlerMap;
  readonly events: EventBus;
  readonly log: Logger;
  readonly services: Services;
  /** Salt Edge Connect flows: the Electron shell hands intercepted return URLs to `flows.handleReturnUrl`. */
  readonly flows: FlowManager;
  call(name: unknown, input: unknown, ctx?: CallContext): ReturnType<typeof dispatch>;
  close(): Promise<void>;
}

/**
 * Builds the whole application core from a config. The Electron shell, the preview host and
 * the tests all go through here, so they run the same code.
 */
export async function createCore(config: CoreConfig): Promise<Core> {
  await fs.mkdir(config.dataDir, { recursive: true });
  const log = config.log ?? new Logger();
  const events = new EventBus();
  const now = config.now ?? (() => new Date());

  let store: Store | null = null;
  let status: StoreStatus = { state: 'unavailable', message: 'The database has not been opened yet.' };
  const open = async (): Promise<StoreStatus> => {
    store?.close();
    store = null;
    try {
      store = await openStore({ dataDir: config.dataDir, secretStore: config.secretStore });
      status = { state: 'ok', filePath: store.filePath, encrypted: true };
    } catch (err) {
      if (err instanceof StoreDamagedError) {
        status = { state: 'damaged', kind: err.kind, message: err.message, filePath: err.filePath, backupAvailable: err.backupAvailable };
      } else {
        status = { state: 'unavailable', message: err instanceof Error ? err.message : 'The database could not be opened.' };
      }
      log.error('store not opened', err);
    }
    return status;
  };
  await open();

  const sync = createSyncEngine({
    store: () => services.store(),
    client: () => services.saltedge.client(),
    events,
    log,
    now,
    ...(config.notify ? { notify: config.notify } : {}),
  });
  if (config.autoSync) sync.startScheduler();

  const services: Services = {
    sync,
    dataDir: config.dataDir,
    host: config.host,
    version: config.version,
    log,
    events,
    secrets: config.secretStore,
    keychainWarning: config.keychainWarning ?? null,
    now,
    saltedge: new SaltEdgeAccess({
      dataDir: config.dataDir,
      secrets: config.secretStore,
      log,
      baseUrl: () => readBaseUrl(services),
      onReachability: () => events.emit('app.changed', { what: 'reachability' }),
      ...(config.demoSandbox ? { demoSandbox: config.demoSandbox } : {}),
    }),
    store: () => {
      if (!store) throw storeUnavailable(status);
      return store;
    },
    storeStatus: () => status,
    reopenStore: open,
  };

  const flows = new FlowManager({
    client: () => services.saltedge.client(),
    store: () => services.store(),
    events,
    log,
    now,
    sync: () => syncOf(services),
    ...(config.openConnect ? { openConnect: config.openConnect } : {}),
  });
  const providerCatalog = new ProviderCatalog({ client: () => services.saltedge.client(), store: () => services.store(), log, now });

  const handlers: HandlerMap = {
    ...createAppHandlers(services),
    ...createSettingsHandlers(services),
    ...createConnectionHandlers(services, providerCatalog),
    ...createFlowHandlers(flows),
    ...createStatementsHandlers(services),
    ...createSyncHandlers(sync),
  };

  return {
    handlers,
    events,
    log,
    services,
    flows,
    call: (name, input, ctx = { transport: 'test' }) => dispatch(handlers, name, input, ctx, log),
    close: async () => {
      await sync.close();
      await flows.close();
      await services.saltedge.close();
      if (store) {
        await store.save();
        store.close();
        store = null;
      }
    },
  };
}
