/**
 * Plans what one run does to one account, as a pure function of what Salt Edge reported and
 * what the store holds. The applier then carries the plan out in one SQL transaction.
 *
 * Rules (issue 5):
 * - A row is keyed by (account, Salt Edge id): a known id is never inserted again.
 * - A row the user ignored stays a tombstone and is never imported again.
 * - Pending rows are stored but never enter a statement. A posted row that replaces a pending one
 *   (same Salt Edge id, or matched by pending-matcher.ts) takes its place: the pending row is
 *   removed (the undo keeps a copy) and the posted row inherits its note, review mark and
 *   "ignored" decision. A pending row that disappears without a successor is dropped.
 * - A pending row older than `pendingTooLongDays` is flagged.
 * - A bank-side change to a known row: posted rows keep their imported amount and date (they are
 *   part of a statement whose balances must stay true) and get a flag describing the bank's new
 *   values; text changes (description, payee, category) are applied unless the user reviewed the
 *   row, in which case the row is flagged instead. Pending rows follow the bank unless reviewed.
 */
import { daysBetween } from './dates.js';
import { matchPending, type MatchReason, type PendingSide, type PostedSide } from './pending-matcher.js';

export interface IncomingRow {
  saltedgeId: string;
  madeOn: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
  description: string | null;
  payee: string | null;
  category: string | null;
  status: 'posted' | 'pending';
  /** The bank's own reference (`extra.id`). */
  bankId: string | null;
  /** Salt Edge marks a row as a duplicate of another. */
  duplicated: boolean;
  /** The row as received (JSON text). */
  raw: string;
}

export interface LocalRow {
  id: number;
  saltedgeId: string;
  status: 'posted' | 'pending';
  madeOn: string;
  amount: number;
  description: string | null;
  payee: string | null;
  category: string | null;
  reviewed: boolean;
  ignored: boolean;
  flag: string | null;
  note: string | null;
  bankId: string | null;
}

export interface NewRow extends Omit<IncomingRow, 'duplicated' | 'bankId'> {
  flag: string | null;
  replacedPendingId: number | null;
  reviewed: boolean;
  ignored: boolean;
  note: string | null;
}

export type RowPatch = Partial<Pick<LocalRow, 'madeOn' | 'amount' | 'description' | 'payee' | 'category' | 'flag'>> & { raw?: string };

export interface RowUpdate {
  id: number;
  patch: RowPatch;
}

export interface AccountCounts {
  /** Rows received from Salt Edge (posted + pending). */
  fetched: number;
  fetchedPosted: number;
  fetchedPending: number;
  /** New posted rows imported. */
  added: number;
  addedPending: number;
  /** Pending rows replaced by their posted row. */
  replacedPending: number;
  /** Pending rows whose amount/date/text the bank changed. */
  updatedPending: number;
  /** Pending rows that disappeared at the bank. */
  droppedPending: number;
  /** Rows already imported (including the overlap window). */
  skippedDuplicates: number;
  /** Rows the user ignored, not imported again. */
  skippedIgnored: number;
  /** Rows dated before the account's import start date. */
  skippedBeforeStart: number;
  /** Known rows the bank changed (flagged or updated). */
  changedAtBank: number;
  /** Rows that got a flag in this run. */
  flagged: number;
}

export const emptyCounts = (): AccountCounts => ({
  fetched: 0,
  fetchedPosted: 0,
  fetchedPending: 0,
  added: 0,
  addedPending: 0,
  replacedPending: 0,
  updatedPending: 0,
  droppedPending: 0,
  skippedDuplicates: 0,
  skippedIgnored: 0,
  skippedBeforeStart: 0,
  changedAtBank: 0,
  flagged: 0,
});

export interface Replacement {
  pendingId: number;
  postedSaltedgeId: string;
  reason: MatchReason | 'same-id';
  amountChanged: boolean;
}

export interface AccountPlan {
  inserts: NewRow[];
  updates: RowUpdate[];
  /** Local row ids removed (replaced or vanished pending rows). */
  deletes: number[];
  replacements: Replacement[];
  counts: AccountCounts;
}

export interface PlanInput {
  /** Local rows that may be compared: every pending row and the posted rows from the window start on. */
  local: ReadonlyMap<string, LocalRow>;
  /** Is this Salt Edge id stored for the account (any date, any status, ignored included)? */
  isKnown: (saltedgeId: string) => boolean;
  posted: readonly IncomingRow[];
  pending: readonly IncomingRow[];
  /** Rows before this date are not imported (the date the user chose). */
  importFrom: string | null;
  /** Today (YYYY-MM-DD), for the age of pending rows. */
  today: string;
  pendingTooLongDays: number;
  /** Formats an amount for flag texts. */
  formatAmount: (minor: number) => string;
}

