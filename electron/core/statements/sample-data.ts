import type { Store } from '../db/index.js';
import type { TransactionInsert } from '../db/repositories/transaction-repository.js';
import { statementsRepos } from './statements-repos.js';

/**
 * Deterministic bank data written straight into a store (connections, accounts, one statement
 * per month, posted and pending rows): for the statements benchmark and end-to-end tests while
 * no real import is needed. Balances add up: closing = opening + the month's posted rows, and
 * the account's bank balance equals the last closing balance.
 */

export interface SampleAccount {
  name: string;
  currency: string;
  iban?: string | null;
  nature?: string;
}

export interface SampleOptions {
  connections: { providerName: string; accounts: SampleAccount[] }[];
  rowsPerAccount: number;
  /** First booking day, 'YYYY-MM-DD'. */
  startDate?: string;
  /** Rows per day (on average); decides how many months the rows span. */
  rowsPerDay?: number;
  /** The newest rows are pending (no statement yet). */
  pendingPerAccount?: number;
  seed?: number;
}

export interface SampleResult {
  accountIds: number[];
  statementIds: number[];
  transactionCount: number;
}

const PAYEES = [
  'Coffee Corner',
  'Amazon Marketplace',
  'Tesco Stores',
  'Shell Station',
  'ACME Ltd',
  'Müller Drogerie',
  'City Parking',
  'Office Depot',
  'Telco Mobile',
  'Landlord Properties',
  'Café Zürich',
  'Train Tickets Online',
  'Bakery Brot & Co',
  'Insurance Mutual',
  'Tax Office',
] as const;

const KINDS = ['Card payment', 'Transfer', 'Direct debit', 'Standing order', 'Refund'] as const;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const monthEnd = (day: string): string => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
};

export function seedSampleStatements(store: Store, opts: SampleOptions): SampleResult {
  const random = rng(opts.seed ?? 42);
  const start = opts.startDate ?? '2024-01-01';
  const perDay = opts.rowsPerDay ?? 8;
  const pendingCount = opts.pendingPerAccount ?? 3;
  const { statements } = statementsRepos(store);
  const result: SampleResult = { accountIds: [], statementIds: [], transactionCount: 0 };
  let seq = 0;
  // Ids unique within the store, so sample data can be added more than once.
  const base = store.repos.accounts.list().length;

  store.transaction(() => {
    opts.connections.forEach((c, ci) => {
      const conn = store.repos.connections.upsert({
        saltedgeId: `sample-conn-${base}-${ci + 1}`,
        providerCode: `sample_${ci + 1}`,
        providerName: c.providerName,
        status: 'active',
      });
      c.accounts.forEach((a, ai) => {
        const { account } = store.repos.accounts.upsert({
          connectionId: conn.id,
          saltedgeId: `sample-acc-${base}-${ci + 1}-${ai + 1}`,
          name: a.name,
          currency: a.currency,
          nature: a.nature ?? 'account',
          iban: a.iban ?? null,
          enabled: true,
        });
        result.accountIds.push(account.id);

        // Rows, oldest first.
        const rows: Omit<TransactionInsert, 'statementId'>[] = [];
        for (let i = 0; i < opts.rowsPerAccount; i++) {
          const day = addDays(start, Math.floor(i / perDay));
          const payee = PAYEES[Math.floor(random() * PAYEES.length)]!;
          const kind = KINDS[Math.floor(random() * KINDS.length)]!;
          const income = payee === 'ACME Ltd' || kind === 'Refund' || random() < 0.12;
          const size = Math.floor(random() * (income ? 250_000 : 15_000)) + 50;
          rows.push({
            accountId: account.id,
            saltedgeId: `s${account.id}-${++seq}`,
            madeOn: day,
            amount: income ? size : -size,
            currency: a.currency,
            status: i >= opts.rowsPerAccount - pendingCount ? 'pending' : 'posted',
            description: `${kind} ${payee} ref ${1000 + Math.floor(random() * 9000)}`,
            payee,
            category: income ? 'income' : 'expenses',
          });
        }

        // One statement per month of posted rows.
        let opening = 100_000 + Math.floor(random() * 1_000_000);
        const posted = rows.filter((r) => r.status === 'posted');
        const toInsert: TransactionInsert[] = [];
        for (let i = 0; i < posted.length; ) {
          const periodStart = `${posted[i]!.madeOn.slice(0, 7)}-01`;
          const periodEnd = monthEnd(periodStart);
          let j = i;
          let sum = 0;
          while (j < posted.length && posted[j]!.madeOn <= periodEnd) sum += posted[j++]!.amount;
          const closing = opening + sum;
          const st = statements.insert({
            accountId: account.id,
            periodStart,
            periodEnd,
            openingBalance: opening,
            closingBalance: closing,
            bankBalance: closing,
            lineCount: j - i,
          });
          result.statementIds.push(st.id);
          for (let k = i; k < j; k++) toInsert.push({ ...posted[k]!, statementId: st.id });
          opening = closing;
          i = j;
        }
        for (const r of rows) if (r.status === 'pending') toInsert.push({ ...r, statementId: null });
        store.repos.transactions.insertMany(toInsert);
        store.repos.accounts.updateBalance(account.id, opening, `${rows[rows.length - 1]?.madeOn ?? start}T18:00:00Z`);
        result.transactionCount += toInsert.length;
      });
    });
  });
  return result;
}
