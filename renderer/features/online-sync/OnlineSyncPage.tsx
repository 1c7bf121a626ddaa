import { EmptyState } from '../../components/EmptyState.js';
import { useAppInfo } from '../../app/app-info-store.js';

export function OnlineSyncPage() {
  const mode = useAppInfo((s) => s.info?.mode);
  return (
    <div className="page">
      <header className="page__header">
        <h1>Online Synchronization</h1>
        <p className="muted">Bank connections made through Salt Edge, their consent and their accounts.</p>
      </header>
      <EmptyState title="No bank linked yet">
        <p>
          Link a bank to import its accounts' transactions as bank statements. Salt Edge, an open-banking provider, connects to
          your bank on the app's behalf; you log in at your bank and give your consent there.
        </p>
        {mode === 'demo' ? (
          <p>You are in demo mode: the banks you can link are fake ones from the built-in sandbox, so you can try everything safely.</p>
        ) : null}
      </EmptyState>
    </div>
  );
}
