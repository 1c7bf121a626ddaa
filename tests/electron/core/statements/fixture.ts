import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../../../electron/core/db/index.js';
import { createMemorySecretStore } from '../../../../electron/core/secrets/index.js';
import type { SecretStore } from '../../../../electron/core/secrets/index.js';
import { statementsRepos } from '../../../../electron/core/statements/statements-repos.js';

export interface Fixture {
  store: Store;
  dataDir: string;
  secrets: SecretStore;
  eur: number;
  jpy: number;
  jan: number;
  feb: number;
  yen: number;
  /** Transaction ids by a short name. */
  tx: Record<string, number>;
  reopen(): Promise<Store>;
  cleanup(): void;
}

/**
 * A small, hand-made store: one connection, a EUR account with two statements (January,
 * February) and two pending rows, and a JPY account with one statement. Texts exercise CSV
 * quoting, XML escaping, accents and LIKE wildcards.
 */
export async function makeFixture(): Promise<Fixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-statements-'));
  const secrets = createMemorySecretStore();
  const store = await openStore({ dataDir, secretStore: secrets, now: () => new Date('2024-03-10T10:00:00Z') });
  const { statements } = statementsRepos(store);
  const conn = store.repos.connections.upsert({ saltedgeId: '9000000000000000001', providerCode: 'fake_xf', providerName: 'Fake Bank', status: 'active' });
  const eur = store.repos.accounts.upsert({
    connectionId: conn.id,
    saltedgeId: '7000000000000000001',
    name: 'Current account',
    currency: 'EUR',
    iban: 'DE89370400440532013000',
    nature: 'account',
    bankBalance: 123_456,
    enabled: true,
  }).account.id;
  const jpy = store.repos.accounts.upsert({
    connectionId: conn.id,
    saltedgeId: '7000000000000000002',
    name: 'Yen account',
    currency: 'JPY',
    accountNumber: '1234567',
    nature: 'savings',
    bankBalance: 50_000,
    enabled: true,
  }).account.id;

  const jan = statements.insert({ accountId: eur, periodStart: '2024-01-01', periodEnd: '2024-01-31', openingBalance: 100_000, closingBalance: 100_000 - 1250 + 250_000 - 4_999, bankBalance: 343_751 }).id;
  const feb = statements.insert({ accountId: eur, periodStart: '2024-02-01', periodEnd: '2024-02-29', openingBalance: 343_751, closingBalance: 343_751 - 10_000 - 333 + 1 - 210_000 + 37, bankBalance: 123_456 }).id;
  const yen = statements.insert({ accountId: jpy, periodStart: '2024-02-01', periodEnd: '2024-02-29', openingBalance: 40_000, closingBalance: 50_000, bankBalance: 50_000 }).id;

  const rows: Array<[string, { accountId: number; statementId: number | null; madeOn: string; amount: number; currency: string; status: 'posted' | 'pending'; description: string | null; payee: string | null }]> = [
    ['coffee', { accountId: eur, statementId: jan, madeOn: '2024-01-05', amount: -1250, currency: 'EUR', status: 'posted', description: 'Card payment Coffee Corner', payee: 'Coffee Corner' }],
    ['salary', { accountId: eur, statementId: jan, madeOn: '2024-01-25', amount: 250_000, currency: 'EUR', status: 'posted', description: 'Salary January', payee: 'ACME Ltd' }],
    ['quoted', { accountId: eur, statementId: jan, madeOn: '2024-01-25', amount: -4_999, currency: 'EUR', status: 'posted', description: 'Invoice "42", part 1\nsecond line', payee: 'Smith, Jones & <Partners>' }],
    ['rent', { accountId: eur, statementId: feb, madeOn: '2024-02-01', amount: -10_000, currency: 'EUR', status: 'posted', description: 'Direct debit 50% discount_code', payee: 'Müller Drogerie' }],
    ['tiny', { accountId: eur, statementId: feb, madeOn: '2024-02-03', amount: -333, currency: 'EUR', status: 'posted', description: 'Café Zürich', payee: null }],
    ['cent', { accountId: eur, statementId: feb, madeOn: '2024-02-03', amount: 1, currency: 'EUR', status: 'posted', description: 'Interest', payee: 'Fake Bank' }],
    ['big', { accountId: eur, statementId: feb, madeOn: '2024-02-20', amount: -210_000, currency: 'EUR', status: 'posted', description: 'Transfer to savings', payee: null }],
    ['refund', { accountId: eur, statementId: feb, madeOn: '2024-02-28', amount: 37, currency: 'EUR', status: 'posted', description: 'Refund', payee: 'Amazon Marketplace' }],
    ['pending1', { accountId: eur, statementId: null, madeOn: '2024-03-01', amount: -2_500, currency: 'EUR', status: 'pending', description: 'Card payment Coffee Corner', payee: 'Coffee Corner' }],
    ['pending2', { accountId: eur, statementId: null, madeOn: '2024-03-02', amount: 9_900, currency: 'EUR', status: 'pending', description: 'Incoming transfer', payee: 'Client ☃ 😀' }],
    ['yen1', { accountId: jpy, statementId: yen, madeOn: '2024-02-10', amount: 12_000, currency: 'JPY', status: 'posted', description: 'Deposit', payee: 'Tanaka' }],
    ['yen2', { accountId: jpy, statementId: yen, madeOn: '2024-02-11', amount: -2_000, currency: 'JPY', status: 'posted', description: 'Coffee', payee: 'Doutor' }],
  ];
  store.repos.transactions.insertMany(
    rows.map(([name, r], i) => ({ ...r, saltedgeId: `${8_000_000_000_000_000_000n + BigInt(i)}`, raw: { name } })),
  );
  const tx: Record<string, number> = {};
  for (const r of store.sql.all<{ id: number; raw_json: string }>('SELECT id, raw_json FROM bank_transaction')) {
    tx[(JSON.parse(r.raw_json) as { name: string }).name] = Number(r.id);
  }
  await store.save();

  const fx: Fixture = {
    store,
    dataDir,
    secrets,
    eur,
    jpy,
    jan,
    feb,
    yen,
    tx,
    reopen: async () => {
      await fx.store.save();
      fx.store.close();
      fx.store = await openStore({ dataDir, secretStore: secrets });
      return fx.store;
    },
    cleanup: () => {
      if (!fx.store.closed) fx.store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fx;
}
