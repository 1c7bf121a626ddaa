/**
 * zod schemas of Salt Edge v6 responses (WIRE-v6.md), applied to lossless-parsed JSON: numbers
 * arrive as `LosslessNumber` (exact text), so amounts are converted to minor units from their
 * text and never pass through a float. Each schema maps straight to the domain types.
 *
 * Strict where the app depends on a field (ids, amounts, currency, dates, status), lenient
 * (nullish → null) for descriptive fields the real API may omit. Unknown fields are ignored.
 */
import { isLosslessNumber, type LosslessNumber } from 'lossless-json';
import { z } from 'zod';
import { currencyExponent, decimalToMinor } from '../../../../shared/money.js';
import { stringifyJsonLossless } from '../validate.js';
import type {
  SeAccount,
  SeAttempt,
  SeConnectSession,
  SeConnection,
  SeConsent,
  SeCountry,
  SeCustomer,
  SeMoney,
  SeProvider,
  SeTransaction,
} from '../types.js';

// ---- primitives ------------------------------------------------------------------------------

const losslessNumber = z.custom<LosslessNumber>((v) => isLosslessNumber(v), { message: 'expected number' });

/** Ids: strings (64-bit); an integer JSON number is accepted and kept as its exact text. */
export const idSchema = z.union([
  z.string().min(1, 'expected a non-empty id'),
  losslessNumber.refine((n) => /^-?\d+$/.test(n.value), 'expected an integer id').transform((n) => n.value),
]);

const intSchema = losslessNumber
  .refine((n) => /^-?\d+$/.test(n.value) && Number.isSafeInteger(Number(n.value)), 'expected an integer')
  .transform((n) => Number(n.value));

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}
export const dateSchema = z.string({ error: 'expected date YYYY-MM-DD' }).refine(isIsoDate, 'expected date YYYY-MM-DD');

const str = z.string();
const optStr = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const optDate = dateSchema.nullish().transform((v) => v ?? null);
const optBool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);
const optInt = intSchema.nullish().transform((v) => v ?? null);
const strList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);
const optId = idSchema.nullish().transform((v) => v ?? null);

/** Money needs its currency: converted in the object's transform (see `money`). */
const amountSchema = losslessNumber;

type Ctx = z.core.$RefinementCtx<unknown>;

function exponentOf(code: string, ctx: Ctx, path: (string | number)[]): number | null {
  try {
    return currencyExponent(code);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected a 3-letter currency code', path });
    return null;
  }
}

function money(n: LosslessNumber, exponent: number, ctx: Ctx, path: (string | number)[]): SeMoney | null {
  try {
    return { minor: decimalToMinor(n.value, exponent), text: n.value };
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'bad amount', path });
    return null;
  }
}

// ---- envelopes --------------------------------------------------------------------------------

const metaSchema = z
  .object({
    next_id: idSchema.nullish(),
    next_page: z.string().nullish(),
  })
  .nullish();

export const objectEnvelope = <T extends z.ZodType>(item: T) => z.object({ data: item });
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), meta: metaSchema }).transform((env) => ({ items: env.data as z.output<T>[], nextId: env.meta?.next_id ?? null }));

export const errorEnvelope = z.object({
  error: z.object({
    class: z.string().min(1),
    message: z.string().nullish(),
    documentation_url: z.string().nullish(),
  }),
  request: z.object({ id: idSchema.nullish() }).loose().nullish(),
});

/** v4-style flat error body (`error_class`/`error_message`), accepted for robustness. */
export const flatErrorEnvelope = z.object({
  error_class: z.string().min(1),
  error_message: z.string().nullish(),
  request_id: idSchema.nullish(),
});

// ---- resources ----------------------------------------------------------------------------------

export const customerSchema = z
  .object({
    customer_id: idSchema.optional(),
    id: idSchema.optional(),
    identifier: str,
    blocked_at: optStr,
    created_at: optStr,
    updated_at: optStr,
  })
  .transform((c, ctx): SeCustomer => {
    const id = c.customer_id ?? c.id;
    if (id === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected string, got nothing', path: ['customer_id'] });
      return z.NEVER;
    }
    return { id, identifier: c.identifier, blockedAt: c.blocked_at, createdAt: c.created_at, updatedAt: c.updated_at };
  });

export const customerDeletedSchema = z
  .object({ customer_id: idSchema.optional(), id: idSchema.optional(), deleted: z.boolean() })
  .transform((c) => ({ id: c.customer_id ?? c.id ?? '', deleted: c.deleted }));

