import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatementsTree, TransactionFilter, TransactionRow, TransactionSort } from '../../../../shared/contract/index.js';
import { StatementsPage } from '../../../../renderer/features/statements/StatementsPage.js';
import { createFakeApi, FakeFailure, type FakeHandlers } from '../../fake-api.js';

// uPlot needs a real canvas; the chart has its own e2e screenshot.
vi.mock('../../../../renderer/features/statements/BalanceChart.js', () => ({
  BalanceChart: ({ points }: { points: unknown[] }) => <div data-testid="chart">{points.length} points</div>,
}));

const TREE: StatementsTree = {
  connections: [
    {
      id: 1,
      providerName: 'Fake Bank',
      status: 'active',
      deleted: false,
      accounts: [
        {
          id: 10,
          connectionId: 1,
          name: 'Current account',
          nature: 'account',
          currency: 'EUR',
          iban: 'DE89370400440532013000',
          accountNumber: null,
          bankBalance: 123_456,
          bankBalanceAt: '2024-02-29T18:00:00Z',
          bookBalance: 123_456,
          balanceDifference: 0,
          transactionCount: 3,
          unreviewedCount: 3,
          pendingCount: 1,
          statements: [
            { id: 100, accountId: 10, periodStart: '2024-02-01', periodEnd: '2024-02-29', openingBalance: 100_000, closingBalance: 123_456, bankBalance: 123_456, balanceDifference: 0, lineCount: 2, reviewedCount: 0, linesDifference: 0 },
          ],
        },
      ],
    },
  ],
};

const ROWS: TransactionRow[] = [
  { id: 3, accountId: 10, statementId: null, madeOn: '2024-03-01', amount: -2_500, currency: 'EUR', description: 'Card payment Coffee Corner', payee: 'Coffee Corner', category: null, status: 'pending', reviewed: false, note: null, runningBalance: null },
  { id: 2, accountId: 10, statementId: 100, madeOn: '2024-02-20', amount: 25_000, currency: 'EUR', description: 'Salary February', payee: 'ACME Ltd', category: null, status: 'posted', reviewed: false, note: null, runningBalance: 123_456 },
  { id: 1, accountId: 10, statementId: 100, madeOn: '2024-02-03', amount: -1_544, currency: 'EUR', description: 'Café Zürich', payee: null, category: null, status: 'posted', reviewed: false, note: 'receipt in drawer', runningBalance: 98_456 },
];

function makeHandlers(over: Partial<FakeHandlers> = {}) {
  const rows = ROWS.map((r) => ({ ...r }));
  const visible = (f: TransactionFilter) =>
    rows.filter(
      (r) =>
        !(r as { ignored?: boolean }).ignored &&
        (!f.text || `${r.description} ${r.payee} ${r.note}`.toLowerCase().includes(f.text.toLowerCase())) &&
        (f.direction !== 'out' || r.amount < 0) &&
        (f.direction !== 'in' || r.amount > 0) &&
        (f.scope.kind !== 'statement' || r.statementId === f.scope.statementId),
    );
  const sorted = (list: TransactionRow[], sort?: TransactionSort) => {
    if (!sort || sort.column !== 'amount') return list;
    return [...list].sort((a, b) => (sort.direction === 'asc' ? a.amount - b.amount : b.amount - a.amount));
  };
  const handlers: FakeHandlers = {
    'statements.tree': () => TREE,
    'transactions.query': ({ filter, sort, offset, limit }) => ({ offset, rows: sorted(visible(filter), sort).slice(offset, offset + limit) }),
    'transactions.totals': ({ filter }) => {
      const v = visible(filter);
      return { count: v.length, byCurrency: v.length ? [{ currency: 'EUR', count: v.length, sumIn: v.filter((r) => r.amount > 0).reduce((s, r) => s + r.amount, 0), sumOut: v.filter((r) => r.amount < 0).reduce((s, r) => s + r.amount, 0) }] : [] };
    },
    'transactions.setReviewed': ({ reviewed, target }) => {
      const ids = 'ids' in target ? target.ids : visible(target.filter).map((r) => r.id);
      let changed = 0;
      for (const r of rows) if (ids.includes(r.id) && r.reviewed !== reviewed) {
        r.reviewed = reviewed;
        changed++;
      }
      return { changed };
    },
    'transactions.setNote': ({ id, note }) => {
      const r = rows.find((x) => x.id === id)!;
      r.note = note && note.trim() ? note : null;
      return { id, note: r.note };
    },
    'transactions.ignore': ({ ids }) => {
      for (const r of rows) if (ids.includes(r.id)) (r as { ignored?: boolean }).ignored = true;
      return { ignored: ids.length };
    },
    'statements.chartSeries': ({ accountId }) => ({ accountId, currency: 'EUR', points: [{ date: '2024-02-03', balance: 98_456 }, { date: '2024-02-20', balance: 123_456 }] }),
    'export.create': ({ format }) => ({ fileName: `transactions-current-account-2024-03-10.${format}`, mimeType: 'text/csv;charset=utf-8', content: 'Date,Amount\r\n', rowCount: 3, skippedPending: 0 }),
    ...over,
  };
  return { handlers, rows };
}

