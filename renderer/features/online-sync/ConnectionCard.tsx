import { useId, useState } from 'react';
import type { ConnectionView, DeleteResult } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ApiError } from '../../api/client.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useAction } from '../../components/use-action.js';
import { SyncLog } from '../sync-log/SyncLog.js';
import { AutoSyncSettings } from './AutoSyncSettings.js';
import { formatBalance, formatDate, formatDateTime } from '../wizard-kit/format.js';

const HEALTH_LABEL: Record<ConnectionView['health'], string> = {
  active: 'Active',
  'needs-attention': 'Needs attention',
  disconnected: 'Disconnected',
};

type Panel = null | 'revoke' | 'delete';

/** One connection on the Online Synchronization page: facts, accounts, actions. */
export function ConnectionCard({
  connection: c,
  onUpdateCredentials,
  onFetchAccounts,
  onChanged,
}: {
  connection: ConnectionView;
  onUpdateCredentials: () => void;
  onFetchAccounts: () => void;
  onChanged: () => void;
}) {
  const api = useApi();
  const id = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const consentWarning =
    c.consent.state === 'expired'
      ? `The consent expired on ${formatDate(c.consent.expiresAt)}. Salt Edge can no longer read this bank: use Update credentials to renew it.`
      : c.consent.state === 'expiring'
        ? `The consent expires in ${c.consent.daysLeft} day${c.consent.daysLeft === 1 ? '' : 's'} (${formatDate(c.consent.expiresAt)}). Renew it with Update credentials before then to keep synchronising.`
        : null;

  return (
    <article className="card connection" aria-labelledby={`${id}-name`}>
      <header className="connection__header">
        <div>
          <h2 id={`${id}-name`}>{c.providerName}</h2>
          <span className="muted small">
            {c.countryCode ? `${c.countryCode} · ` : ''}Salt Edge connection {c.saltedgeId}
          </span>
        </div>
        <span className={`status status--${c.health}`} aria-label={`Status: ${HEALTH_LABEL[c.health]}`}>
          {HEALTH_LABEL[c.health]}
        </span>
      </header>
      <dl className="facts">
        <div>
          <dt>Last successful sync</dt>
          <dd>{formatDateTime(c.lastSuccessAt)}</dd>
        </div>
        <div>
          <dt>Next refresh allowed</dt>
          <dd>{c.nextRefreshPossibleAt ? formatDateTime(c.nextRefreshPossibleAt) : 'Now'}</dd>
        </div>
        <div>
          <dt>Consent</dt>
          <dd>
            {c.consent.state === 'revoked'
              ? `Revoked ${formatDate(c.consent.revokedAt)}`
              : c.consent.expiresAt
                ? `${c.consent.state === 'expired' ? 'Expired' : 'Valid until'} ${formatDate(c.consent.expiresAt)}`
                : c.consent.state === 'unknown'
                  ? 'Unknown'
                  : 'No expiry'}
          </dd>
        </div>
      </dl>
      {c.healthReason && c.health !== 'active' && !c.problem && !consentWarning ? (
        <div role="status" className={`alert ${c.health === 'disconnected' ? 'alert--info' : 'alert--warning'}`}>
          <p>{c.healthReason}</p>
        </div>
      ) : null}
      {consentWarning ? (
        <div role="status" className={`alert ${c.consent.state === 'expired' ? 'alert--error' : 'alert--warning'}`}>
          <strong className="alert__title">{c.consent.state === 'expired' ? 'Consent expired' : 'Consent expiring soon'}</strong>
          <p>{consentWarning}</p>
        </div>
      ) : null}
      {c.problem ? (
        <ErrorMessage
          error={
            new ApiError({
              code: 'saltedge',
              title: c.problem.title,
              message: c.problem.message,
              details: { errorClass: c.problem.errorClass, ...(c.problem.requestId ? { requestId: c.problem.requestId } : {}) },
            })
          }
        />
      ) : null}

      <table className="table accounts-table">
        <caption>Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Import</th>
            <th scope="col">Account</th>
            <th scope="col">Number / IBAN</th>
            <th scope="col" className="num">
              Bank balance
            </th>
            <th scope="col">Last imported</th>
          </tr>
        </thead>
        <tbody>
          {c.accounts.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No accounts yet. Use Fetch accounts to read them from the bank.
              </td>
            </tr>
          ) : null}
          {c.accounts.map((a) => (
            <tr key={a.id}>
              <td>
                <label className="switch">
                  <input
                    type="checkbox"
                    role="switch"
                    aria-label={`Import ${a.name}`}
                    checked={a.enabled}
                    disabled={busy !== null}
                    onChange={(e) =>
                      void run('toggle', async () => {
                        await api.call('connections.setAccountEnabled', { accountId: a.id, enabled: e.target.checked });
                        onChanged();
                      })
                    }
                  />
                  <span>{a.enabled ? 'On' : 'Off'}</span>
                </label>
              </td>
              <td>
                {a.name} <span className="muted small">{a.currency}</span>
              </td>
              <td className="mono">{a.iban ?? a.accountNumber ?? '—'}</td>
              <td className="num">{formatBalance(a.bankBalance, a.currency)}</td>
              <td>{a.lastSyncAt ? formatDateTime(a.lastSyncAt) : a.enabled ? `from ${formatDate(a.importFrom)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {notice ? (
        <div role="status" className="alert alert--success">
          <p>{notice}</p>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}

      <div className="card__actions" role="group" aria-label={`Actions for ${c.providerName}`}>
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy !== null}
          onClick={() =>
            void run('sync', async () => {
              const r = await api.call('connections.sync', { connectionId: c.id });
              setNotice(r.summary);
              onChanged();
            })
          }
        >
          {busy === 'sync' ? 'Synchronising…' : 'Synchronise now'}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={onUpdateCredentials}>
          Update credentials
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={onFetchAccounts}>
          Fetch accounts
        </button>
        <button type="button" className="btn" disabled={busy !== null || c.consent.state === 'revoked'} onClick={() => setPanel('revoke')}>
          Revoke consent
        </button>
        <button type="button" className="btn btn--danger" disabled={busy !== null} onClick={() => setPanel('delete')}>
          Delete
        </button>
      </div>

      {panel === 'revoke' ? (
        <section className="confirm" role="alertdialog" aria-labelledby={`${id}-revoke`} aria-describedby={`${id}-revoke-text`}>
          <h3 id={`${id}-revoke`}>Revoke the consent for {c.providerName}?</h3>
          <p id={`${id}-revoke-text`}>
            Salt Edge stops reading this bank at once and the connection becomes disconnected. The statements already imported stay in the
            app. To synchronise again later, use Update credentials.
          </p>
          <div className="card__actions">
            <button type="button" className="btn" onClick={() => setPanel(null)}>
              Keep the consent
            </button>
            <button
              type="button"
              className="btn btn--danger"
              disabled={busy !== null}
              onClick={() =>
                void run('revoke', async () => {
                  await api.call('connections.revokeConsent', { connectionId: c.id });
                  setPanel(null);
                  setNotice('The consent is revoked. Imported statements stay.');
                  onChanged();
                })
              }
            >
              {busy === 'revoke' ? 'Revoking…' : 'Revoke consent'}
            </button>
          </div>
        </section>
      ) : null}
      {panel === 'delete' ? <DeletePanel connection={c} onCancel={() => setPanel(null)} onDeleted={onChanged} /> : null}
      <AutoSyncSettings connectionId={c.id} />
      <details className="connection__log">
        <summary>Synchronisation log</summary>
        <SyncLog connectionId={c.id} limit={10} />
      </details>
    </article>
  );
}

/** Delete: choose whether statements stay, revoke + remove at Salt Edge; the "still at Salt Edge" path. */
function DeletePanel({ connection: c, onCancel, onDeleted }: { connection: ConnectionView; onCancel: () => void; onDeleted: () => void }) {
  const api = useApi();
  const id = useId();
  const [keep, setKeep] = useState<boolean | null>(null);
  const [tried, setTried] = useState(false);
  const [result, setResult] = useState<DeleteResult | null>(null);
  const { busy, error, run: act } = useAction();

  if (result?.outcome === 'still-at-saltedge') {
    return (
      <section className="confirm" role="alertdialog" aria-labelledby={`${id}-still`}>
        <div role="alert" className="alert alert--warning">
          <strong id={`${id}-still`} className="alert__title">
            {result.title}
          </strong>
          <p>{result.message}</p>
          {result.error ? (
            <details className="alert__details">
              <summary>Details for support</summary>
              <dl>
                <div>
                  <dt>Error class</dt>
                  <dd>{result.error.errorClass}</dd>
                </div>
                {result.error.requestId ? (
                  <div>
                    <dt>Request id</dt>
                    <dd>{result.error.requestId}</dd>
                  </div>
                ) : null}
              </dl>
            </details>
          ) : null}
        </div>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="card__actions">
          <button type="button" className="btn" onClick={onCancel}>
            Later
          </button>
          <button
            type="button"
            className="btn btn--danger"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await api.call('connections.finishLocalDelete', { connectionId: c.id, keepStatements: keep ?? true });
                onDeleted();
              })
            }
          >
            I removed it on the dashboard: delete it here
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="confirm" role="alertdialog" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Delete the connection to {c.providerName}?</h3>
      <p>The app revokes the consent at Salt Edge, then removes the connection there and here.</p>
      <fieldset className="form" aria-describedby={tried && keep === null ? `${id}-err` : undefined}>
        <legend>What should happen to the statements already imported from it?</legend>
        <label className="check">
          <input type="radio" name={`${id}-keep`} checked={keep === true} onChange={() => setKeep(true)} />
          <span>Keep the imported statements (recommended)</span>
        </label>
        <label className="check">
          <input type="radio" name={`${id}-keep`} checked={keep === false} onChange={() => setKeep(false)} />
          <span>Delete the imported statements too</span>
        </label>
        {tried && keep === null ? (
          <p id={`${id}-err`} className="field__error" role="alert">
            Choose whether to keep the imported statements.
          </p>
        ) : null}
      </fieldset>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="card__actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn--danger"
          disabled={busy}
          onClick={() => {
            setTried(true);
            if (keep === null) return;
            void act(async () => {
              const r = await api.call('connections.delete', { connectionId: c.id, keepStatements: keep });
              if (r.outcome === 'deleted') onDeleted();
              else setResult(r);
            });
          }}
        >
          {busy ? 'Deleting…' : 'Delete connection'}
        </button>
      </div>
    </section>
  );
}
