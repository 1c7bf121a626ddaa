import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { useAppInfo } from '../../app/app-info-store.js';
import { ConnectFlowSteps, type ConnectStage } from '../wizard-kit/ConnectFlowSteps.js';
import { ConsentStep, defaultConsentDraft } from '../wizard-kit/ConsentStep.js';
import { openConnectPage } from '../wizard-kit/use-flow.js';
import { WizardFrame } from '../wizard-kit/WizardFrame.js';
import { EmailStep, PhoneStep } from './ContactSteps.js';
import { InstitutionStep } from './InstitutionStep.js';
import { useLinkWizard } from './link-wizard-store.js';

export const LINK_STEPS = [
  { id: 'institution', label: 'Bank' },
  { id: 'phone', label: 'Phone' },
  { id: 'email', label: 'Email' },
  { id: 'consent', label: 'Consent' },
  { id: 'salt-edge', label: 'Salt Edge' },
  { id: 'accounts', label: 'Accounts' },
  { id: 'import', label: 'Import' },
  { id: 'done', label: 'Done' },
] as const;

/** Link a bank: institution → phone → email → consent → Salt Edge → accounts → first import → done. */
export function LinkWizard({ onClose, onUpdateCredentials }: { onClose: () => void; onUpdateCredentials: (connectionId: number) => void }) {
  const api = useApi();
  const host = useAppInfo((s) => s.info?.host);
  const w = useLinkWizard();
  const [existingEmail, setExistingEmail] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('connections.list', {}).then(
      (l) => {
        if (!l.customer) return;
        setExistingEmail(l.customer.email);
        const s = useLinkWizard.getState();
        s.set({ email: l.customer.email, ...(s.phone ? {} : l.customer.phone ? { phone: l.customer.phone } : {}) });
      },
      () => undefined,
    );
  }, [api]);

  const onStage = useCallback((s: ConnectStage) => useLinkWizard.getState().set({ step: s }), []);
  const close = () => {
    if (w.flow && (w.step === 'salt-edge' || w.step === 'consent')) void api.call('flow.cancel', { flowId: w.flow.id }).catch(() => undefined);
    w.reset();
    onClose();
  };

  const body = (() => {
    switch (w.step) {
      case 'institution':
        return (
          <InstitutionStep
            onCancel={close}
            onNext={() => w.set({ step: 'phone', consent: { ...defaultConsentDraft(w.provider?.maxConsentDays ?? null), ...keepConsent(w.consent, w.provider?.maxConsentDays ?? null) } })}
          />
        );
      case 'phone':
        return <PhoneStep onBack={() => w.set({ step: 'institution' })} onNext={() => w.set({ step: 'email' })} />;
      case 'email':
        return <EmailStep existing={existingEmail} onBack={() => w.set({ step: 'phone' })} onNext={() => w.set({ step: 'consent' })} />;
      case 'consent':
        return (
          <ConsentStep
            providerName={w.provider?.name ?? 'your bank'}
            maxConsentDays={w.provider?.maxConsentDays ?? null}
            purpose="Salt Edge asks your bank for your data only with your consent. Check what you agree to, then continue: Salt Edge opens, where you log in at your bank."
            draft={w.consent}
            onChange={(consent) => w.set({ consent })}
            onBack={() => w.set({ step: 'email' })}
            busy={busy}
            error={error}
            onSubmit={(consent) => {
              if (!w.provider) return;
              setBusy(true);
              setError(null);
              api
                .call('flow.start', { mode: 'link', providerCode: w.provider.code, email: w.email, phone: w.phone, consent })
                .then(
                  (flow) => {
                    w.set({ flow, step: 'salt-edge' });
                    openConnectPage(flow.connectUrl, host);
                  },
                  (err) => setError(err),
                )
                .finally(() => setBusy(false));
            }}
          />
        );
      default:
        return w.flow ? (
          <ConnectFlowSteps
            key={w.flow.id}
            started={w.flow}
            chooseAccounts="all"
            onStage={onStage}
            onRetry={() => w.set({ step: 'consent', flow: null, consent: { ...w.consent, accepted: false } })}
            onClose={close}
            onUpdateCredentials={(id) => {
              w.reset();
              onUpdateCredentials(id);
            }}
            doneText={(f) => `${f.providerName ?? 'The bank'} is linked through Salt Edge.`}
          />
        ) : null;
    }
  })();

  return (
    <WizardFrame title="Link a bank" steps={LINK_STEPS} current={w.step} onClose={close}>
      {body}
    </WizardFrame>
  );
}

/** Keeps the consent typed so far, with the period capped to the chosen bank's maximum. */
function keepConsent(c: ReturnType<typeof defaultConsentDraft>, max: number | null) {
  return { ...c, periodDays: max !== null && (c.periodDays === null || c.periodDays > max) ? max : c.periodDays };
}
