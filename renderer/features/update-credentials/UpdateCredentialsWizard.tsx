import { ConnectionWizard } from '../wizard-kit/ConnectionWizard.js';

/** Reconnect a connection (new login and consent): also the repair path for an expired/revoked consent. */
export function UpdateCredentialsWizard({ connectionId, onClose }: { connectionId: number | null; onClose: () => void }) {
  return <ConnectionWizard mode="update-credentials" connectionId={connectionId} onClose={onClose} />;
}
