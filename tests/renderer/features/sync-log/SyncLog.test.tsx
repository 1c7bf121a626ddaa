import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SyncLogView, SyncRunView } from '../../../../shared/contract/index.js';
import { SyncLog } from '../../../../renderer/features/sync-log/SyncLog.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';

const run = (o: Partial<SyncRunView>): SyncRunView => ({
  runId: 1,
  connectionId: 5,
  trigger: 'manual',
  status: 'done',
  startedAt: '2025-06-16T10:00:00.000Z',
  finishedAt: '2025-06-16T10:00:05.000Z',
  refreshed: true,
  refreshNote: 'Refreshed at the bank from 2025-06-09.',
  fetched: 40,
  added: 12,
  updated: 1,
  skipped: 27,
  summary: 'Imported 12 new transactions from 1 account after a refresh at the bank.',
  accounts: [
    {
      accountId: 3,
      accountName: 'Current account',
      currency: 'EUR',
      fetched: 40,
      added: 12,
      addedPending: 2,
      replacedPending: 1,
      updatedPending: 0,
      droppedPending: 0,
      skippedDuplicates: 27,
      skippedIgnored: 0,
      changedAtBank: 0,
      flagged: 0,
      statement: null,
      error: null,
      words: ['40 rows received from Salt Edge.', '12 new transactions were imported.'],
    },
  ],
  error: null,
  canUndo: true,
  ...o,
});

const log = (runs: SyncRunView[], running: SyncLogView['running'] = null): SyncLogView => ({ connectionId: 5, running, runs });

describe('SyncLog', () => {
  it('shows each run in words, with errors, class and request id', async () => {
    const fake = createFakeApi({
      'sync.log': () =>
        log([
          run({ runId: 2, canUndo: true }),
          run({
            runId: 1,
            trigger: 'scheduled',
            status: 'failed',
            canUndo: false,
            accounts: [],
            summary: 'Failed, nothing was imported: The bank is not answering. (error ProviderUnavailable, request id req-77)',
            error: { errorClass: 'ProviderUnavailable', requestId: 'req-77', message: 'The bank is not answering.' },
          }),
        ]),
    });
    render(fake.wrap(<SyncLog connectionId={5} />));
    expect(await screen.findByText('Imported 12 new transactions from 1 account after a refresh at the bank.')).toBeInTheDocument();
    expect(screen.getByText(/40 rows received from Salt Edge\. 12 new transactions were imported\./)).toBeInTheDocument();
    expect(screen.getByText(/request id req-77/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Automatic synchronisation, .* — Failed/ })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Undo this import' })).toHaveLength(1);
    expect(fake.calls('sync.log')).toEqual([{ name: 'sync.log', input: { connectionId: 5 } }]);
  });

  it('undoes an import only after confirmation, then reloads the log', async () => {
    const user = userEvent.setup();
    let current = log([run({ runId: 2 })]);
    const fake = createFakeApi({
      'sync.log': () => current,
      'sync.undoRun': ({ runId }) => {
        current = log([run({ runId, status: 'undone', canUndo: false, summary: 'Undone: the transactions and statements of this import were removed and replaced pending rows put back.' })]);
        return { runId, removedTransactions: 13, removedStatements: 1, restoredPending: 1, message: 'Import undone: 13 rows and 1 statement removed, 1 pending row put back.' };
      },
    });
    render(fake.wrap(<SyncLog connectionId={5} />));
    await user.click(await screen.findByRole('button', { name: 'Undo this import' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Undo this import?' });
    expect(within(dialog).getByText(/removes the 12 transactions/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(fake.calls('sync.undoRun')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Undo this import' }));
    await user.click(screen.getByRole('button', { name: 'Undo import' }));
    expect(await screen.findByText('Import undone: 13 rows and 1 statement removed, 1 pending row put back.')).toBeInTheDocument();
    expect(fake.calls('sync.undoRun')).toEqual([{ name: 'sync.undoRun', input: { runId: 2 } }]);
    expect(await screen.findByText(/— Undone/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo this import' })).toBeNull();
  });

  it('explains a refused undo', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'sync.log': () => log([run({ runId: 2 })]),
      'sync.undoRun': () => {
        throw new FakeFailure({ code: 'conflict', message: 'A newer import of this connection exists. Undo the newer imports first, newest first.' });
      },
    });
    render(fake.wrap(<SyncLog connectionId={5} />));
    await user.click(await screen.findByRole('button', { name: 'Undo this import' }));
    await user.click(screen.getByRole('button', { name: 'Undo import' }));
    expect(await screen.findByText(/Undo the newer imports first/)).toBeInTheDocument();
  });

  it('shows a running synchronisation with progress, can cancel it, and reloads when it ends', async () => {
    const user = userEvent.setup();
    let current = log([], { runId: 9, trigger: 'manual', startedAt: '2025-06-16T10:00:00.000Z', progress: null });
    const fake = createFakeApi({ 'sync.log': () => current, 'sync.cancel': () => ({ cancelled: true }) });
    render(fake.wrap(<SyncLog connectionId={5} />));
    expect(await screen.findByText('Synchronising…')).toBeInTheDocument();
    act(() =>
      fake.emit('sync.progress', { runId: 9, connectionId: 5, phase: 'fetching', accountId: 3, accountName: 'Current account', page: 2, fetched: 1500, totalAccounts: 2, doneAccounts: 1, message: 'Current account: transactions, page 2 (1500 rows so far)' }),
    );
    expect(screen.getByText('Current account: transactions, page 2 (1500 rows so far)')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Synchronisation progress' })).toHaveAttribute('value', '1');
    // another connection's progress is not shown here
    act(() => fake.emit('sync.progress', { runId: 10, connectionId: 6, phase: 'fetching', fetched: 1, totalAccounts: 1, doneAccounts: 0, message: 'other bank' }));
    expect(screen.queryByText('other bank')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Cancel synchronisation' }));
    expect(fake.calls('sync.cancel')).toEqual([{ name: 'sync.cancel', input: { runId: 9 } }]);
    current = log([run({ runId: 9, status: 'cancelled', canUndo: false, accounts: [], summary: 'Cancelled by you: nothing was changed.' })]);
    act(() => fake.emit('sync.finished', { runId: 9, connectionId: 5, status: 'cancelled', summary: 'Cancelled by you: nothing was changed.' }));
    expect(await screen.findByText('Cancelled by you: nothing was changed.')).toBeInTheDocument();
    expect(screen.queryByText('Synchronising…')).toBeNull();
  });
});
