import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SortColumn, TransactionRow, TransactionSort } from '../../../shared/contract/index.js';
import { day, money } from './format.js';

export const ROW_HEIGHT = 36;

interface Column {
  id: SortColumn;
  label: string;
  className?: string;
}

const COLUMNS: Column[] = [
  { id: 'date', label: 'Date' },
  { id: 'description', label: 'Description' },
  { id: 'payee', label: 'Payee' },
  { id: 'amount', label: 'Amount', className: 'tx-cell--num' },
  { id: 'balance', label: 'Balance', className: 'tx-cell--num' },
  { id: 'status', label: 'Status' },
  { id: 'reviewed', label: 'Reviewed', className: 'tx-cell--center' },
  { id: 'note', label: 'Note' },
];

export interface TableProps {
  count: number;
  /** Changes when a new result replaces the old one: scroll back to the top. */
  resultKey: number;
  busy: boolean;
  rows: ReadonlyMap<number, TransactionRow>;
  sort: TransactionSort;
  focusIndex: number;
  selected: ReadonlySet<number>;
  onSort(column: SortColumn): void;
  onNeedRange(from: number, to: number): void;
  onFocus(index: number): void;
  onToggleReviewed(row: TransactionRow): void;
  onToggleSelected(id: number): void;
  onEditNote(row: TransactionRow): void;
  onIgnore(row: TransactionRow): void;
}

const rowLabel = (r: TransactionRow) => `${day(r.madeOn)} ${r.description ?? r.payee ?? ''} ${money(r.amount, r.currency)}`.trim();

