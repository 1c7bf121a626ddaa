import type { FlowView } from '../../../shared/contract/index.js';
import { ApiError } from '../../api/client.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { WizardActions } from './WizardFrame.js';

/**
 * A flow that ended without a connection: cancelled, timed out, failed (with the Salt Edge
 * message and details), or "already synchronised" with the way out.
 */
export function FlowProblem({
  flow,
  onRetry,
  onClose,
  onUpdateCredentials,
}: {
  flow: FlowView;
  onRetry: () => void;
  onClose: () => void;
  onUpdateCredentials?: (connectionId: number) => void;
}) {
  const dup = flow.duplicate;
  const heading =
    flow.state === 'cancelled'
      ? 'Cancelled'
      : flow.state === 'timed-out'
        ? 'This step timed out'
        : dup
          ? 'This bank login is already synchronised'
          : 'Salt Edge could not finish this step';
  const error = flow.error ? new ApiError(flow.error) : null;
  return (
    <div className="flow-problem">
      <h2>{heading}</h2>
      {flow.state === 'cancelled' || flow.state === 'timed-out' ? (
        <div role="status" className="alert alert--info">
          <p>{flow.error?.message ?? 'Nothing was linked or changed.'}</p>
        </div>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : null}
      {/* Made by this app: the message above already says what to do, and the button does it. */}
      {dup && dup.localConnectionId === null ? (
          <ol className="steps-list">
            <li>Open the Salt Edge dashboard and find the connection to {dup.providerName ?? 'this bank'} (it was made outside this app).</li>
            <li>Delete it there.</li>
            <li>Come back and link the bank again here.</li>
          </ol>
      ) : null}
      <WizardActions>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
        {dup && dup.localConnectionId !== null && onUpdateCredentials ? (
          <button type="button" className="btn btn--primary" onClick={() => onUpdateCredentials(dup.localConnectionId!)}>
            Update credentials of {dup.providerName ?? 'the existing connection'}
          </button>
        ) : (
          <button type="button" className="btn btn--primary" onClick={onRetry}>
            Start again
          </button>
        )}
      </WizardActions>
    </div>
  );
}
