import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { AccountSummary, ChartSeries, ExportFormat, StatementSummary, TransactionRow } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { useNavigation } from '../../app/navigation-store.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { BalanceChart } from './BalanceChart.js';
import { IgnoreDialog, NoteDialog } from './Dialogs.js';
import { downloadFile, ExportButtons } from './ExportButtons.js';
import { FilterBar } from './FilterBar.js';
import { money, period, plural } from './format.js';
import { OfflineIndicator } from './OfflineIndicator.js';
import { createStatementsStore, hasFilters } from './statements-store.js';
import { StatementsNav } from './StatementsNav.js';
import { TotalsBar } from './TotalsBar.js';
import { TransactionsTable } from './TransactionsTable.js';
import './statements.css';

function useScopeInfo(tree: ReturnType<ReturnType<typeof createStatementsStore>['getState']>['tree'], scope: ReturnType<ReturnType<typeof createStatementsStore>['getState']>['scope']) {
  return useMemo(() => {
    const accounts = tree?.connections.flatMap((c) => c.accounts) ?? [];
    let account: AccountSummary | null = null;
    let statement: StatementSummary | null = null;
    if (scope.kind === 'account') account = accounts.find((a) => a.id === scope.accountId) ?? null;
    if (scope.kind === 'statement') {
      for (const a of accounts) {
        const s = a.statements.find((x) => x.id === scope.statementId);
        if (s) {
          account = a;
          statement = s;
        }
      }
    }
    return { accounts, account, statement };
  }, [tree, scope]);
}

