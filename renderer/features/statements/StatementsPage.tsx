import { EmptyState } from '../../components/EmptyState.js';
import { useNavigation } from '../../app/navigation-store.js';

export function StatementsPage() {
  const go = useNavigation((s) => s.go);
  return (
    <div className="page">
      <header className="page__header">
        <h1>Statements</h1>
        <p className="muted">Imported bank statements and their transactions, available offline.</p>
      </header>
      <EmptyState
        title="Nothing imported yet"
        action={
          <button type="button" className="btn btn--primary" onClick={() => go('online-sync')}>
            Go to Online Synchronization
          </button>
        }
      >
        <p>Statements appear here after the first import of a linked bank account.</p>
      </EmptyState>
    </div>
  );
}
