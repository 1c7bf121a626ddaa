/**
 * Builders shared by the wizard and Online Synchronization component tests: a provider, a flow,
 * a connection with its accounts, the accounts a flow found, an import result and sync progress.
 * Each takes a patch for what a test cares about.
 */
import type {
  AppInfo,
  ConnectionAccountView,
  ConnectionView,
  FlowAccount,
  FlowAccounts,
  FlowView,
  ImportResult,
  ProviderView,
  SyncLogView,
  SyncSchedule,
  SyncProgress,
} from '../../../shared/contract/index.js';
import type { AppErrorPayload } from '../../../shared/result.js';

export const bank: ProviderView = {
  code: 'fakebank_simple_xf', name: 'Fake Bank Simple', countryCode: 'XF', countryName: 'Fake Country', mode: 'web', status: 'active',
  interactive: false, maxConsentDays: 90, scopes: ['accounts', 'transactions'], regulated: false,
};

/** A link flow waiting for the user at Salt Edge (patch mode, state, connectionId… as needed). */
export const flowView = (patch: Partial<FlowView> = {}): FlowView => ({
  id: 'flow_123456789', mode: 'link', state: 'waiting-for-user', providerCode: bank.code, providerName: bank.name, connectionId: null,
  connectUrl: 'http://127.0.0.1:1/connect/x', startedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-01-01T00:30:00Z',
  error: null, duplicate: null, result: null, ...patch,
});

export const connectionAccount = (patch: Partial<ConnectionAccountView> = {}): ConnectionAccountView => ({
  id: 3, saltedgeId: '300', name: 'Current account', nature: 'account', currency: 'EUR', iban: 'XF001', accountNumber: null,
  bankBalance: 12345, bankBalanceAt: null, enabled: true, importFrom: '2025-10-01', lastSyncAt: null, ...patch,
});

/** An active connection to Fake Bank Simple made by this app, with one account. */
export const connectionView = (patch: Partial<ConnectionView> = {}): ConnectionView => ({
  id: 1, saltedgeId: '100', providerCode: bank.code, providerName: bank.name, countryCode: 'XF', status: 'active',
  health: 'active', healthReason: null, lastSuccessAt: '2026-01-01T10:00:00Z', nextRefreshPossibleAt: null,
  consent: { id: '9', state: 'active', expiresAt: '2026-04-01T00:00:00Z', daysLeft: 60, scopes: ['accounts', 'transactions'], fromDate: '2025-10-01', revokedAt: null },
  problem: null, createdByApp: true, accounts: [connectionAccount()], ...patch,
});

export const flowAccount = (patch: Partial<FlowAccount> = {}): FlowAccount => ({
  saltedgeId: '300', accountId: 3, name: 'Current account', nature: 'account', currency: 'EUR', iban: 'XF001', accountNumber: null,
  balance: 12345, isNew: false, enabled: true, ...patch,
});

export const flowAccounts = (accounts: FlowAccount[], patch: Partial<FlowAccounts> = {}): FlowAccounts => ({
  flowId: 'flow_123456789', connectionId: 1, accounts, minFromDate: '2025-10-01', defaultFromDate: '2025-10-01', ...patch,
});

export const importResult = (patch: Partial<ImportResult> = {}): ImportResult => ({
  connectionId: 1, enabledAccounts: 1, imported: true, ok: true, summary: 'Imported 12 transactions from 1 account.', error: null, ...patch,
});

export const syncProgress = (patch: Partial<SyncProgress> = {}): SyncProgress => ({
  runId: 7, connectionId: 1, phase: 'fetching', fetched: 0, totalAccounts: 1, doneAccounts: 0, message: 'Reading transactions', ...patch,
});

export const dailySchedule = ({ connectionId }: { connectionId: number }): SyncSchedule => ({
  connectionId,
  enabled: true,
  timeOfDay: '06:00',
  nextRunAt: '2026-11-23T06:00:00Z',
  blockedReason: null,
});

export const emptySyncLog = ({ connectionId }: { connectionId: number }): SyncLogView => ({ connectionId, running: null, runs: [] });

/** A Salt Edge error as the client's table words it, with what the details fold shows. */
export const saltEdgeError = (patch: Partial<AppErrorPayload> = {}): AppErrorPayload => ({
  code: 'saltedge', title: 'The bank is not answering', message: 'Try again in a few minutes.', details: { errorClass: 'ProviderUnavailable', requestId: 'req-77' }, ...patch,
});

export const appInfo = (patch: Partial<AppInfo> = {}): AppInfo => ({
  name: 'LeanSoft Companion', version: '1.2.3', mode: 'demo', saltEdgeUrl: 'http://127.0.0.1:1/api/v6', secretStore: 'keychain',
  keychainWarning: null, store: { state: 'ok', filePath: '/tmp/x', encrypted: true }, saltEdgeReachable: null, host: 'preview', ...patch,
});

/** A promise the test settles by hand (to see a step while its call is still running). */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
