import type { Migration } from './types.js';

/**
 * What the statements view needs to stay fast with 100,000 rows (issue 6):
 *
 * - `bank_transaction.running_balance`: the balance after each posted row of a statement
 *   (opening balance + the statement's posted amounts up to that row, in (made_on, id) order),
 *   kept as a cache so a page of the table never has to sum the rows before it.
 *   Triggers mark a statement `balances_dirty` whenever one of its rows is inserted, moved,
 *   changed or deleted (or its opening balance changes); the statements module recomputes the
 *   dirty statements with one window-function UPDATE before it reads. Whoever writes rows (the
 *   sync engine) needs to know nothing about it.
 * - `bank_transaction_fts`: an FTS4 index (external content, unicode61: case and accents
 *   folded) over description, payee and note for the search box (sql.js has no FTS5; a LIKE
 *   scan of 100,000 rows takes ~60 ms, a MATCH well under 10). New rows are indexed in one
 *   batch before the next search (a high-water mark in `statements_view_state`); edits and
 *   deletes of indexed rows are applied by triggers.
 * - Indexes: (made_on, id) for the "all accounts" table sorted by date; (statement_id, made_on,
 *   id, …) for a statement's rows, the running balance and the statement counts of the tree; a
 *   covering index for the totals and the common filters (account, date, amount, status,
 *   reviewed); and a partial index (posted rows) carrying the running balance for the chart.
 *   Each lets its query run from the index alone, without reading the (wide) rows.
 */
export const migration002: Migration = {
  version: 2,
  name: 'statements-view',
  up(db) {
    db.exec(`
ALTER TABLE bank_transaction ADD COLUMN running_balance INTEGER CHECK (running_balance IS NULL OR typeof(running_balance) = 'integer');
ALTER TABLE statement ADD COLUMN balances_dirty INTEGER NOT NULL DEFAULT 1 CHECK (balances_dirty IN (0, 1));

CREATE INDEX bank_transaction_date ON bank_transaction (made_on, id);
CREATE INDEX bank_transaction_statement_date ON bank_transaction (statement_id, made_on, id, ignored, reviewed, status, amount);
CREATE INDEX bank_transaction_daily_balance ON bank_transaction (account_id, made_on, id, running_balance) WHERE status = 'posted';
CREATE INDEX bank_transaction_totals ON bank_transaction (account_id, ignored, made_on, amount, status, reviewed);

CREATE VIRTUAL TABLE bank_transaction_fts USING fts4(content="bank_transaction", description, payee, note, tokenize=unicode61);

-- Rows with id <= fts_indexed_upto are in the search index; newer rows are added in one batch
-- before the next search (StatementRepository.refreshSearchIndex): indexing row by row in a
-- trigger would make a large import about twice as slow.
CREATE TABLE statements_view_state (
  key   TEXT PRIMARY KEY NOT NULL,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO statements_view_state (key, value) VALUES ('fts_indexed_upto', 0);

-- External-content FTS4: remove the old tokens BEFORE the row changes, add the new ones after
-- (only for rows already indexed; the batch picks up the others with their current text).
CREATE TRIGGER bank_transaction_fts_bu BEFORE UPDATE OF description, payee, note ON bank_transaction
WHEN OLD.id <= (SELECT value FROM statements_view_state WHERE key = 'fts_indexed_upto')
BEGIN
  DELETE FROM bank_transaction_fts WHERE docid = OLD.id;
END;
CREATE TRIGGER bank_transaction_fts_au AFTER UPDATE OF description, payee, note ON bank_transaction
WHEN NEW.id <= (SELECT value FROM statements_view_state WHERE key = 'fts_indexed_upto')
BEGIN
  INSERT INTO bank_transaction_fts (docid, description, payee, note) VALUES (NEW.id, NEW.description, NEW.payee, NEW.note);
END;
CREATE TRIGGER bank_transaction_fts_bd BEFORE DELETE ON bank_transaction
WHEN OLD.id <= (SELECT value FROM statements_view_state WHERE key = 'fts_indexed_upto')
BEGIN
  DELETE FROM bank_transaction_fts WHERE docid = OLD.id;
END;
-- A new row can reuse the id of a deleted row below the mark: index it at once.
CREATE TRIGGER bank_transaction_fts_ai AFTER INSERT ON bank_transaction
WHEN NEW.id <= (SELECT value FROM statements_view_state WHERE key = 'fts_indexed_upto')
BEGIN
  INSERT INTO bank_transaction_fts (docid, description, payee, note) VALUES (NEW.id, NEW.description, NEW.payee, NEW.note);
END;

CREATE TRIGGER bank_transaction_balance_ai AFTER INSERT ON bank_transaction
WHEN NEW.statement_id IS NOT NULL
BEGIN
  UPDATE statement SET balances_dirty = 1 WHERE id = NEW.statement_id AND balances_dirty = 0;
END;

CREATE TRIGGER bank_transaction_balance_au AFTER UPDATE OF statement_id, amount, made_on, status ON bank_transaction
BEGIN
  UPDATE statement SET balances_dirty = 1 WHERE id IN (OLD.statement_id, NEW.statement_id) AND balances_dirty = 0;
  -- A row that left its statement (or is pending again) has no running balance.
  UPDATE bank_transaction SET running_balance = NULL
  WHERE id = NEW.id AND running_balance IS NOT NULL AND (NEW.statement_id IS NULL OR NEW.status <> 'posted');
END;

CREATE TRIGGER bank_transaction_balance_ad AFTER DELETE ON bank_transaction
WHEN OLD.statement_id IS NOT NULL
BEGIN
  UPDATE statement SET balances_dirty = 1 WHERE id = OLD.statement_id AND balances_dirty = 0;
END;

CREATE TRIGGER statement_balance_au AFTER UPDATE OF opening_balance ON statement
BEGIN
  UPDATE statement SET balances_dirty = 1 WHERE id = NEW.id AND balances_dirty = 0;
END;
`);
  },
};
