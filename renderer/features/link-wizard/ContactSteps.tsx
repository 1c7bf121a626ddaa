import { useId, useState, type FormEvent } from 'react';
import { emailSchema, phoneSchema, validationMessage } from '../../../shared/contract/index.js';
import { WizardActions } from '../wizard-kit/WizardFrame.js';
import { useLinkWizard } from './link-wizard-store.js';

/** Step 2: the phone number, in international format (validated with libphonenumber). */
export function PhoneStep({ onBack, onNext }: { onBack: () => void; onNext: () => void }) {
  const id = useId();
  const { phone, set } = useLinkWizard();
  const [tried, setTried] = useState(false);
  const error = tried ? validationMessage(phoneSchema, phone) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!validationMessage(phoneSchema, phone)) onNext();
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your phone number</h2>
      <div className="field field--narrow">
        <label htmlFor={`${id}-phone`}>Phone number</label>
        <input
          id={`${id}-phone`}
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          value={phone}
          placeholder="+44 20 7946 0958"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-phone-msg`}
          onChange={(e) => set({ phone: e.target.value })}
        />
        {error ? (
          <p id={`${id}-phone-msg`} className="field__error" role="alert">
            {error}
          </p>
        ) : (
          <p id={`${id}-phone-msg`} className="field__help">
            International format: + and the country code, then the number. It is kept with your Salt Edge customer details on this computer.
          </p>
        )}
      </div>
      <WizardActions>
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="btn btn--primary">
          Next
        </button>
      </WizardActions>
    </form>
  );
}

/** Step 3: the email address that identifies the user's (single) Salt Edge customer. */
export function EmailStep({ onBack, onNext, existing }: { onBack: () => void; onNext: () => void; existing: string | null }) {
  const id = useId();
  const { email, set } = useLinkWizard();
  const [tried, setTried] = useState(false);
  const error = tried ? validationMessage(emailSchema, email) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!validationMessage(emailSchema, email)) onNext();
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
      <div className="field field--narrow">
        <label htmlFor={`${id}-email`}>Email address</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          value={email}
          readOnly={!!existing}
          placeholder="name@example.com"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-email-msg`}
          onChange={(e) => set({ email: e.target.value })}
        />
        {error ? (
          <p id={`${id}-email-msg`} className="field__error" role="alert">
            {error}
          </p>
        ) : (
          <p id={`${id}-email-msg`} className="field__help">
            Sent to Salt Edge as your customer identifier; never used for advertising.
          </p>
        )}
      </div>
      <WizardActions>
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="btn btn--primary">
          Next
        </button>
      </WizardActions>
    </form>
  );
}
