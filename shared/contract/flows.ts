import { z } from 'zod';
import type { AppErrorPayload } from '../result.js';
import { defineCall, defineEvent } from './define.js';
import { emailSchema, phoneSchema } from './contact.js';
import { connectionIdSchema, isoDateSchema } from './connections.js';
import { providerCodeSchema } from './providers.js';

export type FlowMode = 'link' | 'update-credentials' | 'fetch-accounts';
export type FlowState = 'created' | 'waiting-for-user' | 'redirect-received' | 'confirming' | 'done' | 'failed' | 'cancelled' | 'timed-out';
export const FINAL_FLOW_STATES: readonly FlowState[] = ['done', 'failed', 'cancelled', 'timed-out'];

export type ConsentScope = 'accounts' | 'transactions' | 'holder_info';
export const CONSENT_SCOPES: readonly ConsentScope[] = ['accounts', 'transactions', 'holder_info'];

/** "Already synchronised" (ConnectionDuplicated): what the app knows about the existing connection. */
export interface DuplicateInfo {
  /** Salt Edge id of the existing connection, when Salt Edge told it (same customer only). */
  saltedgeId: string | null;
  /** The same connection in this app (made by it): offer Update credentials on it. */
  localConnectionId: number | null;
  providerName: string | null;
}

export interface FlowView {
  id: string;
  mode: FlowMode;
  state: FlowState;
  providerCode: string | null;
  providerName: string | null;
  /** Local id of the connection (known from the start for update/fetch; after confirmation for link). */
  connectionId: number | null;
  /** Salt Edge Connect page to open while waiting for the user. */
  connectUrl: string | null;
  startedAt: string;
  updatedAt: string;
  /** When an unfinished flow times out. */
  expiresAt: string;
  error: AppErrorPayload | null;
  duplicate: DuplicateInfo | null;
  /** Connection state after confirmation. */
  result: { status: string; accounts: number; newAccounts: number } | null;
}

export interface FlowAccount {
  saltedgeId: string;
  /** Local id when the account is known here. */
  accountId: number | null;
  name: string;
  nature: string | null;
  currency: string;
  iban: string | null;
  accountNumber: string | null;
  /** Minor units of currency. */
  balance: number | null;
  /** Not known here before this flow (a fetch-accounts wizard offers only these). */
  isNew: boolean;
  enabled: boolean;
}

export interface FlowAccounts {
  flowId: string;
  connectionId: number;
  accounts: FlowAccount[];
  /** Earliest date data can be imported from (the consent's from-date). */
  minFromDate: string | null;
  defaultFromDate: string;
}

export interface ImportResult {
  connectionId: number;
  enabledAccounts: number;
  /** The first import ran (false: the sync engine is not available, the accounts were only switched on). */
  imported: boolean;
  ok: boolean;
  summary: string;
  error: AppErrorPayload | null;
}

export const consentInput = z
  .object({
    accepted: z.literal(true, { error: 'Tick the box to give your consent before continuing' }),
    fromDate: isoDateSchema,
    /** Days the consent lasts (≤ the bank's maximum); null = as long as the bank allows. */
    periodDays: z.number().int().min(1, 'The consent must last at least one day').max(3650).nullable(),
    scopes: z
      .array(z.enum(['accounts', 'transactions', 'holder_info']))
      .min(1, 'Choose what may be read')
      .refine((s) => s.includes('accounts') && s.includes('transactions'), 'Accounts and transactions must be read to import statements'),
  })
  .strict();
export type ConsentInput = z.input<typeof consentInput>;

export const flowStartInput = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('link'),
      providerCode: providerCodeSchema,
      email: emailSchema,
      phone: phoneSchema,
      consent: consentInput,
    })
    .strict(),
  z.object({ mode: z.literal('update-credentials'), connectionId: connectionIdSchema, consent: consentInput }).strict(),
  z.object({ mode: z.literal('fetch-accounts'), connectionId: connectionIdSchema, consent: consentInput }).strict(),
]);

export const flowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Unknown flow');
const byId = z.object({ flowId: flowIdSchema }).strict();

export const flowCalls = {
  'flow.start': defineCall<FlowView>()(
    flowStartInput,
    'Start a Salt Edge Connect flow (link, update credentials, fetch accounts); needs the ticked consent. Answers with the Connect URL to open.',
  ),
  'flow.get': defineCall<FlowView>()(byId, 'Current state of a flow.'),
  'flow.cancel': defineCall<FlowView>()(byId, 'Cancel a flow at any step (a later redirect for it is refused).'),
  'flow.reopen': defineCall<FlowView>()(byId, 'A fresh Connect page for a flow still waiting for the user (the old link stops working).'),
  'flow.accounts': defineCall<FlowAccounts>()(byId, "The confirmed connection's accounts, marked new or known."),
  'flow.importAccounts': defineCall<ImportResult>()(
    z
      .object({
        flowId: flowIdSchema,
        accountIds: z.array(z.string().regex(/^\d{1,20}$/)).min(1, 'Choose at least one account').max(500),
        fromDate: isoDateSchema,
      })
      .strict(),
    'Switch on the chosen accounts (from the date) and run the first import.',
  ),
} as const;

export const flowEvents = {
  'flow.changed': defineEvent<FlowView>('A connect flow changed state.'),
} as const;
