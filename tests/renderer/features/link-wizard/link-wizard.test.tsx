import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LinkWizard } from '../../../../renderer/features/link-wizard/LinkWizard.js';
import { useLinkWizard } from '../../../../renderer/features/link-wizard/link-wizard-store.js';
import { OnlineSyncPage } from '../../../../renderer/features/online-sync/OnlineSyncPage.js';
import { useOnlineSync } from '../../../../renderer/features/online-sync/online-sync-store.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';
import { bank, connectionView, flowView as flow } from '../wizard-fixtures.js';

function setup(extra: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({
    'connections.list': () => ({ connections: [], customer: null }),
    'providers.countries': () => [{ code: 'XF', name: 'Fake Country' }],
    'providers.search': ({ query }) => ({ providers: bank.name.toLowerCase().includes(query.toLowerCase()) ? [bank] : [], total: 1, cachedAt: '2026-01-01T00:00:00Z', offlineReason: null }),
    'flow.start': () => flow(),
    'flow.get': () => flow(),
    'flow.cancel': () => flow({ state: 'cancelled' }),
    ...extra,
  });
  return fake;
}

beforeEach(() => {
  useLinkWizard.getState().reset();
  useOnlineSync.setState({ view: { kind: 'list' } });
  vi.spyOn(window, 'open').mockImplementation(() => null);
});

async function toConsent(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('radio', { name: /Fake Bank Simple/ }));
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await user.type(screen.getByLabelText('Phone number'), '+40 721 234 567');
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await user.type(screen.getByLabelText('Email address'), 'owner@example.com');
  await user.click(screen.getByRole('button', { name: 'Next' }));
}

