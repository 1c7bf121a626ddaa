import { useEffect, useState } from 'react';
import type { FlowView, ImportResult } from '../../../shared/contract/index.js';
import { ApiError } from '../../api/client.js';
import { useNavigation } from '../../app/navigation-store.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { AccountsStep } from './AccountsStep.js';
import { FlowProblem } from './FlowProblem.js';
import { ImportStep } from './ImportStep.js';
import { useFlow } from './use-flow.js';
import { WaitingStep } from './WaitingStep.js';
import { WizardActions } from './WizardFrame.js';

export type ConnectStage = 'salt-edge' | 'accounts' | 'import' | 'done';

/**
 * Everything after "Continue to Salt Edge", common to the three wizards: waiting for the user at
 * Salt Edge → (accounts → first import) → done; or the problem screen.
 */
export function ConnectFlowSteps({
  started,
  chooseAccounts,
  onStage,
  onRetry,
  onClose,
  onUpdateCredentials,
  doneText,
}: {
  started: FlowView;
  /** 'all': link; 'new': fetch accounts; 'none': update credentials. */
  chooseAccounts: 'all' | 'new' | 'none';
  onStage: (s: ConnectStage) => void;
  onRetry: () => void;
  onClose: () => void;
  onUpdateCredentials?: (connectionId: number) => void;
  doneText: (flow: FlowView) => string;
}) {
  const flow = useFlow(started) ?? started;
  const [stage, setStage] = useState<ConnectStage>('salt-edge');
  const [run, setRun] = useState<{ promise: Promise<ImportResult>; chosen: number } | null>(null);
  const [outcome, setOutcome] = useState<ImportResult | { failed: unknown } | { skipped: boolean } | null>(null);
  const go = useNavigation((s) => s.go);

  useEffect(() => {
    if (flow.state === 'done' && stage === 'salt-edge') setStage(chooseAccounts === 'none' ? 'done' : 'accounts');
  }, [flow.state, stage, chooseAccounts]);
  useEffect(() => onStage(stage), [stage, onStage]);

  if (stage === 'salt-edge') {
    if (flow.state === 'failed' || flow.state === 'cancelled' || flow.state === 'timed-out') {
      return <FlowProblem flow={flow} onRetry={onRetry} onClose={onClose} {...(onUpdateCredentials ? { onUpdateCredentials } : {})} />;
    }
    return <WaitingStep flow={flow} />;
  }
  if (stage === 'accounts') {
    return (
      <AccountsStep
        flowId={flow.id}
        onlyNew={chooseAccounts === 'new'}
        onImport={(promise, chosen) => {
          setRun({ promise, chosen });
          setStage('import');
        }}
        onSkip={(none) => {
          setOutcome({ skipped: none });
          setStage('done');
        }}
      />
    );
  }
  if (stage === 'import' && run) {
    return (
      <ImportStep
        connectionId={flow.connectionId}
        run={run.promise}
        onFinished={(r) => {
          setOutcome(r);
          setStage('done');
        }}
      />
    );
  }
  const failed = outcome && 'failed' in outcome ? outcome.failed : outcome && 'ok' in outcome && !outcome.ok && outcome.error ? new ApiError(outcome.error) : null;
  return (
    <div>
      <h2>{failed ? (flow.mode === 'link' ? 'Linked, but the first import did not finish' : 'The import did not finish') : 'Done'}</h2>
      <div role="status" className={`alert ${failed ? 'alert--warning' : 'alert--success'}`}>
        <p>{doneText(flow)}</p>
        {outcome && 'summary' in outcome ? <p>{outcome.summary}</p> : null}
        {outcome && 'skipped' in outcome && !outcome.skipped ? (
          <p>No account was chosen. You can switch accounts on later on the Online Synchronization page.</p>
        ) : null}
      </div>
      {failed ? <ErrorMessage error={failed} /> : null}
      <WizardActions>
        <button type="button" className="btn" onClick={onClose}>
          Back to Online Synchronization
        </button>
        {outcome && 'ok' in outcome ? (
          <button type="button" className="btn btn--primary" onClick={() => go('statements')}>
            See the statements
          </button>
        ) : null}
      </WizardActions>
    </div>
  );
}
