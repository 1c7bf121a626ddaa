import { useEffect } from 'react';
import { useApi } from '../api/api-context.js';
import { useAppInfo } from './app-info-store.js';
import { useNavigation, type PageId } from './navigation-store.js';
import { ModeBadge } from '../components/ModeBadge.js';
import { Notices } from '../components/Notices.js';
import { OnlineSyncPage } from '../features/online-sync/OnlineSyncPage.js';
import { StatementsPage } from '../features/statements/StatementsPage.js';
import { SettingsPage } from '../features/settings/SettingsPage.js';
import { StoreProblem } from '../features/settings/StoreProblem.js';

const PAGES: { id: PageId; label: string }[] = [
  { id: 'online-sync', label: 'Online Synchronization' },
  { id: 'statements', label: 'Statements' },
  { id: 'settings', label: 'Settings' },
];

export function App() {
  const api = useApi();
  const { info, error, load } = useAppInfo();
  const { page, go } = useNavigation();

  useEffect(() => {
    void load(api);
    return api.on('app.changed', () => void load(api));
  }, [api, load]);

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            L
          </span>
          <span className="brand__name">LeanSoft Companion</span>
        </div>
        <nav aria-label="Main">
          <ul className="nav">
            {PAGES.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`nav__item${page === p.id ? ' nav__item--active' : ''}`}
                  aria-current={page === p.id ? 'page' : undefined}
                  onClick={() => go(p.id)}
                >
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar__footer">
          {info ? <ModeBadge mode={info.mode} /> : null}
          {info?.saltEdgeReachable === false ? (
            <span className="badge badge--offline" title="Salt Edge could not be reached. Everything imported is here; synchronisation resumes when the connection is back.">
              Offline
            </span>
          ) : null}
          {info ? <span className="muted small">v{info.version}</span> : null}
        </div>
      </aside>
      <main className="content">
        {error ? (
          <div role="alert" className="alert alert--error">
            {error}
          </div>
        ) : null}
        {info?.keychainWarning ? (
          <div role="status" className="alert alert--warning">
            {info.keychainWarning}
          </div>
        ) : null}
        {info && info.store.state !== 'ok' ? <StoreProblem status={info.store} /> : null}
        <Notices />
        {page === 'online-sync' ? <OnlineSyncPage /> : null}
        {page === 'statements' ? <StatementsPage /> : null}
        {page === 'settings' ? <SettingsPage /> : null}
      </main>
    </div>
  );
}
