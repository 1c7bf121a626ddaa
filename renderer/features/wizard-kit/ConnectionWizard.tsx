import { useCallback, useEffect, useId, useState } from 'react';
import type { ConnectionView, FlowView } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { useAppInfo } from '../../app/app-info-store.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ConnectFlowSteps, type ConnectStage } from './ConnectFlowSteps.js';
import { ConsentStep, defaultConsentDraft, type ConsentDraft } from './ConsentStep.js';
import { daysAgoIso, formatDate } from './format.js';
import { openConnectPage } from './use-flow.js';
import { WizardActions, WizardFrame } from './WizardFrame.js';

type Mode = 'update-credentials' | 'fetch-accounts';
type Step = 'connection' | 'consent' | ConnectStage;

const STEPS: Record<Mode, { id: Step; label: string }[]> = {
  'update-credentials': [
    { id: 'connection', label: 'Connection' },
    { id: 'consent', label: 'Consent' },
    { id: 'salt-edge', label: 'Salt Edge' },
    { id: 'done', label: 'Done' },
  ],
  'fetch-accounts': [
    { id: 'connection', label: 'Connection' },
    { id: 'consent', label: 'Consent' },
    { id: 'salt-edge', label: 'Salt Edge' },
    { id: 'accounts', label: 'New accounts' },
    { id: 'import', label: 'Import' },
    { id: 'done', label: 'Done' },
  ],
};

const TEXT: Record<Mode, { title: string; purpose: string; done: (f: FlowView) => string }> = {
  'update-credentials': {
    title: 'Update credentials',
    purpose:
      'Salt Edge opens so you can log in at your bank again and give a new consent. This reactivates the connection (also after an expired or revoked consent); your accounts and statements stay as they are.',
    done: (f) => `${f.providerName ?? 'The connection'} is ${f.result?.status === 'active' ? 'active again' : `now ${f.result?.status ?? 'updated'}`}; its consent and accounts were refreshed.`,
  },
  'fetch-accounts': {
    title: 'Fetch accounts',
    purpose: 'Salt Edge opens to read the list of your accounts at the bank again, so accounts opened since the last fetch can be added.',
    done: (f) => `Salt Edge fetched the accounts of ${f.providerName ?? 'the bank'} again.`,
  },
};

/** Update credentials / fetch accounts: connection → consent → Salt Edge → (new accounts → import) → done. */
export function ConnectionWizard({ mode, connectionId, onClose }: { mode: Mode; connectionId: number | null; onClose: () => void }) {
  const api = useApi();
  const id = useId();
  const host = useAppInfo((s) => s.info?.host);
  const [connections, setConnections] = useState<ConnectionView[] | null>(null);
  const [selected, setSelected] = useState<number | null>(connectionId);
  const [step, setStep] = useState<Step>(connectionId !== null ? 'consent' : 'connection');
  const [consent, setConsent] = useState<ConsentDraft>(defaultConsentDraft(null));
  const [flow, setFlow] = useState<FlowView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('connections.list', {}).then(
      (l) => {
        setConnections(l.connections);
        const c = l.connections.find((x) => x.id === connectionId);
        // A new consent reads from the earlier of the previous consent's start and the default,
        // so repairing a connection does not shorten its history (Salt Edge allows 365 days back).
        const previous = c?.consent.fromDate;
        if (previous) {
          setConsent((d) => {
            const earlier = previous < d.fromDate ? previous : d.fromDate;
            const limit = daysAgoIso(365);
            return { ...d, fromDate: earlier < limit ? limit : earlier };
          });
        }
      },
      (err) => setError(err),
    );
  }, [api, connectionId]);
  const onStage = useCallback((s: ConnectStage) => setStep(s), []);
  const conn = connections?.find((c) => c.id === selected) ?? null;
  const close = () => {
    if (flow && step === 'salt-edge') void api.call('flow.cancel', { flowId: flow.id }).catch(() => undefined);
    onClose();
  };
  const t = TEXT[mode];

  let body;
  if (step === 'connection') {
    body = (
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (selected !== null) setStep('consent');
        }}
      >
        <h2>Which connection?</h2>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="field field--narrow">
          <label htmlFor={`${id}-conn`}>Connection</label>
          <select id={`${id}-conn`} value={selected ?? ''} onChange={(e) => setSelected(e.target.value ? Number(e.target.value) : null)}>
            <option value="">Choose a connection</option>
            {connections?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.providerName}
              </option>
            ))}
          </select>
        </div>
        <WizardActions>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={selected === null}>
            Next
          </button>
        </WizardActions>
      </form>
    );
  } else if (step === 'consent') {
    body = (
      <>
        {conn ? (
          <p className="muted">
            Connection: <strong>{conn.providerName}</strong>
            {conn.consent.expiresAt ? ` · consent ${conn.consent.state === 'expired' ? 'expired' : 'until'} ${formatDate(conn.consent.expiresAt)}` : ''}
          </p>
        ) : null}
        <ConsentStep
          providerName={conn?.providerName ?? 'your bank'}
          maxConsentDays={null}
          purpose={t.purpose}
          draft={consent}
          onChange={setConsent}
          {...(connectionId === null ? { onBack: () => setStep('connection') } : {})}
          busy={busy}
          error={error}
          onSubmit={(c) => {
            if (selected === null) return;
            setBusy(true);
            setError(null);
            api
              .call('flow.start', { mode, connectionId: selected, consent: c })
              .then(
                (f) => {
                  setFlow(f);
                  setStep('salt-edge');
                  openConnectPage(f.connectUrl, host);
                },
                (err) => setError(err),
              )
              .finally(() => setBusy(false));
          }}
        />
      </>
    );
  } else if (flow) {
    body = (
      <ConnectFlowSteps
        key={flow.id}
        started={flow}
        chooseAccounts={mode === 'fetch-accounts' ? 'new' : 'none'}
        onStage={onStage}
        onRetry={() => {
          setFlow(null);
          setConsent((d) => ({ ...d, accepted: false }));
          setStep('consent');
        }}
        onClose={onClose}
        doneText={t.done}
      />
    );
  }

  return (
    <WizardFrame title={conn ? `${t.title}: ${conn.providerName}` : t.title} steps={STEPS[mode]} current={step} onClose={close}>
      {body}
    </WizardFrame>
  );
}
