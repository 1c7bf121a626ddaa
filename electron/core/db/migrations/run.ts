import type { Database } from 'sql.js';
import type { Migration } from './types.js';
import { MIGRATIONS } from './index.js';

export function schemaVersion(db: Database): number {
  const v = db.exec('PRAGMA user_version')[0]?.values[0]?.[0];
  return typeof v === 'number' ? v : 0;
}

/** Checks that versions are 1, 2, 3, … with no gap or duplicate. */
export function validateMigrations(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is broken: position ${i + 1} holds version ${m.version} (${m.name}).`);
  });
}

/**
 * Applies every migration above the database's `user_version`, each in its own transaction
 * (foreign keys off during `up`, checked before commit). Returns the versions before/after.
 * The caller refuses a database newer than the list before calling this.
 */
export function migrate(db: Database, list: readonly Migration[] = MIGRATIONS, target?: number): { from: number; to: number } {
  validateMigrations(list);
  const from = schemaVersion(db);
  const to = target ?? list.length;
  if (from > list.length) throw new Error(`The database schema (${from}) is newer than this app (${list.length}).`);
  for (const m of list) {
    if (m.version <= from || m.version > to) continue;
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec('BEGIN');
    try {
      m.up(db);
      const bad = db.exec('PRAGMA foreign_key_check');
      if (bad.length > 0 && bad[0]!.values.length > 0) {
        throw new Error(`Migration ${m.version} (${m.name}) left ${bad[0]!.values.length} rows with broken references.`);
      }
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (err) {
      try {
        db.exec('ROLLBACK');
      } catch {
        /* nothing to roll back */
      }
      db.exec('PRAGMA foreign_keys = ON');
      throw new Error(`Database migration ${m.version} (${m.name}) failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  db.exec('PRAGMA foreign_keys = ON');
  return { from, to: schemaVersion(db) };
}
