import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { TransactionRow } from '../../../shared/contract/index.js';
import { day, money, plural } from './format.js';

function Dialog({ title, onClose, children, labelledBy }: { title: string; onClose: () => void; children: ReactNode; labelledBy: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('textarea, button, input');
    first?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="stmt-dialog__backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        className="stmt-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <h2 id={labelledBy}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** Add, edit or remove a transaction's note. Ctrl+Enter saves, Escape cancels. */
export function NoteDialog({ row, onSave, onClose }: { row: TransactionRow; onSave: (note: string | null) => Promise<boolean>; onClose: () => void }) {
  const id = useId();
  const [text, setText] = useState(row.note ?? '');
  const [saving, setSaving] = useState(false);
  const save = async (value: string | null) => {
    setSaving(true);
    const ok = await onSave(value);
    if (!ok) setSaving(false);
  };
  return (
    <Dialog title={row.note ? 'Edit note' : 'Add a note'} onClose={onClose} labelledBy={`${id}-title`}>
      <p className="muted">
        {day(row.madeOn)} · {row.description ?? row.payee ?? 'Transaction'} · {money(row.amount, row.currency)}
      </p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(text.trim() ? text : null);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-note`}>Note</label>
          <textarea
            id={`${id}-note`}
            rows={4}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void save(text.trim() ? text : null);
              }
            }}
          />
          <p className="field__help">Only on this computer: notes are never sent to the bank. Ctrl+Enter saves.</p>
        </div>
        <div className="stmt-dialog__actions">
          {row.note ? (
            <button type="button" className="btn btn--danger" disabled={saving} onClick={() => void save(null)}>
              Remove note
            </button>
          ) : null}
          <span className="stmt-dialog__spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={saving}>
            Save note
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Asks before hiding rows for good. */
export function IgnoreDialog({ rows, onConfirm, onClose }: { rows: TransactionRow[]; onConfirm: () => void; onClose: () => void }) {
  const id = useId();
  const one = rows.length === 1 ? rows[0]! : null;
  return (
    <Dialog title={one ? 'Ignore this transaction?' : `Ignore ${plural(rows.length, 'transaction')}?`} onClose={onClose} labelledBy={`${id}-title`}>
      {one ? (
        <p>
          <strong>{one.description ?? one.payee ?? 'Transaction'}</strong> of {day(one.madeOn)}, {money(one.amount, one.currency)}.
        </p>
      ) : null}
      <p>
        Ignored transactions are hidden from this list, the totals and exports, and the next synchronisation will not bring them back. Statement
        balances still count them, because the bank booked them.
      </p>
      <div className="stmt-dialog__actions">
        <span className="stmt-dialog__spacer" />
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn--primary btn--danger-solid" onClick={onConfirm}>
          {one ? 'Ignore transaction' : `Ignore ${plural(rows.length, 'transaction')}`}
        </button>
      </div>
    </Dialog>
  );
}
