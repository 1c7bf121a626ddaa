/**
 * The sandbox's data: customers, connections, accounts (with their rows), consents and Connect
 * sessions, plus the clock offset and the dashboard-only flag. Optionally persisted as one JSON
 * file (written atomically after every change) so demo mode survives app restarts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AccountNumbers, SyntheticSpec } from './banks.js';
import type { AmountStyle } from './money.js';

export interface StoredCustomer {
  id: string;
  identifier: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredAttempt {
  id: string;
  successAt: string | null;
  failAt: string | null;
  failErrorClass: string | null;
  failMessage: string | null;
  fetchScopes: string[];
  fromDate: string;
  toDate: string | null;
  storeCredentials: boolean;
  userPresent: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ConnectionStatus = 'active' | 'inactive' | 'disabled';

export interface StoredConnection {
  id: string;
  customerId: string;
  providerCode: string;
  /** The login at the bank (username; a fixed identity for OAuth banks). Never sent out. */
  identity: string;
  status: ConnectionStatus;
  automaticRefresh: boolean;
  nextRefreshPossibleAt: string | null;
  lastConsentId: string | null;
  lastAttempt: StoredAttempt;
  /** Successful fetches so far (drives pending/new-account/update behaviours). */
  fetchCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredConsent {
  id: string;
  connectionId: string;
  customerId: string;
  scopes: string[];
  periodDays: number | null;
  expiresAt: string | null;
  fromDate: string;
  toDate: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredTransaction {
  id: string;
  madeOn: string;
  /** Minor units, decimal text. */
  amount: string;
  status: 'posted' | 'pending';
  description: string;
  category: string;
  mode: 'normal' | 'fee' | 'transfer';
  payee?: string;
  payer?: string;
  time: string;
  /** The bank's own reference (extra.id); kept when a pending row posts. */
  bankRef: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredAccount {
  id: string;
  connectionId: string;
  templateKey: string;
  name: string;
  nature: string;
  currency: string;
  numbers: AccountNumbers;
  holder: string;
  amountStyle: AmountStyle;
  /** Balance before the first row (minor units, decimal text). */
  opening: string;
  /** A block of generated posted rows (ids firstId … firstId+count-1), computed on demand. */
  synthetic: SyntheticSpec | null;
  /** Materialised rows, ascending by id. */
  rows: StoredTransaction[];
  /** Last booking day generated (YYYY-MM-DD). */
  lastDate: string;
  createdAt: string;
  updatedAt: string;
}

export type SessionKind = 'connect' | 'reconnect' | 'refresh';
export type SessionStep = 'choose' | 'login' | 'authorise' | 'interactive' | 'consent' | 'confirm_refresh';

export interface ConsentRequest {
  scopes: string[];
  fromDate: string;
  toDate: string | null;
  periodDays: number | null;
}

export interface StoredSession {
  token: string;
  kind: SessionKind;
  customerId: string;
  connectionId: string | null;
  providerCode: string | null;
  step: SessionStep;
  allowedCountries: string[] | null;
  includeSandboxes: boolean;
  consent: ConsentRequest | null;
  fetchScopes: string[];
  fetchFromDate: string | null;
  returnTo: string | null;
  storeCredentials: boolean;
  returnConnectionId: boolean;
  returnErrorClass: boolean;
  automaticRefresh: boolean;
  username: string | null;
  /** A message shown once on the current step (e.g. "Tick the box to continue"). */
  flash: string | null;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export type IdKind = 'customer' | 'connection' | 'account' | 'consent' | 'attempt' | 'transaction';

/** First id of each kind: 64-bit-looking digit strings, increasing by one. */
const ID_BASE: Readonly<Record<IdKind, bigint>> = {
  customer: 1022004466520341000n,
  connection: 1137851003328496000n,
  account: 1189034582120374000n,
  consent: 1201744559203948000n,
  attempt: 1255001392834029000n,
  transaction: 1092933278672886687n,
};

interface PersistedState {
  format: 'leansoft-saltedge-sandbox';
  version: 1;
  seed: number;
  clockOffsetMs: number;
  dashboardOnly: boolean;
  counters: Record<IdKind, string>;
  customers: StoredCustomer[];
  connections: StoredConnection[];
  accounts: StoredAccount[];
  consents: StoredConsent[];
  sessions: StoredSession[];
}

export class Store {
  customers = new Map<string, StoredCustomer>();
  connections = new Map<string, StoredConnection>();
  accounts = new Map<string, StoredAccount>();
  consents = new Map<string, StoredConsent>();
  sessions = new Map<string, StoredSession>();
  dashboardOnly = false;
  clockOffsetMs = 0;
  private counters: Record<IdKind, bigint> = { ...ID_BASE };
  private dirty = false;

  constructor(
    public seed: number,
    private readonly statePath?: string,
  ) {}

  /** Allocates the next id of a kind (or a contiguous block of `count` ids; returns the first). */
  nextId(kind: IdKind, count = 1): string {
    const id = this.counters[kind];
    this.counters[kind] = id + BigInt(count);
    return id.toString();
  }

  /** Marks the state changed; `flush()` then writes it. */
  touch(): void {
    this.dirty = true;
  }

  reset(): void {
    this.customers.clear();
    this.connections.clear();
    this.accounts.clear();
    this.consents.clear();
    this.sessions.clear();
    this.dashboardOnly = false;
    this.clockOffsetMs = 0;
    this.counters = { ...ID_BASE };
    this.touch();
  }

  accountsOf(connectionId: string): StoredAccount[] {
    return [...this.accounts.values()].filter((a) => a.connectionId === connectionId);
  }

  removeConnection(connectionId: string): void {
    for (const a of this.accountsOf(connectionId)) this.accounts.delete(a.id);
    for (const c of [...this.consents.values()]) if (c.connectionId === connectionId) this.consents.delete(c.id);
    this.connections.delete(connectionId);
    this.touch();
  }

  removeCustomer(customerId: string): void {
    for (const c of [...this.connections.values()]) if (c.customerId === customerId) this.removeConnection(c.id);
    for (const s of [...this.sessions.values()]) if (s.customerId === customerId) this.sessions.delete(s.token);
    this.customers.delete(customerId);
    this.touch();
  }

  /** Writes the state if it changed and a path is set (temp file + rename: never half-written). */
  flush(): void {
    if (!this.dirty || !this.statePath) {
      this.dirty = false;
      return;
    }
    this.dirty = false;
    const data: PersistedState = {
      format: 'leansoft-saltedge-sandbox',
      version: 1,
      seed: this.seed,
      clockOffsetMs: this.clockOffsetMs,
      dashboardOnly: this.dashboardOnly,
      counters: Object.fromEntries(Object.entries(this.counters).map(([k, v]) => [k, v.toString()])) as Record<IdKind, string>,
      customers: [...this.customers.values()],
      connections: [...this.connections.values()],
      accounts: [...this.accounts.values()],
      consents: [...this.consents.values()],
      sessions: [...this.sessions.values()],
    };
    fs.mkdirSync(path.dirname(this.statePath), { recursive: true });
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(data));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.statePath);
  }

  /** Loads a saved state; returns false when there is none. Throws on a file of another format. */
  load(): boolean {
    if (!this.statePath || !fs.existsSync(this.statePath)) return false;
    const data = JSON.parse(fs.readFileSync(this.statePath, 'utf8')) as PersistedState;
    if (data.format !== 'leansoft-saltedge-sandbox' || data.version !== 1) {
      throw new Error(`${this.statePath} is not a sandbox state file (version 1)`);
    }
    this.seed = data.seed;
    this.clockOffsetMs = data.clockOffsetMs;
    this.dashboardOnly = data.dashboardOnly;
    for (const kind of Object.keys(ID_BASE) as IdKind[]) this.counters[kind] = BigInt(data.counters[kind] ?? ID_BASE[kind]);
    this.customers = new Map(data.customers.map((c) => [c.id, c]));
    this.connections = new Map(data.connections.map((c) => [c.id, c]));
    this.accounts = new Map(data.accounts.map((a) => [a.id, a]));
    this.consents = new Map(data.consents.map((c) => [c.id, c]));
    this.sessions = new Map(data.sessions.map((s) => [s.token, s]));
    return true;
  }
}
