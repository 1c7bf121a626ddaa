import { useId, type FormEvent } from 'react';
import { emailSchema, phoneSchema } from '../../../shared/contract/index.js';
import { TextField, useValidation } from '../../components/TextField.js';
import { WizardActions } from '../wizard-kit/WizardFrame.js';
import { useLinkWizard } from './link-wizard-store.js';

/** Step 2: the phone number, in international format (validated with libphonenumber). */
export function PhoneStep({ onBack, onNext }: { onBack: () => void; onNext: () => void }) {
  const id = useId();
  const { phone, set } = useLinkWizard();
  const { error, attempt } = useValidation(phoneSchema, phone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (attempt()) onNext();
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your phone number</h2>
      <TextField
        className="field field--narrow"
        label="Phone number"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        value={phone}
        placeholder="+44 20 7946 0958"
        onChange={(e) => set({ phone: e.target.value })}
        error={error}
        help="International format: + and the country code, then the number. It is kept with your Salt Edge customer details on this computer."
      />
      <StepButtons onBack={onBack} />
    </form>
  );
}

/** Step 3: the email address that identifies the user's (single) Salt Edge customer. */
export function EmailStep({ onBack, onNext, existing }: { onBack: () => void; onNext: () => void; existing: string | null }) {
  const id = useId();
  const { email, set } = useLinkWizard();
  const { error, attempt } = useValidation(emailSchema, email);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (attempt()) onNext();
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your email address</h2>
      <p>
        Salt Edge keeps your bank connections under one <strong>customer</strong>, identified by this email address. Use a real address
        that you keep: it is how your connections are found again (for example after reinstalling the app), and how Salt Edge support can
        identify you. One customer is used for all the banks you link.
      </p>
      {existing ? (
        <div role="status" className="alert alert--info">
          <p>
            Your banks are already linked under the Salt Edge customer <strong>{existing}</strong>; this link uses the same customer.
          </p>
        </div>
      ) : null}
      <TextField
        className="field field--narrow"
        label="Email address"
        type="email"
        autoComplete="email"
        value={email}
        readOnly={!!existing}
        placeholder="name@example.com"
        onChange={(e) => set({ email: e.target.value })}
        error={error}
        help="Sent to Salt Edge as your customer identifier; never used for advertising."
      />
      <StepButtons onBack={onBack} />
    </form>
  );
}

function StepButtons({ onBack }: { onBack: () => void }) {
  return (
    <WizardActions>
      <button type="button" className="btn" onClick={onBack}>
        Back
      </button>
      <button type="submit" className="btn btn--primary">
        Next
      </button>
    </WizardActions>
  );
}
