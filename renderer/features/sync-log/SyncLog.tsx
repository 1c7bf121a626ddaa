import { useCallback, useEffect, useId, useState } from 'react';
import type { SyncLogView, SyncProgress, SyncRunView, SyncUndoSummary } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';

const TRIGGER_WORDS: Record<string, string> = {
  first: 'First import',
  manual: 'Synchronised by you',
  scheduled: 'Automatic synchronisation',
};

const STATUS_WORDS: Record<string, string> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  undone: 'Undone',
};

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The synchronisation log of one connection, in words: each run with what it did per account,
 * errors with their class and request id, and "Undo this import" (with a confirmation) on the
 * newest completed import. Embedded by the Online Synchronization page.
 */
export function SyncLog({ connectionId, limit }: { connectionId: number; limit?: number }) {
  const api = useApi();
  const [view, setView] = useState<SyncLogView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [undoError, setUndoError] = useState<unknown>(null);
  const [undone, setUndone] = useState<SyncUndoSummary | null>(null);

  const load = useCallback(async () => {
    try {
      const v = await api.call('sync.log', { connectionId, ...(limit ? { limit } : {}) });
      setView(v);
      setProgress(v.running?.progress ?? null);
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [api, connectionId, limit]);

  useEffect(() => {
    void load();
    const offProgress = api.on('sync.progress', (p) => {
      if (p.connectionId === connectionId) setProgress(p.phase === 'done' ? null : p);
    });
    const offFinished = api.on('sync.finished', (f) => {
      if (f.connectionId === connectionId) {
        setProgress(null);
        void load();
      }
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [api, connectionId, load]);

  const undo = async (runId: number) => {
    setUndoing(true);
    setUndoError(null);
    try {
      setUndone(await api.call('sync.undoRun', { runId }));
      setConfirming(null);
      await load();
    } catch (err) {
      setUndoError(err);
    } finally {
      setUndoing(false);
    }
  };

  const running = view?.running ?? null;
  return (
    <section className="card sync-log" aria-label="Synchronisation log">
      <h2>Synchronisation log</h2>
      {loadError ? <ErrorMessage error={loadError} /> : null}
      {undone ? (
        <div role="status" className="alert alert--success">
          <p>{undone.message}</p>
        </div>
      ) : null}
      {running ? <RunningRun progress={progress} runId={running.runId} onCancel={() => void api.call('sync.cancel', { runId: running.runId })} /> : null}
      {view && view.runs.length === 0 && !running ? <p className="muted">No synchronisation yet.</p> : null}
      {view ? (
        <ol className="sync-log__runs">
          {view.runs.map((run) => (
            <RunEntry
              key={run.runId}
              run={run}
              confirming={confirming === run.runId}
              undoing={undoing}
              undoError={confirming === run.runId ? undoError : null}
              onAskUndo={() => {
                setUndone(null);
                setUndoError(null);
                setConfirming(run.runId);
              }}
              onCancelUndo={() => setConfirming(null)}
              onUndo={() => void undo(run.runId)}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function RunningRun({ progress, runId, onCancel }: { progress: SyncProgress | null; runId: number; onCancel: () => void }) {
  const total = progress?.totalAccounts ?? 0;
  const done = progress?.doneAccounts ?? 0;
  return (
    <div className="alert alert--info" data-run-id={runId}>
      <strong className="alert__title">Synchronising…</strong>
      <p>{progress?.message ?? 'Starting…'}</p>
      <progress max={total || 1} value={total ? done : undefined} aria-label="Synchronisation progress" />
      {progress ? <p className="small muted">{`${progress.fetched} rows received${total ? `, ${done} of ${total} accounts done` : ''}`}</p> : null}
      <div className="card__actions">
        <button type="button" className="btn btn--quiet" onClick={onCancel}>
          Cancel synchronisation
        </button>
      </div>
    </div>
  );
}

function RunEntry(props: {
  run: SyncRunView;
  confirming: boolean;
  undoing: boolean;
  undoError: unknown;
  onAskUndo: () => void;
  onCancelUndo: () => void;
  onUndo: () => void;
}) {
  const { run } = props;
  const titleId = useId();
  const tone = run.status === 'failed' ? 'error' : run.error ? 'warning' : run.status === 'done' ? 'success' : 'info';
  return (
    <li className={`sync-log__run sync-log__run--${tone}`} aria-labelledby={titleId}>
      <div className="card__row">
        <h3 id={titleId}>
          {TRIGGER_WORDS[run.trigger] ?? 'Synchronisation'}, {when(run.startedAt)} — {STATUS_WORDS[run.status] ?? run.status}
        </h3>
      </div>
      <p>{run.summary}</p>
      {run.refreshNote ? <p className="muted">{run.refreshNote}</p> : null}
      {run.error && run.status !== 'failed' ? (
        <p className="small">
          Needs attention: {run.error.message} (error {run.error.errorClass}
          {run.error.requestId ? `, request id ${run.error.requestId}` : ''})
        </p>
      ) : null}
      {run.accounts.length ? (
        <ul className="sync-log__accounts">
          {run.accounts.map((a) => (
            <li key={`${a.accountId ?? a.accountName}`}>
              <strong>{a.accountName}</strong>
              {a.currency ? ` (${a.currency})` : ''}: {a.words.join(' ')}
            </li>
          ))}
        </ul>
      ) : null}
      {run.canUndo && !props.confirming ? (
        <div className="card__actions">
          <button type="button" className="btn btn--quiet" onClick={props.onAskUndo}>
            Undo this import
          </button>
        </div>
      ) : null}
      {props.confirming ? (
        <div role="alertdialog" aria-modal="false" aria-label="Undo this import?" className="alert alert--warning">
          <strong className="alert__title">Undo this import?</strong>
          <p>
            This removes the {run.added} {run.added === 1 ? 'transaction' : 'transactions'} and the statements this import added, and puts back the
            pending payments it replaced. Notes and review marks you made on those transactions are removed with them. The next synchronisation
            imports the transactions again.
          </p>
          {props.undoError ? <ErrorMessage error={props.undoError} /> : null}
          <div className="card__actions">
            <button type="button" className="btn btn--danger" onClick={props.onUndo} disabled={props.undoing}>
              {props.undoing ? 'Undoing…' : 'Undo import'}
            </button>
            <button type="button" className="btn" onClick={props.onCancelUndo} disabled={props.undoing}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
