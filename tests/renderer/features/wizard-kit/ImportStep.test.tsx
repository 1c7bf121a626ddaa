import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '../../../../shared/contract/index.js';
import { ImportStep } from '../../../../renderer/features/wizard-kit/ImportStep.js';
import { createFakeApi } from '../../fake-api.js';
import { deferred, importResult, syncProgress } from '../wizard-fixtures.js';

describe('ImportStep', () => {
  it('shows the progress of its connection from sync.progress events and reports the result', async () => {
    const fake = createFakeApi({});
    const run = deferred<ImportResult>();
    const onFinished = vi.fn();
    render(fake.wrap(<ImportStep connectionId={1} run={run.promise} onFinished={onFinished} />));
    const bar = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '5');
    expect(bar).toHaveAttribute('aria-valuetext', 'Starting the import');
    expect(screen.getByRole('status')).toHaveTextContent('Starting the import…');

    act(() => fake.emit('sync.progress', syncProgress({ connectionId: 2, totalAccounts: 4, doneAccounts: 3, message: 'Another bank' })));
    expect(bar).toHaveAttribute('aria-valuenow', '5');
    expect(screen.getByRole('status')).not.toHaveTextContent('Another bank');

    act(() => fake.emit('sync.progress', syncProgress({ totalAccounts: 2, doneAccounts: 0, message: 'Reading Current account' })));
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByRole('status')).toHaveTextContent(/^Reading Current account$/);

    act(() => fake.emit('sync.progress', syncProgress({ totalAccounts: 2, doneAccounts: 1, fetched: 40, message: 'Reading Savings' })));
    expect(bar).toHaveAttribute('aria-valuenow', '75');
    expect(bar).toHaveAttribute('aria-valuetext', 'Reading Savings');
    expect(screen.getByRole('status')).toHaveTextContent('Reading Savings (40 transactions received)');

    act(() => fake.emit('sync.progress', syncProgress({ phase: 'done', totalAccounts: 2, doneAccounts: 2, fetched: 55, message: 'Done' })));
    expect(bar).toHaveAttribute('aria-valuenow', '100');
    expect(onFinished).not.toHaveBeenCalled();

    const result = importResult({ summary: 'Imported 55 transactions from 2 accounts.' });
    await act(async () => run.resolve(result));
    expect(onFinished).toHaveBeenCalledWith(result);
  });

  it('without a known connection it follows any progress; a failed import is reported as failed', async () => {
    const fake = createFakeApi({});
    const run = deferred<ImportResult>();
    const onFinished = vi.fn();
    render(fake.wrap(<ImportStep connectionId={null} run={run.promise} onFinished={onFinished} />));
    act(() => fake.emit('sync.progress', syncProgress({ connectionId: 9, totalAccounts: 1, doneAccounts: 0, message: 'Reading Current account' })));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
    const err = new Error('The import stopped.');
    await act(async () => run.reject(err));
    expect(onFinished).toHaveBeenCalledWith({ failed: err });
  });

  it('stops listening once it is gone', async () => {
    const fake = createFakeApi({});
    const run = deferred<ImportResult>();
    const onFinished = vi.fn();
    const { unmount } = render(fake.wrap(<ImportStep connectionId={1} run={run.promise} onFinished={onFinished} />));
    unmount();
    await act(async () => run.resolve(importResult()));
    expect(onFinished).not.toHaveBeenCalled();
  });
});
