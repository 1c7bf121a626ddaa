import type { ReactNode } from 'react';

export interface WizardStepInfo {
  id: string;
  label: string;
}

/** The frame every wizard shares: a title, the list of steps with the current one marked, the step. */
export function WizardFrame({
  title,
  steps,
  current,
  onClose,
  children,
}: {
  title: string;
  steps: readonly WizardStepInfo[];
  current: string;
  onClose?: () => void;
  children: ReactNode;
}) {
  const index = steps.findIndex((s) => s.id === current);
  return (
    <section className="wizard card" aria-label={title}>
      <header className="wizard__header">
        <h1>{title}</h1>
        {onClose ? (
          <button type="button" className="btn btn--quiet" onClick={onClose}>
            Close
          </button>
        ) : null}
      </header>
      <nav aria-label="Steps">
        <ol className="wizard__steps">
          {steps.map((s, i) => (
            <li
              key={s.id}
              className={`wizard__step${i === index ? ' wizard__step--current' : ''}${i < index ? ' wizard__step--done' : ''}`}
              aria-current={i === index ? 'step' : undefined}
            >
              <span className="wizard__step-number" aria-hidden="true">
                {i < index ? '✓' : i + 1}
              </span>
              <span>{s.label}</span>
            </li>
          ))}
        </ol>
      </nav>
      <div className="wizard__body">{children}</div>
    </section>
  );
}

export function WizardActions({ children }: { children: ReactNode }) {
  return <div className="wizard__actions">{children}</div>;
}
