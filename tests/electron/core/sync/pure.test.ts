import { describe, expect, it } from 'vitest';
import { matchPending, normaliseText, type PendingSide, type PostedSide } from '../../../../electron/core/sync/pending-matcher.js';
import { buildStatement } from '../../../../electron/core/sync/statement-builder.js';
import { planAccount, type IncomingRow, type LocalRow, type PlanInput } from '../../../../electron/core/sync/planner.js';
import { addDays, daysBetween } from '../../../../electron/core/sync/dates.js';

const P = (id: number, o: Partial<PendingSide> = {}): PendingSide => ({ id, bankId: null, madeOn: '2025-06-10', amount: -1250, payee: 'Fake Coffee Shop', description: 'Card payment Fake Coffee Shop', ...o });
const Q = (key: string, o: Partial<PostedSide> = {}): PostedSide => ({ key, bankId: null, madeOn: '2025-06-11', amount: -1250, payee: 'Fake Coffee Shop', description: 'Card payment Fake Coffee Shop', ...o });

describe('pending matcher', () => {
  it('matches on the bank reference whatever the amount and date', () => {
    const r = matchPending([P(1, { bankId: 'REF1' })], [Q('a', { bankId: 'REF1', amount: -1399, madeOn: '2025-06-20', payee: null, description: 'other' })]);
    expect(r).toEqual({ matches: [{ pendingId: 1, postedKey: 'a', reason: 'bank-reference' }], unmatched: [] });
  });

  it('matches the same amount and text, prefers the closest date, one to one', () => {
    const r = matchPending([P(1), P(2, { madeOn: '2025-06-12' })], [Q('late', { madeOn: '2025-06-13' }), Q('near', { madeOn: '2025-06-10' })]);
    expect(r.matches).toEqual([
      { pendingId: 1, postedKey: 'near', reason: 'amount-and-text' },
      { pendingId: 2, postedKey: 'late', reason: 'amount-and-text' },
    ]);
  });

  it('matches a changed amount only with text in common, within 20 %', () => {
    expect(matchPending([P(1)], [Q('tip', { amount: -1450 })]).matches).toEqual([{ pendingId: 1, postedKey: 'tip', reason: 'text-and-close-amount' }]);
    expect(matchPending([P(1)], [Q('x', { amount: -1450, payee: 'Other', description: 'Other shop' })]).unmatched).toEqual([1]);
    expect(matchPending([P(1)], [Q('far', { amount: -5000 })]).unmatched).toEqual([1]);
  });

  it('matches an identical amount even when the text changed on posting', () => {
    expect(matchPending([P(1, { description: 'PENDING 4411', payee: null })], [Q('a', { payee: null, description: 'VISA shop' })]).matches[0]?.reason).toBe('amount');
  });

  it('never pairs a debit with a credit, or dates outside the window; leftovers are dropped', () => {
    const r = matchPending([P(1), P(2)], [Q('credit', { amount: 1250 }), Q('old', { madeOn: '2025-06-01' }), Q('later', { madeOn: addDays('2025-06-10', 11) })]);
    expect(r).toEqual({ matches: [], unmatched: [1, 2] });
  });

  it('normalises texts (case, accents, "pending" words, punctuation)', () => {
    expect(normaliseText('PENDING: Bäckerei  Schäfer!')).toBe('backerei schafer');
  });
});

describe('statement builder', () => {
  const lines = [
    { madeOn: '2025-06-03', amount: -500 },
    { madeOn: '2025-06-01', amount: 10_000 },
  ];
  it('first statement: opening = bank balance − sum, closing = bank balance', () => {
    expect(buildStatement({ previousClosing: null, bankBalance: 20_000, lines })).toEqual({
      periodStart: '2025-06-01',
      periodEnd: '2025-06-03',
      openingBalance: 10_500,
      closingBalance: 20_000,
      bankBalance: 20_000,
      balanceDifference: 0,
      lineCount: 2,
      derivedOpening: true,
    });
  });
  it('later statements open at the previous closing and report the difference', () => {
    const s = buildStatement({ previousClosing: 1_000, bankBalance: 10_000, lines })!;
    expect([s.openingBalance, s.closingBalance, s.balanceDifference, s.derivedOpening]).toEqual([1_000, 10_500, 500, false]);
  });
  it('no statement without posted rows; no difference without a bank balance', () => {
    expect(buildStatement({ previousClosing: 5, bankBalance: 5, lines: [] })).toBeNull();
    expect(buildStatement({ previousClosing: null, bankBalance: null, lines })!.balanceDifference).toBeNull();
  });
});

