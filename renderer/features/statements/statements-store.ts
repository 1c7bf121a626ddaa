import { createStore, type StoreApi } from 'zustand';
import type {
  ExportFormat,
  SortColumn,
  StatementsTree,
  TransactionFilter,
  TransactionRow,
  TransactionScope,
  TransactionSort,
  TransactionTotals,
} from '../../../shared/contract/index.js';
import type { ApiClient } from '../../api/client.js';

export const PAGE_SIZE = 200;

/** The filter bar's fields, as typed (empty string = not set). */
export interface FilterFields {
  text: string;
  dateFrom: string;
  dateTo: string;
  amountMin: string;
  amountMax: string;
  direction: 'any' | 'in' | 'out';
  status: 'any' | 'posted' | 'pending';
  reviewed: 'any' | 'yes' | 'no';
  withNote: boolean;
}

export const EMPTY_FILTER: FilterFields = {
  text: '',
  dateFrom: '',
  dateTo: '',
  amountMin: '',
  amountMax: '',
  direction: 'any',
  status: 'any',
  reviewed: 'any',
  withNote: false,
};

export const AMOUNT_RE = /^\d{1,15}(?:[.,]\d{0,6})?$/;
export const amountValid = (s: string): boolean => s.trim() === '' || AMOUNT_RE.test(s.trim());

export function hasFilters(f: FilterFields): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof FilterFields)[]).some((k) => (k === 'text' ? f.text.trim() !== '' : f[k] !== EMPTY_FILTER[k]));
}

/** The contract's filter for the fields (invalid amounts are left out; the bar shows why). */
export function toFilter(scope: TransactionScope, f: FilterFields): TransactionFilter {
  const out: TransactionFilter = { scope };
  if (f.text.trim()) out.text = f.text.trim().slice(0, 200);
  if (f.dateFrom) out.dateFrom = f.dateFrom;
  if (f.dateTo) out.dateTo = f.dateTo;
  if (f.amountMin.trim() && amountValid(f.amountMin)) out.amountMin = f.amountMin.trim();
  if (f.amountMax.trim() && amountValid(f.amountMax)) out.amountMax = f.amountMax.trim();
  if (f.direction !== 'any') out.direction = f.direction;
  if (f.status !== 'any') out.status = f.status;
  if (f.reviewed !== 'any') out.reviewed = f.reviewed;
  if (f.withNote) out.withNote = true;
  return out;
}

export interface StatementsState {
  tree: StatementsTree | null;
  treeLoading: boolean;
  treeError: unknown;

  scope: TransactionScope;
  fields: FilterFields;
  sort: TransactionSort;

  /** Bumped whenever the result set changes (scope, filter, sort, bulk writes). */
  generation: number;
  /** Bumped when a new result replaces the old one (scope, filter, sort): the table scrolls to the top. */
  resultKey: number;
  totals: TransactionTotals | null;
  /** Loaded rows by their index in the result. */
  rows: ReadonlyMap<number, TransactionRow>;
  loadingFirstPage: boolean;
  queryError: unknown;

  focusIndex: number;
  selected: ReadonlySet<number>;
  noteFor: TransactionRow | null;
  confirmIgnore: TransactionRow[] | null;
  /** Short confirmation of the last action ("3 transactions marked reviewed"). */
  notice: string | null;
  actionError: unknown;
  exporting: ExportFormat | null;
}

export interface StatementsActions {
  loadTree(): Promise<void>;
  selectScope(scope: TransactionScope): void;
  setFields(patch: Partial<FilterFields>): void;
  clearFilters(): void;
  sortBy(column: SortColumn): void;
  /** Loads the pages covering rows [from, to] that are not loaded yet. */
  ensureRange(from: number, to: number): void;
  reload(): void;
  setFocus(index: number): void;
  toggleSelected(id: number): void;
  clearSelection(): void;
  toggleReviewed(row: TransactionRow): Promise<void>;
  setReviewedSelected(reviewed: boolean): Promise<void>;
  setReviewedAllFiltered(reviewed: boolean): Promise<void>;
  openNote(row: TransactionRow | null): void;
  saveNote(id: number, note: string | null): Promise<boolean>;
  askIgnore(rows: TransactionRow[] | null): void;
  ignoreConfirmed(): Promise<void>;
  exportFile(format: ExportFormat): Promise<{ fileName: string; mimeType: string; content: string } | null>;
  dismissNotice(): void;
}

