import type { Migration } from './types.js';

const DATE = (col: string): string => `${col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
const MONEY = (col: string, nullable: boolean): string =>
  nullable ? `(${col} IS NULL OR typeof(${col}) = 'integer')` : `typeof(${col}) = 'integer'`;

/**
 * The first schema (DESIGN.md "Data"). Money: INTEGER minor units, enforced by CHECKs so a float
 * can never be stored. Salt Edge ids: TEXT. Timestamps: ISO-8601 UTC text. Dates: 'YYYY-MM-DD'.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
CREATE TABLE setting (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customer (
  id          INTEGER PRIMARY KEY,
  saltedge_id TEXT UNIQUE,
  identifier  TEXT NOT NULL UNIQUE,
  email       TEXT,
  phone       TEXT,
  created_at  TEXT NOT NULL
);

CREATE TABLE provider_cache (
  code             TEXT PRIMARY KEY NOT NULL,
  name             TEXT NOT NULL,
  country_code     TEXT NOT NULL,
  mode             TEXT,
  status           TEXT,
  interactive      INTEGER CHECK (interactive IS NULL OR interactive IN (0, 1)),
  max_consent_days INTEGER,
  scopes_json      TEXT NOT NULL DEFAULT '[]',
  raw_json         TEXT,
  search_text      TEXT NOT NULL,
  cached_at        TEXT NOT NULL
);
CREATE INDEX provider_cache_country_name ON provider_cache (country_code, name);

CREATE TABLE country_cache (
  code TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE connection (
  id                       INTEGER PRIMARY KEY,
  saltedge_id              TEXT NOT NULL UNIQUE,
  customer_id              INTEGER REFERENCES customer (id) ON DELETE SET NULL,
  provider_code            TEXT NOT NULL,
  provider_name            TEXT NOT NULL,
  country_code             TEXT,
  status                   TEXT NOT NULL,
  consent_id               TEXT,
  consent_expires_at       TEXT,
  consent_scopes           TEXT,
  consent_from_date        TEXT,
  consent_revoked_at       TEXT,
  last_success_at          TEXT,
  next_refresh_possible_at TEXT,
  last_error_class         TEXT,
  last_error_message       TEXT,
  last_request_id          TEXT,
  created_by_app           INTEGER NOT NULL DEFAULT 1 CHECK (created_by_app IN (0, 1)),
  deleted_at               TEXT,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL
);
CREATE INDEX connection_customer ON connection (customer_id);

CREATE TABLE account (
  id              INTEGER PRIMARY KEY,
  connection_id   INTEGER NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
  saltedge_id     TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  nature          TEXT,
  currency        TEXT NOT NULL,
  iban            TEXT,
  account_number  TEXT,
  bank_balance    INTEGER CHECK ${MONEY('bank_balance', true)},
  bank_balance_at TEXT,
  enabled         INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  import_from     TEXT CHECK (import_from IS NULL OR ${DATE('import_from')}),
  last_sync_at    TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX account_connection ON account (connection_id);
CREATE INDEX account_iban_currency ON account (iban, currency);

CREATE TABLE import_run (
  id            INTEGER PRIMARY KEY,
  connection_id INTEGER REFERENCES connection (id) ON DELETE CASCADE,
  "trigger"     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'undone')),
  refreshed     INTEGER NOT NULL DEFAULT 0 CHECK (refreshed IN (0, 1)),
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  fetched       INTEGER NOT NULL DEFAULT 0,
  added         INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  skipped       INTEGER NOT NULL DEFAULT 0,
  error_class   TEXT,
  error_message TEXT,
  request_id    TEXT
);
CREATE INDEX import_run_connection ON import_run (connection_id, started_at);
CREATE INDEX import_run_status ON import_run (status);

CREATE TABLE sync_log (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES import_run (id) ON DELETE SET NULL,
  connection_id INTEGER REFERENCES connection (id) ON DELETE SET NULL,
  account_id    INTEGER REFERENCES account (id) ON DELETE SET NULL,
  at            TEXT NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message       TEXT NOT NULL,
  data_json     TEXT
);
CREATE INDEX sync_log_run ON sync_log (run_id);
CREATE INDEX sync_log_connection_at ON sync_log (connection_id, at);

CREATE TABLE statement (
  id                 INTEGER PRIMARY KEY,
  account_id         INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  run_id             INTEGER REFERENCES import_run (id) ON DELETE SET NULL,
  period_start       TEXT NOT NULL CHECK (${DATE('period_start')}),
  period_end         TEXT NOT NULL CHECK (${DATE('period_end')}),
  opening_balance    INTEGER NOT NULL CHECK (${MONEY('opening_balance', false)}),
  closing_balance    INTEGER NOT NULL CHECK (${MONEY('closing_balance', false)}),
  bank_balance       INTEGER CHECK ${MONEY('bank_balance', true)},
  balance_difference INTEGER CHECK ${MONEY('balance_difference', true)},
  line_count         INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL
);
CREATE INDEX statement_account_period ON statement (account_id, period_end);
CREATE INDEX statement_run ON statement (run_id);

CREATE TABLE bank_transaction (
  id                  INTEGER PRIMARY KEY,
  account_id          INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  statement_id        INTEGER REFERENCES statement (id) ON DELETE SET NULL,
  run_id              INTEGER REFERENCES import_run (id) ON DELETE SET NULL,
  saltedge_id         TEXT NOT NULL,
  made_on             TEXT NOT NULL CHECK (${DATE('made_on')}),
  amount              INTEGER NOT NULL CHECK (${MONEY('amount', false)}),
  currency            TEXT NOT NULL,
  description         TEXT,
  payee               TEXT,
  category            TEXT,
  status              TEXT NOT NULL CHECK (status IN ('posted', 'pending')),
  reviewed            INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
  note                TEXT,
  ignored             INTEGER NOT NULL DEFAULT 0 CHECK (ignored IN (0, 1)),
  flag                TEXT,
  raw_json            TEXT,
  replaced_pending_id INTEGER,
  imported_at         TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (account_id, saltedge_id),
  CHECK (status = 'posted' OR statement_id IS NULL)
);
CREATE INDEX bank_transaction_account_date ON bank_transaction (account_id, made_on, id);
CREATE INDEX bank_transaction_statement ON bank_transaction (statement_id);
CREATE INDEX bank_transaction_account_status ON bank_transaction (account_id, status);
CREATE INDEX bank_transaction_run ON bank_transaction (run_id);
`);
  },
};
