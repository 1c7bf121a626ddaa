export { openStore, restoreFromBackup, DEFAULT_DB_FILE, type Store, type OpenStoreOptions, type RestoreResult } from './store.js';
export { StoreDamagedError, type StoreDamagedKind } from './errors.js';
export { all, get, run, scalar, runMany, createSql, type Sql, type SqlParam, type SqlParams, type Row, type RunResult } from './sql.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations/index.js';
export { migrate, schemaVersion } from './migrations/run.js';
export { SAVE_STEPS, SimulatedCrash, type SaveStep, type SaveHooks } from './file-io.js';
export * from './repositories/index.js';
