import type { TransactionTotals } from '../../../shared/contract/index.js';
import { money, plural } from './format.js';

/** Count, money in and money out of the filtered rows (per currency); always visible. */
export function TotalsBar({ totals, filtered }: { totals: TransactionTotals | null; filtered: boolean }) {
  return (
    <div className="stmt-totals" role="status" aria-live="polite" aria-label="Totals of the listed transactions">
      {totals === null ? (
        <span className="muted">Counting…</span>
      ) : (
        <>
          <strong>{plural(totals.count, 'transaction')}</strong>
          {filtered ? <span className="muted"> {totals.count === 1 ? 'matches' : 'match'} the filters</span> : null}
          {totals.byCurrency.map((c) => (
            <span key={c.currency} className="stmt-totals__currency">
              <span className="stmt-totals__in">In {money(c.sumIn, c.currency)}</span>
              <span className="stmt-totals__out">Out {money(c.sumOut, c.currency)}</span>
              <span className="stmt-totals__net">Net {money(c.sumIn + c.sumOut, c.currency)}</span>
            </span>
          ))}
        </>
      )}
    </div>
  );
}
