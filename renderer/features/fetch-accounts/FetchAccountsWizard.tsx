import { ConnectionWizard } from '../wizard-kit/ConnectionWizard.js';

/** Fetch a connection's accounts again and add the new ones. */
export function FetchAccountsWizard({ connectionId, onClose }: { connectionId: number | null; onClose: () => void }) {
  return <ConnectionWizard mode="fetch-accounts" connectionId={connectionId} onClose={onClose} />;
}
