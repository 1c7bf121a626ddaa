/**
 * Salt Edge sandbox: a local emulator of the Salt Edge API v6 and its Connect pages, with fake
 * banks, a controllable clock and fault injection. Used by demo mode (no account, no network)
 * and by the tests. Plain Node; never imports `electron`. See README.md.
 */
import { createPublicKey } from 'node:crypto';
import { SandboxClock } from './clock.js';
import { API_BASE, type SandboxContext } from './context.js';
import { createControl, type SandboxControl } from './control.js';
import { BankFaultQueue, FaultQueue } from './faults.js';
import { listen } from './server.js';
import { Store } from './state.js';

export type { SandboxControl, SandboxSummary, BulkConnectionOptions, AppendTransactionsOptions } from './control.js';
export type { FaultSpec, FaultKind, BankFaultSpec } from './faults.js';
export { BANKS, ERROR_BANK_USERNAMES, FAKE_PASSWORD, FAKE_SMS_CODE, type BankDef } from './banks.js';

export interface SandboxOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Deterministic fake data (default 42). A loaded state file keeps the seed it was created with. */
  seed?: number;
  /** When set, state (customers, connections, consents, clock offset…) is saved as JSON after each change and reloaded at start. */
  statePath?: string;
  /** Accepted keys; default DEMO_CREDENTIALS. */
  credentials?: { appId: string; secret: string };
  /** When set, Expires-at + Signature are required and verified (RSA-SHA256 over `${expiresAt}|${METHOD}|${fullUrl}|${rawBody}`). */
  signaturePublicKeyPem?: string;
  /** Base clock (default real time); the control clock offset is added. */
  now?: () => Date;
}

/** The keys the sandbox accepts by default (demo mode). Not secret: the sandbox only listens on 127.0.0.1. */
export const DEMO_CREDENTIALS: { appId: string; secret: string } = Object.freeze({ appId: 'demo-app-id', secret: 'demo-secret' });

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** url + '/api/v6' */
  readonly apiUrl: string;
  /** In-process control, same operations as the HTTP /control endpoints. */
  readonly control: SandboxControl;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = new Store(options.seed ?? 42, options.statePath);
  store.load();
  const clock = new SandboxClock(options.now ?? (() => new Date()), store.clockOffsetMs);
  const ctx: SandboxContext = {
    store,
    clock,
    faults: new FaultQueue(API_BASE),
    bankFaults: new BankFaultQueue(),
    credentials: { ...(options.credentials ?? DEMO_CREDENTIALS) },
    signatureKey: options.signaturePublicKeyPem ? createPublicKey(options.signaturePublicKeyPem) : null,
    baseUrl: '',
  };
  const control = createControl(ctx);
  const server = await listen(ctx, control, options.port ?? 0);
  ctx.baseUrl = server.url;
  let closed: Promise<void> | null = null;
  return {
    url: server.url,
    apiUrl: `${server.url}${API_BASE}`,
    control,
    close: () => {
      closed ??= server.close().finally(() => store.flush());
      return closed;
    },
  };
}
