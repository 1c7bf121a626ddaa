import type { Database } from 'sql.js';

/**
 * One schema step. `up` runs inside a transaction with foreign keys off (so tables can be
 * rebuilt); the runner checks foreign keys and sets `PRAGMA user_version = version` before
 * committing. `up` must be synchronous and must not COMMIT/BEGIN itself.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
