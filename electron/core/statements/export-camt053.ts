import { currencyExponent, minorToDecimal } from '../../../shared/money.js';
import { chunk, oneLine, truncate, xmlText, type ExportGroup } from './export-model.js';

export const CAMT053_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02';

const el = (name: string, value: string): string => `<${name}>${xmlText(value)}</${name}>`;
const amt = (minor: number, currency: string): string =>
  `<Amt Ccy="${xmlText(currency.toUpperCase())}">${minorToDecimal(Math.abs(minor), currencyExponent(currency))}</Amt>`;
const cdtDbt = (minor: number): string => el('CdtDbtInd', minor < 0 ? 'DBIT' : 'CRDT');

/** ISO date-time without fractions, as ISODateTime allows (UTC, with Z). */
export const isoDateTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function balance(code: 'OPBD' | 'CLBD', minor: number, currency: string, day: string): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>${amt(minor, currency)}${cdtDbt(minor)}<Dt><Dt>${day}</Dt></Dt></Bal>`;
}

/**
 * ISO 20022 camt.053.001.02 (BankToCustomerStatement): one Stmt per account with the opening
 * (OPBD) and closing (CLBD) booked balances and one booked Ntry per posted row. The bank
 * transaction code is the generic "miscellaneous credit/debit operation" (PMNT/MCOP|MDOP/OTHR)
 * since Salt Edge does not give one; the payee goes to the counterparty (Cdtr for a payment,
 * Dbtr for money received), the description to RmtInf/Ustrd (140-character pieces).
 */
export function toCamt053(groups: readonly ExportGroup[], opts: { now: Date; messageId?: string }): string {
  const created = isoDateTime(opts.now);
  const msgId = truncate(opts.messageId ?? `LSC-${created.replace(/[^0-9]/g, '')}`, 35);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<Document xmlns="${CAMT053_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`);
  out.push('<BkToCstmrStmt>');
  out.push(`<GrpHdr>${el('MsgId', msgId)}${el('CreDtTm', created)}</GrpHdr>`);
  groups.forEach((g, i) => {
    const ccy = g.account.currency.toUpperCase();
    out.push('<Stmt>');
    out.push(el('Id', truncate(g.statementRef, 35)));
    out.push(el('ElctrncSeqNb', String(i + 1)));
    out.push(el('CreDtTm', created));
    out.push(`<FrToDt>${el('FrDtTm', `${g.periodStart}T00:00:00`)}${el('ToDtTm', `${g.periodEnd}T23:59:59`)}</FrToDt>`);
    const iban = (g.account.iban ?? '').replace(/\s+/g, '').toUpperCase();
    const id = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(iban)
      ? el('IBAN', iban)
      : `<Othr>${el('Id', truncate(g.account.accountNumber || g.account.saltedgeId, 34))}</Othr>`;
    out.push(`<Acct><Id>${id}</Id>${el('Ccy', ccy)}${el('Nm', truncate(g.account.name, 70))}</Acct>`);
    out.push(balance('OPBD', g.openingBalance, ccy, g.periodStart));
    out.push(balance('CLBD', g.closingBalance, ccy, g.periodEnd));
    const credits = g.rows.filter((r) => r.amount >= 0);
    const debits = g.rows.filter((r) => r.amount < 0);
    const sum = (rows: typeof g.rows) => minorToDecimal(Math.abs(rows.reduce((s, r) => s + r.amount, 0)), currencyExponent(ccy));
    out.push(
      `<TxsSummry><TtlCdtNtries>${el('NbOfNtries', String(credits.length))}${el('Sum', sum(credits))}</TtlCdtNtries>` +
        `<TtlDbtNtries>${el('NbOfNtries', String(debits.length))}${el('Sum', sum(debits))}</TtlDbtNtries></TxsSummry>`,
    );
    for (const r of g.rows) {
      const debit = r.amount < 0;
      const description = oneLine(r.description);
      const payee = oneLine(r.payee);
      const party = payee ? `<RltdPties>${debit ? `<Cdtr>${el('Nm', truncate(payee, 140))}</Cdtr>` : `<Dbtr>${el('Nm', truncate(payee, 140))}</Dbtr>`}</RltdPties>` : '';
      const rmt = description ? `<RmtInf>${chunk(description, 140).map((c) => el('Ustrd', c)).join('')}</RmtInf>` : '';
      out.push(
        '<Ntry>' +
          el('NtryRef', String(r.id)) +
          amt(r.amount, r.currency) +
          cdtDbt(r.amount) +
          '<Sts>BOOK</Sts>' +
          `<BookgDt><Dt>${r.madeOn}</Dt></BookgDt>` +
          `<ValDt><Dt>${r.madeOn}</Dt></ValDt>` +
          el('AcctSvcrRef', truncate(r.saltedgeId, 35)) +
          `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${debit ? 'MDOP' : 'MCOP'}</Cd><SubFmlyCd>OTHR</SubFmlyCd></Fmly></Domn></BkTxCd>` +
          `<NtryDtls><TxDtls><Refs>${el('AcctSvcrRef', truncate(r.saltedgeId, 35))}</Refs>${party}${rmt}</TxDtls></NtryDtls>` +
          '</Ntry>',
      );
    }
    out.push('</Stmt>');
  });
  out.push('</BkToCstmrStmt>');
  out.push('</Document>');
  return `${out.join('\n')}\n`;
}
