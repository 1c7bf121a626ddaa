import { z } from 'zod';
import { defineCall, defineEvent } from './define.js';

/** What started a run. 'first': the import right after the user chose accounts in a wizard. */
export type SyncTrigger = 'first' | 'manual' | 'scheduled';
export type SyncRunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'undone';
export type SyncPhase = 'starting' | 'refreshing' | 'accounts' | 'fetching' | 'applying' | 'saving' | 'done';

/** One Salt Edge error as the sync log keeps it. */
export interface SyncErrorView {
  errorClass: string;
  requestId: string | null;
  /** What happened and what to do, in words. */
  message: string;
}

export interface SyncStatementView {
  periodStart: string;
  periodEnd: string;
  /** Integer minor units. */
  openingBalance: number;
  closingBalance: number;
  bankBalance: number | null;
  /** closing − bank balance; 0 when they agree, null without a bank balance. */
  balanceDifference: number | null;
  lineCount: number;
}

export interface SyncAccountView {
  accountId: number | null;
  accountName: string;
  currency: string | null;
  fetched: number;
  added: number;
  addedPending: number;
  replacedPending: number;
  updatedPending: number;
  droppedPending: number;
  skippedDuplicates: number;
  skippedIgnored: number;
  changedAtBank: number;
  flagged: number;
  statement: SyncStatementView | null;
  error: SyncErrorView | null;
  /** The account's result as sentences ("12 new transactions were imported." …). */
  words: string[];
}

export interface SyncRunView {
  runId: number;
  connectionId: number;
  trigger: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** A Salt Edge refresh was done in this run (not only a read of the data Salt Edge had). */
  refreshed: boolean;
  /** Why there was or was not a refresh, in words (e.g. "Next refresh possible at …"). */
  refreshNote: string | null;
  fetched: number;
  added: number;
  updated: number;
  skipped: number;
  /** One sentence for the whole run. */
  summary: string;
  accounts: SyncAccountView[];
  error: SyncErrorView | null;
  /** Only the newest completed import of a connection can be undone. */
  canUndo: boolean;
}

export interface SyncRunningView {
  runId: number;
  trigger: string;
  startedAt: string;
  progress: SyncProgress | null;
}

export interface SyncLogView {
  connectionId: number;
  running: SyncRunningView | null;
  runs: SyncRunView[];
}

export interface SyncUndoSummary {
  runId: number;
  removedTransactions: number;
  removedStatements: number;
  restoredPending: number;
  message: string;
}

export interface SyncSchedule {
  connectionId: number;
  enabled: boolean;
  /** 'HH:MM', local time of the computer. */
  timeOfDay: string;
  /** When the next automatic run is planned (ISO), null when off. */
  nextRunAt: string | null;
  /** Why the automatic sync cannot run now, in words (consent expired, connection inactive…). */
  blockedReason: string | null;
}

export interface SyncProgress {
  runId: number;
  connectionId: number;
  phase: SyncPhase;
  accountId?: number;
  accountName?: string;
  page?: number;
  /** Rows received so far in this run. */
  fetched: number;
  totalAccounts: number;
  doneAccounts: number;
  message: string;
}

export interface SyncFinished {
  runId: number;
  connectionId: number;
  status: Exclude<SyncRunStatus, 'running' | 'undone'>;
  summary: string;
  error?: SyncErrorView;
}

const id = (label: string) => z.number({ error: `${label} is required` }).int(`${label} must be a whole number`).positive(`${label} must be positive`);

export const syncRunInput = z.object({ connectionId: id('connectionId') }).strict();
export const syncRunIdInput = z.object({ runId: id('runId') }).strict();
export const syncLogInput = z.object({ connectionId: id('connectionId'), limit: z.number().int().min(1).max(500).optional() }).strict();
export const syncScheduleGetInput = z.object({ connectionId: id('connectionId') }).strict();
export const syncScheduleSetInput = z
  .object({
    connectionId: id('connectionId'),
    enabled: z.boolean(),
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time of day as HH:MM, e.g. 06:30'),
  })
  .strict();

export const syncCalls = {
  'sync.run': defineCall<{ runId: number; alreadyRunning: boolean }>()(
    syncRunInput,
    'Synchronise a connection now: refresh at Salt Edge where allowed, import new transactions as statements. Answers at once; follow sync.progress / sync.finished. When a run of that connection is already going, answers with its id.',
  ),
  'sync.cancel': defineCall<{ cancelled: boolean }>()(syncRunIdInput, 'Cancel a running synchronisation; the data stays exactly as before it.'),
  'sync.log': defineCall<SyncLogView>()(syncLogInput, 'The synchronisation log of a connection, newest first, with per-account results in words.'),
  'sync.undoRun': defineCall<SyncUndoSummary>()(
    syncRunIdInput,
    'Undo an import: remove the transactions and statements it added and put back the pending rows it replaced.',
  ),
  'sync.schedule.get': defineCall<SyncSchedule>()(syncScheduleGetInput, 'The automatic synchronisation of a connection (time of day, on/off).'),
  'sync.schedule.set': defineCall<SyncSchedule>()(syncScheduleSetInput, 'Turn the automatic synchronisation of a connection on or off, and set its time of day.'),
} as const;

export const syncEvents = {
  'sync.progress': defineEvent<SyncProgress>('Progress of a synchronisation: per account and page.'),
  'sync.finished': defineEvent<SyncFinished>('A synchronisation ended (done, failed or cancelled).'),
} as const;
