import type { SyncTrigger } from '../../../shared/contract/index.js';

/** Timers the scheduler and the refresh polling use (tests pass a fake). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    h.unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Test hooks called at each step of a run. Throwing `SimulatedCrash` (db/file-io.ts) from one
 * of them acts like the process dying there: the engine stops at once and writes nothing more.
 * Any other error is an ordinary failure of the run.
 */
export interface SyncHooks {
  afterRefresh?(ctx: { runId: number }): void | Promise<void>;
  /** After each page of transactions. */
  betweenPages?(ctx: { runId: number; accountId: number; page: number; pending: boolean }): void | Promise<void>;
  /** Everything fetched, nothing written yet. */
  afterFetch?(ctx: { runId: number }): void | Promise<void>;
  /** Inside the SQL transaction, all rows written, before COMMIT (synchronous). */
  beforeCommit?(ctx: { runId: number }): void;
  /** Committed in memory, before the store is saved to disk. */
  afterCommit?(ctx: { runId: number }): void | Promise<void>;
}

export interface RunOptions {
  trigger?: SyncTrigger;
}
