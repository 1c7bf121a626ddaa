/**
 * Reading request bodies and query strings with Salt Edge-style errors: invalid JSON →
 * 400 JsonParseError; a missing or wrong field → 400 WrongRequestFormat naming the field.
 */
import { isValidIsoDate } from './clock.js';
import { ApiError, badRequest } from './errors.js';

export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ApiError(400, 'JsonParseError', 'The request body is not valid JSON.');
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A view of one JSON object with typed, field-named accessors. */
export class Fields {
  constructor(
    private readonly obj: Record<string, unknown>,
    readonly path: string,
  ) {}

  /** `{"data": {...}}` of an API body. */
  static data(body: unknown): Fields {
    if (!isObject(body)) throw badRequest('data', 'is missing (the body must be {"data": {...}})');
    const data = body.data;
    if (!isObject(data)) throw badRequest('data', 'is missing or not an object');
    return new Fields(data, 'data');
  }

  /** A plain JSON object body (control endpoints); empty body = {}. */
  static plain(body: unknown): Fields {
    if (body === undefined) return new Fields({}, '');
    if (!isObject(body)) throw badRequest('(body)', 'must be a JSON object');
    return new Fields(body, '');
  }

  private name(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  object(key: string, required: true): Fields;
  object(key: string, required?: false): Fields | null;
  object(key: string, required = false): Fields | null {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (required) throw badRequest(this.name(key), 'is required');
      return null;
    }
    if (!isObject(v)) throw badRequest(this.name(key), 'must be an object');
    return new Fields(v, this.name(key));
  }

  string(key: string, required: true): string;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (required) throw badRequest(this.name(key), 'is required');
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') throw badRequest(this.name(key), 'must be a non-empty string');
    return v;
  }

  /** Ids may come as strings of digits (or, leniently, as safe integers). */
  id(key: string, required: true): string;
  id(key: string, required?: false): string | undefined;
  id(key: string, required = false): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (required) throw badRequest(this.name(key), 'is required');
      return undefined;
    }
    const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
    if (typeof s !== 'string' || !/^\d{1,19}$/.test(s)) throw badRequest(this.name(key), 'must be an id (a string of digits)');
    return s;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') throw badRequest(this.name(key), 'must be true or false');
    return v;
  }

  number(key: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      const range = [opts.min !== undefined ? `>= ${opts.min}` : '', opts.max !== undefined ? `<= ${opts.max}` : ''].filter(Boolean).join(' and ');
      throw badRequest(this.name(key), `must be a${opts.integer ? 'n integer' : ' number'}${range ? ` ${range}` : ''}`);
    }
    return v;
  }

  date(key: string): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (!isValidIsoDate(v)) throw badRequest(this.name(key), 'must be a date YYYY-MM-DD');
    return v;
  }

  stringArray(key: string, opts: { allowed?: readonly string[]; nonEmpty?: boolean; required?: boolean } = {}): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (opts.required) throw badRequest(this.name(key), 'is required');
      return undefined;
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw badRequest(this.name(key), 'must be an array of strings');
    if (opts.nonEmpty && v.length === 0) throw badRequest(this.name(key), 'must not be empty');
    const bad = opts.allowed ? v.find((x) => !opts.allowed!.includes(x)) : undefined;
    if (bad !== undefined) throw badRequest(this.name(key), `contains '${bad}' (allowed: ${opts.allowed!.join(', ')})`);
    return v as string[];
  }
}

/** `from_id` and `per_page` of a list request. */
export function pagination(query: URLSearchParams): { fromId: string | null; perPage: number } {
  const fromId = query.get('from_id');
  if (fromId !== null && !/^\d{1,19}$/.test(fromId)) throw badRequest('from_id', 'must be an id (a string of digits)');
  const perPageText = query.get('per_page');
  let perPage = 100;
  if (perPageText !== null) {
    perPage = Number(perPageText);
    if (!/^\d+$/.test(perPageText) || perPage < 1 || perPage > 1000) throw badRequest('per_page', 'must be an integer from 1 to 1000');
  }
  return { fromId, perPage };
}

export function queryId(query: URLSearchParams, key: string, required: true): string;
export function queryId(query: URLSearchParams, key: string, required?: false): string | undefined;
export function queryId(query: URLSearchParams, key: string, required = false): string | undefined {
  const v = query.get(key);
  if (v === null || v === '') {
    if (required) throw badRequest(key, 'is required');
    return undefined;
  }
  if (!/^\d{1,19}$/.test(v)) throw badRequest(key, 'must be an id (a string of digits)');
  return v;
}