const Row = memo(function Row({
  index,
  row,
  top,
  focused,
  selected,
  onFocus,
  onToggleReviewed,
  onToggleSelected,
  onEditNote,
}: {
  index: number;
  row: TransactionRow | undefined;
  top: number;
  focused: boolean;
  selected: boolean;
  onFocus(index: number): void;
  onToggleReviewed(row: TransactionRow): void;
  onToggleSelected(id: number): void;
  onEditNote(row: TransactionRow): void;
}) {
  const style = { transform: `translateY(${top}px)`, height: ROW_HEIGHT };
  if (!row) {
    return (
      <div role="row" aria-rowindex={index + 2} className="tx-row tx-row--loading" style={style}>
        <div role="gridcell" className="tx-cell tx-cell--placeholder">
          Loading…
        </div>
      </div>
    );
  }
  const label = rowLabel(row);
  const pending = row.status === 'pending';
  return (
    <div
      role="row"
      id={`tx-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-id={row.id}
      className={`tx-row${pending ? ' tx-row--pending' : ''}${focused ? ' is-focused' : ''}${selected ? ' is-selected' : ''}${row.reviewed ? ' is-reviewed' : ''}`}
      style={style}
      onMouseDown={() => onFocus(index)}
    >
      <div role="gridcell" className="tx-cell tx-cell--center">
        <input type="checkbox" tabIndex={-1} checked={selected} aria-label={`Select ${label}`} onChange={() => onToggleSelected(row.id)} />
      </div>
      <div role="gridcell" className="tx-cell tx-cell--date">
        {day(row.madeOn)}
      </div>
      <div role="gridcell" className="tx-cell tx-cell--text tx-cell--desc" title={row.description ?? undefined}>
        {row.description ?? <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="tx-cell tx-cell--text" title={row.payee ?? undefined}>
        {row.payee ?? <span className="muted">—</span>}
      </div>
      <div role="gridcell" className={`tx-cell tx-cell--num ${row.amount < 0 ? 'tx-amount--out' : 'tx-amount--in'}`}>
        {money(row.amount, row.currency)}
      </div>
      <div role="gridcell" className="tx-cell tx-cell--num tx-balance">
        {row.runningBalance === null ? <span className="muted" title={pending ? 'Pending rows are not in the balance yet' : undefined}>—</span> : money(row.runningBalance, row.currency)}
      </div>
      <div role="gridcell" className="tx-cell">
        <span className={`tx-status tx-status--${row.status}`}>{pending ? 'Pending' : 'Posted'}</span>
      </div>
      <div role="gridcell" className="tx-cell tx-cell--center">
        <input type="checkbox" tabIndex={-1} checked={row.reviewed} aria-label={`Reviewed: ${label}`} onChange={() => onToggleReviewed(row)} />
      </div>
      <div role="gridcell" className="tx-cell tx-cell--text">
        <button type="button" tabIndex={-1} className={`tx-note${row.note ? '' : ' tx-note--empty'}`} aria-label={row.note ? `Edit note for ${label}: ${row.note}` : `Add note for ${label}`} title={row.note ?? 'Add a note (n)'} onClick={() => onEditNote(row)}>
          {row.note ?? 'Add note'}
        </button>
      </div>
    </div>
  );
});

/**
 * The transactions of the current scope and filter: virtualised (only the visible rows are in
 * the DOM, pages are fetched as they scroll into view), sticky header, sortable columns, and a
 * keyboard model: ↑/↓ (PgUp/PgDn, Home/End) move, Space toggles reviewed, N edits the note,
 * X selects, Delete ignores.
 */
export function TransactionsTable(props: TableProps) {
  const { count, rows, sort, focusIndex, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const { onNeedRange } = props;
  useEffect(() => {
    if (last >= first && count > 0) onNeedRange(first, last);
  }, [first, last, count, onNeedRange]);

  const resultRef = useRef(props.resultKey);
  useEffect(() => {
    if (resultRef.current !== props.resultKey) virtualizer.scrollToOffset(0);
    resultRef.current = props.resultKey;
  }, [props.resultKey, virtualizer]);

  const focusRef = useRef(focusIndex);
  useEffect(() => {
    if (focusRef.current !== focusIndex && count > 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
    focusRef.current = focusIndex;
  }, [focusIndex, count, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const row = rows.get(focusIndex);
    const move = (to: number) => {
      e.preventDefault();
      props.onFocus(Math.max(0, Math.min(count - 1, to)));
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(focusIndex + 1);
      case 'ArrowUp':
        return move(focusIndex - 1);
      case 'PageDown':
        return move(focusIndex + page);
      case 'PageUp':
        return move(focusIndex - page);
      case 'Home':
        return move(0);
      case 'End':
        return move(count - 1);
      case ' ':
        e.preventDefault();
        if (row) props.onToggleReviewed(row);
        return;
      case 'n':
      case 'N':
        e.preventDefault();
        if (row) props.onEditNote(row);
        return;
      case 'x':
      case 'X':
        e.preventDefault();
        if (row) props.onToggleSelected(row.id);
        return;
      case 'Delete':
        e.preventDefault();
        if (row) props.onIgnore(row);
        return;
      default:
    }
  };

  const ariaSort = (c: SortColumn) => (sort.column === c ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');
  const activeRendered = rows.has(focusIndex) && focusIndex >= first && focusIndex <= last;

  return (
    <div
      ref={scrollRef}
      className="tx-table"
      role="grid"
      aria-label="Transactions (arrow keys move, Space marks reviewed, N edits the note, X selects, Delete ignores)"
      aria-rowcount={count + 1}
      aria-busy={props.busy}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered ? `tx-row-${focusIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="tx-table__head">
        <div role="row" aria-rowindex={1} className="tx-row tx-row--head">
          <div role="columnheader" className="tx-cell tx-cell--center">
            <span className="visually-hidden">Select</span>
          </div>
          {COLUMNS.map((c) => (
            <div key={c.id} role="columnheader" aria-sort={ariaSort(c.id)} className={`tx-cell ${c.className ?? ''}`}>
              <button type="button" className="tx-sort" onClick={() => props.onSort(c.id)} title={`Sort by ${c.label.toLowerCase()}`}>
                {c.label}
                <span aria-hidden="true" className="tx-sort__arrow">
                  {sort.column === c.id ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="tx-table__body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((v) => (
          <Row
            key={v.key}
            index={v.index}
            row={rows.get(v.index)}
            top={v.start}
            focused={v.index === focusIndex}
            selected={!!rows.get(v.index) && selected.has(rows.get(v.index)!.id)}
            onFocus={props.onFocus}
            onToggleReviewed={props.onToggleReviewed}
            onToggleSelected={props.onToggleSelected}
            onEditNote={props.onEditNote}
          />
        ))}
      </div>
    </div>
  );
}
