import { useCallback, useEffect, useState } from 'react';
import type { ConnectionsList } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { useAppInfo } from '../../app/app-info-store.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { FetchAccountsWizard } from '../fetch-accounts/FetchAccountsWizard.js';
import { LinkWizard } from '../link-wizard/LinkWizard.js';
import { UpdateCredentialsWizard } from '../update-credentials/UpdateCredentialsWizard.js';
import { ConnectionCard } from './ConnectionCard.js';
import { useOnlineSync } from './online-sync-store.js';
import './online-sync.css';
import '../wizard-kit/wizard.css';

export function OnlineSyncPage() {
  const api = useApi();
  const mode = useAppInfo((s) => s.info?.mode);
  const { view, open } = useOnlineSync();
  const [list, setList] = useState<ConnectionsList | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api.call('connections.list', {}).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (err) => setError(err),
    );
  }, [api]);

  useEffect(() => {
    load();
    // Ask Salt Edge for the current status and consent of each connection (quietly: offline keeps the stored state).
    api.call('connections.refresh', {}).then(setList, () => undefined);
    return api.on('connections.changed', () => load());
  }, [api, load]);

  const back = () => {
    open({ kind: 'list' });
    load();
  };

  if (view.kind === 'link') return <LinkWizard onClose={back} onUpdateCredentials={(id) => open({ kind: 'update-credentials', connectionId: id })} />;
  if (view.kind === 'update-credentials') return <UpdateCredentialsWizard key={`u${view.connectionId}`} connectionId={view.connectionId} onClose={back} />;
  if (view.kind === 'fetch-accounts') return <FetchAccountsWizard key={`f${view.connectionId}`} connectionId={view.connectionId} onClose={back} />;

  const linkButton = (
    <button type="button" className="btn btn--primary" onClick={() => open({ kind: 'link' })}>
      Link a bank
    </button>
  );
  return (
    <div className="page">
      <header className="page__header page__header--row">
        <div>
          <h1>Online Synchronization</h1>
          <p className="muted">Bank connections made through Salt Edge, their consent and their accounts.</p>
        </div>
        {list && list.connections.length > 0 ? linkButton : null}
      </header>
      {error ? <ErrorMessage error={error} /> : null}
      {list && list.connections.length === 0 ? (
        <EmptyState title="No bank linked yet" action={linkButton}>
          <p>
            Link a bank to import its accounts' transactions as bank statements. Salt Edge, an open-banking provider, connects to your bank
            on the app's behalf; you log in at your bank and give your consent there.
          </p>
          {mode === 'demo' ? (
            <p>You are in demo mode: the banks you can link are fake ones from the built-in sandbox, so you can try everything safely.</p>
          ) : null}
        </EmptyState>
      ) : null}
      {list?.connections.map((c) => (
        <ConnectionCard
          key={c.id}
          connection={c}
          onUpdateCredentials={() => open({ kind: 'update-credentials', connectionId: c.id })}
          onFetchAccounts={() => open({ kind: 'fetch-accounts', connectionId: c.id })}
          onChanged={load}
        />
      ))}
      {!list && !error ? <p role="status">Loading connections…</p> : null}
    </div>
  );
}
