import type { ExportFile, ExportFormat, TransactionFilter, TransactionSort } from '../../../shared/contract/statements.js';
import { AppError } from '../app-error.js';
import type { StatementsRepos } from './statements-repos.js';
import { toCamt053 } from './export-camt053.js';
import { toCsv } from './export-csv.js';
import { groupRows, slug, type ExportAccount, type ExportGroup } from './export-model.js';
import { toOfx } from './export-ofx.js';

export type ExportScope = { statementId: number } | { filter: TransactionFilter; sort?: TransactionSort };

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  ofx: 'application/x-ofx',
  camt053: 'application/xml',
};
const EXT: Record<ExportFormat, string> = { csv: 'csv', ofx: 'ofx', camt053: 'camt053.xml' };

/** Builds an export file from the store: the filtered rows, or one statement with its balances. */
export function createExport(repos: StatementsRepos, format: ExportFormat, scope: ExportScope, now: Date): ExportFile {
  const accountRecords = repos.statements.accountsForExport();
  const accounts = new Map<number, ExportAccount>(accountRecords.map((a) => [a.id, a]));
  const natures = new Map(accountRecords.map((a) => [a.id, a.nature]));

  let rows;
  let groups: ExportGroup[];
  let baseName: string;
  if ('statementId' in scope) {
    const st = repos.statements.get(scope.statementId);
    if (!st) throw new AppError('not-found', 'This statement no longer exists. Reload the statements list and choose another one.');
    rows = repos.transactionQueries.exportRows({ scope: { kind: 'statement', statementId: st.id } }, { column: 'date', direction: 'asc' });
    const account = accounts.get(st.accountId)!;
    const grouped = groupRows(rows, accounts, { from: st.periodStart, to: st.periodEnd })[0];
    groups = [
      {
        account,
        rows: grouped?.rows ?? [],
        periodStart: st.periodStart,
        periodEnd: st.periodEnd,
        openingBalance: st.openingBalance,
        closingBalance: st.closingBalance,
        statementRef: `LSC-S${st.id}-${st.periodStart.replace(/-/g, '')}-${st.periodEnd.replace(/-/g, '')}`,
      },
    ];
    baseName = `statement-${slug(account.name)}-${st.periodStart}_${st.periodEnd}`;
  } else {
    rows = repos.transactionQueries.exportRows(scope.filter, scope.sort);
    const bank = new Map(accountRecords.map((a) => [a.id, a.bankBalance]));
    groups = groupRows(rows, accounts, {
      fallbackBalance: (id) => bank.get(id) ?? null,
      ...(scope.filter.dateFrom ? { from: scope.filter.dateFrom } : {}),
      ...(scope.filter.dateTo ? { to: scope.filter.dateTo } : {}),
    });
    const f = scope.filter;
    const who = f.scope.kind === 'account' ? slug(accounts.get(f.scope.accountId)?.name ?? 'account') : f.scope.kind === 'statement' ? `statement-${f.scope.statementId}` : 'all-accounts';
    baseName = `transactions-${who}-${now.toISOString().slice(0, 10)}`;
  }

  const pending = rows.filter((r) => r.status === 'pending').length;
  if (format === 'csv') {
    return { fileName: `${baseName}.csv`, mimeType: MIME.csv, content: toCsv(rows, accounts), rowCount: rows.length, skippedPending: 0 };
  }
  if (groups.length === 0) {
    throw new AppError(
      'bad-input',
      pending > 0
        ? 'Only pending transactions match: they are not part of a bank statement yet, so OFX and CAMT files cannot hold them. Export CSV instead, or wait until the bank posts them.'
        : 'No transactions match the filters, so there is nothing to export. Clear some filters and try again.',
    );
  }
  const content = format === 'ofx' ? toOfx(groups, { now, natures }) : toCamt053(groups, { now });
  return {
    fileName: `${baseName}.${EXT[format]}`,
    mimeType: MIME[format],
    content,
    rowCount: groups.reduce((n, g) => n + g.rows.length, 0),
    skippedPending: pending,
  };
}
