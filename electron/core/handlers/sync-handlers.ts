import type { HandlerMap } from '../rpc/dispatch.js';
import type { SyncEngine } from '../sync/index.js';

type SyncHandlers = Pick<HandlerMap, 'sync.run' | 'sync.cancel' | 'sync.log' | 'sync.undoRun' | 'sync.schedule.get' | 'sync.schedule.set'>;

/** The sync domain: thin wrappers over the engine (inputs are already validated by dispatch). */
export function createSyncHandlers(engine: SyncEngine): SyncHandlers {
  return {
    'sync.run': async ({ connectionId }) => {
      const { runId, alreadyRunning } = engine.start(connectionId, { trigger: 'manual' });
      return { runId, alreadyRunning };
    },
    'sync.cancel': async ({ runId }) => ({ cancelled: engine.cancel(runId) }),
    'sync.log': async ({ connectionId, limit }) => engine.log(connectionId, limit),
    'sync.undoRun': async ({ runId }) => engine.undoRun(runId),
    'sync.schedule.get': async ({ connectionId }) => engine.getSchedule(connectionId),
    'sync.schedule.set': async ({ connectionId, enabled, timeOfDay }) => engine.setSchedule(connectionId, { enabled, timeOfDay }),
  };
}
