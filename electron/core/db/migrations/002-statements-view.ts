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
 * - An index on (made_on, id) for the "all accounts" table sorted by date.
 */
export const migration002: Migration = {
  version: 2,
  name: 'statements-view',
  up(db) {
    db.exec(`
ALTER TABLE bank_transaction ADD COLUMN running_balance INTEGER CHECK (running_balance IS NULL OR typeof(running_balance) = 'integer');
ALTER TABLE statement ADD COLUMN balances_dirty INTEGER NOT NULL DEFAULT 1 CHECK (balances_dirty IN (0, 1));

CREATE INDEX bank_transaction_date ON bank_transaction (made_on, id);
CREATE INDEX bank_transaction_statement_date ON bank_transaction (statement_id, made_on, id);

CREATE TRIGGER bank_transaction_balance_ai AFTER INSERT ON bank_transaction
WHEN NEW.statement_id IS NOT NULL
BEGIN
  UPDATE statement SET balances_dirty = 1 WHERE id = NEW.statement_id AND balances_dirty = 0;
END;

CREATE TRIGGER bank_transaction_balance_au AFTER UPDATE OF statement_id, amount, made_on, status ON bank_transaction
BEGIN
  UPDATE statement SET balances_dirty = 1 WHERE id IN (OLD.statement_id, NEW.statement_id) AND balances_dirty = 0;
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