export function pendingTooLongFlag(days: number): string {
  return `Still pending after ${days} days. Banks usually post a payment within a few days: check it with your bank.`;
}

function changedFields(local: LocalRow, row: IncomingRow): { money: boolean; text: boolean } {
  return {
    money: local.amount !== row.amount || local.madeOn !== row.madeOn,
    text: (local.description ?? '') !== (row.description ?? '') || (local.payee ?? '') !== (row.payee ?? '') || (local.category ?? '') !== (row.category ?? ''),
  };
}

function describeChange(local: LocalRow, row: IncomingRow, fmt: (n: number) => string, reviewed: boolean): string {
  const parts: string[] = [];
  if (local.madeOn !== row.madeOn) parts.push(`date ${row.madeOn} (imported ${local.madeOn})`);
  if (local.amount !== row.amount) parts.push(`amount ${fmt(row.amount)} (imported ${fmt(local.amount)})`);
  if ((local.description ?? '') !== (row.description ?? '')) parts.push(`description “${row.description ?? ''}”`);
  if ((local.payee ?? '') !== (row.payee ?? '')) parts.push(`payee “${row.payee ?? ''}”`);
  if ((local.category ?? '') !== (row.category ?? '')) parts.push(`category “${row.category ?? ''}”`);
  const who = reviewed ? 'after you reviewed it' : 'after it was imported';
  return `The bank changed this transaction ${who}: it now reports ${parts.join(', ')}. The imported values were kept; check the row and adjust it if needed.`;
}

function toNewRow(row: IncomingRow, extra?: Partial<NewRow>): NewRow {
  // spelled out (no rest/spread): this runs once per imported row
  const out: NewRow = {
    saltedgeId: row.saltedgeId,
    madeOn: row.madeOn,
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    payee: row.payee,
    category: row.category,
    status: row.status,
    raw: row.raw,
    flag: null,
    replacedPendingId: null,
    reviewed: false,
    ignored: false,
    note: null,
  };
  return extra ? Object.assign(out, extra) : out;
}

/** De-duplicates a fetched list by Salt Edge id (a page boundary can repeat a row). */
function unique(rows: readonly IncomingRow[], counts: AccountCounts): IncomingRow[] {
  const seen = new Set<string>();
  const out: IncomingRow[] = [];
  for (const r of rows) {
    if (seen.has(r.saltedgeId)) {
      counts.skippedDuplicates++;
      continue;
    }
    seen.add(r.saltedgeId);
    out.push(r);
  }
  return out;
}

