import { z } from 'zod';
import { defineCall, defineEvent } from './define.js';

export type AppMode = 'demo' | 'live';
export type SecretStoreKind = 'keychain' | 'memory' | 'safe-storage';

export type StoreStatus =
  | { state: 'ok'; filePath: string; encrypted: boolean }
  | { state: 'damaged'; kind: 'damaged' | 'wrong-key' | 'newer-version'; message: string; filePath: string; backupAvailable: boolean }
  | { state: 'unavailable'; message: string };

export interface AppInfo {
  name: string;
  version: string;
  mode: AppMode;
  /** Salt Edge API base URL in use (the embedded sandbox in demo mode). */
  saltEdgeUrl: string;
  secretStore: SecretStoreKind;
  /** Set when secrets cannot be kept in the OS keychain: says what that means. */
  keychainWarning: string | null;
  store: StoreStatus;
  /** False once a request to Salt Edge got no answer (offline); null before any request. */
  saltEdgeReachable: boolean | null;
  host: 'electron' | 'preview';
}

const empty = z.object({}).strict();

export const appCalls = {
  'app.info': defineCall<AppInfo>()(empty, 'Version, mode (demo/live), keychain and store state.'),
  'store.restoreBackup': defineCall<StoreStatus>()(
    empty,
    'Put the last good copy of the database in place; the damaged file is kept beside it.',
  ),
} as const;

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export const appEvents = {
  'app.notice': defineEvent<Notice>('A message for the user (sync finished, consent expiring, ...).'),
  'app.changed': defineEvent<{ what: 'mode' | 'store' | 'settings' | 'reachability' }>('App state changed: reload app.info.'),
} as const;
