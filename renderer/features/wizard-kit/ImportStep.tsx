import { useEffect, useState } from 'react';
import type { ImportResult, SyncProgress } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';

/** The first import: a progress bar fed by sync.progress events of the connection. */
export function ImportStep({ connectionId, run, onFinished }: { connectionId: number | null; run: Promise<ImportResult>; onFinished: (r: ImportResult | { failed: unknown }) => void }) {
  const api = useApi();
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => {
    const off = api.on('sync.progress', (p) => {
      if (connectionId === null || p.connectionId === connectionId) setProgress(p);
    });
    let live = true;
    run.then(
      (r) => live && onFinished(r),
      (err: unknown) => live && onFinished({ failed: err }),
    );
    return () => {
      live = false;
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, run]);
  const total = Math.max(1, progress?.totalAccounts ?? 1);
  const pct = progress ? Math.min(100, Math.round(((progress.doneAccounts + (progress.phase === 'done' ? 0 : 0.5)) / total) * 100)) : 5;
  return (
    <div>
      <h2>Importing transactions…</h2>
      <div
        className="progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={progress?.message ?? 'Starting the import'}
      >
        <div className="progress__bar" style={{ width: `${pct}%` }} />
      </div>
      <p role="status" className="muted">
        {progress
          ? `${progress.message}${progress.fetched ? ` (${progress.fetched} transactions received)` : ''}`
          : 'Starting the import…'}
      </p>
    </div>
  );
}
