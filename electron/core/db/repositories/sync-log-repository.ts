import type { SqlValue } from 'sql.js';
import { num, parseJson, str, type RepoContext } from './common.js';

export type SyncLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SyncLogInput {
  runId?: number | null;
  connectionId?: number | null;
  accountId?: number | null;
  level: SyncLogLevel;
  /** Must not contain secrets (the caller scrubs). */
  message: string;
  /** Extra structured data (error class, request id, counts…), stored as JSON. */
  data?: unknown;
}

export interface SyncLogEntry {
  id: number;
  runId: number | null;
  connectionId: number | null;
  accountId: number | null;
  at: string;
  level: SyncLogLevel;
  message: string;
  data: unknown;
}

function toEntry(r: Record<string, SqlValue>): SyncLogEntry {
  return {
    id: Number(r.id),
    runId: num(r.run_id),
    connectionId: num(r.connection_id),
    accountId: num(r.account_id),
    at: String(r.at),
    level: String(r.level) as SyncLogLevel,
    message: String(r.message),
    data: parseJson<unknown>(str(r.data_json), null),
  };
}

export class SyncLogRepository {
  constructor(private readonly ctx: RepoContext) {}

  add(e: SyncLogInput): number {
    return this.ctx.sql.run(
      'INSERT INTO sync_log (run_id, connection_id, account_id, at, level, message, data_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [e.runId ?? null, e.connectionId ?? null, e.accountId ?? null, this.ctx.now(), e.level, e.message, e.data === undefined ? null : JSON.stringify(e.data)],
    ).lastInsertRowid;
  }

  /** Newest first; `beforeId` pages backwards. */
  list(q: { runId?: number; connectionId?: number; level?: SyncLogLevel; limit?: number; beforeId?: number } = {}): SyncLogEntry[] {
    const conds: string[] = [];
    const params: Record<string, number | string> = {};
    if (q.runId !== undefined) (conds.push('run_id = $run'), (params.run = q.runId));
    if (q.connectionId !== undefined) (conds.push('connection_id = $conn'), (params.conn = q.connectionId));
    if (q.level !== undefined) (conds.push('level = $level'), (params.level = q.level));
    if (q.beforeId !== undefined) (conds.push('id < $before'), (params.before = q.beforeId));
    const limit = Math.max(1, Math.min(q.limit ?? 200, 10_000));
    return this.ctx.sql
      .all(`SELECT * FROM sync_log ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit}`, params)
      .map(toEntry);
  }

  /** Keeps the newest `keep` entries; returns how many were removed. */
  prune(keep: number): number {
    return this.ctx.sql.run('DELETE FROM sync_log WHERE id NOT IN (SELECT id FROM sync_log ORDER BY id DESC LIMIT ?)', [Math.max(0, keep)]).changes;
  }
}
