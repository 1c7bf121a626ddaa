/**
 * The statement a run creates for one account: the posted rows it brought, the balance before
 * and after them, and the check against the balance the bank reports.
 *
 * - Later runs open at the previous statement's closing balance.
 * - The first statement of an account opens at `bank balance − sum(posted rows imported)`, so
 *   the running balance of the imported rows ends exactly at the bank's balance (the rows before
 *   the import date are summed up in that opening balance). Without a bank balance it opens at 0.
 * - `difference = closing − bank balance` (0 when they agree; null when the bank gave none).
 *
 * Pending rows never enter a statement.
 */
import { differenceFromBank } from '../../../shared/money.js';


export interface StatementLine {
  madeOn: string;
  amount: number;
}

export interface StatementDraft {
  periodStart: string;
  periodEnd: string;
  openingBalance: number;
  closingBalance: number;
  bankBalance: number | null;
  /** closing − bank balance; null without a bank balance. */
  balanceDifference: number | null;
  lineCount: number;
  /** The opening balance was derived from the bank's balance (first import of the account). */
  derivedOpening: boolean;
}

function sum(lines: readonly StatementLine[]): number {
  let s = 0;
  for (const l of lines) s += l.amount;
  if (!Number.isSafeInteger(s)) throw new RangeError('The statement total is too large to compute exactly.');
  return s;
}

export function buildStatement(input: {
  /** Closing balance of the account's latest statement, or null for the first one. */
  previousClosing: number | null;
  bankBalance: number | null;
  lines: readonly StatementLine[];
}): StatementDraft | null {
  const { lines, bankBalance, previousClosing } = input;
  if (lines.length === 0) return null;
  let start = lines[0]!.madeOn;
  let end = start;
  for (const l of lines) {
    if (l.madeOn < start) start = l.madeOn;
    if (l.madeOn > end) end = l.madeOn;
  }
  const total = sum(lines);
  const derivedOpening = previousClosing === null;
  const opening = previousClosing ?? (bankBalance === null ? 0 : bankBalance - total);
  const closing = opening + total;
  return {
    periodStart: start,
    periodEnd: end,
    openingBalance: opening,
    closingBalance: closing,
    bankBalance,
    balanceDifference: differenceFromBank(closing, bankBalance),
    lineCount: lines.length,
    derivedOpening,
  };
}
