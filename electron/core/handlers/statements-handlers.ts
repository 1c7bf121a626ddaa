import type { HandlerMap } from '../rpc/dispatch.js';
import type { Services } from '../services.js';
import { AppError } from '../app-error.js';
import { createExport } from '../statements/export-service.js';
import { statementsRepos } from '../statements/statements-repos.js';

type StatementsHandlers = Pick<
  HandlerMap,
  | 'statements.tree'
  | 'transactions.query'
  | 'transactions.totals'
  | 'transactions.setReviewed'
  | 'transactions.setNote'
  | 'transactions.ignore'
  | 'statements.chartSeries'
  | 'export.create'
>;

/**
 * The statements view: reads run on the local database only (no Salt Edge call), so the view
 * works offline. Every write is saved to disk before the call answers.
 */
export function createStatementsHandlers(s: Services): StatementsHandlers {
  const repos = () => statementsRepos(s.store(), s.now);

  return {
    'statements.tree': async () => {
      const r = repos();
      r.statements.refreshRunningBalances();
      return r.statements.tree();
    },
    'transactions.query': async ({ filter, sort, offset, limit }) => ({
      offset,
      rows: repos().transactionQueries.page(filter, sort, offset, limit),
    }),
    'transactions.totals': async ({ filter }) => repos().transactionQueries.totals(filter),
    'transactions.setReviewed': async ({ reviewed, target }) => {
      const q = repos().transactionQueries;
      const changed = 'ids' in target ? q.setReviewedByIds(target.ids, reviewed) : q.setReviewedByFilter(target.filter, reviewed);
      await s.store().save();
      return { changed };
    },
    'transactions.setNote': async ({ id, note }) => {
      const q = repos().transactionQueries;
      if (!q.setNote(id, note)) throw new AppError('not-found', 'This transaction no longer exists. Reload the list.');
      await s.store().save();
      return { id, note: q.get(id)?.note ?? null };
    },
    'transactions.ignore': async ({ ids }) => {
      const ignored = repos().transactionQueries.ignore(ids);
      await s.store().save();
      return { ignored };
    },
    'statements.chartSeries': async ({ accountId }) => {
      const store = s.store();
      const account = store.repos.accounts.get(accountId);
      if (!account) throw new AppError('not-found', 'This account no longer exists. Reload the statements list.');
      return { accountId, currency: account.currency, points: repos().transactionQueries.dailyBalances(accountId) };
    },
    'export.create': async ({ format, scope }) => createExport(repos(), format, scope, s.now()),
  };
}
