import { currencyExponent, minorToDecimal } from '../../../shared/money.js';
import type { TransactionExportRow } from '../db/repositories/transaction-query-repository.js';
import type { ExportAccount } from './export-model.js';

/** The header row of our CSV, in order. */
export const CSV_COLUMNS = [
  'Date',
  'Account',
  'IBAN',
  'Description',
  'Payee',
  'Amount',
  'Currency',
  'Balance',
  'Status',
  'Reviewed',
  'Note',
  'Category',
  'Transaction ID',
] as const;

/** RFC 4180: quote a field holding a quote, comma, CR or LF (or edge spaces); double the quotes. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The rows as RFC 4180 CSV: UTF-8 text, a header line, CRLF line ends, dates YYYY-MM-DD and
 * amounts with a dot and exactly the currency's decimals (-12.50), whatever the user's locale.
 * Nothing is rewritten for spreadsheets (no formula escaping), so the file re-imports exactly.
 */
export function toCsv(rows: readonly TransactionExportRow[], accounts: ReadonlyMap<number, ExportAccount>): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const account = accounts.get(r.accountId);
    const exp = currencyExponent(r.currency);
    const fields = [
      r.madeOn,
      account?.name ?? '',
      account?.iban ?? '',
      r.description ?? '',
      r.payee ?? '',
      minorToDecimal(r.amount, exp),
      r.currency,
      r.runningBalance === null ? '' : minorToDecimal(r.runningBalance, exp),
      r.status,
      r.reviewed ? 'yes' : 'no',
      r.note ?? '',
      r.category ?? '',
      r.saltedgeId,
    ];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
