import type { TransactionExportRow } from '../db/repositories/transaction-query-repository.js';

/** What an export needs to know about an account. */
export interface ExportAccount {
  id: number;
  name: string;
  currency: string;
  iban: string | null;
  accountNumber: string | null;
  saltedgeId: string;
  /** The bank's name (the connection's provider). */
  bankName: string;
}

/** One account's part of an OFX/CAMT file: a statement with its balances. */
export interface ExportGroup {
  account: ExportAccount;
  /** Posted rows only, oldest first. */
  rows: TransactionExportRow[];
  periodStart: string;
  periodEnd: string;
  openingBalance: number;
  closingBalance: number;
  /** Stable id for the statement element (≤ 35 characters). */
  statementRef: string;
}

export const byBookingOrder = (a: TransactionExportRow, b: TransactionExportRow): number =>
  a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : a.id - b.id;

/**
 * Splits exported rows into one group per account (posted rows only; pending rows have no place
 * in a bank statement). Without a statement, the balances come from the running balance: the
 * opening balance is the balance before the first exported row, the closing balance the one
 * after the last row; when no row has one, `fallbackBalance` (the bank's balance) is used.
 */
export function groupRows(
  rows: readonly TransactionExportRow[],
  accounts: ReadonlyMap<number, ExportAccount>,
  opts: { fallbackBalance?: (accountId: number) => number | null; from?: string; to?: string } = {},
): ExportGroup[] {
  const byAccount = new Map<number, TransactionExportRow[]>();
  for (const r of rows) {
    if (r.status !== 'posted') continue;
    const list = byAccount.get(r.accountId) ?? [];
    list.push(r);
    byAccount.set(r.accountId, list);
  }
  const groups: ExportGroup[] = [];
  for (const [accountId, list] of [...byAccount.entries()].sort((a, b) => a[0] - b[0])) {
    const account = accounts.get(accountId);
    if (!account) continue;
    list.sort(byBookingOrder);
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const fallback = opts.fallbackBalance?.(accountId) ?? 0;
    const closing = last.runningBalance ?? fallback;
    const opening = first.runningBalance !== null ? first.runningBalance - first.amount : closing - list.reduce((s, r) => s + r.amount, 0);
    const periodStart = opts.from && opts.from < first.madeOn ? opts.from : first.madeOn;
    const periodEnd = opts.to && opts.to > last.madeOn ? opts.to : last.madeOn;
    groups.push({
      account,
      rows: list,
      periodStart,
      periodEnd,
      openingBalance: opening,
      closingBalance: closing,
      statementRef: `LSC-${accountId}-${periodStart.replace(/-/g, '')}-${periodEnd.replace(/-/g, '')}`,
    });
  }
  return groups;
}

/** Removes characters XML 1.0 forbids (control characters, lone surrogates) and escapes markup. */
export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Cuts text to at most `max` characters (code points), never splitting a surrogate pair. */
export function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join('');
}

/** Cuts text into pieces of at most `max` characters (camt's repeated Ustrd). */
export function chunk(value: string, max: number): string[] {
  const chars = Array.from(value);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
  return out;
}

/** Collapses whitespace (line breaks inside a description would end a field in some tools). */
export const oneLine = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

export const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40) || 'account';