describe('link wizard', () => {
  it('institution step: a bank must be chosen; shows Salt Edge as provider, mode, data read and max consent days', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<LinkWizard onClose={() => {}} onUpdateCredentials={() => {}} />));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose your bank from the list.');
    await user.click(await screen.findByRole('radio', { name: /Fake Bank Simple/ }));
    const facts = screen.getByRole('region', { name: 'About Fake Bank Simple' });
    expect(facts).toHaveTextContent('Salt Edge, a third-party open-banking provider');
    expect(facts).toHaveTextContent('online-banking login');
    expect(facts).toHaveTextContent('your accounts (names, numbers, balances) and their transactions');
    expect(facts).toHaveTextContent('90 days');
  });

  it('phone and email are validated; back and next keep what was typed', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<LinkWizard onClose={() => {}} onUpdateCredentials={() => {}} />));
    await user.click(await screen.findByRole('radio', { name: /Fake Bank Simple/ }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const phone = screen.getByLabelText('Phone number');
    await user.type(phone, '0721 234 567');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/country code/);
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    await user.clear(phone);
    await user.type(phone, '+40 721 234 567');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const email = screen.getByLabelText('Email address');
    await user.type(email, 'owner@');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/valid email/);
    expect(screen.getByText(/identified by this email address/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByLabelText('Phone number')).toHaveValue('+40 721 234 567');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByLabelText('Email address')).toHaveValue('owner@');
  });

  it('consent: cannot continue unticked; ticked starts the flow with valid input and opens Salt Edge', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<LinkWizard onClose={() => {}} onUpdateCredentials={() => {}} />));
    await toConsent(user);
    expect(screen.getByRole('group', { name: 'What you consent to' })).toHaveTextContent(/Fake Bank Simple/);
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick the box to give your consent');
    expect(fake.calls('flow.start')).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: /I consent to Salt Edge/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(await screen.findByRole('heading', { name: 'Continue at Salt Edge' })).toBeInTheDocument();
    expect(fake.calls('flow.start')[0]!.input).toMatchObject({ mode: 'link', providerCode: bank.code, email: 'owner@example.com', phone: '+40721234567' });
    expect(window.open).toHaveBeenCalledWith('http://127.0.0.1:1/connect/x', '_blank', 'noopener');
    expect(screen.getByRole('button', { name: 'Open Salt Edge again' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });

  it('a Salt Edge error while starting shows the table message with a details fold', async () => {
    const user = userEvent.setup();
    const fake = setup({
      'flow.start': () => {
        throw new FakeFailure({ code: 'saltedge', title: 'Salt Edge keys not recognised', message: 'Check the App-id and Secret in Settings.', details: { errorClass: 'ApiKeyNotFound', requestId: 'req-42' } });
      },
    });
    render(fake.wrap(<LinkWizard onClose={() => {}} onUpdateCredentials={() => {}} />));
    await toConsent(user);
    await user.click(screen.getByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Salt Edge keys not recognised');
    expect(alert).toHaveTextContent('ApiKeyNotFound');
    expect(alert).toHaveTextContent('req-42');
    expect(screen.getByText('Details for support')).toBeInTheDocument();
  });

  it('"already synchronised" made by this app offers Update credentials on it', async () => {
    const user = userEvent.setup();
    const dup = flow({ state: 'failed', duplicate: { saltedgeId: '77', localConnectionId: 5, providerName: 'Fake Bank Simple' }, error: { code: 'saltedge', title: 'This bank login is already synchronised', message: 'Use Update credentials on it.', details: { errorClass: 'ConnectionDuplicated' } } });
    const fake = setup({ 'flow.start': () => dup, 'flow.get': () => dup });
    const onUpdate = vi.fn();
    render(fake.wrap(<LinkWizard onClose={() => {}} onUpdateCredentials={onUpdate} />));
    await toConsent(user);
    await user.click(screen.getByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(await screen.findByRole('heading', { name: 'This bank login is already synchronised' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Update credentials of Fake Bank Simple/ }));
    expect(onUpdate).toHaveBeenCalledWith(5);
  });

  it('"already synchronised" made elsewhere tells to delete it on the dashboard', async () => {
    const user = userEvent.setup();
    const dup = flow({ state: 'failed', duplicate: { saltedgeId: null, localConnectionId: null, providerName: 'Fake Bank Simple' }, error: { code: 'saltedge', message: 'Delete it on the Salt Edge dashboard.', details: { errorClass: 'ConnectionDuplicated' } } });
    const fake = setup({ 'flow.start': () => dup, 'flow.get': () => dup });
    render(fake.wrap(<LinkWizard onClose={() => {}} onUpdateCredentials={() => {}} />));
    await toConsent(user);
    await user.click(screen.getByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(await screen.findByText(/Delete it there/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start again' })).toBeInTheDocument();
  });
});

describe('online synchronization page', () => {
  const conn = connectionView({
    health: 'needs-attention', healthReason: 'The consent has expired.',
    consent: { id: '9', state: 'expired', expiresAt: '2026-01-02T00:00:00Z', daysLeft: -3, scopes: ['accounts'], fromDate: '2025-10-01', revokedAt: null },
  });

  it('warns about the expired consent; a failed sync shows the message; delete asks about statements and handles "still at Salt Edge"', async () => {
    const user = userEvent.setup();
    const fake = setup({
      'connections.list': () => ({ connections: [conn], customer: { email: 'owner@example.com', phone: null } }),
      'connections.refresh': () => ({ connections: [conn], customer: null }),
      'connections.sync': () => {
        throw new FakeFailure({ code: 'saltedge', title: 'Consent expired', message: 'Use Update credentials to renew it.', details: { errorClass: 'AispConsentExpired', requestId: 'r1' } });
      },
      'connections.delete': () => ({ outcome: 'still-at-saltedge', consentRevoked: true, title: 'Consent revoked, but the connection still exists at Salt Edge', message: 'Remove it from the Salt Edge dashboard, then delete it here.', error: { errorClass: 'ActionNotAllowed', requestId: 'r2' } }),
      'connections.finishLocalDelete': () => ({ deleted: true }),
    });
    render(fake.wrap(<OnlineSyncPage />));
    const card = await screen.findByRole('article', { name: 'Fake Bank Simple' });
    expect(card).toHaveTextContent('The consent expired on');
    expect(screen.getByLabelText('Status: Needs attention')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Import Current account' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Synchronise now' }));
    expect(await screen.findByText('Use Update credentials to renew it.')).toBeInTheDocument();
    expect(screen.getByText('AispConsentExpired')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete connection' }));
    expect(screen.getByText('Choose whether to keep the imported statements.')).toBeInTheDocument();
    expect(fake.calls('connections.delete')).toHaveLength(0);
    await user.click(screen.getByRole('radio', { name: /Keep the imported statements/ }));
    await user.click(screen.getByRole('button', { name: 'Delete connection' }));
    expect(await screen.findByText('Consent revoked, but the connection still exists at Salt Edge')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /delete it here/ }));
    await waitFor(() => expect(fake.calls('connections.finishLocalDelete')[0]!.input).toEqual({ connectionId: 1, keepStatements: true }));
  });
});
