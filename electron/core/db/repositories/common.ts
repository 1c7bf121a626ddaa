import type { SqlValue } from 'sql.js';
import type { Sql, SqlParam } from '../sql.js';

/** What every repository is built from. */
export interface RepoContext {
  readonly sql: Sql;
  /** Current time as an ISO-8601 UTC string. */
  readonly now: () => string;
}

/** Money is an integer number of minor units; anything else is a programming error. */
export function assertMoney(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${field} must be an integer amount of minor units, got ${String(value)}`);
  }
  return value;
}

export function assertMoneyOrNull(value: unknown, field: string): number | null {
  return value === null || value === undefined ? null : assertMoney(value, field);
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function assertDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) throw new TypeError(`${field} must be a YYYY-MM-DD date, got ${String(value)}`);
  return value;
}

export const str = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
export const num = (v: SqlValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
export const bool = (v: SqlValue | undefined): boolean => v === 1 || v === '1';

export function parseJson<T>(v: SqlValue | undefined, fallback: T): T {
  if (typeof v !== 'string' || v === '') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/**
 * Builds `SET col = $col, …` for the defined keys of `patch` (undefined = leave as is,
 * null = clear). `columns` maps the allowed camelCase keys to column names.
 */
export function buildPatch(
  patch: Record<string, unknown>,
  columns: Record<string, string>,
  convert: (key: string, value: unknown) => SqlParam = (_k, v) => v as SqlParam,
): { set: string; params: Record<string, SqlParam> } {
  const parts: string[] = [];
  const params: Record<string, SqlParam> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const col = columns[key];
    if (!col) throw new TypeError(`Unknown field: ${key}`);
    parts.push(`${col} = $p_${key}`);
    params[`p_${key}`] = value === null ? null : convert(key, value);
  }
  return { set: parts.join(', '), params };
}