describe('planner', () => {
  const inc = (id: string, o: Partial<IncomingRow> = {}): IncomingRow => ({
    saltedgeId: id,
    madeOn: '2025-06-10',
    amount: -1000,
    currency: 'EUR',
    description: 'Shop',
    payee: 'Shop',
    category: 'shopping',
    status: 'posted',
    bankId: null,
    duplicated: false,
    raw: '{}',
    ...o,
  });
  const loc = (id: number, seId: string, o: Partial<LocalRow> = {}): LocalRow => ({
    id,
    saltedgeId: seId,
    status: 'posted',
    madeOn: '2025-06-10',
    amount: -1000,
    description: 'Shop',
    payee: 'Shop',
    category: 'shopping',
    reviewed: false,
    ignored: false,
    flag: null,
    note: null,
    bankId: null,
    ...o,
  });
  const plan = (o: Partial<PlanInput>) => {
    const local = o.local ?? new Map();
    return planAccount({
      local,
      isKnown: (id) => local.has(id),
      posted: [],
      pending: [],
      importFrom: null,
      today: '2025-06-16',
      pendingTooLongDays: 10,
      formatAmount: (n) => `${n / 100} EUR`,
      ...o,
    });
  };
  const map = (...rows: LocalRow[]) => new Map(rows.map((r) => [r.saltedgeId, r]));

  it('skips known rows and rows the user ignored; dedupes within a fetch', () => {
    const p = plan({ local: map(loc(1, 'a'), loc(2, 'b', { ignored: true })), posted: [inc('a'), inc('b'), inc('c'), inc('c')] });
    expect(p.inserts.map((r) => r.saltedgeId)).toEqual(['c']);
    expect(p.counts).toMatchObject({ added: 1, skippedDuplicates: 2, skippedIgnored: 1, fetched: 4 });
  });

  it('keeps rows before the import start out', () => {
    const p = plan({ importFrom: '2025-06-05', posted: [inc('old', { madeOn: '2025-06-01' }), inc('new')] });
    expect(p.inserts.map((r) => r.saltedgeId)).toEqual(['new']);
    expect(p.counts.skippedBeforeStart).toBe(1);
  });

  it('replaces a pending row by its posted row (new id, changed amount), carrying note and review', () => {
    const p = plan({
      local: map(loc(7, 'p1', { status: 'pending', reviewed: true, note: 'lunch', bankId: 'R1' })),
      posted: [inc('n1', { amount: -1100, bankId: 'R1' })],
    });
    expect(p.deletes).toEqual([7]);
    expect(p.inserts).toEqual([expect.objectContaining({ saltedgeId: 'n1', amount: -1100, replacedPendingId: 7, reviewed: true, note: 'lunch', flag: expect.stringContaining('reviewed it while pending') })]);
    expect(p.counts).toMatchObject({ replacedPending: 1, added: 0, droppedPending: 0 });
  });

  it('same id posted: replaces the pending row too; an ignored pending row stays ignored when posted', () => {
    const p = plan({ local: map(loc(3, 'x', { status: 'pending', ignored: true })), posted: [inc('x')] });
    expect(p.deletes).toEqual([3]);
    expect(p.inserts[0]).toMatchObject({ saltedgeId: 'x', status: 'posted', ignored: true, replacedPendingId: 3 });
  });

  it('drops a pending row that disappeared; updates one the bank changed; flags one pending too long', () => {
    const p = plan({
      local: map(loc(1, 'gone', { status: 'pending', amount: -5 }), loc(2, 'chg', { status: 'pending' }), loc(3, 'old', { status: 'pending', madeOn: '2025-06-01' })),
      pending: [inc('chg', { status: 'pending', amount: -1200 }), inc('old', { status: 'pending', madeOn: '2025-06-01' })],
    });
    expect(p.deletes).toEqual([1]);
    expect(p.updates).toEqual([
      { id: 2, patch: expect.objectContaining({ amount: -1200 }) },
      { id: 3, patch: { flag: expect.stringContaining('Still pending after 15 days') } },
    ]);
    expect(p.counts).toMatchObject({ droppedPending: 1, updatedPending: 1, flagged: 1 });
  });

  it('a bank-side change to a reviewed row is flagged, not applied; posted amounts are never overwritten', () => {
    const p = plan({
      local: map(loc(1, 'r', { reviewed: true }), loc(2, 'u'), loc(3, 'm')),
      posted: [inc('r', { description: 'Shop Ltd' }), inc('u', { description: 'Shop Ltd' }), inc('m', { amount: -999 })],
    });
    expect(p.updates).toEqual([
      { id: 1, patch: { flag: expect.stringContaining('after you reviewed it') } },
      { id: 2, patch: expect.objectContaining({ description: 'Shop Ltd' }) },
      { id: 3, patch: { flag: expect.stringContaining('amount -9.99 EUR (imported -10 EUR)') } },
    ]);
    // a second run with the same flag changes nothing
    const again = plan({ local: map(loc(1, 'r', { reviewed: true, flag: p.updates[0]!.patch.flag! })), posted: [inc('r', { description: 'Shop Ltd' })] });
    expect(again.updates).toEqual([]);
  });

  it('date helpers stay on calendar days', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
  });
});