export type StatementsStore = StoreApi<StatementsState & StatementsActions>;

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** One store per statements page (made with the page's API client). */
export function createStatementsStore(api: ApiClient): StatementsStore {
  const pagesLoading = new Set<string>();
  let textTimer: ReturnType<typeof setTimeout> | null = null;

  return createStore<StatementsState & StatementsActions>()((set, get) => {
    const filter = (): TransactionFilter => toFilter(get().scope, get().fields);

    const fetchPage = async (page: number, generation: number): Promise<void> => {
      const key = `${generation}:${page}`;
      if (pagesLoading.has(key)) return;
      pagesLoading.add(key);
      try {
        const res = await api.call('transactions.query', { filter: filter(), sort: get().sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
        if (get().generation !== generation) return;
        // The first page of a new result replaces the old rows (kept on screen until now).
        const rows = page === 0 && get().loadingFirstPage ? new Map<number, TransactionRow>() : new Map(get().rows);
        res.rows.forEach((r, i) => rows.set(res.offset + i, r));
        set({ rows, queryError: null, ...(page === 0 ? { loadingFirstPage: false } : {}) });
      } catch (err) {
        if (get().generation === generation) set({ queryError: err, loadingFirstPage: false });
      } finally {
        pagesLoading.delete(key);
      }
    };

    const fetchTotals = async (generation: number): Promise<void> => {
      try {
        const totals = await api.call('transactions.totals', { filter: filter() });
        if (get().generation === generation) set({ totals });
      } catch (err) {
        if (get().generation === generation) set({ queryError: err, loadingFirstPage: false });
      }
    };

    /** Starts a new result set: totals and the first page, in parallel. */
    const refresh = (opts: { keepRows?: boolean; keepFocus?: boolean } = {}): void => {
      const generation = get().generation + 1;
      set({
        generation,
        queryError: null,
        loadingFirstPage: !opts.keepRows,
        ...(opts.keepRows ? {} : { resultKey: get().resultKey + 1 }),
        ...(opts.keepFocus ? {} : { focusIndex: 0 }),
      });
      if (opts.keepRows) {
        // Reload every page currently loaded; the old rows stay on screen until they arrive.
        const pages = new Set([...get().rows.keys()].map((i) => Math.floor(i / PAGE_SIZE)));
        if (pages.size === 0) pages.add(0);
        for (const p of pages) void fetchPage(p, generation);
      } else {
        void fetchPage(0, generation);
      }
      void fetchTotals(generation);
    };

    const patchRow = (id: number, patch: Partial<TransactionRow>): void => {
      const rows = new Map(get().rows);
      for (const [i, r] of rows) if (r.id === id) rows.set(i, { ...r, ...patch });
      set({ rows });
    };

    const reloadTreeQuietly = (): void => {
      void api.call('statements.tree', {}).then(
        (tree) => set({ tree }),
        () => {},
      );
    };

    return {
      tree: null,
      treeLoading: false,
      treeError: null,
      scope: { kind: 'all' },
      fields: EMPTY_FILTER,
      sort: { column: 'date', direction: 'desc' },
      generation: 0,
      resultKey: 0,
      totals: null,
      rows: new Map(),
      loadingFirstPage: false,
      queryError: null,
      focusIndex: 0,
      selected: new Set(),
      noteFor: null,
      confirmIgnore: null,
      notice: null,
      actionError: null,
      exporting: null,

      loadTree: async () => {
        set({ treeLoading: true, treeError: null });
        try {
          const tree = await api.call('statements.tree', {});
          const first = tree.connections.flatMap((c) => c.accounts)[0];
          const isFirstLoad = get().tree === null;
          set({ tree, treeLoading: false });
          if (isFirstLoad) {
            if (first) get().selectScope({ kind: 'account', accountId: first.id });
            else get().selectScope({ kind: 'all' });
          }
        } catch (err) {
          set({ treeError: err, treeLoading: false });
        }
      },

      selectScope: (scope) => {
        set({ scope, selected: new Set() });
        refresh();
      },

      setFields: (patch) => {
        set({ fields: { ...get().fields, ...patch } });
        const onlyText = Object.keys(patch).every((k) => k === 'text');
        if (textTimer) clearTimeout(textTimer);
        if (onlyText) textTimer = setTimeout(() => refresh(), 200);
        else refresh();
      },

      clearFilters: () => {
        if (textTimer) clearTimeout(textTimer);
        set({ fields: EMPTY_FILTER });
        refresh();
      },

      sortBy: (column) => {
        const cur = get().sort;
        const direction = cur.column === column ? (cur.direction === 'asc' ? 'desc' : 'asc') : column === 'date' || column === 'amount' || column === 'balance' ? 'desc' : 'asc';
        set({ sort: { column, direction } });
        refresh();
      },

      ensureRange: (from, to) => {
        const { rows, generation, totals } = get();
        const last = Math.min(to, (totals?.count ?? to + 1) - 1);
        for (let p = Math.floor(Math.max(0, from) / PAGE_SIZE); p <= Math.floor(Math.max(0, last) / PAGE_SIZE); p++) {
          if (!rows.has(p * PAGE_SIZE)) void fetchPage(p, generation);
        }
      },

      reload: () => refresh(),

      setFocus: (index) => {
        const count = get().totals?.count ?? 0;
        set({ focusIndex: Math.max(0, Math.min(index, count - 1)) });
      },

      toggleSelected: (id) => {
        const selected = new Set(get().selected);
        if (selected.has(id)) selected.delete(id);
        else selected.add(id);
        set({ selected });
      },

      clearSelection: () => set({ selected: new Set() }),

      toggleReviewed: async (row) => {
        const reviewed = !row.reviewed;
        patchRow(row.id, { reviewed });
        try {
          await api.call('transactions.setReviewed', { reviewed, target: { ids: [row.id] } });
          set({ actionError: null });
          reloadTreeQuietly();
          // A "not reviewed" filter keeps the row until the list is refreshed (no jumping rows).
        } catch (err) {
          patchRow(row.id, { reviewed: row.reviewed });
          set({ actionError: err });
        }
      },

      setReviewedSelected: async (reviewed) => {
        const ids = [...get().selected];
        if (ids.length === 0) return;
        try {
          const { changed } = await api.call('transactions.setReviewed', { reviewed, target: { ids } });
          for (const id of ids) patchRow(id, { reviewed });
          set({ selected: new Set(), notice: `${plural(changed, 'transaction')} marked ${reviewed ? 'reviewed' : 'not reviewed'}.`, actionError: null });
          reloadTreeQuietly();
        } catch (err) {
          set({ actionError: err });
        }
      },

      setReviewedAllFiltered: async (reviewed) => {
        try {
          const { changed } = await api.call('transactions.setReviewed', { reviewed, target: { filter: filter() } });
          set({ notice: `${plural(changed, 'transaction')} marked ${reviewed ? 'reviewed' : 'not reviewed'}.`, actionError: null });
          refresh({ keepRows: true, keepFocus: true });
          reloadTreeQuietly();
        } catch (err) {
          set({ actionError: err });
        }
      },

      openNote: (row) => set({ noteFor: row }),

      saveNote: async (id, note) => {
        try {
          const res = await api.call('transactions.setNote', { id, note });
          patchRow(id, { note: res.note });
          set({ noteFor: null, actionError: null, notice: res.note ? 'Note saved.' : 'Note removed.' });
          return true;
        } catch (err) {
          set({ actionError: err });
          return false;
        }
      },

      askIgnore: (rows) => set({ confirmIgnore: rows && rows.length ? rows : null }),

      ignoreConfirmed: async () => {
        const rows = get().confirmIgnore;
        if (!rows) return;
        try {
          const { ignored } = await api.call('transactions.ignore', { ids: rows.map((r) => r.id) });
          set({ confirmIgnore: null, selected: new Set(), notice: `${plural(ignored, 'transaction')} ignored. ${ignored === 1 ? 'It' : 'They'} will not come back on the next synchronisation.`, actionError: null });
          refresh({ keepRows: true, keepFocus: true });
          reloadTreeQuietly();
        } catch (err) {
          set({ confirmIgnore: null, actionError: err });
        }
      },

      exportFile: async (format) => {
        set({ exporting: format, actionError: null });
        try {
          const { scope, fields, sort } = get();
          const file = await api.call('export.create', {
            format,
            // A whole statement (no filter) exports with the statement's own balances.
            scope: scope.kind === 'statement' && !hasFilters(fields) ? { statementId: scope.statementId } : { filter: filter(), sort },
          });
          const skipped = file.skippedPending > 0 ? ` ${plural(file.skippedPending, 'pending transaction')} left out (not booked yet).` : '';
          set({ exporting: null, notice: `Exported ${plural(file.rowCount, 'transaction')} to ${file.fileName}.${skipped}` });
          return file;
        } catch (err) {
          set({ exporting: null, actionError: err });
          return null;
        }
      },

      dismissNotice: () => set({ notice: null, actionError: null }),
    };
  });
}
