import { useSyncExternalStore } from 'react';

const subscribe = (cb: () => void) => {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
};

export const useOnline = (): boolean => useSyncExternalStore(subscribe, () => navigator.onLine, () => true);

/** A quiet note while there is no network: this view needs none. Nothing is shown when online. */
export function OfflineIndicator() {
  const online = useOnline();
  if (online) return null;
  return (
    <span className="stmt-offline" role="status" title="Statements are stored on this computer; synchronisation waits until you are back online.">
      Offline · everything here still works
    </span>
  );
}
