import type { Store } from '../db/index.js';
import { StatementRepository } from '../db/repositories/statement-repository.js';
import { TransactionQueryRepository } from '../db/repositories/transaction-query-repository.js';

export interface StatementsRepos {
  readonly statements: StatementRepository;
  readonly transactionQueries: TransactionQueryRepository;
}

const cache = new WeakMap<Store, StatementsRepos>();

/**
 * The statements view's repositories for an open store (one pair per store, built on first use).
 * They live beside `store.repos` rather than inside it so the store module does not have to know
 * about this feature; moving them into `Repositories` later changes only this function.
 */
export function statementsRepos(store: Store, now: () => Date = () => new Date()): StatementsRepos {
  let r = cache.get(store);
  if (!r) {
    const ctx = { sql: store.sql, now: () => now().toISOString() };
    const statements = new StatementRepository(ctx);
    r = { statements, transactionQueries: new TransactionQueryRepository(ctx, statements) };
    cache.set(store, r);
  }
  return r;
}
