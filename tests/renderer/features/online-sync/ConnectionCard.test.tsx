import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionView, SyncNowResult } from '../../../../shared/contract/index.js';
import { ConnectionCard } from '../../../../renderer/features/online-sync/ConnectionCard.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';
import { connectionAccount, connectionView, dailySchedule, deferred, emptySyncLog, saltEdgeError } from '../wizard-fixtures.js';

function setup(connection: ConnectionView = connectionView(), extra: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({
    'sync.log': emptySyncLog,
    'sync.schedule.get': dailySchedule,
    'connections.sync': ({ connectionId }) => ({ connectionId, ok: true, summary: 'Imported 3 new transactions from 1 account.' }),
    'connections.revokeConsent': () => connectionView({ health: 'disconnected' }),
    'connections.setAccountEnabled': () => connection,
    'connections.delete': () => ({ outcome: 'deleted', consentRevoked: true, title: 'Deleted', message: 'The connection is deleted.', error: null }),
    'connections.finishLocalDelete': () => ({ deleted: true }),
    ...extra,
  });
  const handlers = { onUpdateCredentials: vi.fn(), onFetchAccounts: vi.fn(), onChanged: vi.fn() };
  render(fake.wrap(<ConnectionCard connection={connection} {...handlers} />));
  const card = screen.getByRole('article', { name: connection.providerName });
  const actions = within(card).getByRole('group', { name: `Actions for ${connection.providerName}` });
  return { fake, card, actions, ...handlers };
}

const consent = (patch: Partial<ConnectionView['consent']>): ConnectionView['consent'] => ({ ...connectionView().consent, ...patch });

