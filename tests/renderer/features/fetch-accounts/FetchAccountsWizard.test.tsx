import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowView, ImportResult } from '../../../../shared/contract/index.js';
import { useAppInfo } from '../../../../renderer/app/app-info-store.js';
import { useNavigation } from '../../../../renderer/app/navigation-store.js';
import { FetchAccountsWizard } from '../../../../renderer/features/fetch-accounts/FetchAccountsWizard.js';
import { createFakeApi } from '../../fake-api.js';
import { connectionView, deferred, flowAccount, flowAccounts, flowView, importResult, saltEdgeError, syncProgress } from '../wizard-fixtures.js';

const known = flowAccount();
const savings = flowAccount({ saltedgeId: '301', accountId: null, name: 'Savings', iban: 'XF301', balance: 500000, isNew: true, enabled: false });
const deposit = flowAccount({ saltedgeId: '302', accountId: null, name: 'Deposit', iban: 'XF302', balance: 100, isNew: true, enabled: false });

const started = flowView({ mode: 'fetch-accounts', connectionId: 1 });
const done = (patch: Partial<FlowView> = {}): FlowView => ({
  ...started, state: 'done', updatedAt: '2026-01-01T00:02:00Z', result: { status: 'active', accounts: 3, newAccounts: 2 }, ...patch,
});

function setup(extra: Parameters<typeof createFakeApi>[0] = {}) {
  return createFakeApi({
    'connections.list': () => ({ connections: [connectionView()], customer: null }),
    'flow.start': () => started,
    'flow.get': () => started,
    'flow.cancel': () => ({ ...started, state: 'cancelled' }),
    'flow.accounts': () => flowAccounts([known, savings, deposit]),
    'flow.importAccounts': () => importResult(),
    ...extra,
  });
}

const currentStep = () => within(screen.getByRole('navigation', { name: 'Steps' })).getByRole('listitem', { current: 'step' });

/** Consent → Salt Edge → the flow is confirmed. */
async function throughSaltEdge(user: ReturnType<typeof userEvent.setup>, fake: ReturnType<typeof setup>) {
  await user.click(await screen.findByRole('checkbox', { name: /I consent to Salt Edge/ }));
  await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
  await screen.findByRole('heading', { name: 'Continue at Salt Edge' });
  await vi.waitFor(() => expect(fake.calls('flow.get')).toHaveLength(1));
  act(() => fake.emit('flow.changed', done()));
}

beforeEach(() => {
  useAppInfo.setState({ info: null, error: null });
  useNavigation.setState({ page: 'online-sync' });
  vi.spyOn(window, 'open').mockImplementation(() => null);
});
afterEach(() => vi.restoreAllMocks());

describe('fetch accounts wizard', () => {
  it('starts only with the consent ticked, in fetch-accounts mode for the connection', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<FetchAccountsWizard connectionId={1} onClose={() => {}} />));
    expect(await screen.findByRole('region', { name: 'Fetch accounts: Fake Bank Simple' })).toBeInTheDocument();
    expect(screen.getByText(/so accounts opened since the last fetch can be added/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick the box to give your consent before continuing');
    expect(fake.calls('flow.start')).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: /I consent to Salt Edge/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(await screen.findByRole('heading', { name: 'Continue at Salt Edge' })).toBeInTheDocument();
    expect(fake.calls('flow.start')[0]!.input).toMatchObject({ mode: 'fetch-accounts', connectionId: 1, consent: { accepted: true } });
    expect(screen.getByRole('status')).toHaveTextContent('confirm that Salt Edge may read your accounts again');
  });

  it('lists only the new accounts, imports exactly the chosen ones with progress, and ends on the statements', async () => {
    const user = userEvent.setup();
    const run = deferred<ImportResult>();
    const fake = setup({ 'flow.importAccounts': () => run.promise });
    const onClose = vi.fn();
    render(fake.wrap(<FetchAccountsWizard connectionId={1} onClose={onClose} />));
    await throughSaltEdge(user, fake);

    expect(await screen.findByRole('heading', { name: 'New accounts found' })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('New accounts');
    expect(fake.calls('flow.accounts').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789' }]);
    const table = screen.getByRole('table', { name: 'Accounts at the bank' });
    expect(within(table).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['Import Savings', 'Import Deposit']);
    expect(within(table).queryByText('Current account')).not.toBeInTheDocument();
    expect(within(table).getByText('XF301')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Import Deposit' }));
    await user.click(screen.getByRole('button', { name: 'Import 1 account' }));
    expect(fake.calls('flow.importAccounts').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789', accountIds: ['301'], fromDate: '2025-10-01' }]);

    expect(await screen.findByRole('heading', { name: 'Importing transactions…' })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('Import');
    act(() => fake.emit('sync.progress', syncProgress({ connectionId: 1, totalAccounts: 1, doneAccounts: 0, fetched: 12, message: 'Reading Savings' })));
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByRole('status')).toHaveTextContent('Reading Savings (12 transactions received)');

    await act(async () => run.resolve(importResult({ summary: 'Imported 12 transactions from Savings.' })));
    expect(await screen.findByRole('heading', { name: 'Done' })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('Done');
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Salt Edge fetched the accounts of Fake Bank Simple again.');
    expect(status).toHaveTextContent('Imported 12 transactions from Savings.');
    await user.click(screen.getByRole('button', { name: 'See the statements' }));
    expect(useNavigation.getState().page).toBe('statements');
    await user.click(screen.getByRole('button', { name: 'Back to Online Synchronization' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('when nothing is new it says so, imports nothing and finishes', async () => {
    const user = userEvent.setup();
    const fake = setup({ 'flow.accounts': () => flowAccounts([known]) });
    render(fake.wrap(<FetchAccountsWizard connectionId={1} onClose={() => {}} />));
    await throughSaltEdge(user, fake);
    expect(await screen.findByRole('heading', { name: 'No new accounts' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    expect(screen.getByRole('heading', { name: 'Done' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Salt Edge fetched the accounts of Fake Bank Simple again.');
    expect(screen.getByRole('status')).not.toHaveTextContent('No account was chosen');
    expect(fake.calls('flow.importAccounts')).toHaveLength(0);
  });

  it('"Not now" adds nothing and says the accounts can be switched on later', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<FetchAccountsWizard connectionId={1} onClose={() => {}} />));
    await throughSaltEdge(user, fake);
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(screen.getByRole('status')).toHaveTextContent('No account was chosen. You can switch accounts on later on the Online Synchronization page.');
    expect(fake.calls('flow.importAccounts')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'See the statements' })).not.toBeInTheDocument();
  });

  it('an import that fails after the accounts were added shows the message and details', async () => {
    const user = userEvent.setup();
    const fake = setup({
      'flow.importAccounts': () =>
        importResult({
          ok: false,
          summary: 'The accounts were added; the import stopped.',
          error: saltEdgeError({ title: 'The bank is not answering', message: 'Synchronise again later.', details: { errorClass: 'ProviderUnavailable', requestId: 'req-imp' } }),
        }),
    });
    render(fake.wrap(<FetchAccountsWizard connectionId={1} onClose={() => {}} />));
    await throughSaltEdge(user, fake);
    await user.click(await screen.findByRole('button', { name: 'Import 2 accounts' }));
    // Fetch accounts did not link anything: the heading says only that the import stopped.
    expect(await screen.findByRole('heading', { name: 'The import did not finish' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('The accounts were added; the import stopped.');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Synchronise again later.');
    expect(alert).toHaveTextContent('ProviderUnavailable');
    expect(alert).toHaveTextContent('req-imp');
  });
});
