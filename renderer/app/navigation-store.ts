import { create } from 'zustand';

export type PageId = 'online-sync' | 'statements' | 'settings';

interface NavigationState {
  page: PageId;
  go: (page: PageId) => void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  page: 'online-sync',
  go: (page) => set({ page }),
}));
