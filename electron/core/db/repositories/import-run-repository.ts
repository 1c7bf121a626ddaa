import type { SqlValue } from 'sql.js';
import { bool, buildPatch, str, type RepoContext } from './common.js';

export type ImportRunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'undone';
export type ImportRunTrigger = 'link' | 'manual' | 'scheduled' | 'reconnect' | 'fetch-accounts' | (string & {});

export interface ImportRunCounts {
  fetched: number;
  added: number;
  updated: number;
  skipped: number;
}

export interface ImportRunRecord extends ImportRunCounts {
  id: number;
  connectionId: number | null;
  trigger: ImportRunTrigger;
  status: ImportRunStatus;
  /** A Salt Edge refresh was requested in this run (not only a read of stored data). */
  refreshed: boolean;
  startedAt: string;
  finishedAt: string | null;
  errorClass: string | null;
  errorMessage: string | null;
  requestId: string | null;
}

export interface ImportRunFinish extends Partial<ImportRunCounts> {
  status: Exclude<ImportRunStatus, 'running' | 'undone'>;
  refreshed?: boolean;
  errorClass?: string | null;
  errorMessage?: string | null;
  requestId?: string | null;
}

const COLUMNS: Record<string, string> = {
  status: 'status',
  refreshed: 'refreshed',
  fetched: 'fetched',
  added: 'added',
  updated: 'updated',
  skipped: 'skipped',
  errorClass: 'error_class',
  errorMessage: 'error_message',
  requestId: 'request_id',
  finishedAt: 'finished_at',
};

function toRun(r: Record<string, SqlValue>): ImportRunRecord {
  return {
    id: Number(r.id),
    connectionId: r.connection_id === null ? null : Number(r.connection_id),
    trigger: String(r.trigger),
    status: String(r.status) as ImportRunStatus,
    refreshed: bool(r.refreshed),
    startedAt: String(r.started_at),
    finishedAt: str(r.finished_at),
    fetched: Number(r.fetched),
    added: Number(r.added),
    updated: Number(r.updated),
    skipped: Number(r.skipped),
    errorClass: str(r.error_class),
    errorMessage: str(r.error_message),
    requestId: str(r.request_id),
  };
}

export class ImportRunRepository {
  constructor(private readonly ctx: RepoContext) {}

  start(input: { connectionId: number | null; trigger: ImportRunTrigger; refreshed?: boolean }): ImportRunRecord {
    const { lastInsertRowid } = this.ctx.sql.run(
      `INSERT INTO import_run (connection_id, "trigger", status, refreshed, started_at) VALUES (?, ?, 'running', ?, ?)`,
      [input.connectionId, input.trigger, input.refreshed ?? false, this.ctx.now()],
    );
    return this.get(lastInsertRowid)!;
  }

  get(id: number): ImportRunRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM import_run WHERE id = ?', [id]);
    return r ? toRun(r) : null;
  }

  /** Progress while running: counts so far, refreshed flag. */
  update(id: number, patch: Partial<ImportRunCounts> & { refreshed?: boolean }): ImportRunRecord | null {
    const { set, params } = buildPatch(patch, COLUMNS);
    if (set) this.ctx.sql.run(`UPDATE import_run SET ${set} WHERE id = $id`, { ...params, id });
    return this.get(id);
  }

  finish(id: number, result: ImportRunFinish): ImportRunRecord | null {
    const { set, params } = buildPatch({ ...result, finishedAt: this.ctx.now() }, COLUMNS);
    this.ctx.sql.run(`UPDATE import_run SET ${set} WHERE id = $id`, { ...params, id });
    return this.get(id);
  }

  /** Marks a finished run as undone (its rows were removed by the caller). */
  markUndone(id: number): ImportRunRecord | null {
    this.ctx.sql.run(`UPDATE import_run SET status = 'undone' WHERE id = ?`, [id]);
    return this.get(id);
  }

  /** Newest first. */
  listByConnection(connectionId: number, opts: { limit?: number } = {}): ImportRunRecord[] {
    const limit = Math.max(1, Math.min(opts.limit ?? 50, 10_000));
    return this.ctx.sql
      .all(`SELECT * FROM import_run WHERE connection_id = ? ORDER BY started_at DESC, id DESC LIMIT ${limit}`, [connectionId])
      .map(toRun);
  }

  latest(connectionId: number): ImportRunRecord | null {
    return this.listByConnection(connectionId, { limit: 1 })[0] ?? null;
  }

  listRunning(): ImportRunRecord[] {
    return this.ctx.sql.all(`SELECT * FROM import_run WHERE status = 'running' ORDER BY id`).map(toRun);
  }

  /** Runs left 'running' by a crash or quit become 'failed' (called when the store opens). */
  failInterrupted(message = 'The app stopped before this import finished.'): number {
    return this.ctx.sql.run(
      `UPDATE import_run SET status = 'failed', error_class = 'Interrupted', error_message = ?, finished_at = ? WHERE status = 'running'`,
      [message, this.ctx.now()],
    ).changes;
  }
}
