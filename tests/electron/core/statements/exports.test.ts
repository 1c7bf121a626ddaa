import Papa from 'papaparse';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currencyExponent, decimalToMinor, minorToDecimal } from '../../../../shared/money.js';
import type { TransactionExportRow } from '../../../../electron/core/db/repositories/transaction-query-repository.js';
import { CSV_COLUMNS, csvField, toCsv } from '../../../../electron/core/statements/export-csv.js';
import { createExport } from '../../../../electron/core/statements/export-service.js';
import { chunk, truncate, xmlText } from '../../../../electron/core/statements/export-model.js';
import { ofxAccountId, ofxBankId } from '../../../../electron/core/statements/export-ofx.js';
import { statementsRepos } from '../../../../electron/core/statements/statements-repos.js';
import { makeFixture, type Fixture } from './fixture.js';

const NOW = new Date('2024-03-10T10:11:12.345Z');
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['STMTTRNRS', 'STMTTRN', 'Stmt', 'Ntry', 'Bal', 'Ustrd'].includes(name),
});

/** What every row's description looks like once an XML field holds it (one line, trimmed). */
const oneLine = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('exports', () => {
  let fx: Fixture;
  let all: TransactionExportRow[];
  beforeEach(async () => {
    fx = await makeFixture();
    statementsRepos(fx.store).transactionQueries.setNote(fx.tx.salary!, 'Checked, "ok"\r\nwith a line break');
    statementsRepos(fx.store).transactionQueries.setReviewedByIds([fx.tx.coffee!], true);
    all = statementsRepos(fx.store).transactionQueries.exportRows({ scope: { kind: 'all' } }, { column: 'date', direction: 'asc' });
  });
  afterEach(() => fx.cleanup());
  const exp = (format: 'csv' | 'ofx' | 'camt053', scope: Parameters<typeof createExport>[2]) => createExport(statementsRepos(fx.store), format, scope, NOW);

  describe('CSV', () => {
    it('RFC 4180 fields: quotes doubled, fields with comma/quote/line break quoted, CRLF line ends, header first', () => {
      expect(csvField('plain')).toBe('plain');
      expect(csvField('a,b')).toBe('"a,b"');
      expect(csvField('say "hi"')).toBe('"say ""hi"""');
      expect(csvField('two\nlines')).toBe('"two\nlines"');
      expect(csvField(' edge')).toBe('" edge"');
      const f = exp('csv', { filter: { scope: { kind: 'all' } }, sort: { column: 'date', direction: 'asc' } });
      expect(f.mimeType).toBe('text/csv;charset=utf-8');
      expect(f.fileName).toBe('transactions-all-accounts-2024-03-10.csv');
      expect(f.content.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
      expect(f.content.endsWith('\r\n')).toBe(true);
      expect(f.content.charCodeAt(0)).not.toBe(0xfeff);
      expect(f.rowCount).toBe(12);
    });

    it('parses back (papaparse) with every date, amount, balance and text intact; amounts are locale-independent', () => {
      const f = exp('csv', { filter: { scope: { kind: 'all' } }, sort: { column: 'date', direction: 'asc' } });
      const parsed = Papa.parse<Record<string, string>>(f.content, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
      expect(parsed.data).toHaveLength(all.length);
      parsed.data.forEach((row, i) => {
        const r = all[i]!;
        expect(row.Date).toBe(r.madeOn);
        expect(row.Amount).toMatch(r.currency === 'JPY' ? /^-?\d+$/ : /^-?\d+\.\d{2}$/);
        expect(row.Amount).toBe(minorToDecimal(r.amount, currencyExponent(r.currency)));
        expect(row.Currency).toBe(r.currency);
        expect(row.Balance).toBe(r.runningBalance === null ? '' : minorToDecimal(r.runningBalance, currencyExponent(r.currency)));
        expect(row.Description).toBe(r.description ?? '');
        expect(row.Payee).toBe(r.payee ?? '');
        expect(row.Note).toBe(r.note ?? '');
        expect(row.Status).toBe(r.status);
        expect(row.Reviewed).toBe(r.reviewed ? 'yes' : 'no');
        expect(row['Transaction ID']).toBe(r.saltedgeId);
      });
      expect(f.content).toContain('-12.50');
      expect(f.content).toContain('0.01');
      expect(f.content).toContain('"Invoice ""42"", part 1\nsecond line"');
    });

    it('round trip: our CSV re-imported gives the same rows', () => {
      const f = exp('csv', { filter: { scope: { kind: 'account', accountId: fx.eur } } });
      const reimported = Papa.parse<Record<string, string>>(f.content, { header: true, skipEmptyLines: true }).data.map((row) => ({
        madeOn: row.Date!,
        amount: decimalToMinor(row.Amount!, currencyExponent(row.Currency!), { rounding: 'exact' }),
        currency: row.Currency!,
        description: row.Description || null,
        payee: row.Payee || null,
        note: row.Note || null,
        status: row.Status,
        reviewed: row.Reviewed === 'yes',
        runningBalance: row.Balance ? decimalToMinor(row.Balance, currencyExponent(row.Currency!)) : null,
        saltedgeId: row['Transaction ID']!,
      }));
      const original = statementsRepos(fx.store)
        .transactionQueries.exportRows({ scope: { kind: 'account', accountId: fx.eur } })
        .map((r) => ({ madeOn: r.madeOn, amount: r.amount, currency: r.currency, description: r.description, payee: r.payee, note: r.note, status: r.status, reviewed: r.reviewed, runningBalance: r.runningBalance, saltedgeId: r.saltedgeId }));
      expect(reimported).toEqual(original);
    });

    it('an empty result is a header-only file', () => {
      expect(toCsv([], new Map())).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    });
  });

  describe('OFX 2.2', () => {
    it('is well-formed XML with the OFX 2 headers and the required elements in schema order', () => {
      const f = exp('ofx', { statementId: fx.feb });
      expect(f.fileName).toBe('statement-current-account-2024-02-01_2024-02-29.ofx');
      expect(f.mimeType).toBe('application/x-ofx');
      expect(XMLValidator.validate(f.content)).toBe(true);
      const lines = f.content.split('\n');
      expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8" standalone="no"?>');
      expect(lines[1]).toBe('<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>');
      const doc = parser.parse(f.content);
      const sonrs = doc.OFX.SIGNONMSGSRSV1.SONRS;
      expect(sonrs.STATUS).toEqual({ CODE: '0', SEVERITY: 'INFO' });
      expect(sonrs.DTSERVER).toBe('20240310101112.345[0:GMT]');
      expect(sonrs.LANGUAGE).toBe('ENG');
      const trnrs = doc.OFX.BANKMSGSRSV1.STMTTRNRS;
      expect(trnrs).toHaveLength(1);
      const rs = trnrs[0].STMTRS;
      expect(Object.keys(rs)).toEqual(['CURDEF', 'BANKACCTFROM', 'BANKTRANLIST', 'LEDGERBAL']);
      expect(rs.CURDEF).toBe('EUR');
      expect(rs.BANKACCTFROM).toEqual({ BANKID: '37040044', ACCTID: 'DE89370400440532013000', ACCTTYPE: 'CHECKING' });
      expect(rs.BANKTRANLIST.DTSTART).toBe('20240201120000.000[0:GMT]');
      expect(rs.BANKTRANLIST.DTEND).toBe('20240229120000.000[0:GMT]');
      expect(rs.LEDGERBAL).toEqual({ BALAMT: '1234.56', DTASOF: '20240229120000.000[0:GMT]' });
      for (const t of rs.BANKTRANLIST.STMTTRN) {
        expect(Object.keys(t).slice(0, 5)).toEqual(['TRNTYPE', 'DTPOSTED', 'TRNAMT', 'FITID', ...(t.NAME ? ['NAME'] : ['MEMO'])]);
        expect(t.TRNAMT).toMatch(/^-?\d+\.\d{2}$/);
        expect(t.DTPOSTED).toMatch(/^\d{8}120000\.000\[0:GMT\]$/);
        if (t.NAME) expect(Array.from(t.NAME as string).length).toBeLessThanOrEqual(32);
      }
    });

    it('parses back with every amount, date, id and description of the statement', () => {
      const f = exp('ofx', { statementId: fx.feb });
      const stmt = parser.parse(f.content).OFX.BANKMSGSRSV1.STMTTRNRS[0].STMTRS.BANKTRANLIST.STMTTRN as Record<string, string>[];
      const expected = all.filter((r) => r.statementId === fx.feb);
      expect(stmt).toHaveLength(expected.length);
      stmt.forEach((t, i) => {
        const r = expected[i]!;
        expect(t.TRNTYPE).toBe(r.amount < 0 ? 'DEBIT' : 'CREDIT');
        expect(t.DTPOSTED!.slice(0, 8)).toBe(r.madeOn.replace(/-/g, ''));
        expect(decimalToMinor(t.TRNAMT!, 2)).toBe(r.amount);
        expect(t.FITID).toBe(r.saltedgeId);
        expect(t.MEMO ?? '').toBe(oneLine(r.description));
        expect(t.NAME ?? '').toBe(truncate(oneLine(r.payee) || oneLine(r.description), 32));
      });
      const sum = stmt.reduce((s, t) => s + decimalToMinor(t.TRNAMT!, 2), 0);
      expect(343_751 + sum).toBe(123_456); // opening + lines = LEDGERBAL
    });

    it('filtered rows of several accounts: one statement response per account, pending rows left out and counted', () => {
      const f = exp('ofx', { filter: { scope: { kind: 'all' }, text: 'coffee' } });
      expect(f.skippedPending).toBe(1);
      const trnrs = parser.parse(f.content).OFX.BANKMSGSRSV1.STMTTRNRS;
      expect(trnrs.map((t: { STMTRS: { CURDEF: string } }) => t.STMTRS.CURDEF)).toEqual(['EUR', 'JPY']);
      const jpy = trnrs[1].STMTRS;
      expect(jpy.BANKACCTFROM).toEqual({ BANKID: '000000000', ACCTID: '1234567', ACCTTYPE: 'SAVINGS' });
      expect(jpy.BANKTRANLIST.STMTTRN[0].TRNAMT).toBe('-2000');
      expect(jpy.LEDGERBAL.BALAMT).toBe('50000');
      // The EUR ledger balance is the balance after the last exported row.
      expect(trnrs[0].STMTRS.LEDGERBAL.BALAMT).toBe('987.50');
    });

    it('escapes markup and drops characters XML cannot hold', () => {
      const f = exp('ofx', { statementId: fx.jan });
      expect(f.content).toContain('Smith, Jones &amp; &lt;Partners&gt;'.slice(0, 32 + 12));
      expect(XMLValidator.validate(f.content)).toBe(true);
      expect(xmlText('a\u0000b\u0007c\uD800d & "e"')).toBe('abcd &amp; &quot;e&quot;');
      expect(ofxAccountId({ id: 1, name: '', currency: 'EUR', iban: 'FR7630006000011234567890189', accountNumber: null, saltedgeId: '77', bankName: '' })).toBe('77');
      expect(ofxBankId({ id: 1, name: '', currency: 'EUR', iban: 'GB33BUKB20201555555555', accountNumber: null, saltedgeId: '77', bankName: '' })).toBe('BUKB2020');
    });

    it('refuses a filter that only matches pending rows, saying what to do', () => {
      expect(() => exp('ofx', { filter: { scope: { kind: 'all' }, status: 'pending' } })).toThrow(/Export CSV instead/);
      expect(() => exp('camt053', { filter: { scope: { kind: 'all' }, text: 'zzzz' } })).toThrow(/Clear some filters/);
    });
  });

  describe('ISO 20022 camt.053.001.02', () => {
    it('is well-formed, in the camt.053.001.02 namespace, with the required elements in schema order and valid value formats', () => {
      const f = exp('camt053', { statementId: fx.jan });
      expect(f.fileName).toBe('statement-current-account-2024-01-01_2024-01-31.camt053.xml');
      expect(XMLValidator.validate(f.content)).toBe(true);
      const doc = parser.parse(f.content);
      expect(doc.Document['@xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:camt.053.001.02');
      const root = doc.Document.BkToCstmrStmt;
      expect(Object.keys(root)).toEqual(['GrpHdr', 'Stmt']);
      expect(root.GrpHdr.MsgId.length).toBeLessThanOrEqual(35);
      expect(root.GrpHdr.CreDtTm).toBe('2024-03-10T10:11:12Z');
      const st = root.Stmt[0];
      expect(Object.keys(st)).toEqual(['Id', 'ElctrncSeqNb', 'CreDtTm', 'FrToDt', 'Acct', 'Bal', 'TxsSummry', 'Ntry']);
      expect(st.Id.length).toBeLessThanOrEqual(35);
      expect(st.FrToDt).toEqual({ FrDtTm: '2024-01-01T00:00:00', ToDtTm: '2024-01-31T23:59:59' });
      expect(st.Acct).toEqual({ Id: { IBAN: 'DE89370400440532013000' }, Ccy: 'EUR', Nm: 'Current account' });
      expect(st.Bal.map((b: { Tp: { CdOrPrtry: { Cd: string } } }) => b.Tp.CdOrPrtry.Cd)).toEqual(['OPBD', 'CLBD']);
      expect(st.Bal[0].Amt).toEqual({ '#text': '1000.00', '@Ccy': 'EUR' });
      expect(st.Bal[0].CdtDbtInd).toBe('CRDT');
      expect(st.Bal[1].Amt['#text']).toBe('3437.51');
      expect(st.Bal[1].Dt).toEqual({ Dt: '2024-01-31' });
      expect(st.TxsSummry).toEqual({ TtlCdtNtries: { NbOfNtries: '1', Sum: '2500.00' }, TtlDbtNtries: { NbOfNtries: '2', Sum: '62.49' } });
      for (const n of st.Ntry) {
        expect(Object.keys(n)).toEqual(['NtryRef', 'Amt', 'CdtDbtInd', 'Sts', 'BookgDt', 'ValDt', 'AcctSvcrRef', 'BkTxCd', 'NtryDtls']);
        expect(n.Amt['#text']).toMatch(/^\d{1,13}\.\d{2}$/); // ActiveOrHistoricCurrencyAndAmount: ≥ 0, ≤ 5 decimals
        expect(n.Amt['@Ccy']).toMatch(/^[A-Z]{3}$/);
        expect(['CRDT', 'DBIT']).toContain(n.CdtDbtInd);
        expect(n.Sts).toBe('BOOK');
        expect(n.BookgDt.Dt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(n.BkTxCd.Domn.Cd).toBe('PMNT');
        expect(n.AcctSvcrRef.length).toBeLessThanOrEqual(35);
        for (const u of n.NtryDtls.TxDtls.RmtInf?.Ustrd ?? []) expect(Array.from(u as string).length).toBeLessThanOrEqual(140);
      }
    });

    it('parses back with every amount, sign, date, id, counterparty and description', () => {
      const f = exp('camt053', { filter: { scope: { kind: 'all' } } });
      const stmts = parser.parse(f.content).Document.BkToCstmrStmt.Stmt;
      expect(stmts).toHaveLength(2);
      expect(f.skippedPending).toBe(2);
      const entries = stmts.flatMap((s: { Ntry: unknown[] }) => s.Ntry) as Array<Record<string, any>>;
      const posted = all.filter((r) => r.status === 'posted').sort((a, b) => a.accountId - b.accountId || (a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : a.id - b.id));
      expect(entries).toHaveLength(posted.length);
      entries.forEach((n, i) => {
        const r = posted[i]!;
        const sign = n.CdtDbtInd === 'DBIT' ? -1 : 1;
        expect(sign * decimalToMinor(n.Amt['#text'], currencyExponent(n.Amt['@Ccy']))).toBe(r.amount);
        expect(n.Amt['@Ccy']).toBe(r.currency);
        expect(n.BookgDt.Dt).toBe(r.madeOn);
        expect(n.AcctSvcrRef).toBe(r.saltedgeId);
        const ustrd = (n.NtryDtls.TxDtls.RmtInf?.Ustrd ?? []).join('');
        expect(ustrd).toBe(oneLine(r.description));
        const party = n.NtryDtls.TxDtls.RltdPties;
        if (r.payee) expect((r.amount < 0 ? party.Cdtr : party.Dbtr).Nm).toBe(oneLine(r.payee));
        else expect(party).toBeUndefined();
      });
      // Opening + entries = closing, per statement.
      for (const s of stmts) {
        const e = currencyExponent(s.Acct.Ccy);
        const bal = (b: any) => (b.CdtDbtInd === 'DBIT' ? -1 : 1) * decimalToMinor(b.Amt['#text'], e);
        const sum = s.Ntry.reduce((t: number, n: any) => t + (n.CdtDbtInd === 'DBIT' ? -1 : 1) * decimalToMinor(n.Amt['#text'], e), 0);
        expect(bal(s.Bal[0]) + sum).toBe(bal(s.Bal[1]));
      }
      expect(stmts[1].Acct.Id).toEqual({ Othr: { Id: '1234567' } });
    });

    it('a negative balance is written as a positive amount with DBIT; long descriptions are cut into 140-character pieces', () => {
      fx.store.sql.run('UPDATE statement SET opening_balance = -5000 WHERE id = ?', [fx.yen]);
      fx.store.sql.run('UPDATE bank_transaction SET description = ? WHERE id = ?', ['x'.repeat(300), fx.tx.yen1!]);
      const f = exp('camt053', { statementId: fx.yen });
      const st = parser.parse(f.content).Document.BkToCstmrStmt.Stmt[0];
      expect(st.Bal[0].Amt['#text']).toBe('5000');
      expect(st.Bal[0].CdtDbtInd).toBe('DBIT');
      expect(st.Ntry[0].NtryDtls.TxDtls.RmtInf.Ustrd.map((u: string) => u.length)).toEqual([140, 140, 20]);
      expect(chunk('😀'.repeat(3), 2)).toEqual(['😀😀', '😀']);
    });
  });
});
