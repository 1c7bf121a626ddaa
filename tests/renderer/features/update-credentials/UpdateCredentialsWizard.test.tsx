import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowView } from '../../../../shared/contract/index.js';
import { useAppInfo } from '../../../../renderer/app/app-info-store.js';
import { UpdateCredentialsWizard } from '../../../../renderer/features/update-credentials/UpdateCredentialsWizard.js';
import { daysAgoIso } from '../../../../renderer/features/wizard-kit/format.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';
import { connectionView, flowView, saltEdgeError } from '../wizard-fixtures.js';

const expired = connectionView({
  health: 'needs-attention',
  consent: { id: '9', state: 'expired', expiresAt: '2026-01-02T00:00:00Z', daysLeft: -3, scopes: ['accounts', 'transactions'], fromDate: '2025-10-01', revokedAt: null },
});
const other = connectionView({ id: 2, saltedgeId: '200', providerName: 'Fake Bank Two', accounts: [] });
const started = flowView({ mode: 'update-credentials', connectionId: 1 });
const later = (patch: Partial<FlowView>) => ({ ...started, updatedAt: '2026-01-01T00:02:00Z', ...patch });

function setup(extra: Parameters<typeof createFakeApi>[0] = {}) {
  return createFakeApi({
    'connections.list': () => ({ connections: [expired, other], customer: { email: 'owner@example.com', phone: null } }),
    'flow.start': () => started,
    'flow.get': () => started,
    'flow.cancel': () => later({ state: 'cancelled' }),
    ...extra,
  });
}

const currentStep = () => within(screen.getByRole('navigation', { name: 'Steps' })).getByRole('listitem', { current: 'step' });
const consentBox = () => screen.getByRole('checkbox', { name: /I consent to Salt Edge/ });

beforeEach(() => {
  useAppInfo.setState({ info: null, error: null });
  vi.spyOn(window, 'open').mockImplementation(() => null);
});
afterEach(() => vi.restoreAllMocks());

