import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionsList } from '../../../../shared/contract/index.js';
import { useAppInfo } from '../../../../renderer/app/app-info-store.js';
import { useLinkWizard } from '../../../../renderer/features/link-wizard/link-wizard-store.js';
import { OnlineSyncPage } from '../../../../renderer/features/online-sync/OnlineSyncPage.js';
import { useOnlineSync } from '../../../../renderer/features/online-sync/online-sync-store.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';
import { appInfo, connectionView, dailySchedule, emptySyncLog } from '../wizard-fixtures.js';

const two: ConnectionsList = {
  connections: [connectionView(), connectionView({ id: 2, saltedgeId: '200', providerName: 'Fake Bank Two', accounts: [] })],
  customer: { email: 'owner@example.com', phone: null },
};

function setup(extra: Parameters<typeof createFakeApi>[0] = {}) {
  return createFakeApi({
    'connections.list': () => two,
    'connections.refresh': () => two,
    'sync.log': emptySyncLog,
    'sync.schedule.get': dailySchedule,
    ...extra,
  });
}

beforeEach(() => {
  useOnlineSync.setState({ view: { kind: 'list' } });
  useLinkWizard.getState().reset();
  useAppInfo.setState({ info: null, error: null });
  vi.spyOn(window, 'open').mockImplementation(() => null);
});
afterEach(() => vi.restoreAllMocks());

describe('online synchronization page', () => {
  it('lists every connection and refreshes them from Salt Edge once', async () => {
    const fake = setup();
    render(fake.wrap(<OnlineSyncPage />));
    expect(await screen.findByRole('article', { name: 'Fake Bank Simple' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Fake Bank Two' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Link a bank' })).toBeInTheDocument();
    await vi.waitFor(() => expect(fake.calls('connections.refresh')).toHaveLength(1));
    expect(fake.calls('connections.list')).toHaveLength(1);
  });

  it('a failing refresh (offline) keeps the stored list without an alarm', async () => {
    const fake = setup({
      'connections.refresh': () => {
        throw new FakeFailure({ code: 'offline', message: 'Salt Edge cannot be reached.' });
      },
    });
    render(fake.wrap(<OnlineSyncPage />));
    expect(await screen.findByRole('article', { name: 'Fake Bank Simple' })).toBeInTheDocument();
    await vi.waitFor(() => expect(fake.calls('connections.refresh')).toHaveLength(1));
    expect(screen.queryByText('Salt Edge cannot be reached.')).not.toBeInTheDocument();
  });

  it('connections.changed reloads the list', async () => {
    let list = two;
    const fake = setup({ 'connections.list': () => list, 'connections.refresh': () => two });
    render(fake.wrap(<OnlineSyncPage />));
    await screen.findByRole('article', { name: 'Fake Bank Two' });
    await vi.waitFor(() => expect(fake.calls('connections.refresh')).toHaveLength(1));
    list = { ...two, connections: [two.connections[0]!] };
    act(() => fake.emit('connections.changed', { connectionId: 2 }));
    await vi.waitFor(() => expect(screen.queryByRole('article', { name: 'Fake Bank Two' })).not.toBeInTheDocument());
    expect(fake.calls('connections.list')).toHaveLength(2);
  });

  it('no connection yet: explains and offers to link a bank (with the demo note in demo mode)', async () => {
    const user = userEvent.setup();
    useAppInfo.setState({ info: appInfo({ mode: 'demo' }) });
    const empty: ConnectionsList = { connections: [], customer: null };
    const fake = setup({
      'connections.list': () => empty,
      'connections.refresh': () => empty,
      'providers.countries': () => [],
      'providers.search': () => ({ providers: [], total: 0, cachedAt: null, offlineReason: null }),
    });
    render(fake.wrap(<OnlineSyncPage />));
    expect(await screen.findByText('No bank linked yet')).toBeInTheDocument();
    expect(screen.getByText(/fake ones from the built-in sandbox/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Link a bank' }));
    expect(useOnlineSync.getState().view).toEqual({ kind: 'link' });
  });

  it('Update credentials on a card opens its wizard for that connection; closing returns to the list and reloads it', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<OnlineSyncPage />));
    const card = await screen.findByRole('article', { name: 'Fake Bank Two' });
    await user.click(within(card).getByRole('button', { name: 'Update credentials' }));
    expect(useOnlineSync.getState().view).toEqual({ kind: 'update-credentials', connectionId: 2 });
    const wizard = await screen.findByRole('region', { name: 'Update credentials: Fake Bank Two' });
    expect(within(wizard).getByRole('checkbox', { name: /I consent to Salt Edge/ })).not.toBeChecked();
    const listsBefore = fake.calls('connections.list').length;
    await user.click(within(wizard).getByRole('button', { name: 'Close' }));
    expect(useOnlineSync.getState().view).toEqual({ kind: 'list' });
    expect(await screen.findByRole('article', { name: 'Fake Bank Two' })).toBeInTheDocument();
    await vi.waitFor(() => expect(fake.calls('connections.list').length).toBeGreaterThan(listsBefore));
    expect(fake.calls('flow.cancel')).toHaveLength(0);
  });

  it('Fetch accounts on a card opens its wizard for that connection', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<OnlineSyncPage />));
    const card = await screen.findByRole('article', { name: 'Fake Bank Simple' });
    await user.click(within(card).getByRole('button', { name: 'Fetch accounts' }));
    expect(useOnlineSync.getState().view).toEqual({ kind: 'fetch-accounts', connectionId: 1 });
    const wizard = await screen.findByRole('region', { name: 'Fetch accounts: Fake Bank Simple' });
    expect(within(wizard).getByRole('button', { name: 'Continue to Salt Edge' })).toBeInTheDocument();
  });
});
