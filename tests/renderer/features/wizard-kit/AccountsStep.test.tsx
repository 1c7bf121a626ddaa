import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '../../../../shared/contract/index.js';
import { AccountsStep } from '../../../../renderer/features/wizard-kit/AccountsStep.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';
import { flowAccount, flowAccounts, importResult, saltEdgeError } from '../wizard-fixtures.js';

const known = flowAccount();
const savings = flowAccount({ saltedgeId: '301', accountId: null, name: 'Savings', nature: 'savings', iban: null, accountNumber: '000-301', balance: 500000, isNew: true, enabled: false });
const card = flowAccount({ saltedgeId: '302', accountId: null, name: 'Credit card', nature: 'credit_card', currency: 'USD', iban: null, balance: -2550, isNew: true, enabled: false });

function setup(accounts = [known, savings, card], extra: Parameters<typeof createFakeApi>[0] = {}) {
  return createFakeApi({
    'flow.accounts': () => flowAccounts(accounts),
    'flow.importAccounts': () => importResult(),
    ...extra,
  });
}

const rowOf = (name: string) => screen.getByRole('checkbox', { name: `Import ${name}` }).closest('tr') as HTMLElement;

describe('AccountsStep', () => {
  it('lists every account with name, number/IBAN, currency and balance, all chosen; the import gets exactly the chosen ones', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const onImport = vi.fn<(run: Promise<ImportResult>, chosen: number) => void>();
    render(fake.wrap(<AccountsStep flowId="flow_123456789" onlyNew={false} onImport={onImport} onSkip={() => {}} />));
    expect(await screen.findByRole('heading', { name: 'Choose the accounts to import' })).toBeInTheDocument();
    expect(fake.calls('flow.accounts').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789' }]);

    expect(within(rowOf('Current account')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['', 'Current accountaccount', 'XF001', 'EUR', '€123.45']);
    expect(rowOf('Savings')).toHaveTextContent('000-301');
    expect(rowOf('Savings')).toHaveTextContent('New');
    expect(rowOf('Credit card')).toHaveTextContent('credit card');
    expect(rowOf('Credit card')).toHaveTextContent('-US$25.50');
    expect(rowOf('Current account')).not.toHaveTextContent('New');
    for (const name of ['Current account', 'Savings', 'Credit card']) expect(screen.getByRole('checkbox', { name: `Import ${name}` })).toBeChecked();
    expect(screen.getByLabelText('Import transactions from')).toHaveValue('2025-10-01');
    expect(screen.getByText('Your consent covers transactions from 1 Oct 2025 on.')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Import Savings' }));
    await user.click(screen.getByRole('button', { name: 'Import 2 accounts' }));
    expect(fake.calls('flow.importAccounts').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789', accountIds: ['300', '302'], fromDate: '2025-10-01' }]);
    expect(onImport).toHaveBeenCalledTimes(1);
    const [run, chosen] = onImport.mock.calls[0]!;
    expect(chosen).toBe(2);
    await expect(run).resolves.toMatchObject({ ok: true, summary: 'Imported 12 transactions from 1 account.' });
  });

  it('fetch accounts (onlyNew) offers only the accounts that are new', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const onImport = vi.fn();
    render(fake.wrap(<AccountsStep flowId="flow_123456789" onlyNew onImport={onImport} onSkip={() => {}} />));
    expect(await screen.findByRole('heading', { name: 'New accounts found' })).toBeInTheDocument();
    expect(screen.getByText(/your existing accounts stay exactly as they are/)).toBeInTheDocument();
    expect(screen.getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['Import Savings', 'Import Credit card']);
    expect(screen.queryByText('Current account')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import 2 accounts' }));
    expect(fake.calls('flow.importAccounts')[0]!.input).toEqual({ flowId: 'flow_123456789', accountIds: ['301', '302'], fromDate: '2025-10-01' });
  });

  it('validates: at least one account, and a start date that is set, not in the future and not before the consent', async () => {
    const user = userEvent.setup();
    const fake = setup([known]);
    const onImport = vi.fn();
    render(fake.wrap(<AccountsStep flowId="flow_123456789" onlyNew={false} onImport={onImport} onSkip={() => {}} />));
    await user.click(await screen.findByRole('checkbox', { name: 'Import Current account' }));
    await user.click(screen.getByRole('button', { name: 'Import 0 accounts' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one account to import');

    await user.click(screen.getByRole('checkbox', { name: 'Import Current account' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    const from = screen.getByLabelText('Import transactions from');
    const tryDate = async (value: string) => {
      fireEvent.change(from, { target: { value } });
      await user.click(screen.getByRole('button', { name: 'Import 1 account' }));
    };
    await tryDate('');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a start date');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    await tryDate('2999-01-01');
    expect(screen.getByRole('alert')).toHaveTextContent('The start date cannot be in the future');
    await tryDate('2025-09-30');
    expect(screen.getByRole('alert')).toHaveTextContent('Your consent covers transactions from 1 Oct 2025 on: choose that date or a later one');
    expect(fake.calls('flow.importAccounts')).toHaveLength(0);
    expect(onImport).not.toHaveBeenCalled();

    await tryDate('2025-11-15');
    expect(from).not.toHaveAttribute('aria-invalid');
    expect(fake.calls('flow.importAccounts').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789', accountIds: ['300'], fromDate: '2025-11-15' }]);
    expect(onImport).toHaveBeenCalledWith(expect.any(Promise), 1);
  });

  it('"Not now" skips the import; no new accounts says so and finishes', async () => {
    const user = userEvent.setup();
    const onSkip = vi.fn();
    const fake = setup();
    const { unmount } = render(fake.wrap(<AccountsStep flowId="flow_123456789" onlyNew={false} onImport={() => {}} onSkip={onSkip} />));
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(onSkip).toHaveBeenLastCalledWith(false);
    unmount();

    const none = setup([known]);
    render(none.wrap(<AccountsStep flowId="flow_123456789" onlyNew onImport={() => {}} onSkip={onSkip} />));
    expect(await screen.findByRole('heading', { name: 'No new accounts' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your existing accounts keep their settings.');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    expect(onSkip).toHaveBeenLastCalledWith(true);
    expect(none.calls('flow.importAccounts')).toHaveLength(0);
  });

  it('a failure to read the accounts shows the message and its details', async () => {
    const fake = setup([], {
      'flow.accounts': () => {
        throw new FakeFailure(saltEdgeError({ title: 'The connection is not ready', message: 'Try again in a minute.', details: { errorClass: 'ConnectionNotFound', requestId: 'req-5' } }));
      },
    });
    render(fake.wrap(<AccountsStep flowId="flow_123456789" onlyNew={false} onImport={() => {}} onSkip={() => {}} />));
    expect(screen.getByRole('status')).toHaveTextContent('Loading the accounts…');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The connection is not ready');
    expect(alert).toHaveTextContent('ConnectionNotFound');
    expect(alert).toHaveTextContent('req-5');
  });
});