describe('update credentials wizard', () => {
  it('from a connection: consent required, then Salt Edge, and it ends with the connection active again', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const onClose = vi.fn();
    render(fake.wrap(<UpdateCredentialsWizard connectionId={1} onClose={onClose} />));
    expect(await screen.findByRole('region', { name: 'Update credentials: Fake Bank Simple' })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('Consent');
    expect(screen.getByText(/Connection:/)).toHaveTextContent('Connection: Fake Bank Simple · consent expired 2 Jan 2026');
    expect(screen.getByText(/This reactivates the connection/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick the box to give your consent before continuing');
    expect(fake.calls('flow.start')).toHaveLength(0);

    await user.click(consentBox());
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(await screen.findByRole('heading', { name: 'Continue at Salt Edge' })).toBeInTheDocument();
    expect(fake.calls('flow.start').map((c) => c.input)).toEqual([
      // The previous consent read from 2025-10-01: the new one keeps that history, as far back as Salt Edge allows (365 days).
      { mode: 'update-credentials', connectionId: 1, consent: { accepted: true, fromDate: daysAgoIso(365), periodDays: 90, scopes: ['accounts', 'transactions'] } },
    ]);
    expect(window.open).toHaveBeenCalledWith('http://127.0.0.1:1/connect/x', '_blank', 'noopener');
    expect(currentStep()).toHaveTextContent('Salt Edge');
    expect(screen.getByRole('status')).toHaveTextContent('log in at your bank again');
    await vi.waitFor(() => expect(fake.calls('flow.get').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789' }]));

    act(() => fake.emit('flow.changed', later({ state: 'confirming' })));
    expect(screen.getByRole('heading', { name: 'Checking the result with Salt Edge…' })).toBeInTheDocument();
    act(() => fake.emit('flow.changed', later({ state: 'done', updatedAt: '2026-01-01T00:03:00Z', result: { status: 'active', accounts: 1, newAccounts: 0 } })));
    expect(await screen.findByRole('heading', { name: 'Done' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Fake Bank Simple is active again; its consent and accounts were refreshed.');
    expect(currentStep()).toHaveTextContent('Done');
    // Update credentials chooses no accounts and imports nothing.
    expect(fake.calls('flow.accounts')).toHaveLength(0);
    expect(fake.calls('flow.importAccounts')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'See the statements' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back to Online Synchronization' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(fake.calls('flow.cancel')).toHaveLength(0);
  });

  it('ignores flow events of other flows', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<UpdateCredentialsWizard connectionId={1} onClose={() => {}} />));
    await user.click(await screen.findByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    await screen.findByRole('heading', { name: 'Continue at Salt Edge' });
    act(() => fake.emit('flow.changed', later({ id: 'flow_someoneelse', state: 'done', result: { status: 'active', accounts: 1, newAccounts: 0 } })));
    expect(screen.getByRole('heading', { name: 'Continue at Salt Edge' })).toBeInTheDocument();
  });

  it('without a connection: one must be chosen first; Back returns to it with the choice kept', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<UpdateCredentialsWizard connectionId={null} onClose={() => {}} />));
    expect(screen.getByRole('heading', { name: 'Which connection?' })).toBeInTheDocument();
    expect(currentStep()).toHaveTextContent('Connection');
    const select = screen.getByLabelText('Connection');
    await within(select).findByRole('option', { name: 'Fake Bank Two' });
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user.selectOptions(select, 'Fake Bank Two');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('region', { name: 'Update credentials: Fake Bank Two' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'What you consent to' })).toHaveTextContent('Fake Bank Two');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByLabelText('Connection')).toHaveValue('2');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(consentBox());
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    await screen.findByRole('heading', { name: 'Continue at Salt Edge' });
    expect(fake.calls('flow.start')[0]!.input).toMatchObject({ mode: 'update-credentials', connectionId: 2 });
  });

  it('an error starting the flow stays on the consent step with the message and details; trying again works', async () => {
    const user = userEvent.setup();
    let fail = true;
    const fake = setup({
      'flow.start': () => {
        if (fail) throw new FakeFailure(saltEdgeError({ title: 'Too many attempts', message: 'Wait a minute, then try again.', details: { errorClass: 'RateLimitExceeded', requestId: 'req-rl' } }));
        return started;
      },
    });
    render(fake.wrap(<UpdateCredentialsWizard connectionId={1} onClose={() => {}} />));
    await user.click(await screen.findByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many attempts');
    expect(alert).toHaveTextContent('Wait a minute, then try again.');
    expect(within(alert).getByText('Details for support')).toBeInTheDocument();
    expect(alert).toHaveTextContent('RateLimitExceeded');
    expect(alert).toHaveTextContent('req-rl');
    expect(currentStep()).toHaveTextContent('Consent');
    expect(window.open).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Continue to Salt Edge' })).toBeEnabled();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(await screen.findByRole('heading', { name: 'Continue at Salt Edge' })).toBeInTheDocument();
    expect(fake.calls('flow.start')).toHaveLength(2);
  });

  it('a failure at Salt Edge shows the error screen; Start again goes back to an unticked consent', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<UpdateCredentialsWizard connectionId={1} onClose={() => {}} />));
    await user.click(await screen.findByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    await screen.findByRole('heading', { name: 'Continue at Salt Edge' });
    act(() =>
      fake.emit(
        'flow.changed',
        later({ state: 'failed', error: saltEdgeError({ title: 'Wrong login', message: 'Check the user name and password at your bank.', details: { errorClass: 'InvalidCredentials', requestId: 'req-ic' } }) }),
      ),
    );
    expect(await screen.findByRole('heading', { name: 'Salt Edge could not finish this step' })).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Check the user name and password at your bank.');
    expect(alert).toHaveTextContent('InvalidCredentials');
    expect(alert).toHaveTextContent('req-ic');

    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(currentStep()).toHaveTextContent('Consent');
    expect(consentBox()).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick the box to give your consent before continuing');
    expect(fake.calls('flow.start')).toHaveLength(1);
  });

  it('the user cancelling at Salt Edge ends on "Cancelled"; closing the wizard while waiting cancels the flow', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const onClose = vi.fn();
    render(fake.wrap(<UpdateCredentialsWizard connectionId={1} onClose={onClose} />));
    await user.click(await screen.findByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    await screen.findByRole('heading', { name: 'Continue at Salt Edge' });

    const frame = screen.getByRole('region', { name: 'Update credentials: Fake Bank Simple' });
    await user.click(within(frame).getAllByRole('button', { name: 'Close' })[0]!);
    expect(onClose).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.calls('flow.cancel').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789' }]));

    act(() => fake.emit('flow.changed', later({ state: 'cancelled' })));
    expect(await screen.findByRole('heading', { name: 'Cancelled' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Nothing was linked or changed.');
  });

  it('a connection that comes back inactive is said plainly, not "active again"', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<UpdateCredentialsWizard connectionId={1} onClose={() => {}} />));
    await user.click(await screen.findByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    await screen.findByRole('heading', { name: 'Continue at Salt Edge' });
    act(() => fake.emit('flow.changed', later({ state: 'done', result: { status: 'inactive', accounts: 1, newAccounts: 0 } })));
    expect(await screen.findByRole('heading', { name: 'Done' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Fake Bank Simple is now inactive');
    expect(screen.getByRole('status')).not.toHaveTextContent('active again');
  });
});
