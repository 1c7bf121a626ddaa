import { useEffect, useId, useState, type FormEvent } from 'react';
import type { FlowAccounts, ImportResult } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatBalance, formatDate, todayIso } from './format.js';
import { WizardActions } from './WizardFrame.js';

/**
 * The connection's accounts (name, number/IBAN, currency, balance): choose which to import and
 * from which date. `onlyNew` (fetch accounts) offers only accounts not known before.
 */
export function AccountsStep({
  flowId,
  onlyNew,
  onImport,
  onSkip,
}: {
  flowId: string;
  onlyNew: boolean;
  /** Called when the import starts; resolves with the import's result. */
  onImport: (run: Promise<ImportResult>, chosen: number) => void;
  onSkip: (none: boolean) => void;
}) {
  const api = useApi();
  const id = useId();
  const [data, setData] = useState<FlowAccounts | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [fromDate, setFromDate] = useState('');
  const [tried, setTried] = useState(false);

  useEffect(() => {
    api.call('flow.accounts', { flowId }).then(
      (d) => {
        setData(d);
        setFromDate(d.defaultFromDate);
        setChosen(new Set(d.accounts.filter((a) => !onlyNew || a.isNew).map((a) => a.saltedgeId)));
      },
      (err) => setLoadError(err),
    );
  }, [api, flowId, onlyNew]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!data) return <p role="status">Loading the accounts…</p>;

  const shown = data.accounts.filter((a) => !onlyNew || a.isNew);
  if (shown.length === 0) {
    return (
      <div>
        <h2>No new accounts</h2>
        <p role="status">Salt Edge found no accounts at this bank that are not already here. Your existing accounts keep their settings.</p>
        <WizardActions>
          <button type="button" className="btn btn--primary" onClick={() => onSkip(true)}>
            Finish
          </button>
        </WizardActions>
      </div>
    );
  }

  const today = todayIso();
  const dateError =
    !/^\d{4}-\d{2}-\d{2}$/.test(fromDate)
      ? 'Enter a start date'
      : fromDate > today
        ? 'The start date cannot be in the future'
        : data.minFromDate && fromDate < data.minFromDate
          ? `Your consent covers transactions from ${formatDate(data.minFromDate)} on: choose that date or a later one`
          : null;
  const chooseError = chosen.size === 0 ? 'Choose at least one account to import' : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (dateError || chooseError) return;
    onImport(api.call('flow.importAccounts', { flowId, accountIds: [...chosen], fromDate }), chosen.size);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{onlyNew ? 'New accounts found' : 'Choose the accounts to import'}</h2>
      <p>
        {onlyNew
          ? 'These accounts are new since the last fetch. Tick the ones to add; your existing accounts stay exactly as they are.'
          : 'Tick the accounts whose transactions should be imported as bank statements. You can change this later on the Online Synchronization page.'}
      </p>
      <table className="table accounts-table">
        <caption className="sr-only">Accounts at the bank</caption>
        <thead>
          <tr>
            <th scope="col">Import</th>
            <th scope="col">Account</th>
            <th scope="col">Number / IBAN</th>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.saltedgeId}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Import ${a.name}`}
                  checked={chosen.has(a.saltedgeId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(a.saltedgeId);
                    else next.delete(a.saltedgeId);
                    setChosen(next);
                  }}
                />
              </td>
              <td>
                {a.name}
                {a.isNew && !onlyNew && data.accounts.some((x) => !x.isNew) ? <span className="badge badge--new">New</span> : null}
                {a.nature ? <div className="muted small">{a.nature.replace(/_/g, ' ')}</div> : null}
              </td>
              <td className="mono">{a.iban ?? a.accountNumber ?? '—'}</td>
              <td>{a.currency}</td>
              <td className="num">{formatBalance(a.balance, a.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tried && chooseError ? (
        <p className="field__error" role="alert">
          {chooseError}
        </p>
      ) : null}
      <div className="field field--narrow">
        <label htmlFor={`${id}-from`}>Import transactions from</label>
        <input
          id={`${id}-from`}
          type="date"
          value={fromDate}
          min={data.minFromDate ?? undefined}
          max={today}
          aria-invalid={tried && dateError ? true : undefined}
          aria-describedby={`${id}-from-msg`}
          onChange={(e) => setFromDate(e.target.value)}
        />
        {tried && dateError ? (
          <p id={`${id}-from-msg`} className="field__error" role="alert">
            {dateError}
          </p>
        ) : (
          <p id={`${id}-from-msg`} className="field__help">
            {data.minFromDate ? `Your consent covers transactions from ${formatDate(data.minFromDate)} on.` : 'Transactions from this date on are imported.'}
          </p>
        )}
      </div>
      <WizardActions>
        <button type="button" className="btn" onClick={() => onSkip(false)}>
          Not now
        </button>
        <button type="submit" className="btn btn--primary">
          Import {chosen.size} account{chosen.size === 1 ? '' : 's'}
        </button>
      </WizardActions>
    </form>
  );
}