describe('ConnectionCard', () => {
  it('shows the facts: institution, status, last sync, next refresh, consent, accounts', async () => {
    const { card, fake } = setup(connectionView({ nextRefreshPossibleAt: null }));
    expect(within(card).getByRole('heading', { name: 'Fake Bank Simple' })).toBeInTheDocument();
    expect(card).toHaveTextContent('XF · Salt Edge connection 100');
    expect(within(card).getByLabelText('Status: Active')).toHaveTextContent('Active');
    expect(within(card).getByText('Next refresh allowed').nextElementSibling).toHaveTextContent('Now');
    expect(within(card).getByText('Consent').nextElementSibling).toHaveTextContent('Valid until 1 Apr 2026');
    const row = within(card).getByRole('switch', { name: 'Import Current account' }).closest('tr')!;
    expect(row).toHaveTextContent('XF001');
    expect(row).toHaveTextContent('€123.45');
    expect(row).toHaveTextContent('from 1 Oct 2025');
    expect(within(card).queryByRole('status')).not.toBeInTheDocument();
    // the embedded sync log loads for this connection
    expect(await within(card).findByText('No synchronisation yet.')).toBeInTheDocument();
    expect(fake.calls('sync.log').map((c) => c.input)).toEqual([{ connectionId: 1, limit: 10 }]);
  });

  it('Synchronise now: the summary on success, and the card asks for a reload', async () => {
    const user = userEvent.setup();
    const pending = deferred<SyncNowResult>();
    const { fake, actions, card, onChanged } = setup(connectionView(), { 'connections.sync': () => pending.promise });
    await user.click(within(actions).getByRole('button', { name: 'Synchronise now' }));
    expect(within(actions).getByRole('button', { name: 'Synchronising…' })).toBeDisabled();
    expect(within(actions).getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(within(card).getByRole('switch', { name: 'Import Current account' })).toBeDisabled();
    pending.resolve({ connectionId: 1, ok: true, summary: 'Imported 3 new transactions from 1 account.' });
    expect(await within(card).findByText('Imported 3 new transactions from 1 account.')).toBeInTheDocument();
    expect(fake.calls('connections.sync').map((c) => c.input)).toEqual([{ connectionId: 1 }]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(within(actions).getByRole('button', { name: 'Synchronise now' })).toBeEnabled();
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('Synchronise now: a failure shows the message with the details fold (error class, request id); a later success clears it', async () => {
    const user = userEvent.setup();
    let fail = true;
    const { actions, card, onChanged } = setup(connectionView(), {
      'connections.sync': ({ connectionId }) => {
        if (fail) throw new FakeFailure(saltEdgeError({ title: 'Consent expired', message: 'Use Update credentials to renew it.', details: { errorClass: 'AispConsentExpired', requestId: 'r1' } }));
        return { connectionId, ok: true, summary: 'Nothing new.' };
      },
    });
    await user.click(within(actions).getByRole('button', { name: 'Synchronise now' }));
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Consent expired');
    expect(alert).toHaveTextContent('Use Update credentials to renew it.');
    const fold = within(alert).getByText('Details for support').closest('details')!;
    expect(within(fold).getByText('Error class').nextElementSibling).toHaveTextContent('AispConsentExpired');
    expect(within(fold).getByText('Request id').nextElementSibling).toHaveTextContent('r1');
    expect(onChanged).not.toHaveBeenCalled();

    fail = false;
    await user.click(within(actions).getByRole('button', { name: 'Synchronise now' }));
    expect(await within(card).findByText('Nothing new.')).toBeInTheDocument();
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('Update credentials and Fetch accounts open their wizards', async () => {
    const user = userEvent.setup();
    const { actions, onUpdateCredentials, onFetchAccounts } = setup();
    await user.click(within(actions).getByRole('button', { name: 'Update credentials' }));
    expect(onUpdateCredentials).toHaveBeenCalledTimes(1);
    await user.click(within(actions).getByRole('button', { name: 'Fetch accounts' }));
    expect(onFetchAccounts).toHaveBeenCalledTimes(1);
  });

  it('Revoke consent asks first: "Keep the consent" changes nothing; confirming revokes and says statements stay', async () => {
    const user = userEvent.setup();
    const { fake, actions, card, onChanged } = setup();
    await user.click(within(actions).getByRole('button', { name: 'Revoke consent' }));
    let dialog = within(card).getByRole('alertdialog', { name: 'Revoke the consent for Fake Bank Simple?' });
    expect(dialog).toHaveAccessibleDescription(/The statements already imported stay in the app/);
    await user.click(within(dialog).getByRole('button', { name: 'Keep the consent' }));
    expect(within(card).queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(fake.calls('connections.revokeConsent')).toHaveLength(0);

    await user.click(within(actions).getByRole('button', { name: 'Revoke consent' }));
    dialog = within(card).getByRole('alertdialog', { name: 'Revoke the consent for Fake Bank Simple?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke consent' }));
    expect(await within(card).findByText('The consent is revoked. Imported statements stay.')).toBeInTheDocument();
    expect(within(card).queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(fake.calls('connections.revokeConsent').map((c) => c.input)).toEqual([{ connectionId: 1 }]);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('a failing revoke keeps the question open and shows why', async () => {
    const user = userEvent.setup();
    const { actions, card, onChanged } = setup(connectionView(), {
      'connections.revokeConsent': () => {
        throw new FakeFailure({ code: 'offline', message: 'Salt Edge cannot be reached. Try again when you are online.' });
      },
    });
    await user.click(within(actions).getByRole('button', { name: 'Revoke consent' }));
    const dialog = within(card).getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke consent' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('Salt Edge cannot be reached. Try again when you are online.');
    expect(within(card).getByRole('alertdialog')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('a revoked consent cannot be revoked again', () => {
    const { actions, card } = setup(connectionView({ health: 'disconnected', consent: consent({ state: 'revoked', revokedAt: '2026-01-05T00:00:00Z' }) }));
    expect(within(actions).getByRole('button', { name: 'Revoke consent' })).toBeDisabled();
    expect(within(card).getByText('Consent').nextElementSibling).toHaveTextContent('Revoked 5 Jan 2026');
  });

  it('Delete asks whether to keep the statements before anything happens; Cancel closes it', async () => {
    const user = userEvent.setup();
    const { fake, actions, card, onChanged } = setup();
    await user.click(within(actions).getByRole('button', { name: 'Delete' }));
    let dialog = within(card).getByRole('alertdialog', { name: 'Delete the connection to Fake Bank Simple?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete connection' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose whether to keep the imported statements.');
    expect(within(dialog).getByRole('group', { name: /What should happen to the statements/ })).toHaveAccessibleDescription(
      'Choose whether to keep the imported statements.',
    );
    expect(fake.calls('connections.delete')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(card).queryByRole('alertdialog')).not.toBeInTheDocument();

    await user.click(within(actions).getByRole('button', { name: 'Delete' }));
    dialog = within(card).getByRole('alertdialog', { name: 'Delete the connection to Fake Bank Simple?' });
    await user.click(within(dialog).getByRole('radio', { name: 'Delete the imported statements too' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete connection' }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(fake.calls('connections.delete').map((c) => c.input)).toEqual([{ connectionId: 1, keepStatements: false }]);
    expect(fake.calls('connections.finishLocalDelete')).toHaveLength(0);
  });

  it('Delete where Salt Edge still holds the connection: the FAQ message, details, and the local delete keeps the statements as chosen', async () => {
    const user = userEvent.setup();
    const { fake, actions, card, onChanged } = setup(connectionView(), {
      'connections.delete': () => ({
        outcome: 'still-at-saltedge',
        consentRevoked: true,
        title: 'Consent revoked, but the connection still exists at Salt Edge',
        message: 'Remove it from the Salt Edge dashboard, then delete it here.',
        error: { errorClass: 'ActionNotAllowed', requestId: 'r2' },
      }),
    });
    await user.click(within(actions).getByRole('button', { name: 'Delete' }));
    const dialog = within(card).getByRole('alertdialog', { name: 'Delete the connection to Fake Bank Simple?' });
    await user.click(within(dialog).getByRole('radio', { name: 'Keep the imported statements (recommended)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete connection' }));

    const still = await within(card).findByRole('alertdialog', { name: 'Consent revoked, but the connection still exists at Salt Edge' });
    expect(still).toHaveTextContent('Remove it from the Salt Edge dashboard, then delete it here.');
    const fold = within(still).getByText('Details for support').closest('details')!;
    expect(within(fold).getByText('Error class').nextElementSibling).toHaveTextContent('ActionNotAllowed');
    expect(within(fold).getByText('Request id').nextElementSibling).toHaveTextContent('r2');
    expect(fake.calls('connections.delete').map((c) => c.input)).toEqual([{ connectionId: 1, keepStatements: true }]);
    expect(onChanged).not.toHaveBeenCalled();

    await user.click(within(still).getByRole('button', { name: 'I removed it on the dashboard: delete it here' }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(fake.calls('connections.finishLocalDelete').map((c) => c.input)).toEqual([{ connectionId: 1, keepStatements: true }]);
  });

  it('"Later" on the still-at-Salt-Edge message leaves the connection as it is', async () => {
    const user = userEvent.setup();
    const { fake, actions, card } = setup(connectionView(), {
      'connections.delete': () => ({ outcome: 'still-at-saltedge', consentRevoked: true, title: 'Still at Salt Edge', message: 'Remove it there first.', error: null }),
    });
    await user.click(within(actions).getByRole('button', { name: 'Delete' }));
    await user.click(within(card).getByRole('radio', { name: 'Delete the imported statements too' }));
    await user.click(within(card).getByRole('button', { name: 'Delete connection' }));
    const still = await within(card).findByRole('alertdialog', { name: 'Still at Salt Edge' });
    expect(within(still).queryByText('Details for support')).not.toBeInTheDocument();
    await user.click(within(still).getByRole('button', { name: 'Later' }));
    expect(within(card).queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(fake.calls('connections.finishLocalDelete')).toHaveLength(0);
  });

  it('account import switches on and off', async () => {
    const user = userEvent.setup();
    const off = connectionAccount({ id: 4, saltedgeId: '400', name: 'Savings', iban: null, accountNumber: '000-400', enabled: false, importFrom: null });
    const { fake, card, onChanged } = setup(connectionView({ accounts: [connectionAccount({ lastSyncAt: '2026-01-01T10:00:00Z' }), off] }));
    const current = within(card).getByRole('switch', { name: 'Import Current account' });
    const savings = within(card).getByRole('switch', { name: 'Import Savings' });
    expect(current).toBeChecked();
    expect(savings).not.toBeChecked();
    expect(savings.closest('label')).toHaveTextContent('Off');
    expect(savings.closest('tr')).toHaveTextContent('000-400');

    await user.click(current);
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    await user.click(savings);
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(fake.calls('connections.setAccountEnabled').map((c) => c.input)).toEqual([
      { accountId: 3, enabled: false },
      { accountId: 4, enabled: true },
    ]);
  });

  it('a failing switch shows why', async () => {
    const user = userEvent.setup();
    const { card, onChanged } = setup(connectionView(), {
      'connections.setAccountEnabled': () => {
        throw new FakeFailure({ code: 'not-found', message: 'This account is no longer at the bank.' });
      },
    });
    await user.click(within(card).getByRole('switch', { name: 'Import Current account' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('This account is no longer at the bank.');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('no accounts yet points to Fetch accounts', () => {
    const { card } = setup(connectionView({ accounts: [] }));
    expect(card).toHaveTextContent('No accounts yet. Use Fetch accounts to read them from the bank.');
  });

  describe('consent expiry', () => {
    it('warns from 15 days before', () => {
      const { card } = setup(connectionView({ consent: consent({ state: 'expiring', daysLeft: 15, expiresAt: '2026-12-07T00:00:00Z' }) }));
      const warning = within(card).getByRole('status');
      expect(warning).toHaveClass('alert--warning');
      expect(warning).toHaveTextContent('Consent expiring soon');
      expect(warning).toHaveTextContent('The consent expires in 15 days (7 Dec 2026). Renew it with Update credentials before then to keep synchronising.');
    });

    it('says "1 day" on the last day', () => {
      const { card } = setup(connectionView({ consent: consent({ state: 'expiring', daysLeft: 1, expiresAt: '2026-11-23T00:00:00Z' }) }));
      expect(within(card).getByRole('status')).toHaveTextContent('The consent expires in 1 day (23 Nov 2026).');
    });

    it('no warning while the consent is further away', () => {
      const { card } = setup(connectionView({ consent: consent({ state: 'active', daysLeft: 16, expiresAt: '2026-12-08T00:00:00Z' }) }));
      expect(within(card).queryByRole('status')).not.toBeInTheDocument();
      expect(card).not.toHaveTextContent('Consent expiring soon');
    });

    it('an expired consent is an error that points to Update credentials', () => {
      const { card } = setup(
        connectionView({ health: 'needs-attention', healthReason: 'The consent has expired.', consent: consent({ state: 'expired', daysLeft: -3, expiresAt: '2026-01-02T00:00:00Z' }) }),
      );
      const warning = within(card).getByRole('status');
      expect(warning).toHaveClass('alert--error');
      expect(warning).toHaveTextContent('Consent expired');
      expect(warning).toHaveTextContent('The consent expired on 2 Jan 2026. Salt Edge can no longer read this bank: use Update credentials to renew it.');
      // the consent warning replaces the generic health reason
      expect(card).not.toHaveTextContent('The consent has expired.');
      expect(within(card).getByLabelText('Status: Needs attention')).toBeInTheDocument();
    });
  });

  it('a stored connection problem shows its message with the details fold', () => {
    const { card } = setup(
      connectionView({
        health: 'needs-attention',
        healthReason: 'The bank asks for a new login.',
        problem: { errorClass: 'InvalidCredentials', title: 'Wrong login', message: 'Use Update credentials with your current bank login.', requestId: 'req-p', action: 'update-credentials' },
      }),
    );
    const alert = within(card).getByRole('alert');
    expect(alert).toHaveTextContent('Wrong login');
    expect(alert).toHaveTextContent('Use Update credentials with your current bank login.');
    expect(alert).toHaveTextContent('InvalidCredentials');
    expect(alert).toHaveTextContent('req-p');
    expect(card).not.toHaveTextContent('The bank asks for a new login.');
  });

  it('a disconnected connection says why', () => {
    const { card } = setup(connectionView({ health: 'disconnected', healthReason: 'The connection was disabled at the bank.' }));
    const status = within(card).getByRole('status');
    expect(status).toHaveClass('alert--info');
    expect(status).toHaveTextContent('The connection was disabled at the bank.');
    expect(within(card).getByLabelText('Status: Disconnected')).toBeInTheDocument();
  });
});
