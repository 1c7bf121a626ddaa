import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FlowProblem } from '../../../../renderer/features/wizard-kit/FlowProblem.js';
import { flowView, saltEdgeError } from '../wizard-fixtures.js';

const duplicateError = saltEdgeError({
  title: 'This bank login is already synchronised',
  message: 'Use Update credentials on the existing connection.',
  details: { errorClass: 'ConnectionDuplicated', requestId: 'req-dup' },
});

describe('FlowProblem', () => {
  it('a failed flow shows the actionable message and a details fold with error class and request id', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const onClose = vi.fn();
    render(<FlowProblem flow={flowView({ state: 'failed', error: saltEdgeError() })} onRetry={onRetry} onClose={onClose} />);
    expect(screen.getByRole('heading', { name: 'Salt Edge could not finish this step' })).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The bank is not answering');
    expect(alert).toHaveTextContent('Try again in a few minutes.');
    const fold = within(alert).getByText('Details for support').closest('details')!;
    expect(fold).not.toHaveAttribute('open');
    expect(within(fold).getByText('Error class').nextElementSibling).toHaveTextContent('ProviderUnavailable');
    expect(within(fold).getByText('Request id').nextElementSibling).toHaveTextContent('req-77');
    await user.click(within(alert).getByText('Details for support'));
    expect(fold).toHaveAttribute('open');

    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('cancelled and timed out say so calmly, without an error', () => {
    const { rerender } = render(<FlowProblem flow={flowView({ state: 'cancelled' })} onRetry={() => {}} onClose={() => {}} />);
    expect(screen.getByRole('heading', { name: 'Cancelled' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Nothing was linked or changed.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start again' })).toBeInTheDocument();

    rerender(
      <FlowProblem
        flow={flowView({ state: 'timed-out', error: { code: 'cancelled', message: 'Nothing happened at Salt Edge for 30 minutes.' } })}
        onRetry={() => {}}
        onClose={() => {}}
      />,
    );
    expect(screen.getByRole('heading', { name: 'This step timed out' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Nothing happened at Salt Edge for 30 minutes.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('"already synchronised" by this app offers Update credentials on the local connection', async () => {
    const user = userEvent.setup();
    const onUpdateCredentials = vi.fn();
    const onRetry = vi.fn();
    render(
      <FlowProblem
        flow={flowView({ state: 'failed', error: duplicateError, duplicate: { saltedgeId: '77', localConnectionId: 5, providerName: 'Fake Bank Simple' } })}
        onRetry={onRetry}
        onClose={() => {}}
        onUpdateCredentials={onUpdateCredentials}
      />,
    );
    expect(screen.getByRole('heading', { name: 'This bank login is already synchronised' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Use Update credentials on the existing connection.');
    expect(screen.getByRole('alert')).toHaveTextContent('ConnectionDuplicated');
    expect(screen.queryByText(/Salt Edge dashboard/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start again' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Update credentials of Fake Bank Simple' }));
    expect(onUpdateCredentials).toHaveBeenCalledWith(5);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('"already synchronised" elsewhere: no Update credentials, the way out through the dashboard instead', async () => {
    const user = userEvent.setup();
    const onUpdateCredentials = vi.fn();
    const onRetry = vi.fn();
    render(
      <FlowProblem
        flow={flowView({ state: 'failed', error: duplicateError, duplicate: { saltedgeId: null, localConnectionId: null, providerName: 'Fake Bank Simple' } })}
        onRetry={onRetry}
        onClose={() => {}}
        onUpdateCredentials={onUpdateCredentials}
      />,
    );
    expect(screen.getByRole('heading', { name: 'This bank login is already synchronised' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Update credentials/ })).not.toBeInTheDocument();
    const steps = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(steps).toEqual([
      'Open the Salt Edge dashboard and find the connection to Fake Bank Simple (it was made outside this app).',
      'Delete it there.',
      'Come back and link the bank again here.',
    ]);
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onUpdateCredentials).not.toHaveBeenCalled();
  });

  it('a local duplicate without a way to update it here (inside a wizard that is already updating) falls back to Start again', () => {
    render(
      <FlowProblem
        flow={flowView({ state: 'failed', error: duplicateError, duplicate: { saltedgeId: '77', localConnectionId: 5, providerName: null } })}
        onRetry={() => {}}
        onClose={() => {}}
      />,
    );
    expect(screen.queryByRole('button', { name: /Update credentials/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start again' })).toBeInTheDocument();
  });
});
