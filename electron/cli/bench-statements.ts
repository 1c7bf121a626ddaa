import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TransactionFilter } from '../../shared/contract/statements.js';
import { openStore } from '../core/db/index.js';
import { createMemorySecretStore } from '../core/secrets/index.js';
import { seedSampleStatements } from '../core/statements/sample-data.js';
import { statementsRepos } from '../core/statements/statements-repos.js';

export interface BenchResult {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
}

const TARGET_P95_MS = 30;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function measure(name: string, fn: () => unknown, runs = 40, warmup = 3): BenchResult {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, runs, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) };
}

/**
 * `npm run bench` (statements part): 100,000 transactions over 5 accounts in a real (encrypted,
 * migrated) store, then the statements view's queries, each repeated; prints median and p95.
 */
export async function benchStatements(opts: { rows?: number; runs?: number; print?: (line: string) => void } = {}): Promise<BenchResult[]> {
  const print = opts.print ?? ((l: string) => console.log(l));
  const total = opts.rows ?? 100_000;
  const runs = opts.runs ?? 40;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-bench-statements-'));
  const store = await openStore({ dataDir, secretStore: createMemorySecretStore() });
  try {
    const t0 = performance.now();
    const seeded = seedSampleStatements(store, {
      connections: [
        {
          providerName: 'Fake Bank One',
          accounts: [
            { name: 'Current account', currency: 'EUR', iban: 'DE89370400440532013000' },
            { name: 'Savings account', currency: 'EUR', nature: 'savings' },
            { name: 'USD account', currency: 'USD' },
          ],
        },
        {
          providerName: 'Fake Bank Two',
          accounts: [
            { name: 'Business account', currency: 'GBP', iban: 'GB33BUKB20201555555555' },
            { name: 'Yen account', currency: 'JPY' },
          ],
        },
      ],
      rowsPerAccount: Math.floor(total / 5),
      rowsPerDay: 30,
      seed: 7,
    });
    const seedMs = performance.now() - t0;
    const repos = statementsRepos(store);
    const t1 = performance.now();
    repos.statements.refreshRunningBalances();
    const balanceMs = performance.now() - t1;
    const t2 = performance.now();
    repos.statements.refreshSearchIndex();
    const searchIndexMs = performance.now() - t2;
    // Some state a user would have: a third reviewed, a few notes.
    store.db.exec(`UPDATE bank_transaction SET reviewed = 1 WHERE id % 3 = 0; UPDATE bank_transaction SET note = 'check invoice' WHERE id % 97 = 0;`);

    const accountId = seeded.accountIds[0]!;
    const account: TransactionFilter = { scope: { kind: 'account', accountId } };
    const all: TransactionFilter = { scope: { kind: 'all' } };
    const q = repos.transactionQueries;
    const combined: TransactionFilter = {
      ...account,
      dateFrom: '2024-03-01',
      dateTo: '2024-09-30',
      amountMin: '10',
      amountMax: '120',
      direction: 'out',
      reviewed: 'no',
      status: 'posted',
    };
    const results = [
      measure('first page (account, by date)', () => q.page(account, undefined, 0, 100), runs),
      measure('first page (all accounts, by date)', () => q.page(all, undefined, 0, 100), runs),
      measure('page 100 (account, offset 10,000)', () => q.page(account, undefined, 10_000, 100), runs),
      measure('sorted by payee (account)', () => q.page(account, { column: 'payee', direction: 'asc' }, 0, 100), runs),
      measure('text search "coffee" (account)', () => q.page({ ...account, text: 'coffee' }, undefined, 0, 100), runs),
      measure('text search "coffee" (all accounts)', () => q.page({ ...all, text: 'coffee' }, undefined, 0, 100), runs),
      measure('text search, rare word (all accounts)', () => q.page({ ...all, text: 'zurich' }, undefined, 0, 100), runs),
      measure('text search, no match (all accounts)', () => q.page({ ...all, text: 'nothingmatches' }, undefined, 0, 100), runs),
      measure('combined filter (account)', () => q.page(combined, undefined, 0, 100), runs),
      measure('totals (account)', () => q.totals(account), runs),
      measure('totals (all accounts)', () => q.totals(all), runs),
      measure('totals (text search, all accounts)', () => q.totals({ ...all, text: 'coffee' }), runs),
      measure('totals (combined filter)', () => q.totals(combined), runs),
      measure('chart series (account)', () => q.dailyBalances(accountId), runs),
    ];
    print(`statements bench: ${seeded.transactionCount.toLocaleString('en')} transactions, 5 accounts, ${seeded.statementIds.length} statements`);
    print(
      `  seed ${seedMs.toFixed(0)} ms; once after an import: running balances ${balanceMs.toFixed(0)} ms, search index ${searchIndexMs.toFixed(0)} ms`,
    );
    const width = Math.max(...results.map((r) => r.name.length));
    for (const r of results) {
      const flag = r.p95Ms <= TARGET_P95_MS ? 'ok' : `OVER ${TARGET_P95_MS} ms`;
      print(`  ${r.name.padEnd(width)}  median ${r.medianMs.toFixed(2).padStart(6)} ms  p95 ${r.p95Ms.toFixed(2).padStart(6)} ms  (${r.runs} runs) ${flag}`);
    }
    return results;
  } finally {
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
