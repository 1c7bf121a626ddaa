import type { HandlerMap } from '../rpc/dispatch.js';
import type { Services } from '../services.js';
import { restoreFromBackup } from '../db/index.js';

type AppHandlers = Pick<HandlerMap, 'app.info' | 'store.restoreBackup'>;

export function createAppHandlers(s: Services): AppHandlers {
  return {
    'app.info': async () => ({
      name: 'LeanSoft Companion',
      version: s.version,
      mode: await s.saltedge.mode(),
      saltEdgeUrl: await s.saltedge.apiUrl(),
      secretStore: s.secrets.kind,
      keychainWarning: s.keychainWarning,
      store: s.storeStatus(),
      saltEdgeReachable: s.saltedge.isReachable(),
      host: s.host,
    }),
    'store.restoreBackup': async () => {
      await restoreFromBackup({ dataDir: s.dataDir, secretStore: s.secrets });
      const status = await s.reopenStore();
      s.events.emit('app.changed', { what: 'store' });
      return status;
    },
  };
}
