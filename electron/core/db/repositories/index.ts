import type { RepoContext } from './common.js';
import { AccountRepository } from './account-repository.js';
import { ConnectionRepository } from './connection-repository.js';
import { CustomerRepository } from './customer-repository.js';
import { ImportRunRepository } from './import-run-repository.js';
import { ProviderCacheRepository } from './provider-cache-repository.js';
import { SettingsRepository } from './settings-repository.js';
import { SyncLogRepository } from './sync-log-repository.js';
import { TransactionRepository } from './transaction-repository.js';

export interface Repositories {
  readonly settings: SettingsRepository;
  readonly customers: CustomerRepository;
  readonly providers: ProviderCacheRepository;
  readonly connections: ConnectionRepository;
  readonly accounts: AccountRepository;
  readonly importRuns: ImportRunRepository;
  readonly syncLog: SyncLogRepository;
  readonly transactions: TransactionRepository;
}

export function createRepositories(ctx: RepoContext): Repositories {
  return {
    settings: new SettingsRepository(ctx),
    customers: new CustomerRepository(ctx),
    providers: new ProviderCacheRepository(ctx),
    connections: new ConnectionRepository(ctx),
    accounts: new AccountRepository(ctx),
    importRuns: new ImportRunRepository(ctx),
    syncLog: new SyncLogRepository(ctx),
    transactions: new TransactionRepository(ctx),
  };
}

export type { RepoContext } from './common.js';
export { assertMoney, assertMoneyOrNull, assertDate } from './common.js';
export * from './account-repository.js';
export * from './connection-repository.js';
export * from './customer-repository.js';
export * from './import-run-repository.js';
export * from './provider-cache-repository.js';
export * from './settings-repository.js';
export * from './sync-log-repository.js';
export * from './transaction-repository.js';
