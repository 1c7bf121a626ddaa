import { useId, useState, type FormEvent } from 'react';
import { consentInput, type ConsentInput } from '../../../shared/contract/index.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { daysAgoIso, formatDate, periodInWords, scopesInWords, todayIso } from './format.js';
import { WizardActions } from './WizardFrame.js';

export interface ConsentDraft {
  accepted: boolean;
  fromDate: string;
  periodDays: number | null;
  scopes: ('accounts' | 'transactions' | 'holder_info')[];
}

export const defaultConsentDraft = (maxConsentDays: number | null): ConsentDraft => ({
  accepted: false,
  fromDate: daysAgoIso(90),
  periodDays: maxConsentDays ?? 90,
  scopes: ['accounts', 'transactions'],
});

const PERIODS = [30, 60, 90, 180, 365];

/**
 * The consent every wizard starts Salt Edge with: what is read, for how long, from which date,
 * and a checkbox that must be ticked. The same schema as the main process decides.
 */
export function ConsentStep({
  providerName,
  maxConsentDays,
  draft,
  onChange,
  onBack,
  onSubmit,
  busy,
  error,
  purpose,
}: {
  providerName: string;
  maxConsentDays: number | null;
  draft: ConsentDraft;
  onChange: (d: ConsentDraft) => void;
  onBack?: () => void;
  onSubmit: (consent: ConsentInput) => void;
  busy: boolean;
  error: unknown;
  /** One sentence on why Salt Edge is opened (differs per wizard). */
  purpose: string;
}) {
  const id = useId();
  const [tried, setTried] = useState(false);
  const parsed = consentInput.safeParse(draft);
  const issue = (path: string) => (tried && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === path)?.message : undefined);
  const periods = PERIODS.filter((p) => maxConsentDays === null || p <= maxConsentDays);
  if (maxConsentDays !== null && !periods.includes(maxConsentDays)) periods.push(maxConsentDays);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (parsed.success) onSubmit(draft as ConsentInput);
  };

  const acceptedError = issue('accepted');
  const dateError = issue('fromDate');
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your consent</h2>
      <p>{purpose}</p>
      <div className="consent-summary" role="group" aria-label="What you consent to">
        <dl>
          <div>
            <dt>Who reads the data</dt>
            <dd>Salt Edge, an authorised open-banking provider, on behalf of LeanSoft Companion</dd>
          </div>
          <div>
            <dt>Bank</dt>
            <dd>{providerName}</dd>
          </div>
          <div>
            <dt>What is read</dt>
            <dd>{scopesInWords(draft.scopes)}</dd>
          </div>
          <div>
            <dt>For how long</dt>
            <dd>
              {periodInWords(draft.periodDays)}
              {maxConsentDays !== null ? ` (the bank allows at most ${maxConsentDays} days)` : ''}
            </dd>
          </div>
          <div>
            <dt>Transactions from</dt>
            <dd>{formatDate(draft.fromDate)}</dd>
          </div>
        </dl>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-period`}>Consent period</label>
          <select
            id={`${id}-period`}
            value={draft.periodDays ?? ''}
            onChange={(e) => onChange({ ...draft, periodDays: Number(e.target.value) })}
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {p} days
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Read transactions from</label>
          <input
            id={`${id}-from`}
            type="date"
            value={draft.fromDate}
            min={daysAgoIso(365)}
            max={todayIso()}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? `${id}-from-error` : `${id}-from-help`}
            onChange={(e) => onChange({ ...draft, fromDate: e.target.value })}
          />
          {dateError ? (
            <p id={`${id}-from-error`} className="field__error">
              {dateError}
            </p>
          ) : (
            <p id={`${id}-from-help`} className="field__help">
              At most 365 days back.
            </p>
          )}
        </div>
      </div>
      <div className="field field--check">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.accepted}
            aria-invalid={acceptedError ? true : undefined}
            aria-describedby={acceptedError ? `${id}-accept-error` : undefined}
            onChange={(e) => onChange({ ...draft, accepted: e.target.checked })}
          />
          <span>
            I consent to Salt Edge reading {scopesInWords(draft.scopes)} at {providerName} for {periodInWords(draft.periodDays)}, from{' '}
            {formatDate(draft.fromDate)} on, and passing them to LeanSoft Companion on this computer.
          </span>
        </label>
        {acceptedError ? (
          <p id={`${id}-accept-error`} className="field__error" role="alert">
            {acceptedError}
          </p>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      <WizardActions>
        {onBack ? (
          <button type="button" className="btn" onClick={onBack} disabled={busy}>
            Back
          </button>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Opening Salt Edge…' : 'Continue to Salt Edge'}
        </button>
      </WizardActions>
    </form>
  );
}
