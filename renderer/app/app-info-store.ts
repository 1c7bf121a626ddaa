import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract/index.js';
import type { ApiClient } from '../api/client.js';

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  load: (api: ApiClient) => Promise<void>;
}

export const useAppInfo = create<AppInfoState>()((set) => ({
  info: null,
  error: null,
  load: async (api) => {
    try {
      set({ info: await api.call('app.info', {}), error: null });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : 'The app could not be reached.' });
    }
  },
}));
