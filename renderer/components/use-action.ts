import { useCallback, useState } from 'react';

/**
 * A user action that calls the app: `busy` while it runs (to disable its buttons), `error`
 * when it failed (for ErrorMessage). One failure is cleared when the next attempt starts.
 */
export function useAction(): { busy: boolean; error: unknown; setError: (e: unknown) => void; run: (fn: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
