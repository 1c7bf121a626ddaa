import { isLosslessNumber, parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { z } from 'zod';

/** A response that parsed as JSON but does not have the expected shape. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
}

/**
 * Parses JSON keeping every number's exact text (numbers become `LosslessNumber`s whose
 * `.value` is the text). Throws a SyntaxError for anything that is not JSON.
 */
export function parseJsonLossless(text: string): unknown {
  return parseLossless(text);
}

/** Serialises a lossless-parsed value back to JSON with numbers exactly as received. */
export function stringifyJsonLossless(value: unknown): string {
  return stringifyLossless(value) ?? 'null';
}

/** `['data', 3, 'amount']` → `data[3].amount`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(root)';
}

function typeName(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (isLosslessNumber(v)) return 'number';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Zod issues → short "field path: what was expected" lines (never the value itself for strings). */
export function describeIssues(root: unknown, issues: readonly z.core.$ZodIssue[], limit = 5): { path: string; message: string }[] {
  return issues.slice(0, limit).map((issue) => {
    const path = formatPath(issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = `expected ${issue.expected}, got ${typeName(valueAt(root, issue.path))}`;
    } else if (issue.code === 'invalid_value') {
      const got = valueAt(root, issue.path);
      const shown = typeof got === 'string' && got.length <= 40 ? JSON.stringify(got) : typeName(got);
      message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join('|')}, got ${shown}`;
    } else if (issue.code === 'invalid_union') {
      message = `unexpected ${typeName(valueAt(root, issue.path))}`;
    }
    return { path, message };
  });
}

/** Runs a schema; on failure throws ResponseShapeError naming the field paths. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ResponseShapeError(describeIssues(value, r.error.issues));
}
