import { z } from 'zod';
import { defineCall } from './define.js';

// ---------------------------------------------------------------------------------------------
// Views (what the core answers). Money is always integer minor units with its currency code.
// ---------------------------------------------------------------------------------------------

export interface StatementSummary {
  id: number;
  accountId: number;
  /** 'YYYY-MM-DD' */
  periodStart: string;
  periodEnd: string;
  openingBalance: number;
  closingBalance: number;
  /** The bank's reported balance when the statement was made (null when the bank gave none). */
  bankBalance: number | null;
  /** closingBalance − bankBalance (`differenceFromBank`); 0 means "matches the bank", null means "not checked". */
  balanceDifference: number | null;
  /** Visible lines (ignored rows are not counted). */
  lineCount: number;
  reviewedCount: number;
  /** closing − (opening + sum of the statement's posted lines): 0 when the statement adds up. */
  linesDifference: number;
}

export interface AccountSummary {
  id: number;
  connectionId: number;
  name: string;
  nature: string | null;
  currency: string;
  iban: string | null;
  accountNumber: string | null;
  /** What the bank last reported, and when. */
  bankBalance: number | null;
  bankBalanceAt: string | null;
  /** Closing balance of the latest statement (null before the first import). */
  bookBalance: number | null;
  /** bookBalance − bankBalance (`differenceFromBank`; null when either is unknown). */
  balanceDifference: number | null;
  transactionCount: number;
  unreviewedCount: number;
  pendingCount: number;
  /** Newest first. */
  statements: StatementSummary[];
}

export interface ConnectionGroup {
  id: number;
  providerName: string;
  status: string;
  /** The connection was deleted here but its statements were kept. */
  deleted: boolean;
  accounts: AccountSummary[];
}

export interface StatementsTree {
  connections: ConnectionGroup[];
}

export type TransactionStatus = 'posted' | 'pending';

export interface TransactionRow {
  id: number;
  accountId: number;
  statementId: number | null;
  madeOn: string;
  amount: number;
  currency: string;
  description: string | null;
  payee: string | null;
  category: string | null;
  status: TransactionStatus;
  reviewed: boolean;
  note: string | null;
  /** Balance after this row (posted rows of a statement only; null for pending rows). */
  runningBalance: number | null;
}

export interface CurrencyTotals {
  currency: string;
  count: number;
  /** Sum of positive amounts (≥ 0). */
  sumIn: number;
  /** Sum of negative amounts (≤ 0). */
  sumOut: number;
}

export interface TransactionTotals {
  count: number;
  /** One entry per currency (sums across currencies would mean nothing). */
  byCurrency: CurrencyTotals[];
}

export interface TransactionPage {
  offset: number;
  rows: TransactionRow[];
}

export interface BalancePoint {
  /** 'YYYY-MM-DD' */
  date: string;
  /** Balance at the end of that day, minor units. */
  balance: number;
}

export interface ChartSeries {
  accountId: number;
  currency: string;
  /** Days with posted rows, oldest first (the balance holds until the next point). */
  points: BalancePoint[];
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  /** The whole file as text (UTF-8). */
  content: string;
  /** Rows written. */
  rowCount: number;
  /** Rows left out (pending rows have no place in an OFX/CAMT statement). */
  skippedPending: number;
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const id = z.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2024-01-31');
/** A decimal amount as typed ("12.50", "-3", "1000"); compared with the size of the amount. */
const decimalText = z
  .string()
  .trim()
  .regex(/^\d{1,15}(?:[.,]\d{0,6})?$/, 'Enter an amount like 12.50');

export const transactionScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('account'), accountId: id }).strict(),
  z.object({ kind: z.literal('statement'), statementId: id }).strict(),
]);
export type TransactionScope = z.infer<typeof transactionScope>;

export const transactionFilter = z
  .object({
    scope: transactionScope,
    /** Words to find in description, payee or note (every word must appear). */
    text: z.string().max(200, 'The search text is too long').optional(),
    dateFrom: date.optional(),
    dateTo: date.optional(),
    /** Size of the amount, at least / at most (use `direction` for the sign). */
    amountMin: decimalText.optional(),
    amountMax: decimalText.optional(),
    direction: z.enum(['any', 'in', 'out']).optional(),
    status: z.enum(['any', 'posted', 'pending']).optional(),
    reviewed: z.enum(['any', 'yes', 'no']).optional(),
    withNote: z.boolean().optional(),
  })
  .strict();
export type TransactionFilter = z.infer<typeof transactionFilter>;

export const SORT_COLUMNS = ['date', 'description', 'payee', 'amount', 'balance', 'status', 'reviewed', 'note'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const transactionSort = z
  .object({
    column: z.enum(SORT_COLUMNS),
    direction: z.enum(['asc', 'desc']),
  })
  .strict();
export type TransactionSort = z.infer<typeof transactionSort>;

export const MAX_PAGE_SIZE = 500;

export const transactionQueryInput = z
  .object({
    filter: transactionFilter,
    sort: transactionSort.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .strict();

const reviewTarget = z.union([
  z.object({ ids: z.array(id).min(1).max(10_000) }).strict(),
  z.object({ filter: transactionFilter }).strict(),
]);

export const EXPORT_FORMATS = ['csv', 'ofx', 'camt053'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const statementsCalls = {
  'statements.tree': defineCall<StatementsTree>()(
    z.object({}).strict(),
    'Accounts grouped by connection, with balances, the bank-balance check and their statements.',
  ),
  'transactions.query': defineCall<TransactionPage>()(
    transactionQueryInput,
    'One page of the filtered, sorted transactions (filters run in the database).',
  ),
  'transactions.totals': defineCall<TransactionTotals>()(
    z.object({ filter: transactionFilter }).strict(),
    'Count, sum in and sum out of the filtered transactions, per currency.',
  ),
  'transactions.setReviewed': defineCall<{ changed: number }>()(
    z.object({ reviewed: z.boolean(), target: reviewTarget }).strict(),
    'Mark transactions reviewed (or not): a list of ids, or every row matching a filter. Saved at once.',
  ),
  'transactions.setNote': defineCall<{ id: number; note: string | null }>()(
    z
      .object({
        id,
        note: z.string().max(2000, 'A note can hold up to 2000 characters').nullable(),
      })
      .strict(),
    'Set or clear the note of a transaction (an empty note clears it). Saved at once.',
  ),
  'transactions.ignore': defineCall<{ ignored: number }>()(
    z.object({ ids: z.array(id).min(1).max(10_000) }).strict(),
    'Hide transactions for good: a later synchronisation will not bring them back. Saved at once.',
  ),
  'statements.chartSeries': defineCall<ChartSeries>()(
    z.object({ accountId: id }).strict(),
    'Balance at the end of each day with posted rows, for the balance chart.',
  ),
  'export.create': defineCall<ExportFile>()(
    z
      .object({
        format: z.enum(EXPORT_FORMATS),
        scope: z.union([
          z.object({ statementId: id }).strict(),
          z.object({ filter: transactionFilter, sort: transactionSort.optional() }).strict(),
        ]),
      })
      .strict(),
    'The filtered rows or one statement as CSV (RFC 4180), OFX 2.2 or ISO 20022 camt.053.001.02.',
  ),
} as const;