/** Statements: review imported bank lines, offline. */
export function StatementsPage() {
  const api = useApi();
  const go = useNavigation((s) => s.go);
  const [store] = useState(() => createStatementsStore(api));
  const s = useStore(store);
  const searchRef = useRef<HTMLInputElement>(null);
  const { accounts, account, statement } = useScopeInfo(s.tree, s.scope);
  const [chart, setChart] = useState<ChartSeries | null>(null);
  const [chartError, setChartError] = useState<unknown>(null);

  useEffect(() => {
    void store.getState().loadTree();
  }, [store]);

  // Chart of the account in view (also when one of its statements is open).
  const chartAccountId = account?.id ?? null;
  useEffect(() => {
    if (chartAccountId === null) {
      setChart(null);
      return;
    }
    let live = true;
    setChartError(null);
    api.call('statements.chartSeries', { accountId: chartAccountId }).then(
      (c) => live && setChart(c),
      (err) => live && setChartError(err),
    );
    return () => {
      live = false;
    };
  }, [api, chartAccountId]);

  // "/" focuses the search box from anywhere on the page (not while typing somewhere).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      if (document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onExport = useCallback(
    async (format: ExportFormat) => {
      const file = await store.getState().exportFile(format);
      if (file) downloadFile(file);
    },
    [store],
  );
  const onIgnoreRow = useCallback((row: TransactionRow) => {
    const st = store.getState();
    const chosen = st.selected.size > 0 && st.selected.has(row.id) ? [...st.rows.values()].filter((r) => st.selected.has(r.id)) : [row];
    st.askIgnore(chosen);
  }, [store]);

  if (s.tree === null) {
    return (
      <div className="page">
        <header className="page__header">
          <h1>Statements</h1>
        </header>
        {s.treeError ? (
          <>
            <ErrorMessage error={s.treeError} />
            <div>
              <button type="button" className="btn" onClick={() => void s.loadTree()}>
                Try again
              </button>
            </div>
          </>
        ) : (
          <p className="muted" role="status">
            Loading statements…
          </p>
        )}
      </div>
    );
  }

  if (accounts.length === 0) {
    return (
      <div className="page">
        <header className="page__header">
          <h1>Statements</h1>
          <p className="muted">Imported bank statements and their transactions, available offline.</p>
        </header>
        <EmptyState
          title="Nothing imported yet"
          action={
            <button type="button" className="btn btn--primary" onClick={() => go('online-sync')}>
              Go to Online Synchronization
            </button>
          }
        >
          <p>Statements appear here after the first import of a linked bank account. Link a bank on the Online Synchronization page; once imported, everything here works without a network.</p>
        </EmptyState>
      </div>
    );
  }

  const filtered = hasFilters(s.fields);
  const count = s.totals?.count ?? 0;
  const title = statement ? `Statement ${period(statement.periodStart, statement.periodEnd)}` : account ? account.name : 'All accounts';
  const exportWhat = statement && !filtered ? 'this statement' : filtered ? 'the filtered transactions' : account ? 'this account' : 'all transactions';
  const selectedCount = s.selected.size;

  return (
    <div className="stmt-page">
      <aside className="stmt-side">
        <StatementsNav tree={s.tree} scope={s.scope} onSelect={s.selectScope} />
      </aside>
      <section className="stmt-main" aria-labelledby="stmt-title">
        <header className="stmt-head">
          <div>
            <h1 id="stmt-title">{title}</h1>
            <p className="stmt-head__facts muted">
              {statement && account ? (
                <>
                  {account.name} · Opening {money(statement.openingBalance, account.currency)} · Closing {money(statement.closingBalance, account.currency)} ·{' '}
                  {statement.balanceDifference === null ? 'bank balance not reported' : statement.balanceDifference === 0 ? 'matches the bank' : `differs from the bank by ${money(statement.balanceDifference, account.currency)}`}
                </>
              ) : account ? (
                <>
                  Balance {money(account.bookBalance ?? account.bankBalance, account.currency)}
                  {account.balanceDifference === 0
                    ? ' · matches the bank'
                    : account.bankBalance !== null
                      ? ` · bank reports ${money(account.bankBalance, account.currency)}`
                      : ''}{' '}
                  · {plural(account.statements.length, 'statement')}
                  {account.iban ? ` · ${account.iban}` : ''}
                </>
              ) : (
                <>{plural(accounts.length, 'account')}</>
              )}
            </p>
          </div>
          <div className="stmt-head__side">
            <OfflineIndicator />
            <ExportButtons what={exportWhat} busy={s.exporting} disabled={count === 0} onExport={(f) => void onExport(f)} />
          </div>
        </header>

        {account ? (
          chartError ? (
            <p className="muted small">The balance chart could not be drawn. The table below is not affected.</p>
          ) : chart && chart.accountId === account.id ? (
            <BalanceChart points={chart.points} currency={chart.currency} highlight={statement ? { start: statement.periodStart, end: statement.periodEnd } : null} />
          ) : (
            <div className="stmt-chart stmt-chart--loading" aria-hidden="true" />
          )
        ) : null}

        <FilterBar ref={searchRef} fields={s.fields} onChange={s.setFields} onClear={s.clearFilters} />

        <div className="stmt-actions">
          <TotalsBar totals={s.totals} filtered={filtered} />
          <div className="stmt-actions__buttons">
            {selectedCount > 0 ? (
              <>
                <span className="small">{plural(selectedCount, 'selected row')}</span>
                <button type="button" className="btn btn--small" onClick={() => void s.setReviewedSelected(true)}>
                  Mark selected reviewed
                </button>
                <button type="button" className="btn btn--small" onClick={() => void s.setReviewedSelected(false)}>
                  Mark selected not reviewed
                </button>
                <button type="button" className="btn btn--small btn--danger" onClick={() => s.askIgnore([...s.rows.values()].filter((r) => s.selected.has(r.id)))}>
                  Ignore selected…
                </button>
                <button type="button" className="btn btn--small btn--quiet" onClick={s.clearSelection}>
                  Clear selection
                </button>
              </>
            ) : (
              <button type="button" className="btn btn--small" disabled={count === 0} onClick={() => void s.setReviewedAllFiltered(true)}>
                {filtered ? `Mark all ${count.toLocaleString()} filtered reviewed` : `Mark all ${count.toLocaleString()} reviewed`}
              </button>
            )}
          </div>
        </div>

        {s.notice || s.actionError ? (
          <div className="stmt-notice">
            {s.actionError ? <ErrorMessage error={s.actionError} /> : <p role="status" className="alert alert--success">{s.notice}</p>}
            <button type="button" className="btn btn--quiet btn--small" onClick={s.dismissNotice} aria-label="Dismiss message">
              ×
            </button>
          </div>
        ) : null}

        {s.queryError ? (
          <div className="stmt-state">
            <ErrorMessage error={s.queryError} />
            <button type="button" className="btn" onClick={s.reload}>
              Try again
            </button>
          </div>
        ) : s.totals === null && s.rows.size === 0 ? (
          <p className="stmt-state muted" role="status">
            Loading transactions…
          </p>
        ) : s.totals !== null && count === 0 && !s.loadingFirstPage ? (
          filtered ? (
            <EmptyState title="No transactions match these filters" action={<button type="button" className="btn" onClick={s.clearFilters}>Clear filters</button>}>
              <p>Try fewer words, a wider date or amount range, or clear the filters to see every transaction{account ? ` of ${account.name}` : ''}.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No transactions here yet" action={<button type="button" className="btn" onClick={() => go('online-sync')}>Go to Online Synchronization</button>}>
              <p>Run “Synchronise now” for this bank on the Online Synchronization page; new transactions appear here.</p>
            </EmptyState>
          )
        ) : (
          <TransactionsTable
            count={count}
            resultKey={s.resultKey}
            busy={s.loadingFirstPage}
            rows={s.rows}
            sort={s.sort}
            focusIndex={s.focusIndex}
            selected={s.selected}
            onSort={s.sortBy}
            onNeedRange={s.ensureRange}
            onFocus={s.setFocus}
            onToggleReviewed={(r) => void s.toggleReviewed(r)}
            onToggleSelected={s.toggleSelected}
            onEditNote={s.openNote}
            onIgnore={onIgnoreRow}
          />
        )}
        <p className="stmt-help muted small">
          Keys: ↑ ↓ move · Space reviewed · N note · X select · Delete ignore · / search. Search finds words starting with what you type.
        </p>
      </section>

      {s.noteFor ? <NoteDialog row={s.noteFor} onSave={(note) => s.saveNote(s.noteFor!.id, note)} onClose={() => s.openNote(null)} /> : null}
      {s.confirmIgnore ? <IgnoreDialog rows={s.confirmIgnore} onConfirm={() => void s.ignoreConfirmed()} onClose={() => s.askIgnore(null)} /> : null}
    </div>
  );
}