function setup(over: Partial<FakeHandlers> = {}) {
  const { handlers, rows } = makeHandlers(over);
  const fake = createFakeApi(handlers);
  const user = userEvent.setup();
  render(fake.wrap(<StatementsPage />));
  return { fake, user, rows };
}

const grid = () => screen.getByRole('grid');
const dataRows = () => within(grid()).getAllByRole('row').filter((r) => r.getAttribute('data-id'));

describe('StatementsPage', () => {
  const heightDesc = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeEach(() => {
    // jsdom has no layout: give the scroll container a height so the virtualiser renders rows.
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  });
  afterEach(() => {
    if (heightDesc) Object.defineProperty(HTMLElement.prototype, 'clientHeight', heightDesc);
    vi.restoreAllMocks();
  });

  it('shows accounts by connection, the first account’s rows with formatted amounts, pending rows marked, and the totals', async () => {
    setup();
    const nav = await screen.findByRole('navigation', { name: 'Accounts and statements' });
    expect(within(nav).getByText('Fake Bank')).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: /Current account/ })).toHaveAttribute('aria-current', 'true');
    expect(within(nav).getAllByText('✓ Matches the bank').length).toBeGreaterThan(0);
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    const [pending, salary] = dataRows();
    expect(pending).toHaveClass('tx-row--pending');
    expect(within(pending!).getByText('Pending')).toBeInTheDocument();
    expect(within(salary!).getByText('Posted')).toBeInTheDocument();
    expect(within(salary!).getByText(/250\.00/)).toHaveClass('tx-cell--num');
    expect(within(salary!).getByText(/1,234\.56/)).toBeInTheDocument();
    const totals = screen.getByRole('status', { name: 'Totals of the listed transactions' });
    expect(totals).toHaveTextContent('3 transactions');
    expect(totals).toHaveTextContent(/In €250\.00/);
    expect(totals).toHaveTextContent(/Out -€40\.44/);
    expect(await screen.findByTestId('chart')).toHaveTextContent('2 points');
    // Every control has an accessible name.
    for (const el of [...screen.getAllByRole('button'), ...screen.getAllByRole('checkbox'), ...screen.getAllByRole('textbox'), ...screen.getAllByRole('combobox')]) {
      expect(el).toHaveAccessibleName();
    }
  });

  it('filters run in the database: search (debounced), type, invalid amount explained and not sent, clear filters', async () => {
    const { fake, user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    await user.type(screen.getByRole('searchbox', { name: 'Search description, payee and note' }), 'coffee');
    await waitFor(() => expect(dataRows()).toHaveLength(1));
    const last = fake.calls('transactions.query').at(-1)!.input as { filter: TransactionFilter };
    expect(last.filter).toEqual({ scope: { kind: 'account', accountId: 10 }, text: 'coffee' });
    expect(fake.calls('transactions.query').filter((c) => (c.input as { filter: TransactionFilter }).filter.text === 'c')).toHaveLength(0);
    expect(screen.getByRole('status', { name: 'Totals of the listed transactions' })).toHaveTextContent('1 transaction matches the filters');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Expenses');
    await waitFor(() => expect(dataRows()).toHaveLength(2));
    expect((fake.calls('transactions.totals').at(-1)!.input as { filter: TransactionFilter }).filter.direction).toBe('out');

    await user.type(screen.getByRole('textbox', { name: 'Amount from' }), '12.5x');
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter amounts like 12.50');
    expect(screen.getByRole('textbox', { name: 'Amount from' })).toHaveAttribute('aria-invalid', 'true');
    expect((fake.calls('transactions.query').at(-1)!.input as { filter: TransactionFilter }).filter.amountMin).toBeUndefined();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Review' }), 'Not reviewed');
    await user.click(screen.getByRole('checkbox', { name: 'With notes' }));
    expect((fake.calls('transactions.query').at(-1)!.input as { filter: TransactionFilter }).filter).toMatchObject({ reviewed: 'no', withNote: true });
  });

  it('no match: says so and offers to clear the filters', async () => {
    const { user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    await user.type(screen.getByRole('searchbox'), 'zzz');
    expect(await screen.findByRole('heading', { name: 'No transactions match these filters' })).toBeInTheDocument();
    await user.click(within(screen.getByRole('region', { name: 'No transactions match these filters' })).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(dataRows()).toHaveLength(3));
  });

  it('sorts by a column header; aria-sort follows', async () => {
    const { fake, user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    const dateHeader = screen.getByRole('columnheader', { name: /Date/ });
    expect(dateHeader).toHaveAttribute('aria-sort', 'descending');
    await user.click(screen.getByRole('button', { name: /^Amount/ }));
    expect(screen.getByRole('columnheader', { name: /Amount/ })).toHaveAttribute('aria-sort', 'descending');
    expect(dateHeader).toHaveAttribute('aria-sort', 'none');
    await waitFor(() => expect(within(dataRows()[0]!).getByText(/250\.00/)).toBeInTheDocument());
    expect((fake.calls('transactions.query').at(-1)!.input as { sort: TransactionSort }).sort).toEqual({ column: 'amount', direction: 'desc' });
    await user.click(screen.getByRole('button', { name: /^Amount/ }));
    expect(screen.getByRole('columnheader', { name: /Amount/ })).toHaveAttribute('aria-sort', 'ascending');
    await waitFor(() => expect(within(dataRows()[0]!).getByText(/25\.00/)).toBeInTheDocument());
  });

  it('keyboard: ↓ moves, Space toggles reviewed (saved), / focuses the search', async () => {
    const { fake, user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    grid().focus();
    expect(grid()).toHaveAttribute('aria-activedescendant', 'tx-row-0');
    await user.keyboard('{ArrowDown}');
    expect(grid()).toHaveAttribute('aria-activedescendant', 'tx-row-1');
    expect(dataRows()[1]).toHaveClass('is-focused');
    await user.keyboard('[Space]');
    await waitFor(() => expect(fake.calls('transactions.setReviewed')).toHaveLength(1));
    expect(fake.calls('transactions.setReviewed')[0]!.input).toEqual({ reviewed: true, target: { ids: [2] } });
    expect(within(dataRows()[1]!).getByRole('checkbox', { name: /^Reviewed:/ })).toBeChecked();
    await user.keyboard('[Space]');
    await waitFor(() => expect(fake.calls('transactions.setReviewed')).toHaveLength(2));
    expect(within(dataRows()[1]!).getByRole('checkbox', { name: /^Reviewed:/ })).not.toBeChecked();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(grid()).toHaveAttribute('aria-activedescendant', 'tx-row-0');
    await user.keyboard('/');
    expect(screen.getByRole('searchbox')).toHaveFocus();
  });

  it('review: a failed save puts the checkbox back and says why', async () => {
    const { user } = setup({
      'transactions.setReviewed': () => {
        throw new FakeFailure({ code: 'store-damaged', message: 'The database could not be written. Open Settings to restore the last good copy.' });
      },
    });
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    const box = within(dataRows()[0]!).getByRole('checkbox', { name: /^Reviewed:/ });
    await user.click(box);
    expect(await screen.findByText(/could not be written/)).toBeInTheDocument();
    expect(box).not.toBeChecked();
  });

  it('selection and "all filtered": marks several rows reviewed', async () => {
    const { fake, user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    await user.click(within(dataRows()[0]!).getByRole('checkbox', { name: /^Select/ }));
    await user.click(within(dataRows()[2]!).getByRole('checkbox', { name: /^Select/ }));
    await user.click(screen.getByRole('button', { name: 'Mark selected reviewed' }));
    await waitFor(() => expect(fake.calls('transactions.setReviewed')).toHaveLength(1));
    expect(fake.calls('transactions.setReviewed')[0]!.input).toEqual({ reviewed: true, target: { ids: [3, 1] } });
    expect(await screen.findByText('2 transactions marked reviewed.')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox'), 'salary');
    await waitFor(() => expect(dataRows()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Mark all 1 filtered reviewed' }));
    await waitFor(() => expect(fake.calls('transactions.setReviewed')).toHaveLength(2));
    expect(fake.calls('transactions.setReviewed')[1]!.input).toEqual({ reviewed: true, target: { filter: { scope: { kind: 'account', accountId: 10 }, text: 'salary' } } });
  });

  it('notes: N opens the editor, Save stores it, the row shows it; Remove clears it', async () => {
    const { fake, user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    grid().focus();
    await user.keyboard('{ArrowDown}n');
    const dialog = await screen.findByRole('dialog', { name: 'Add a note' });
    const box = within(dialog).getByRole('textbox', { name: 'Note' });
    expect(box).toHaveFocus();
    await user.type(box, 'Invoice 2024-17');
    await user.click(within(dialog).getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.calls('transactions.setNote')[0]!.input).toEqual({ id: 2, note: 'Invoice 2024-17' });
    expect(within(dataRows()[1]!).getByRole('button', { name: /Edit note for .*Invoice 2024-17/ })).toHaveTextContent('Invoice 2024-17');
    expect(grid()).toHaveFocus();

    await user.click(within(dataRows()[2]!).getByRole('button', { name: /Edit note for/ }));
    const edit = await screen.findByRole('dialog', { name: 'Edit note' });
    expect(within(edit).getByRole('textbox', { name: 'Note' })).toHaveValue('receipt in drawer');
    await user.click(within(edit).getByRole('button', { name: 'Remove note' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.calls('transactions.setNote')[1]!.input).toEqual({ id: 1, note: null });
    expect(within(dataRows()[2]!).getByRole('button', { name: /Add note for/ })).toBeInTheDocument();

    // Escape cancels without saving.
    grid().focus();
    await user.keyboard('n');
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fake.calls('transactions.setNote')).toHaveLength(2);
  });

  it('ignore asks first, then hides the row', async () => {
    const { fake, user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    grid().focus();
    await user.keyboard('{Delete}');
    const dialog = await screen.findByRole('dialog', { name: 'Ignore this transaction?' });
    expect(dialog).toHaveTextContent('will not bring them back');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.calls('transactions.ignore')).toHaveLength(0);
    await user.keyboard('{Delete}');
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Ignore transaction' }));
    await waitFor(() => expect(dataRows()).toHaveLength(2));
    expect(fake.calls('transactions.ignore')[0]!.input).toEqual({ ids: [3] });
    expect(screen.getByText(/1 transaction ignored/)).toBeInTheDocument();
  });

  it('export buttons download the file of the current filter, or the open statement', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:fake';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    const { fake, user } = setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Export this account as CSV' }));
    await waitFor(() => expect(clicks).toHaveLength(1));
    expect(fake.calls('export.create')[0]!.input).toEqual({ format: 'csv', scope: { filter: { scope: { kind: 'account', accountId: 10 } }, sort: { column: 'date', direction: 'desc' } } });
    expect(clicks[0]!.download).toBe('transactions-current-account-2024-03-10.csv');
    expect(clicks[0]!.href).toBe('blob:fake');
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
    expect(await created[0]!.text()).toBe('Date,Amount\r\n');
    expect(screen.getByText(/Exported 3 transactions/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /^Statement/ }));
    await waitFor(() => expect(dataRows()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Export this statement as OFX' }));
    await user.click(await screen.findByRole('button', { name: 'Export this statement as CAMT.053' }));
    await waitFor(() => expect(fake.calls('export.create')).toHaveLength(3));
    expect(fake.calls('export.create')[1]!.input).toEqual({ format: 'ofx', scope: { statementId: 100 } });
    expect(fake.calls('export.create')[2]!.input).toEqual({ format: 'camt053', scope: { statementId: 100 } });
  });

  it('empty store: explains how to get statements', async () => {
    setup({ 'statements.tree': () => ({ connections: [] }) });
    expect(await screen.findByRole('heading', { name: 'Nothing imported yet' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Go to Online Synchronization' })).toBeInTheDocument();
  });

  it('error loading: says what happened and offers to try again', async () => {
    let fail = true;
    const { user } = setup({
      'statements.tree': () => {
        if (fail) throw new FakeFailure({ code: 'store-damaged', message: 'The database file is damaged. Open Settings to restore the last good copy; the damaged file is kept.' });
        return TREE;
      },
    });
    expect(await screen.findByText(/Open Settings to restore/)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(dataRows()).toHaveLength(3));
  });

  it('offline: a quiet note, no dialog; gone when back online', async () => {
    setup();
    await waitFor(() => expect(dataRows()).toHaveLength(3));
    expect(screen.queryByText(/Offline/)).not.toBeInTheDocument();
    const spy = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(screen.getByText('Offline · everything here still works')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    spy.mockReturnValue(true);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(screen.queryByText(/Offline/)).not.toBeInTheDocument();
  });
});