export function planAccount(input: PlanInput): AccountPlan {
  const counts = emptyCounts();
  counts.fetchedPosted = input.posted.length;
  counts.fetchedPending = input.pending.length;
  counts.fetched = input.posted.length + input.pending.length;
  const inserts: NewRow[] = [];
  const updates: RowUpdate[] = [];
  const deletes: number[] = [];
  const replacements: Replacement[] = [];
  const fmt = input.formatAmount;

  const posted = unique(input.posted, counts);
  const postedIds = new Set(posted.map((r) => r.saltedgeId));
  const pending: IncomingRow[] = [];
  for (const r of unique(input.pending, counts)) {
    // listed as posted and as pending at once: the posted row wins
    if (postedIds.has(r.saltedgeId)) counts.skippedDuplicates++;
    else pending.push(r);
  }
  const beforeStart = (r: IncomingRow): boolean => input.importFrom !== null && r.madeOn < input.importFrom;
  const flagIfNew = (local: LocalRow, flag: string, patch: RowPatch): void => {
    if (local.flag !== flag) {
      patch.flag = flag;
      counts.flagged++;
    }
  };

  // Local pending rows, by Salt Edge id; those still listed as pending are removed from here.
  const localPending = new Map<string, LocalRow>();
  for (const l of input.local.values()) if (l.status === 'pending') localPending.set(l.saltedgeId, l);

  // --- pending rows reported by the bank ------------------------------------------------------
  for (const row of pending) {
    const local = input.local.get(row.saltedgeId);
    if (local) {
      localPending.delete(row.saltedgeId);
      if (local.ignored) {
        counts.skippedIgnored++;
        continue;
      }
      if (local.status !== 'pending') {
        // already posted here; a bank listing it as pending again changes nothing
        counts.skippedDuplicates++;
        continue;
      }
      const patch: RowPatch = {};
      const ch = changedFields(local, row);
      if (ch.money || ch.text) {
        if (local.reviewed) flagIfNew(local, describeChange(local, row, fmt, true), patch);
        else {
          Object.assign(patch, { madeOn: row.madeOn, amount: row.amount, description: row.description, payee: row.payee, category: row.category, raw: row.raw });
          counts.updatedPending++;
        }
        counts.changedAtBank++;
      } else counts.skippedDuplicates++;
      const age = daysBetween(row.madeOn, input.today);
      if (age > input.pendingTooLongDays && !patch.flag && !local.flag) flagIfNew(local, pendingTooLongFlag(age), patch);
      if (Object.keys(patch).length) updates.push({ id: local.id, patch });
      continue;
    }
    if (input.isKnown(row.saltedgeId)) {
      counts.skippedDuplicates++;
      continue;
    }
    if (beforeStart(row)) {
      counts.skippedBeforeStart++;
      continue;
    }
    const age = daysBetween(row.madeOn, input.today);
    const flag = age > input.pendingTooLongDays ? pendingTooLongFlag(age) : null;
    if (flag) counts.flagged++;
    inserts.push(toNewRow(row, { flag }));
    counts.addedPending++;
  }

  // --- posted rows ----------------------------------------------------------------------------
  const fresh: IncomingRow[] = [];
  for (const row of posted) {
    if (row.duplicated) {
      counts.skippedDuplicates++;
      continue;
    }
    const local = input.local.get(row.saltedgeId);
    if (local) {
      if (local.status === 'pending') {
        // Same id, now posted: it replaces the pending row.
        localPending.delete(row.saltedgeId);
        deletes.push(local.id);
        inserts.push(successor(local, row));
        replacements.push({ pendingId: local.id, postedSaltedgeId: row.saltedgeId, reason: 'same-id', amountChanged: local.amount !== row.amount });
        counts.replacedPending++;
        continue;
      }
      if (local.ignored) {
        counts.skippedIgnored++;
        continue;
      }
      const ch = changedFields(local, row);
      if (!ch.money && !ch.text) {
        counts.skippedDuplicates++;
        continue;
      }
      counts.changedAtBank++;
      const patch: RowPatch = {};
      if (ch.money || local.reviewed) flagIfNew(local, describeChange(local, row, fmt, local.reviewed), patch);
      else Object.assign(patch, { description: row.description, payee: row.payee, category: row.category, raw: row.raw });
      if (Object.keys(patch).length) updates.push({ id: local.id, patch });
      continue;
    }
    if (input.isKnown(row.saltedgeId)) {
      counts.skippedDuplicates++;
      continue;
    }
    if (beforeStart(row)) {
      counts.skippedBeforeStart++;
      continue;
    }
    fresh.push(row);
  }

  // --- pending rows that are gone: posted successor or dropped ----------------------------------
  const vanished = [...localPending.values()];
  const freshByKey = new Map(fresh.map((r) => [r.saltedgeId, r]));
  const successors = new Map<string, LocalRow>();
  if (vanished.length) {
    const pendingSides: PendingSide[] = vanished.map((l) => ({ id: l.id, bankId: l.bankId, madeOn: l.madeOn, amount: l.amount, payee: l.payee, description: l.description }));
    const postedSides: PostedSide[] = fresh.map((r) => ({ key: r.saltedgeId, bankId: r.bankId, madeOn: r.madeOn, amount: r.amount, payee: r.payee, description: r.description }));
    const result = matchPending(pendingSides, postedSides);
    const byId = new Map(vanished.map((v) => [v.id, v]));
    for (const m of result.matches) {
      const local = byId.get(m.pendingId)!;
      successors.set(m.postedKey, local);
      deletes.push(local.id);
      replacements.push({ pendingId: local.id, postedSaltedgeId: m.postedKey, reason: m.reason, amountChanged: local.amount !== freshByKey.get(m.postedKey)!.amount });
      counts.replacedPending++;
    }
    for (const id of result.unmatched) {
      deletes.push(id);
      counts.droppedPending++;
    }
  }
  for (const row of fresh) {
    const pred = successors.get(row.saltedgeId);
    if (pred) inserts.push(successor(pred, row));
    else {
      inserts.push(toNewRow(row));
      counts.added++;
    }
  }

  return { inserts, updates, deletes, replacements, counts };

  function successor(pred: LocalRow, row: IncomingRow): NewRow {
    let flag: string | null = null;
    if (pred.reviewed && (pred.amount !== row.amount || pred.madeOn !== row.madeOn)) {
      flag = `Posted by the bank as ${fmt(row.amount)} on ${row.madeOn}; you had reviewed it while pending as ${fmt(pred.amount)} on ${pred.madeOn}.`;
      counts.flagged++;
    }
    return toNewRow(row, { replacedPendingId: pred.id, reviewed: pred.reviewed, note: pred.note, ignored: pred.ignored, flag });
  }
}
