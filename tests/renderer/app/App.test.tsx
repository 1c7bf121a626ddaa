import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AppInfo, SettingsView } from '../../../shared/contract/index.js';
import { App } from '../../../renderer/app/App.js';
import { useNavigation } from '../../../renderer/app/navigation-store.js';
import { useAppInfo } from '../../../renderer/app/app-info-store.js';
import { createFakeApi } from '../fake-api.js';

const info: AppInfo = {
  name: 'LeanSoft Companion',
  version: '1.2.3',
  mode: 'demo',
  saltEdgeUrl: 'http://127.0.0.1:1/api/v6',
  secretStore: 'keychain',
  keychainWarning: null,
  store: { state: 'ok', filePath: '/tmp/x', encrypted: true },
  saltEdgeReachable: null,
  host: 'preview',
};
const settings: SettingsView = {
  mode: 'demo',
  baseUrl: 'https://www.saltedge.com/api/v6',
  defaultBaseUrl: 'https://www.saltedge.com/api/v6',
  appId: { set: false, hint: null },
  secret: { set: false },
  signingKey: { set: false },
};

describe('App frame', () => {
  beforeEach(() => {
    useNavigation.setState({ page: 'online-sync' });
    useAppInfo.setState({ info: null, error: null });
  });

  it('navigates between the three pages and shows the mode', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ 'app.info': () => info, 'settings.get': () => settings });
    render(fake.wrap(<App />));
    expect(await screen.findByText('Demo mode')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(screen.getByRole('heading', { level: 1, name: 'Online Synchronization' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Online Synchronization' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('button', { name: 'Statements' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Statements' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(nav).toBeInTheDocument();
  });

  it('explains a damaged database and offers the last good copy', async () => {
    const user = userEvent.setup();
    let restored = false;
    const fake = createFakeApi({
      'app.info': () => ({ ...info, store: { state: 'damaged', kind: 'damaged', message: 'The data file is damaged.', filePath: '/data/companion.db.enc', backupAvailable: true } }),
      'store.restoreBackup': () => ((restored = true), { state: 'ok', filePath: '/data/companion.db.enc', encrypted: true }),
    });
    useNavigation.setState({ page: 'statements' });
    render(fake.wrap(<App />));
    expect(await screen.findByText('Your data could not be opened')).toBeInTheDocument();
    expect(screen.getByText(/kept exactly as it is/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore the last good copy' }));
    expect(restored).toBe(true);
  });

  it('says quietly when Salt Edge cannot be reached', async () => {
    const fake = createFakeApi({ 'app.info': () => ({ ...info, saltEdgeReachable: false }) });
    render(fake.wrap(<App />));
    const badge = await screen.findByText('Offline');
    expect(badge).toHaveAttribute('title', expect.stringContaining('Everything imported is here'));
    expect(badge.closest('[role="alert"]')).toBeNull(); // a quiet badge, not an alarm
  });

  it('warns when no keychain is available', async () => {
    const fake = createFakeApi({ 'app.info': () => ({ ...info, secretStore: 'memory', keychainWarning: 'No keychain was found.' }) });
    render(fake.wrap(<App />));
    expect(await screen.findByText('No keychain was found.')).toBeInTheDocument();
  });
});

describe('notices', () => {
  beforeEach(() => {
    useNavigation.setState({ page: 'online-sync' });
    useAppInfo.setState({ info: null, error: null });
  });

  it('shows consent reminders from the core until dismissed', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ 'app.info': () => info, 'connections.list': () => ({ customer: null, connections: [] }) as never });
    render(fake.wrap(<App />));
    await screen.findByText('Demo mode');
    act(() => fake.emit('app.notice', { level: 'warning', message: 'The consent for Fake Bank Simple expires in 3 days.' }));
    act(() => fake.emit('app.notice', { level: 'error', message: 'Automatic sync of Fake Bank failed.' }));
    expect(screen.getByRole('status')).toHaveTextContent('expires in 3 days');
    expect(screen.getByRole('alert')).toHaveTextContent('Automatic sync of Fake Bank failed.');
    await user.click(screen.getByRole('button', { name: /Dismiss: The consent/ }));
    expect(screen.queryByText(/expires in 3 days/)).not.toBeInTheDocument();
  });
});
