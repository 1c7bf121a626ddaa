/**
 * Which posted row replaces which pending row.
 *
 * Salt Edge (like most aggregators) may give a pending row and the posted row it becomes two
 * different ids, and the posted row may carry another amount (tip, exchange rate) or date. The
 * matcher pairs local pending rows that are no longer reported as pending with posted rows seen
 * for the first time, one to one:
 *
 * 1. **Same bank reference** (`extra.id`, the bank's own id, kept by banks when a row posts):
 *    a match whatever the amount or date.
 * 2. Otherwise a **score** for every pair with the same sign whose posted date lies between one
 *    day before and {@link MATCH_WINDOW_DAYS} days after the pending date:
 *    - identical amount: 100; amount within 20 % of the pending amount: 50; else no pair;
 *    - same payee (normalised): +40; same description, or one contains the other: +30;
 *    - minus 2 per day between the dates.
 *    An identical amount with no text in common still pairs (descriptions often change on
 *    posting: "PENDING card payment" → "Card payment"); a changed amount needs text in common.
 *    Pairs are taken greedily, best score first (ties: older pending row, then first posted row).
 * 3. A pending row left without a partner has disappeared at the bank and is dropped.
 */

export const MATCH_WINDOW_DAYS = 10;
/** A changed amount still matches when within this fraction of the pending amount. */
export const AMOUNT_TOLERANCE = 0.2;

export interface PendingSide {
  /** Local row id. */
  id: number;
  bankId: string | null;
  madeOn: string;
  amount: number;
  payee: string | null;
  description: string | null;
}

export interface PostedSide {
  /** Any key the caller uses to find the row again (index, Salt Edge id). */
  key: string;
  bankId: string | null;
  madeOn: string;
  amount: number;
  payee: string | null;
  description: string | null;
}

export type MatchReason = 'bank-reference' | 'amount-and-text' | 'amount' | 'text-and-close-amount';

export interface PendingMatch {
  pendingId: number;
  postedKey: string;
  reason: MatchReason;
}

export interface MatchResult {
  matches: PendingMatch[];
  /** Pending rows without a posted partner (dropped). */
  unmatched: number[];
}

export function normaliseText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(pending|preauth(orisation|orization)?|authori[sz]ation|vorgemerkt)\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const dayNumber = (d: string): number => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

function textScore(p: PendingSide, q: PostedSide): number {
  let score = 0;
  const pp = normaliseText(p.payee);
  const qp = normaliseText(q.payee);
  if (pp && pp === qp) score += 40;
  const pd = normaliseText(p.description);
  const qd = normaliseText(q.description);
  if (pd && qd && (pd === qd || pd.includes(qd) || qd.includes(pd))) score += 30;
  return score;
}

/** Score of a pair, or null when they cannot be the same transaction. */
export function pairScore(p: PendingSide, q: PostedSide): { score: number; reason: MatchReason } | null {
  if (Math.sign(p.amount) !== Math.sign(q.amount)) return null;
  const days = dayNumber(q.madeOn) - dayNumber(p.madeOn);
  if (days < -1 || days > MATCH_WINDOW_DAYS) return null;
  const text = textScore(p, q);
  let amountScore: number;
  let reason: MatchReason;
  if (p.amount === q.amount) {
    amountScore = 100;
    reason = text > 0 ? 'amount-and-text' : 'amount';
  } else if (Math.abs(q.amount - p.amount) <= Math.abs(p.amount) * AMOUNT_TOLERANCE && text > 0) {
    amountScore = 50;
    reason = 'text-and-close-amount';
  } else return null;
  return { score: amountScore + text - 2 * Math.abs(days), reason };
}

export function matchPending(pending: readonly PendingSide[], posted: readonly PostedSide[]): MatchResult {
  const matches: PendingMatch[] = [];
  const usedPending = new Set<number>();
  const usedPosted = new Set<string>();

  // 1. the bank's own reference
  const byBankId = new Map<string, PostedSide[]>();
  for (const q of posted) if (q.bankId) byBankId.set(q.bankId, [...(byBankId.get(q.bankId) ?? []), q]);
  for (const p of [...pending].sort((a, b) => a.id - b.id)) {
    if (!p.bankId) continue;
    const q = byBankId.get(p.bankId)?.find((c) => !usedPosted.has(c.key));
    if (!q) continue;
    matches.push({ pendingId: p.id, postedKey: q.key, reason: 'bank-reference' });
    usedPending.add(p.id);
    usedPosted.add(q.key);
  }

  // 2. scored pairs, best first
  const pairs: { p: PendingSide; qi: number; q: PostedSide; score: number; reason: MatchReason }[] = [];
  posted.forEach((q, qi) => {
    if (usedPosted.has(q.key)) return;
    for (const p of pending) {
      if (usedPending.has(p.id)) continue;
      const s = pairScore(p, q);
      if (s) pairs.push({ p, qi, q, ...s });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.p.id - b.p.id || a.qi - b.qi);
  for (const pair of pairs) {
    if (usedPending.has(pair.p.id) || usedPosted.has(pair.q.key)) continue;
    matches.push({ pendingId: pair.p.id, postedKey: pair.q.key, reason: pair.reason });
    usedPending.add(pair.p.id);
    usedPosted.add(pair.q.key);
  }

  return { matches, unmatched: pending.filter((p) => !usedPending.has(p.id)).map((p) => p.id) };
}
