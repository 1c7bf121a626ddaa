import { currencyExponent, minorToDecimal } from '../../../shared/money.js';
import { oneLine, truncate, xmlText, type ExportGroup } from './export-model.js';

/** OFX date-time from a 'YYYY-MM-DD' (noon UTC, so no time zone moves it to another day). */
export const ofxDate = (day: string): string => `${day.replace(/-/g, '')}120000.000[0:GMT]`;

export function ofxDateTime(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}[0:GMT]`;
}

/** ACCTID is at most 22 characters: the IBAN when it fits, else the account number, else our id. */
export function ofxAccountId(a: ExportGroup['account']): string {
  const candidates = [a.iban, a.accountNumber, a.saltedgeId].map((c) => (c ?? '').replace(/\s+/g, '')).filter((c) => c !== '');
  return candidates.find((c) => c.length <= 22) ?? (candidates[0] ?? String(a.id)).slice(-22);
}

/** BANKID (≤ 9): the start of the IBAN's domestic part (bank code) when there is an IBAN. */
export function ofxBankId(a: ExportGroup['account']): string {
  const iban = (a.iban ?? '').replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{4,}$/.test(iban)) return iban.slice(4, 12);
  return '000000000';
}

export function ofxAccountType(nature: string | null | undefined): 'CHECKING' | 'SAVINGS' | 'CREDITLINE' {
  if (nature === 'savings') return 'SAVINGS';
  if (nature === 'credit_card' || nature === 'card' || nature === 'credit') return 'CREDITLINE';
  return 'CHECKING';
}

const el = (name: string, value: string): string => `<${name}>${xmlText(value)}</${name}>`;

/**
 * OFX 2.2 (XML): one STMTTRNRS per account with BANKTRANLIST (posted rows: FITID = Salt Edge id,
 * NAME = payee, MEMO = description) and LEDGERBAL = the closing balance.
 */
export function toOfx(groups: readonly ExportGroup[], opts: { now: Date; natures?: ReadonlyMap<number, string | null> }): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="no"?>');
  out.push('<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>');
  out.push('<OFX>');
  out.push('<SIGNONMSGSRSV1><SONRS>');
  out.push('<STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>');
  out.push(el('DTSERVER', ofxDateTime(opts.now)));
  out.push('<LANGUAGE>ENG</LANGUAGE>');
  out.push('</SONRS></SIGNONMSGSRSV1>');
  out.push('<BANKMSGSRSV1>');
  groups.forEach((g, i) => {
    const exp = currencyExponent(g.account.currency);
    out.push('<STMTTRNRS>');
    out.push(el('TRNUID', String(i + 1)));
    out.push('<STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>');
    out.push('<STMTRS>');
    out.push(el('CURDEF', g.account.currency.toUpperCase()));
    out.push('<BANKACCTFROM>');
    out.push(el('BANKID', ofxBankId(g.account)));
    out.push(el('ACCTID', ofxAccountId(g.account)));
    out.push(el('ACCTTYPE', ofxAccountType(opts.natures?.get(g.account.id))));
    out.push('</BANKACCTFROM>');
    out.push('<BANKTRANLIST>');
    out.push(el('DTSTART', ofxDate(g.periodStart)));
    out.push(el('DTEND', ofxDate(g.periodEnd)));
    for (const r of g.rows) {
      const description = oneLine(r.description);
      const payee = oneLine(r.payee);
      out.push('<STMTTRN>');
      out.push(el('TRNTYPE', r.amount < 0 ? 'DEBIT' : 'CREDIT'));
      out.push(el('DTPOSTED', ofxDate(r.madeOn)));
      out.push(el('TRNAMT', minorToDecimal(r.amount, exp)));
      out.push(el('FITID', truncate(r.saltedgeId, 255)));
      const name = truncate(payee || description, 32);
      if (name) out.push(el('NAME', name));
      if (description) out.push(el('MEMO', truncate(description, 255)));
      out.push('</STMTTRN>');
    }
    out.push('</BANKTRANLIST>');
    out.push('<LEDGERBAL>');
    out.push(el('BALAMT', minorToDecimal(g.closingBalance, exp)));
    out.push(el('DTASOF', ofxDate(g.periodEnd)));
    out.push('</LEDGERBAL>');
    out.push('</STMTRS>');
    out.push('</STMTTRNRS>');
  });
  out.push('</BANKMSGSRSV1>');
  out.push('</OFX>');
  return `${out.join('\n')}\n`;
}
