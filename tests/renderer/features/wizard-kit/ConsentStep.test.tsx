import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ConsentInput } from '../../../../shared/contract/index.js';
import { ApiError } from '../../../../renderer/api/client.js';
import { ConsentStep, defaultConsentDraft, type ConsentDraft } from '../../../../renderer/features/wizard-kit/ConsentStep.js';
import { saltEdgeError } from '../wizard-fixtures.js';

/** ConsentStep is controlled: hold its draft like a wizard does. */
function Harness({
  maxConsentDays = 90,
  onSubmit,
  onBack,
  busy = false,
  error = null,
}: {
  maxConsentDays?: number | null;
  onSubmit: (c: ConsentInput) => void;
  onBack?: () => void;
  busy?: boolean;
  error?: unknown;
}) {
  const [draft, setDraft] = useState<ConsentDraft>({ ...defaultConsentDraft(maxConsentDays), fromDate: '2025-12-01' });
  return (
    <ConsentStep
      providerName="Fake Bank Simple"
      maxConsentDays={maxConsentDays}
      draft={draft}
      onChange={setDraft}
      {...(onBack ? { onBack } : {})}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
      purpose="Salt Edge opens so you can log in at your bank again."
    />
  );
}

describe('ConsentStep', () => {
  it('says in plain words who reads what, for how long and from when; the period is capped by the bank', async () => {
    const user = userEvent.setup();
    render(<Harness maxConsentDays={45} onSubmit={() => {}} />);
    expect(screen.getByText('Salt Edge opens so you can log in at your bank again.')).toBeInTheDocument();
    const summary = screen.getByRole('group', { name: 'What you consent to' });
    expect(summary).toHaveTextContent('Salt Edge, an authorised open-banking provider');
    expect(summary).toHaveTextContent('Fake Bank Simple');
    expect(summary).toHaveTextContent('your accounts (names, numbers, balances) and their transactions');
    expect(summary).toHaveTextContent('45 days (the bank allows at most 45 days)');
    expect(summary).toHaveTextContent('1 Dec 2025');

    const period = screen.getByLabelText('Consent period');
    expect(within(period).getAllByRole('option').map((o) => o.textContent)).toEqual(['30 days', '45 days']);
    await user.selectOptions(period, '30');
    expect(summary).toHaveTextContent('30 days (the bank allows at most 45 days)');
    expect(screen.getByRole('checkbox', { name: /I consent to Salt Edge/ })).toHaveAccessibleName(
      /reading your accounts \(names, numbers, balances\) and their transactions at Fake Bank Simple for 30 days, from 1 Dec 2025 on/,
    );
  });

  it('without a bank maximum offers the usual periods', () => {
    render(<Harness maxConsentDays={null} onSubmit={() => {}} />);
    expect(within(screen.getByLabelText('Consent period')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '30 days', '60 days', '90 days', '180 days', '365 days',
    ]);
  });

  it('cannot continue unticked: the error is shown and nothing is submitted; ticked submits the consent', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    const box = screen.getByRole('checkbox', { name: /I consent to Salt Edge/ });
    expect(box).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick the box to give your consent before continuing');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription('Tick the box to give your consent before continuing');
    expect(onSubmit).not.toHaveBeenCalled();

    await user.click(box);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(box).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ accepted: true, fromDate: '2025-12-01', periodDays: 90, scopes: ['accounts', 'transactions'] });
  });

  it('an empty from-date is refused even when ticked', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    const from = screen.getByLabelText('Read transactions from');
    expect(from).toHaveAccessibleDescription('At most 365 days back.');
    fireEvent.change(from, { target: { value: '' } });
    await user.click(screen.getByRole('checkbox', { name: /I consent/ }));
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription('Enter a date as YYYY-MM-DD');
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.change(from, { target: { value: '2026-02-03' } });
    expect(from).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('group', { name: 'What you consent to' })).toHaveTextContent('3 Feb 2026');
    await user.click(screen.getByRole('button', { name: 'Continue to Salt Edge' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ fromDate: '2026-02-03' }));
  });

  it('while busy both buttons are disabled; Back only when the wizard has a previous step; an error shows with its details', async () => {
    const user = userEvent.setup();
    const onBack = vi.fn();
    const { rerender } = render(<Harness onSubmit={() => {}} onBack={onBack} />);
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(onBack).toHaveBeenCalledTimes(1);

    rerender(<Harness onSubmit={() => {}} onBack={onBack} busy error={new ApiError(saltEdgeError())} />);
    expect(screen.getByRole('button', { name: 'Opening Salt Edge…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Back' })).toBeDisabled();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The bank is not answering');
    expect(alert).toHaveTextContent('Try again in a few minutes.');
    expect(within(alert).getByText('Details for support')).toBeInTheDocument();
    expect(alert).toHaveTextContent('ProviderUnavailable');
    expect(alert).toHaveTextContent('req-77');

    rerender(<Harness onSubmit={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
  });
});
