import { useEffect } from 'react';
import { create } from 'zustand';
import type { Notice } from '../../shared/contract/index.js';
import { useApi } from '../api/api-context.js';

interface ShownNotice extends Notice {
  id: number;
}

interface NoticesState {
  items: ShownNotice[];
  add: (n: Notice) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
/** At most this many at once: older ones drop off rather than pile up. */
const MAX = 4;

export const useNotices = create<NoticesState>()((set) => ({
  items: [],
  add: (n) => set((s) => ({ items: [...s.items.filter((i) => i.message !== n.message), { ...n, id: nextId++ }].slice(-MAX) })),
  dismiss: (id) => set((s) => ({ items: s.items.filter((i) => i.id !== id) })),
}));

/**
 * In-app notices from the core (consent expiring, automatic sync results). They stay until
 * dismissed: a reminder that vanished on its own could be missed.
 */
export function Notices() {
  const api = useApi();
  const { items, add, dismiss } = useNotices();
  useEffect(() => api.on('app.notice', add), [api, add]);
  if (items.length === 0) return null;
  return (
    <section className="notices" aria-label="Notices">
      {items.map((n) => (
        <div key={n.id} role={n.level === 'error' ? 'alert' : 'status'} className={`alert notice alert--${n.level === 'info' ? 'info' : n.level}`}>
          <p>{n.message}</p>
          <button type="button" className="btn btn--quiet notice__dismiss" aria-label={`Dismiss: ${n.message}`} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
