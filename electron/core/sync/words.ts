/**
 * The sync log in words: what a run did to each account, and one sentence for the run. Kept in
 * the core so the log reads the same wherever it is shown (and in tests). Amounts use
 * `formatMoney` with the 'en-GB' locale for a stable, unambiguous text.
 */
import { formatMoney } from '../../../shared/money.js';
import type { SyncAccountView, SyncErrorView, SyncStatementView } from '../../../shared/contract/index.js';

export const LOG_LOCALE = 'en-GB';

export function money(minor: number, currency: string | null): string {
  if (!currency) return String(minor);
  try {
    return formatMoney(minor, currency, LOG_LOCALE);
  } catch {
    return `${minor} ${currency}`;
  }
}

/** Counts read like prose: 100,000 rather than 100000 (the log is in English, so en grouping). */
const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function errorWords(e: SyncErrorView): string {
  const ref = [`error ${e.errorClass}`, e.requestId ? `request id ${e.requestId}` : null].filter(Boolean).join(', ');
  return `${e.message} (${ref})`;
}

export function statementWords(s: SyncStatementView, currency: string | null, first: boolean): string {
  const opening = first
    ? `opening balance ${money(s.openingBalance, currency)} (worked out from the bank's balance, so the running balance agrees with it)`
    : `opening balance ${money(s.openingBalance, currency)}`;
  let check: string;
  if (s.bankBalance === null || s.balanceDifference === null) check = 'the bank did not report a balance to compare with.';
  else if (s.balanceDifference === 0) check = `it matches the bank's balance of ${money(s.bankBalance, currency)}.`;
  else
    check = `it differs from the bank's balance of ${money(s.bankBalance, currency)} by ${money(s.balanceDifference, currency)}: check the flagged rows or rows dated before the import start.`;
  return `Statement ${s.periodStart} to ${s.periodEnd} with ${plural(s.lineCount, 'line', 'lines')}: ${opening}, closing balance ${money(s.closingBalance, currency)}; ${check}`;
}

export function accountWords(a: Omit<SyncAccountView, 'words'>, opts: { firstStatement?: boolean } = {}): string[] {
  const out: string[] = [];
  if (a.error) out.push(`Not imported: ${errorWords(a.error)}`);
  if (a.fetched > 0 || !a.error) out.push(`${plural(a.fetched, 'row', 'rows')} received from Salt Edge.`);
  if (a.added > 0) out.push(`${plural(a.added, 'new transaction was', 'new transactions were')} imported.`);
  else if (!a.error && a.replacedPending === 0) out.push('No new transactions.');
  if (a.replacedPending > 0) out.push(`${plural(a.replacedPending, 'pending payment was', 'pending payments were')} posted by the bank and replaced by the final row.`);
  if (a.addedPending > 0) out.push(`${plural(a.addedPending, 'new pending payment is', 'new pending payments are')} shown but kept out of the statement until the bank posts it.`);
  if (a.updatedPending > 0) out.push(`${plural(a.updatedPending, 'pending payment was', 'pending payments were')} changed by the bank and updated.`);
  if (a.droppedPending > 0) out.push(`${plural(a.droppedPending, 'pending payment', 'pending payments')} disappeared at the bank and ${a.droppedPending === 1 ? 'was' : 'were'} removed.`);
  if (a.skippedDuplicates > 0) out.push(`${plural(a.skippedDuplicates, 'row was', 'rows were')} already imported and skipped.`);
  if (a.skippedIgnored > 0) out.push(`${plural(a.skippedIgnored, 'row', 'rows')} you ignored ${a.skippedIgnored === 1 ? 'was' : 'were'} not imported again.`);
  if (a.flagged > 0) out.push(`${plural(a.flagged, 'row was', 'rows were')} flagged for you to check (changed by the bank, or pending too long).`);
  if (a.statement) out.push(statementWords(a.statement, a.currency, opts.firstStatement ?? false));
  return out;
}

export interface RunWordsInput {
  status: string;
  refreshed: boolean;
  refreshNote: string | null;
  added: number;
  accounts: number;
  accountsWithErrors: number;
  error: SyncErrorView | null;
}

export function runSummary(r: RunWordsInput): string {
  switch (r.status) {
    case 'running':
      return 'Synchronising…';
    case 'cancelled':
      return 'Cancelled by you: nothing was changed.';
    case 'undone':
      return 'Undone: the transactions and statements of this import were removed and replaced pending rows put back.';
    case 'failed':
      return `Failed, nothing was imported: ${r.error ? errorWords(r.error) : 'unknown error.'}`;
    default: {
      const what = r.added > 0 ? `Imported ${plural(r.added, 'new transaction', 'new transactions')}` : 'No new transactions';
      const from = ` from ${plural(r.accounts, 'account', 'accounts')}`;
      const refresh = r.refreshed ? ' after a refresh at the bank.' : '.';
      const errs = r.accountsWithErrors > 0 ? ` ${plural(r.accountsWithErrors, 'account', 'accounts')} could not be imported: see below.` : '';
      return `${what}${from}${refresh}${errs}`;
    }
  }
}
