import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppInfo } from '../../../../renderer/app/app-info-store.js';
import { WaitingStep } from '../../../../renderer/features/wizard-kit/WaitingStep.js';
import { createFakeApi, FakeFailure } from '../../fake-api.js';
import { appInfo, flowView, saltEdgeError } from '../wizard-fixtures.js';

const reopened = flowView({ connectUrl: 'http://127.0.0.1:1/connect/fresh', updatedAt: '2026-01-01T00:05:00Z' });

function setup(extra: Parameters<typeof createFakeApi>[0] = {}) {
  return createFakeApi({
    'flow.reopen': () => reopened,
    'flow.cancel': () => flowView({ state: 'cancelled' }),
    ...extra,
  });
}

beforeEach(() => {
  useAppInfo.setState({ info: null, error: null });
  vi.spyOn(window, 'open').mockImplementation(() => null);
});
afterEach(() => vi.restoreAllMocks());

describe('WaitingStep', () => {
  it('says what to do at Salt Edge for the mode; "Open Salt Edge again" asks for a fresh page and opens it', async () => {
    const user = userEvent.setup();
    useAppInfo.setState({ info: appInfo({ host: 'preview' }) });
    const fake = setup();
    render(fake.wrap(<WaitingStep flow={flowView({ mode: 'update-credentials' })} />));
    expect(screen.getByRole('heading', { name: 'Continue at Salt Edge' })).toBeInTheDocument();
    expect(screen.getByText(/opened in a new tab/)).toHaveTextContent('log in at your bank again (with new details if they changed) and confirm the new consent');
    await user.click(screen.getByRole('button', { name: 'Open Salt Edge again' }));
    await vi.waitFor(() => expect(window.open).toHaveBeenCalledWith('http://127.0.0.1:1/connect/fresh', '_blank', 'noopener'));
    expect(fake.calls('flow.reopen').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789' }]);
    expect(fake.calls('flow.cancel')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Open Salt Edge again' })).toBeEnabled();
  });

  it('"Cancel" cancels the flow', async () => {
    const user = userEvent.setup();
    const fake = setup();
    render(fake.wrap(<WaitingStep flow={flowView({ mode: 'fetch-accounts' })} />));
    expect(screen.getByRole('status')).toHaveTextContent('confirm that Salt Edge may read your accounts again');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => expect(fake.calls('flow.cancel').map((c) => c.input)).toEqual([{ flowId: 'flow_123456789' }]));
    expect(fake.calls('flow.reopen')).toHaveLength(0);
    expect(window.open).not.toHaveBeenCalled();
  });

  it('in Electron the main process opens the Connect window: the page says "window" and does not open a tab', async () => {
    const user = userEvent.setup();
    useAppInfo.setState({ info: appInfo({ host: 'electron' }) });
    const fake = setup();
    render(fake.wrap(<WaitingStep flow={flowView()} />));
    expect(screen.getByRole('status')).toHaveTextContent('Salt Edge Connect opened in a new window');
    await user.click(screen.getByRole('button', { name: 'Open Salt Edge again' }));
    await vi.waitFor(() => expect(fake.calls('flow.reopen')).toHaveLength(1));
    expect(window.open).not.toHaveBeenCalled();
  });

  it('a failing reopen shows the message with its details and lets the user try again', async () => {
    const user = userEvent.setup();
    const fake = setup({
      'flow.reopen': () => {
        throw new FakeFailure(saltEdgeError({ title: 'This step is over', message: 'Start again from the consent.', details: { errorClass: 'FlowExpired', requestId: 'req-9' } }));
      },
    });
    render(fake.wrap(<WaitingStep flow={flowView()} />));
    await user.click(screen.getByRole('button', { name: 'Open Salt Edge again' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This step is over');
    expect(alert).toHaveTextContent('Start again from the consent.');
    expect(alert).toHaveTextContent('FlowExpired');
    expect(alert).toHaveTextContent('req-9');
    expect(window.open).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Open Salt Edge again' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });

  it('once Salt Edge sent the user back it says the result is being checked, and the buttons are off', () => {
    const fake = setup();
    const { rerender } = render(fake.wrap(<WaitingStep flow={flowView({ state: 'redirect-received' })} />));
    expect(screen.getByRole('heading', { name: 'Checking the result with Salt Edge…' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open Salt Edge again' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    rerender(fake.wrap(<WaitingStep flow={flowView({ state: 'confirming' })} />));
    expect(screen.getByRole('status')).toHaveTextContent('The app is confirming the connection with Salt Edge.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });
});
