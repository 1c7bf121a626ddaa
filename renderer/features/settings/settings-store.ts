import { create } from 'zustand';
import type { ConnectionTestResult, SettingsView } from '../../../shared/contract/index.js';
import type { ApiClient } from '../../api/client.js';

interface SettingsState {
  view: SettingsView | null;
  loadError: unknown;
  test: ConnectionTestResult | null;
  testing: boolean;
  load: (api: ApiClient) => Promise<void>;
  runTest: (api: ApiClient) => Promise<void>;
  setView: (view: SettingsView) => void;
  reset: () => void;
}

export const useSettings = create<SettingsState>()((set) => ({
  view: null,
  loadError: null,
  test: null,
  testing: false,
  load: async (api) => {
    try {
      set({ view: await api.call('settings.get', {}), loadError: null });
    } catch (err) {
      set({ loadError: err });
    }
  },
  runTest: async (api) => {
    set({ testing: true, test: null });
    try {
      set({ test: await api.call('settings.testConnection', {}) });
    } catch (err) {
      set({ test: { ok: false, title: 'Test failed', message: err instanceof Error ? err.message : String(err) } });
    } finally {
      set({ testing: false });
    }
  },
  setView: (view) => set({ view, test: null }),
  reset: () => set({ view: null, loadError: null, test: null, testing: false }),
}));
