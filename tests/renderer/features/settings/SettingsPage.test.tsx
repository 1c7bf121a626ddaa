import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsView } from '../../../../shared/contract/index.js';
import { SettingsPage } from '../../../../renderer/features/settings/SettingsPage.js';
import { useSettings } from '../../../../renderer/features/settings/settings-store.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';

const demo: SettingsView = {
  mode: 'demo',
  baseUrl: 'https://www.saltedge.com/api/v6',
  defaultBaseUrl: 'https://www.saltedge.com/api/v6',
  appId: { set: false, hint: null },
  secret: { set: false },
  signingKey: { set: false },
};
const live: SettingsView = { ...demo, mode: 'live', appId: { set: true, hint: 'abcd…yz' }, secret: { set: true } };

describe('Settings page', () => {
  beforeEach(() => useSettings.getState().reset());

  it('validates the keys before sending anything', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ 'settings.get': () => demo, 'settings.saveKeys': () => live });
    render(fake.wrap(<SettingsPage />));
    await user.click(await screen.findByRole('button', { name: 'Save keys' }));
    expect(screen.getByText('App-id is required')).toBeInTheDocument();
    expect(screen.getByText('Secret is required')).toBeInTheDocument();
    await user.type(screen.getByLabelText('App-id'), 'app id with spaces');
    await user.type(screen.getByLabelText('Secret'), 'x');
    await user.type(screen.getByLabelText('Signing key (optional)'), 'not a pem');
    await user.click(screen.getByRole('button', { name: 'Save keys' }));
    expect(screen.getByText('App-id must not contain spaces')).toBeInTheDocument();
    expect(screen.getByText(/RSA private key in PEM format/)).toBeInTheDocument();
    expect(fake.calls('settings.saveKeys')).toEqual([]);
  });

  it('saves keys, clears the fields, and switches the badge to Live', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ 'settings.get': () => demo, 'settings.saveKeys': () => live });
    render(fake.wrap(<SettingsPage />));
    expect(await screen.findByText('Demo mode')).toBeInTheDocument();
    await user.type(screen.getByLabelText('App-id'), 'abcdefghxyz');
    await user.type(screen.getByLabelText('Secret'), 'top-secret');
    await user.click(screen.getByRole('button', { name: 'Save keys' }));
    expect(await screen.findByText(/Keys saved to the keychain/)).toBeInTheDocument();
    expect(fake.calls('settings.saveKeys')).toEqual([{ name: 'settings.saveKeys', input: { appId: 'abcdefghxyz', secret: 'top-secret' } }]);
    expect(screen.getByLabelText('Secret')).toHaveValue('');
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByText(/Keys are set \(App-id abcd…yz\)/)).toBeInTheDocument();
  });

  it('reports the connection test in words, with details for support', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'settings.get': () => live,
      'settings.testConnection': () => ({ ok: false, title: 'Salt Edge did not accept the keys', message: 'Check the App-id and Secret in Settings.', errorClass: 'ApiKeyNotFound', requestId: 'req-1' }),
    });
    render(fake.wrap(<SettingsPage />));
    await user.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Salt Edge did not accept the keys')).toBeInTheDocument();
    expect(screen.getByText('ApiKeyNotFound')).toBeInTheDocument();
    expect(screen.getByText('req-1')).toBeInTheDocument();
  });

  it('validates and saves the base URL, and shows server errors', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'settings.get': () => live,
      'settings.setBaseUrl': ({ baseUrl }) => {
        if (baseUrl?.includes('fail')) throw new FakeFailure({ code: 'store-damaged', message: 'The database is not open.' });
        return { ...live, baseUrl: baseUrl ?? live.defaultBaseUrl };
      },
    });
    render(fake.wrap(<SettingsPage />));
    const field = await screen.findByLabelText('API base URL (used with your keys)');
    await user.clear(field);
    await user.type(field, 'not-a-url');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(screen.getByText(/Enter a full URL/)).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, 'http://127.0.0.1:9999/api/v6');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(fake.calls('settings.setBaseUrl').at(-1)?.input).toEqual({ baseUrl: 'http://127.0.0.1:9999/api/v6' });
    await user.clear(field);
    await user.type(field, 'http://fail.example/api');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(await screen.findByText('The database is not open.')).toBeInTheDocument();
  });
});
