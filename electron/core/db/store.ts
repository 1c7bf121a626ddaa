import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database } from 'sql.js';
import type { SecretStore } from '../secrets/index.js';
import { StoreDamagedError } from './errors.js';
import { atomicReplace, exists, fsyncDir, sidePaths, writeDurable, type SaveHooks } from './file-io.js';
import { createKey, decryptDatabase, encryptDatabase, readKey } from './file-format.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
import { migrate, schemaVersion } from './migrations/run.js';
import { createRepositories, type Repositories } from './repositories/index.js';
import { createSql, type Sql } from './sql.js';
import { loadSqlJs } from './sqljs.js';

export const DEFAULT_DB_FILE = 'companion.db.enc';

export interface OpenStoreOptions {
  /** Directory holding the database file (created if missing). */
  dataDir: string;
  /** Holds 'database.key' (created on first open). */
  secretStore: SecretStore;
  fileName?: string;
  /** Clock for created_at/updated_at columns (tests). */
  now?: () => Date;
  /** Test only: migration list (to test upgrades); defaults to MIGRATIONS. */
  migrations?: readonly Migration[];
  /** Test only: hooks called before each save step (throw to simulate a crash). */
  __testHooks?: SaveHooks;
}

export interface Store {
  /** The raw sql.js database. Prefer `repos`/`sql`; never BEGIN/COMMIT on it directly (use `transaction`). */
  readonly db: Database;
  /** Prepared-statement helpers bound to this database (all/get/run/scalar/runMany). */
  readonly sql: Sql;
  readonly repos: Repositories;
  /** Absolute path of the encrypted database file. */
  readonly filePath: string;
  readonly schemaVersion: number;
  /** Runs `fn` (synchronous) in a transaction; nested calls use savepoints. Does not save. */
  transaction<T>(fn: () => T): T;
  /**
   * Writes the database to disk (encrypted, atomic). Concurrent calls are queued and coalesced;
   * the promise resolves once a write that started after the call has completed. Skips the
   * write when nothing changed since the last save (unless `force`). Cheap: call it after each
   * logical change.
   */
  save(opts?: { force?: boolean }): Promise<void>;
  /** Frees the database. Does not save: `await save()` first. A save already queued still completes. */
  close(): void;
  readonly closed: boolean;
}

function nowIso(now: () => Date): () => string {
  return () => now().toISOString();
}

