import type { SortColumn, TransactionFilter, TransactionSort } from '../../../shared/contract/statements.js';
import { currencyExponent, decimalToMinor } from '../../../shared/money.js';
import type { SqlParam } from '../db/sql.js';

/**
 * Turns the statements view's filter and sort into SQL (a WHERE clause with named parameters
 * and an ORDER BY). Pure: no database access, so every filter is unit-tested on its own.
 * Every clause refers to `bank_transaction` as `t`. Ignored rows are always left out.
 */

export interface BuiltWhere {
  /** Conditions joined with AND, without the WHERE keyword (never empty). */
  where: string;
  params: Record<string, SqlParam>;
}

export interface BuildOptions {
  /**
   * Currencies that may appear in the scope (for the amount range: "12.50" is 1250 cents but
   * 13 yen). Defaults to treating amounts as having two decimals.
   */
  currencies?: readonly string[];
}

/** The running balance as shown: only for posted rows that belong to a statement. */
export const RUNNING_BALANCE_SQL = `(CASE WHEN t.status = 'posted' AND t.statement_id IS NOT NULL THEN t.running_balance END)`;

/** The columns of a table row (see toTransactionRow in the repository). */
export const ROW_COLUMNS_SQL = `t.id, t.account_id, t.statement_id, t.made_on, t.amount, t.currency, t.description, t.payee, t.category,
  t.status, t.reviewed, t.note, ${RUNNING_BALANCE_SQL} AS running_balance`;

export const MAX_SEARCH_WORDS = 8;

/** Escapes LIKE wildcards so a search for "50%" or "a_b" finds exactly that text. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Splits the search text into words (quotes group words: "coffee shop"). */
export function searchWords(text: string | undefined): string[] {
  if (!text) return [];
  const words: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = (m[1] ?? m[2] ?? '').trim();
    if (w) words.push(w);
  }
  return words.slice(0, MAX_SEARCH_WORDS);
}

/** The indexable pieces of a word, as the unicode61 tokenizer cuts them ("ING-123" → ing, 123). */
export function wordTokens(word: string): string[] {
  return (word.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/**
 * An FTS4 MATCH expression finding rows where every word appears as the start of a word in the
 * description, payee or note ("cof" finds "Coffee", "muller" finds "Müller"). A word made of
 * several pieces becomes a phrase ("ref-12" → "ref 12*"). Only letters and digits reach the
 * expression, so a search can never inject FTS operators. Null when no word has any.
 */
export function ftsMatch(words: readonly string[]): string | null {
  const parts = words
    .map(wordTokens)
    .filter((t) => t.length > 0)
    .map((t) => (t.length === 1 ? `${t[0]}*` : `"${t.join(' ')}*"`));
  return parts.length ? parts.join(' ') : null;
}

/** "12,5" → minor units of `currency` (rounded half away from zero). */
export function amountToMinor(text: string, currency: string): number {
  return decimalToMinor(text.trim().replace(',', '.'), currencyExponent(currency));
}

export function buildWhere(filter: TransactionFilter, opts: BuildOptions = {}): BuiltWhere {
  const conds: string[] = ['t.ignored = 0'];
  const params: Record<string, SqlParam> = {};

  const scope = filter.scope;
  if (scope.kind === 'account') {
    conds.push('t.account_id = $accountId');
    params.accountId = scope.accountId;
  } else if (scope.kind === 'statement') {
    conds.push('t.statement_id = $statementId');
    params.statementId = scope.statementId;
  }

  let { dateFrom, dateTo } = filter;
  // A reversed range is read the way the user meant it.
  if (dateFrom && dateTo && dateFrom > dateTo) [dateFrom, dateTo] = [dateTo, dateFrom];
  if (dateFrom) {
    conds.push('t.made_on >= $dateFrom');
    params.dateFrom = dateFrom;
  }
  if (dateTo) {
    conds.push('t.made_on <= $dateTo');
    params.dateTo = dateTo;
  }

  const words = searchWords(filter.text);
  const match = ftsMatch(words);
  if (match) {
    conds.push('t.id IN (SELECT docid FROM bank_transaction_fts WHERE bank_transaction_fts MATCH $fts)');
    params.fts = match;
  }
  // Words without a letter or digit ("&", "%") cannot be indexed: plain substring match.
  words
    .filter((w) => wordTokens(w).length === 0)
    .forEach((word, i) => {
      const p = `q${i}`;
      conds.push(`(t.description LIKE $${p} ESCAPE '\\' OR t.payee LIKE $${p} ESCAPE '\\' OR t.note LIKE $${p} ESCAPE '\\')`);
      params[p] = likePattern(word);
    });

  const currencies = [...new Set((opts.currencies ?? []).map((c) => c.toUpperCase()))].sort();
  const amountBound = (text: string, name: string, op: '>=' | '<='): void => {
    if (currencies.length <= 1) {
      conds.push(`abs(t.amount) ${op} $${name}`);
      params[name] = amountToMinor(text, currencies[0] ?? 'EUR');
      return;
    }
    // Mixed currencies: the same typed amount means a different number of minor units each.
    const cases = currencies.map((c, i) => {
      params[`${name}_${i}`] = amountToMinor(text, c);
      return `WHEN '${c.replace(/[^A-Z]/g, '')}' THEN $${name}_${i}`;
    });
    params[name] = amountToMinor(text, 'EUR');
    conds.push(`abs(t.amount) ${op} (CASE t.currency ${cases.join(' ')} ELSE $${name} END)`);
  };
  let { amountMin, amountMax } = filter;
  if (amountMin !== undefined && amountMax !== undefined && amountToMinor(amountMin, 'EUR') > amountToMinor(amountMax, 'EUR')) {
    [amountMin, amountMax] = [amountMax, amountMin];
  }
  if (amountMin !== undefined && amountMin !== '') amountBound(amountMin, 'amountMin', '>=');
  if (amountMax !== undefined && amountMax !== '') amountBound(amountMax, 'amountMax', '<=');

  if (filter.direction === 'in') conds.push('t.amount > 0');
  else if (filter.direction === 'out') conds.push('t.amount < 0');

  if (filter.status === 'posted' || filter.status === 'pending') {
    conds.push('t.status = $status');
    params.status = filter.status;
  }
  if (filter.reviewed === 'yes') conds.push('t.reviewed = 1');
  else if (filter.reviewed === 'no') conds.push('t.reviewed = 0');

  if (filter.withNote) conds.push(`t.note IS NOT NULL AND t.note <> ''`);

  return { where: conds.join(' AND '), params };
}

const SORT_SQL: Record<SortColumn, string> = {
  date: 't.made_on',
  description: 't.description COLLATE NOCASE',
  payee: 't.payee COLLATE NOCASE',
  amount: 't.amount',
  balance: RUNNING_BALANCE_SQL,
  status: 't.status',
  reviewed: 't.reviewed',
  note: 't.note COLLATE NOCASE',
};

export const DEFAULT_SORT: TransactionSort = { column: 'date', direction: 'desc' };

/**
 * ORDER BY for a sort. Ties are broken by date then id in the same direction, so the order is
 * total (stable paging) and rows of one day stay in booking order.
 */
export function buildOrderBy(sort: TransactionSort = DEFAULT_SORT): string {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const first = SORT_SQL[sort.column];
  if (sort.column === 'date') return `t.made_on ${dir}, t.id ${dir}`;
  const nulls = sort.column === 'balance' || sort.column === 'note' || sort.column === 'payee' || sort.column === 'description' ? ' NULLS LAST' : '';
  return `${first} ${dir}${nulls}, t.made_on ${dir}, t.id ${dir}`;
}
