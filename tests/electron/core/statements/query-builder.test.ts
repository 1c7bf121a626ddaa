import { describe, expect, it } from 'vitest';
import { amountToMinor, buildOrderBy, buildWhere, ftsMatch, likePattern, searchWords, wordTokens } from '../../../../electron/core/statements/query-builder.js';

describe('query builder', () => {
  it('always leaves ignored rows out; scope picks account or statement', () => {
    expect(buildWhere({ scope: { kind: 'all' } })).toEqual({ where: 't.ignored = 0', params: {} });
    expect(buildWhere({ scope: { kind: 'account', accountId: 3 } })).toEqual({ where: 't.ignored = 0 AND t.account_id = $accountId', params: { accountId: 3 } });
    expect(buildWhere({ scope: { kind: 'statement', statementId: 9 } }).params).toEqual({ statementId: 9 });
  });

  it('date range (swapped when reversed)', () => {
    const w = buildWhere({ scope: { kind: 'all' }, dateFrom: '2024-02-01', dateTo: '2024-01-01' });
    expect(w.where).toContain('t.made_on >= $dateFrom AND t.made_on <= $dateTo');
    expect(w.params).toEqual({ dateFrom: '2024-01-01', dateTo: '2024-02-01' });
  });

  it('text: FTS prefix query, operators and quotes never reach MATCH; punctuation falls back to LIKE', () => {
    expect(searchWords('  coffee  "corner shop" x ')).toEqual(['coffee', 'corner shop', 'x']);
    expect(wordTokens('ING-123/Ä')).toEqual(['ing', '123', 'ä']);
    expect(ftsMatch(['Coffee', 'ref-12', 'OR', '*"'])).toBe('coffee* "ref 12*" or*');
    expect(ftsMatch(['%'])).toBeNull();
    const w = buildWhere({ scope: { kind: 'all' }, text: 'müller 50%' });
    expect(w.params.fts).toBe('müller* 50*');
    const w2 = buildWhere({ scope: { kind: 'all' }, text: '% _' });
    expect(w2.params).toEqual({ q0: '%\\%%', q1: '%\\_%' });
    expect(w2.where).toContain("LIKE $q0 ESCAPE '\\'");
    expect(likePattern('a\\b')).toBe('%a\\\\b%');
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('amount range in minor units of the currency; CASE per currency when mixed', () => {
    expect(amountToMinor('12,5', 'EUR')).toBe(1250);
    expect(amountToMinor('12.5', 'JPY')).toBe(13);
    expect(amountToMinor('1.0005', 'KWD')).toBe(1001);
    const one = buildWhere({ scope: { kind: 'account', accountId: 1 }, amountMin: '10', amountMax: '20.5' }, { currencies: ['EUR'] });
    expect(one.where).toContain('abs(t.amount) >= $amountMin AND abs(t.amount) <= $amountMax');
    expect(one.params).toMatchObject({ amountMin: 1000, amountMax: 2050 });
    const mixed = buildWhere({ scope: { kind: 'all' }, amountMin: '10' }, { currencies: ['JPY', 'EUR'] });
    expect(mixed.where).toContain("abs(t.amount) >= (CASE t.currency WHEN 'EUR' THEN $amountMin_0 WHEN 'JPY' THEN $amountMin_1 ELSE $amountMin END)");
    expect(mixed.params).toMatchObject({ amountMin_0: 1000, amountMin_1: 10, amountMin: 1000 });
    const swapped = buildWhere({ scope: { kind: 'all' }, amountMin: '20', amountMax: '10' }, { currencies: ['EUR'] });
    expect(swapped.params).toMatchObject({ amountMin: 1000, amountMax: 2000 });
  });

  it('direction, status, reviewed, with notes', () => {
    const w = buildWhere({ scope: { kind: 'all' }, direction: 'out', status: 'pending', reviewed: 'no', withNote: true });
    expect(w.where).toBe("t.ignored = 0 AND t.amount < 0 AND t.status = $status AND t.reviewed = 0 AND t.note IS NOT NULL AND t.note <> ''");
    expect(buildWhere({ scope: { kind: 'all' }, direction: 'in', reviewed: 'yes' }).where).toBe('t.ignored = 0 AND t.amount > 0 AND t.reviewed = 1');
    expect(buildWhere({ scope: { kind: 'all' }, direction: 'any', status: 'any', reviewed: 'any', withNote: false }).where).toBe('t.ignored = 0');
  });

  it('order by: a total order (ties by date and id), blanks last for text and balance', () => {
    expect(buildOrderBy()).toBe('t.made_on DESC, t.id DESC');
    expect(buildOrderBy({ column: 'date', direction: 'asc' })).toBe('t.made_on ASC, t.id ASC');
    expect(buildOrderBy({ column: 'amount', direction: 'desc' })).toBe('t.amount DESC, t.made_on DESC, t.id DESC');
    expect(buildOrderBy({ column: 'payee', direction: 'asc' })).toBe('t.payee COLLATE NOCASE ASC NULLS LAST, t.made_on ASC, t.id ASC');
    expect(buildOrderBy({ column: 'balance', direction: 'asc' })).toMatch(/running_balance END\) ASC NULLS LAST/);
  });
});
