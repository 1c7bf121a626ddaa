import type { Migration } from './types.js';

/**
 * What the sync engine needs to undo an import run exactly (issue 5):
 *
 * - `import_run_change`: for every row a run changed or removed (not the rows it inserted:
 *   those carry `run_id`), the row as it was before, as JSON. `kind = 'deleted'` holds the whole
 *   row (re-inserted with its id on undo); `kind = 'updated'` holds only the columns the run
 *   changed (written back on undo, so triggers on other columns do not fire);
 *   `kind = 'inserted'` marks an account the run created (removed on undo).
 *   Rows go with their run (ON DELETE CASCADE) and are cleared once the run is undone.
 * - An index on account (account_number, currency): the fallback match of a renamed account.
 */
export const migration003: Migration = {
  version: 3,
  name: 'sync-undo',
  up(db) {
    db.exec(`
CREATE TABLE import_run_change (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
  table_name  TEXT NOT NULL CHECK (table_name IN ('bank_transaction', 'account')),
  row_id      INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('inserted', 'updated', 'deleted')),
  before_json TEXT
);
CREATE INDEX import_run_change_run ON import_run_change (run_id, id);
CREATE INDEX account_number_currency ON account (account_number, currency);
`);
  },
};