async function readIfExists(p: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** True when `<file>.bak` exists and decrypts with the current key. */
async function backupUsable(filePath: string, key: Buffer | null): Promise<boolean> {
  const bytes = await readIfExists(sidePaths(filePath).bak);
  return !!bytes && !!key && decryptDatabase(bytes, key).ok;
}

/**
 * Opens (or creates) the encrypted database in `dataDir`, applies pending migrations and
 * returns the Store. Throws StoreDamagedError when the file cannot be used; the file is then
 * left exactly as it was.
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const dataDir = path.resolve(opts.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const filePath = path.join(dataDir, opts.fileName ?? DEFAULT_DB_FILE);
  const side = sidePaths(filePath);
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = opts.migrations ? migrations.length : LATEST_SCHEMA_VERSION;
  const now = nowIso(opts.now ?? (() => new Date()));

  // Never committed: a save that crashed before its rename.
  await fs.rm(side.tmp, { force: true });
  await fs.rm(side.bakTmp, { force: true });

  const SQL = await loadSqlJs();
  const fileBytes = await readIfExists(filePath);
  let key = await readKey(opts.secretStore);
  let db: Database;
  let isNew = false;

  if (fileBytes) {
    const decoded = decryptDatabase(fileBytes, key);
    if (!decoded.ok) {
      throw new StoreDamagedError({
        kind: decoded.kind,
        filePath,
        backupAvailable: decoded.kind !== 'newer-version' && (await backupUsable(filePath, key)),
        detail: decoded.detail,
      });
    }
    try {
      db = new SQL.Database(decoded.plain);
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch (err) {
      throw new StoreDamagedError({
        kind: 'damaged',
        filePath,
        backupAvailable: await backupUsable(filePath, key),
        detail: `the decrypted contents are not a valid database: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
    const version = schemaVersion(db);
    if (version > latest) {
      db.close();
      throw new StoreDamagedError({
        kind: 'newer-version',
        filePath,
        backupAvailable: false,
        detail: `schema version ${version}, this app knows up to ${latest}`,
      });
    }
  } else {
    if (await exists(side.bak)) {
      // The main file vanished but a backup is there: do not start empty over it.
      throw new StoreDamagedError({
        kind: 'damaged',
        filePath,
        backupAvailable: await backupUsable(filePath, key),
        detail: 'the file is missing while a backup copy exists',
      });
    }
    key ??= await createKey(opts.secretStore);
    db = new SQL.Database();
    isNew = true;
  }
  const dbKey = key!;

  const before = schemaVersion(db);
  try {
    if (before > 0 && before < latest) {
      // Keep the pre-upgrade file: an older app version can still open it.
      await fs.copyFile(filePath, `${filePath}.v${before}`);
    }
    migrate(db, migrations, latest);
  } catch (err) {
    db.close();
    throw err;
  }
  db.exec('PRAGMA foreign_keys = ON');

  const sql = createSql(db);
  const repos = createRepositories({ sql, now });

  // --- saving -------------------------------------------------------------------------------
  let closed = false;
  let lastSavedChanges = -1;
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  let queuedForce = false;
  let snapshotAtClose: Uint8Array | null = null;

  const totalChanges = (): number => Number(db.exec('SELECT total_changes()')[0]?.values[0]?.[0] ?? 0);

  const writeNow = async (force: boolean): Promise<void> => {
    let plain: Uint8Array;
    if (closed) {
      if (!snapshotAtClose) return;
      plain = snapshotAtClose;
      snapshotAtClose = null;
    } else {
      if (sql.inTransaction) throw new Error('store.save() was called inside store.transaction(); save after the transaction.');
      const changes = totalChanges();
      if (!force && changes === lastSavedChanges) return;
      plain = db.export();
      lastSavedChanges = changes;
    }
    try {
      await atomicReplace(filePath, encryptDatabase(plain, dbKey), opts.__testHooks);
    } catch (err) {
      lastSavedChanges = -1; // retry on the next save
      throw err;
    }
  };

  const save = (o: { force?: boolean } = {}): Promise<void> => {
    if (closed) return Promise.reject(new Error('The store is closed.'));
    if (o.force) queuedForce = true;
    if (queued) return queued;
    const p = tail
      .catch(() => {})
      .then(() => {
        queued = null;
        const f = queuedForce;
        queuedForce = false;
        return writeNow(f);
      });
    queued = p;
    tail = p;
    return p;
  };

  const store: Store = {
    db,
    sql,
    repos,
    filePath,
    schemaVersion: schemaVersion(db),
    transaction: (fn) => sql.transaction(fn),
    save,
    close() {
      if (closed) return;
      // A save that is queued but not started yet still writes what the caller asked to save.
      if (queued && !sql.inTransaction) {
        try {
          snapshotAtClose = db.export();
        } catch {
          snapshotAtClose = null;
        }
      }
      closed = true;
      db.close();
    },
    get closed() {
      return closed;
    },
  };

  try {
    repos.importRuns.failInterrupted();
    if (isNew || before !== schemaVersion(db)) await save({ force: true });
    else lastSavedChanges = totalChanges();
  } catch (err) {
    store.close();
    throw err;
  }
  return store;
}

export interface RestoreResult {
  /** Where the damaged file was moved (null when there was no main file). */
  damagedCopy: string | null;
  /** The backup that was put in place. */
  restoredFrom: string;
}

/**
 * Puts the last good copy (`<file>.bak`) in place of a damaged database file. The damaged file
 * is kept as `<file>.damaged-<timestamp>`; the `.bak` stays too. Refuses (StoreDamagedError,
 * backupAvailable false) when the backup is missing or does not decrypt with the current key.
 * Call it only while no Store is open on the file.
 */
export async function restoreFromBackup(opts: {
  dataDir: string;
  secretStore: SecretStore;
  fileName?: string;
  now?: () => Date;
}): Promise<RestoreResult> {
  const filePath = path.join(path.resolve(opts.dataDir), opts.fileName ?? DEFAULT_DB_FILE);
  const side = sidePaths(filePath);
  const key = await readKey(opts.secretStore);
  const bak = await readIfExists(side.bak);
  const decoded = bak ? decryptDatabase(bak, key) : null;
  if (!bak || !decoded?.ok) {
    throw new StoreDamagedError({
      kind: decoded && !decoded.ok && decoded.kind === 'wrong-key' ? 'wrong-key' : 'damaged',
      filePath,
      backupAvailable: false,
      detail: bak ? `the backup copy cannot be used either: ${decoded && !decoded.ok ? decoded.detail : ''}` : 'there is no backup copy',
    });
  }
  const stamp = (opts.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-');
  let damagedCopy: string | null = null;
  if (await exists(filePath)) {
    damagedCopy = `${filePath}.damaged-${stamp}`;
    for (let i = 1; await exists(damagedCopy); i++) damagedCopy = `${filePath}.damaged-${stamp}-${i}`;
    await fs.rename(filePath, damagedCopy);
  }
  // From here until the rename below the main name is absent and .bak is intact; openStore
  // reports that state as damaged with a backup available, so restore can simply run again.
  await writeDurable(side.tmp, bak);
  await fs.rename(side.tmp, filePath);
  await fsyncDir(path.dirname(filePath));
  return { damagedCopy, restoredFrom: side.bak };
}