export const attemptSchema = z
  .object({
    id: idSchema,
    success_at: optStr,
    fail_at: optStr,
    fail_error_class: optStr,
    fail_message: optStr,
    finished: z.boolean(),
    finished_recent: optBool,
    fetch_scopes: strList,
    from_date: optDate,
    to_date: optDate,
    partial: optBool,
    store_credentials: optBool,
    user_present: optBool,
    last_stage: z.object({ name: z.string().nullish() }).loose().nullish(),
    created_at: optStr,
    updated_at: optStr,
  })
  .transform(
    (a): SeAttempt => ({
      id: a.id,
      successAt: a.success_at,
      failAt: a.fail_at,
      failErrorClass: a.fail_error_class,
      failMessage: a.fail_message,
      finished: a.finished,
      finishedRecent: a.finished_recent ?? false,
      fetchScopes: a.fetch_scopes,
      fromDate: a.from_date,
      toDate: a.to_date,
      partial: a.partial ?? false,
      storeCredentials: a.store_credentials,
      userPresent: a.user_present,
      lastStage: a.last_stage?.name ?? null,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
    }),
  );

export const connectionSchema = z
  .object({
    id: idSchema,
    customer_id: idSchema,
    customer_identifier: optStr,
    provider_code: str,
    provider_name: str,
    country_code: str,
    status: z.enum(['active', 'inactive', 'disabled']),
    categorization: optStr,
    automatic_refresh: optBool,
    next_refresh_possible_at: optStr,
    last_consent_id: optId,
    last_attempt: attemptSchema.nullish(),
    last_success_at: optStr,
    holder_info: z.unknown().optional(),
    created_at: optStr,
    updated_at: optStr,
  })
  .transform(
    (c): SeConnection => ({
      id: c.id,
      customerId: c.customer_id,
      customerIdentifier: c.customer_identifier,
      providerCode: c.provider_code,
      providerName: c.provider_name,
      countryCode: c.country_code,
      status: c.status,
      categorization: c.categorization,
      automaticRefresh: c.automatic_refresh,
      nextRefreshPossibleAt: c.next_refresh_possible_at,
      lastConsentId: c.last_consent_id,
      lastAttempt: c.last_attempt ?? null,
      lastSuccessAt: c.last_attempt?.successAt ?? c.last_success_at,
      holderInfo: c.holder_info === undefined ? null : JSON.parse(stringifyJsonLossless(c.holder_info)),
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    }),
  );

export const connectionRemovedSchema = z
  .object({ id: idSchema.optional(), connection_id: idSchema.optional(), removed: z.boolean() })
  .transform((r) => ({ id: r.id ?? r.connection_id ?? '', removed: r.removed }));

export const consentSchema = z
  .object({
    id: idSchema,
    connection_id: optId,
    customer_id: optId,
    scopes: strList,
    period_days: optInt,
    expires_at: optStr,
    from_date: optDate,
    to_date: optDate,
    collected_by: optStr,
    revoked_at: optStr,
    revoke_reason: optStr,
    created_at: optStr,
    updated_at: optStr,
  })
  .transform(
    (c): SeConsent => ({
      id: c.id,
      connectionId: c.connection_id,
      customerId: c.customer_id,
      scopes: c.scopes,
      periodDays: c.period_days,
      expiresAt: c.expires_at,
      fromDate: c.from_date,
      toDate: c.to_date,
      collectedBy: c.collected_by,
      revokedAt: c.revoked_at,
      revokeReason: c.revoke_reason,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    }),
  );

const accountExtraSchema = z
  .object({
    iban: optStr,
    account_number: optStr,
    swift: optStr,
    client_name: optStr,
    holder_name: optStr,
    available_amount: amountSchema.nullish(),
    transactions_count: z.object({ posted: intSchema.nullish(), pending: intSchema.nullish() }).nullish(),
  })
  .nullish();

export const accountSchema = z
  .object({
    id: idSchema,
    connection_id: idSchema,
    name: str,
    nature: str,
    balance: amountSchema,
    currency_code: str,
    extra: accountExtraSchema,
    created_at: optStr,
    updated_at: optStr,
  })
  .transform((a, ctx): SeAccount => {
    const exponent = exponentOf(a.currency_code, ctx, ['currency_code']);
    if (exponent === null) return z.NEVER;
    const balance = money(a.balance, exponent, ctx, ['balance']);
    const x = a.extra ?? null;
    const available = x?.available_amount ? money(x.available_amount, exponent, ctx, ['extra', 'available_amount']) : null;
    if (!balance || (x?.available_amount && !available)) return z.NEVER;
    return {
      id: a.id,
      connectionId: a.connection_id,
      name: a.name,
      nature: a.nature,
      currencyCode: a.currency_code.toUpperCase(),
      exponent,
      balance,
      extra: {
        iban: x?.iban ?? null,
        accountNumber: x?.account_number ?? null,
        swift: x?.swift ?? null,
        clientName: x?.client_name ?? null,
        holderName: x?.holder_name ?? null,
        availableAmount: available,
        transactionsCount: x?.transactions_count
          ? { posted: x.transactions_count.posted ?? 0, pending: x.transactions_count.pending ?? 0 }
          : null,
      },
      createdAt: a.created_at,
      updatedAt: a.updated_at,
    };
  });

