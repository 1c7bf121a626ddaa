/** Everything the sandbox's request handlers share. */
import type { KeyObject } from 'node:crypto';
import type { SandboxClock } from './clock.js';
import type { BankFaultQueue, FaultQueue } from './faults.js';
import type { Store } from './state.js';

export const API_BASE = '/api/v6';

export interface SandboxContext {
  store: Store;
  clock: SandboxClock;
  faults: FaultQueue;
  bankFaults: BankFaultQueue;
  credentials: { appId: string; secret: string };
  signatureKey: KeyObject | null;
  /** `http://127.0.0.1:PORT` (known once the server listens). */
  baseUrl: string;
}
