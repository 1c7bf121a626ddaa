export { createSyncEngine, toErrorView, type SyncEngine, type SyncEngineOptions, type RunHandle, type SyncRunResult, type ScheduleSettings } from './engine.js';
export { realTimers, type Timers, type SyncHooks, type RunOptions } from './types.js';
export { matchPending, pairScore, normaliseText, MATCH_WINDOW_DAYS, AMOUNT_TOLERANCE } from './pending-matcher.js';
export { buildStatement } from './statement-builder.js';
export { planAccount, pendingTooLongFlag } from './planner.js';
export { SyncScheduler, slotOn } from './scheduler.js';