const optText = z
  .union([z.string(), losslessNumber.transform((n) => n.value)])
  .nullish()
  .transform((v) => v ?? null);

const transactionExtraSchema = z
  .looseObject({
    id: optText,
    record_number: optText,
    payee: optStr,
    payer: optStr,
    additional: optStr,
    information: optStr,
    posting_date: optDate,
    time: optStr,
    account_balance_snapshot: amountSchema.nullish(),
    possible_duplicate: optBool,
  })
  .nullish();

export const transactionSchema = z
  .looseObject({
    id: idSchema,
    account_id: idSchema,
    made_on: dateSchema,
    amount: amountSchema,
    currency_code: str,
    description: z
      .string()
      .nullish()
      .transform((v) => v ?? ''),
    category: optStr,
    mode: z
      .string()
      .nullish()
      .transform((v) => v ?? 'normal'),
    status: z.enum(['posted', 'pending']),
    duplicated: optBool,
    extra: transactionExtraSchema,
    created_at: optStr,
    updated_at: optStr,
  })
  .transform((t, ctx): SeTransaction => {
    const exponent = exponentOf(t.currency_code, ctx, ['currency_code']);
    if (exponent === null) return z.NEVER;
    const amount = money(t.amount, exponent, ctx, ['amount']);
    const x = t.extra ?? null;
    const snapshot = x?.account_balance_snapshot ? money(x.account_balance_snapshot, exponent, ctx, ['extra', 'account_balance_snapshot']) : null;
    if (!amount || (x?.account_balance_snapshot && !snapshot)) return z.NEVER;
    return {
      id: t.id,
      accountId: t.account_id,
      madeOn: t.made_on,
      amount,
      currencyCode: t.currency_code.toUpperCase(),
      exponent,
      description: t.description,
      category: t.category,
      mode: t.mode,
      status: t.status,
      duplicated: t.duplicated ?? false,
      extra: {
        bankId: x?.id ?? null,
        recordNumber: x?.record_number ?? null,
        payee: x?.payee ?? null,
        payer: x?.payer ?? null,
        additional: x?.additional ?? null,
        information: x?.information ?? null,
        postingDate: x?.posting_date ?? null,
        time: x?.time ?? null,
        accountBalanceSnapshot: snapshot,
        possibleDuplicate: x?.possible_duplicate ?? null,
      },
      raw: '',
      createdAt: t.created_at,
      updatedAt: t.updated_at,
    };
  });

/** Transactions list: keeps each row's exact JSON text in `raw`. */
export const transactionListEnvelope = z
  .object({ data: z.array(z.unknown()), meta: metaSchema })
  .transform((env, ctx) => {
    const items: SeTransaction[] = [];
    env.data.forEach((row, i) => {
      const r = transactionSchema.safeParse(row);
      if (!r.success) {
        for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: ['data', i, ...issue.path] } as never);
        return;
      }
      items.push({ ...r.data, raw: stringifyJsonLossless(row) });
    });
    return { items, nextId: env.meta?.next_id ?? null };
  });

export const providerSchema = z
  .object({
    code: str,
    name: str,
    country_code: str,
    mode: str,
    status: str,
    interactive: optBool,
    automatic_fetch: optBool,
    max_consent_days: optInt,
    supported_fetch_scopes: strList,
    supported_account_natures: strList,
    regulated: optBool,
    refresh_timeout: optInt,
    home_url: optStr,
    logo_url: optStr,
    identification_mode: optStr,
    created_at: optStr,
    updated_at: optStr,
  })
  .transform(
    (p): SeProvider => ({
      code: p.code,
      name: p.name,
      countryCode: p.country_code,
      mode: p.mode,
      status: p.status,
      interactive: p.interactive ?? false,
      automaticFetch: p.automatic_fetch ?? false,
      maxConsentDays: p.max_consent_days,
      supportedFetchScopes: p.supported_fetch_scopes,
      supportedAccountNatures: p.supported_account_natures,
      regulated: p.regulated ?? false,
      refreshTimeout: p.refresh_timeout,
      homeUrl: p.home_url,
      logoUrl: p.logo_url,
      identificationMode: p.identification_mode,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
    }),
  );

export const countrySchema = z
  .object({ code: str, name: str, refresh_start_time: optInt })
  .transform((c): SeCountry => ({ code: c.code, name: c.name, refreshStartTime: c.refresh_start_time }));

export const connectSessionSchema = z
  .object({ connect_url: z.string().url('expected a URL'), expires_at: str, customer_id: optId })
  .transform((s): SeConnectSession => ({ connectUrl: s.connect_url, expiresAt: s.expires_at, customerId: s.customer_id }));
