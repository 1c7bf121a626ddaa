import { create } from 'zustand';
import type { FlowView, ProviderView } from '../../../shared/contract/index.js';
import { defaultConsentDraft, type ConsentDraft } from '../wizard-kit/ConsentStep.js';
import type { ConnectStage } from '../wizard-kit/ConnectFlowSteps.js';

export type LinkStep = 'institution' | 'phone' | 'email' | 'consent' | ConnectStage;

/** What the user typed in the link wizard: kept while they go back and forth between steps. */
interface LinkWizardState {
  step: LinkStep;
  query: string;
  country: string;
  provider: ProviderView | null;
  phone: string;
  email: string;
  consent: ConsentDraft;
  flow: FlowView | null;
  set: (patch: Partial<Omit<LinkWizardState, 'set' | 'reset'>>) => void;
  reset: () => void;
}

const initial = () => ({
  step: 'institution' as LinkStep,
  query: '',
  country: '',
  provider: null,
  phone: '',
  email: '',
  consent: defaultConsentDraft(null),
  flow: null,
});

export const useLinkWizard = create<LinkWizardState>()((set) => ({
  ...initial(),
  set: (patch) => set(patch),
  reset: () => set(initial()),
}));
