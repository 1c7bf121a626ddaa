import type { StoreStatus } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useAction } from '../../components/use-action.js';

/** Shown when the database file could not be opened: explains, and offers the last good copy. */
export function StoreProblem({ status }: { status: Exclude<StoreStatus, { state: 'ok' }> }) {
  const api = useApi();
  const { busy, error, run } = useAction();
  return (
    <section role="alert" className="alert alert--error" aria-label="Database problem">
      <strong className="alert__title">Your data could not be opened</strong>
      <p>{status.message}</p>
      {status.state === 'damaged' ? (
        <>
          <p className="small">The file is kept exactly as it is: {status.filePath}</p>
          {status.backupAvailable ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void run(async () => void (await api.call('store.restoreBackup', {})))}
            >
              Restore the last good copy
            </button>
          ) : (
            <p>No earlier copy is available.</p>
          )}
        </>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
