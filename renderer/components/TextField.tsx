import { useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import type { z } from 'zod';
import { validationMessage } from '../../shared/contract/index.js';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>;

/** A labelled input whose error (or, without one, its help text) is announced with it. */
export function TextField({ label, error, help, className = 'field', ...input }: { label: string; error: string | null; help: ReactNode; className?: string } & InputProps) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={`${id}-msg`} {...input} />
      {error ? (
        <p id={`${id}-msg`} className="field__error" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-msg`} className="field__help">
          {help}
        </p>
      )}
    </div>
  );
}

/**
 * Validation that stays quiet until the user first tries to go on, then follows every change.
 * `attempt()` returns whether the value is valid.
 */
export function useValidation<T>(schema: z.ZodType, value: T): { error: string | null; attempt: () => boolean } {
  const [tried, setTried] = useState(false);
  return {
    error: tried ? validationMessage(schema, value) : null,
    attempt: () => {
      setTried(true);
      return !validationMessage(schema, value);
    },
  };
}
