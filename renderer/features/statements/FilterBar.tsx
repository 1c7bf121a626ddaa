import { forwardRef, useId } from 'react';
import { amountValid, hasFilters, type FilterFields } from './statements-store.js';

interface Props {
  fields: FilterFields;
  onChange: (patch: Partial<FilterFields>) => void;
  onClear: () => void;
}

/** Search and filters; they run in the database. "/" anywhere on the page focuses the search box. */
export const FilterBar = forwardRef<HTMLInputElement, Props>(function FilterBar({ fields, onChange, onClear }, searchRef) {
  const id = useId();
  const minBad = !amountValid(fields.amountMin);
  const maxBad = !amountValid(fields.amountMax);
  return (
    <form className="stmt-filters" role="search" aria-label="Filter transactions" onSubmit={(e) => e.preventDefault()}>
      <div className="stmt-filters__search">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search description, payee and note
        </label>
        <input
          ref={searchRef}
          id={`${id}-q`}
          type="search"
          placeholder="Search description, payee, note   ( / )"
          value={fields.text}
          maxLength={200}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      </div>
      <div className="stmt-filters__field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={fields.dateFrom} onChange={(e) => onChange({ dateFrom: e.target.value })} />
      </div>
      <div className="stmt-filters__field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={fields.dateTo} onChange={(e) => onChange({ dateTo: e.target.value })} />
      </div>
      <div className="stmt-filters__field">
        <label htmlFor={`${id}-min`}>Amount from</label>
        <input
          id={`${id}-min`}
          inputMode="decimal"
          className="stmt-filters__amount"
          placeholder="0.00"
          value={fields.amountMin}
          aria-invalid={minBad}
          aria-describedby={minBad ? `${id}-amount-error` : undefined}
          onChange={(e) => onChange({ amountMin: e.target.value })}
        />
      </div>
      <div className="stmt-filters__field">
        <label htmlFor={`${id}-max`}>to</label>
        <input
          id={`${id}-max`}
          inputMode="decimal"
          className="stmt-filters__amount"
          placeholder="any"
          value={fields.amountMax}
          aria-invalid={maxBad}
          aria-describedby={maxBad ? `${id}-amount-error` : undefined}
          onChange={(e) => onChange({ amountMax: e.target.value })}
        />
      </div>
      <div className="stmt-filters__field">
        <label htmlFor={`${id}-dir`}>Type</label>
        <select id={`${id}-dir`} value={fields.direction} onChange={(e) => onChange({ direction: e.target.value as FilterFields['direction'] })}>
          <option value="any">Income and expenses</option>
          <option value="in">Income</option>
          <option value="out">Expenses</option>
        </select>
      </div>
      <div className="stmt-filters__field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={fields.status} onChange={(e) => onChange({ status: e.target.value as FilterFields['status'] })}>
          <option value="any">Posted and pending</option>
          <option value="posted">Posted</option>
          <option value="pending">Pending</option>
        </select>
      </div>
      <div className="stmt-filters__field">
        <label htmlFor={`${id}-rev`}>Review</label>
        <select id={`${id}-rev`} value={fields.reviewed} onChange={(e) => onChange({ reviewed: e.target.value as FilterFields['reviewed'] })}>
          <option value="any">Reviewed or not</option>
          <option value="no">Not reviewed</option>
          <option value="yes">Reviewed</option>
        </select>
      </div>
      <div className="stmt-filters__check">
        <input id={`${id}-notes`} type="checkbox" checked={fields.withNote} onChange={(e) => onChange({ withNote: e.target.checked })} />
        <label htmlFor={`${id}-notes`}>With notes</label>
      </div>
      <button type="button" className="btn btn--quiet" onClick={onClear} disabled={!hasFilters(fields)}>
        Clear filters
      </button>
      {minBad || maxBad ? (
        <p id={`${id}-amount-error`} className="field__error stmt-filters__error" role="alert">
          Enter amounts like 12.50 (no currency sign). Amounts compare the size of a transaction; use Type for income or expenses.
        </p>
      ) : null}
    </form>
  );
});
