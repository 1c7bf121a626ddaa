import { z } from 'zod';
import { defineCall, defineEvent } from './define.js';

/** What the Online Synchronization page says about a connection, in one word. */
export type ConnectionHealth = 'active' | 'needs-attention' | 'disconnected';

export type ConsentState = 'active' | 'expiring' | 'expired' | 'revoked' | 'unknown';

export interface ConnectionAccountView {
  id: number;
  saltedgeId: string;
  name: string;
  nature: string | null;
  currency: string;
  iban: string | null;
  accountNumber: string | null;
  /** The bank's reported balance in minor units of `currency` (null: not known). */
  bankBalance: number | null;
  bankBalanceAt: string | null;
  /** Imported by synchronisation. */
  enabled: boolean;
  importFrom: string | null;
  lastSyncAt: string | null;
}

export interface ConnectionProblem {
  errorClass: string;
  title: string;
  message: string;
  requestId: string | null;
  /** Which button fixes it (update-credentials, wait, …). */
  action: string;
}

export interface ConnectionView {
  id: number;
  saltedgeId: string;
  providerCode: string;
  providerName: string;
  countryCode: string | null;
  /** Salt Edge's status (active / inactive / disabled). */
  status: string;
  health: ConnectionHealth;
  /** Why it is not simply active, in words (null when active). */
  healthReason: string | null;
  lastSuccessAt: string | null;
  nextRefreshPossibleAt: string | null;
  consent: {
    id: string | null;
    state: ConsentState;
    expiresAt: string | null;
    /** Whole days until expiry (negative once expired); null without an expiry date. */
    daysLeft: number | null;
    scopes: string[];
    fromDate: string | null;
    revokedAt: string | null;
  };
  problem: ConnectionProblem | null;
  createdByApp: boolean;
  accounts: ConnectionAccountView[];
}

export interface ConnectionsList {
  connections: ConnectionView[];
  /** The user's Salt Edge customer (one per user, reused on every link). */
  customer: { email: string; phone: string | null } | null;
}

export interface DeleteResult {
  /** deleted: gone at Salt Edge and here. still-at-saltedge: consent revoked, Salt Edge still holds it; nothing deleted here yet. */
  outcome: 'deleted' | 'still-at-saltedge';
  consentRevoked: boolean;
  title: string;
  message: string;
  /** The Salt Edge error that stopped the removal (for the details fold). */
  error: { errorClass: string; requestId: string | null } | null;
}

export interface SyncNowResult {
  connectionId: number;
  ok: boolean;
  summary: string;
}

export const connectionIdSchema = z.number().int().positive();
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Enter a real date');

const empty = z.object({}).strict();

export const connectionCalls = {
  'connections.list': defineCall<ConnectionsList>()(empty, 'Every connection with status, consent, accounts (from the local store; works offline).'),
  'connections.refresh': defineCall<ConnectionsList>()(
    empty,
    'Read each connection and its consent again from Salt Edge (status, consent expiry or revocation), then list.',
  ),
  'connections.setAccountEnabled': defineCall<ConnectionView>()(
    z.object({ accountId: z.number().int().positive(), enabled: z.boolean(), importFrom: isoDateSchema.optional() }).strict(),
    'Turn the import of one account on or off.',
  ),
  'connections.sync': defineCall<SyncNowResult>()(z.object({ connectionId: connectionIdSchema }).strict(), 'Synchronise now: import new transactions of the enabled accounts.'),
  'connections.revokeConsent': defineCall<ConnectionView>()(
    z.object({ connectionId: connectionIdSchema }).strict(),
    'Revoke the consent at Salt Edge: the connection becomes disconnected; imported statements stay.',
  ),
  'connections.delete': defineCall<DeleteResult>()(
    z.object({ connectionId: connectionIdSchema, keepStatements: z.boolean() }).strict(),
    'Revoke the consent, then remove the connection at Salt Edge and here. When Salt Edge still holds it, nothing is deleted here (see finishLocalDelete).',
  ),
  'connections.finishLocalDelete': defineCall<{ deleted: boolean }>()(
    z.object({ connectionId: connectionIdSchema, keepStatements: z.boolean() }).strict(),
    'Delete the connection here only (after removing it on the Salt Edge dashboard).',
  ),
} as const;

export const connectionEvents = {
  'connections.changed': defineEvent<{ connectionId: number | null }>('A connection, its consent or its accounts changed: reload the list.'),
} as const;
