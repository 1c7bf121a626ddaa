import { create } from 'zustand';

export type OnlineSyncView =
  | { kind: 'list' }
  | { kind: 'link' }
  | { kind: 'update-credentials'; connectionId: number | null }
  | { kind: 'fetch-accounts'; connectionId: number | null };

/** Which screen the Online Synchronization page shows: the list or one of the wizards. */
export const useOnlineSync = create<{ view: OnlineSyncView; open: (v: OnlineSyncView) => void }>()((set) => ({
  view: { kind: 'list' },
  open: (view) => set({ view }),
}));
