import type { SqlValue } from 'sql.js';
import { bool, num, parseJson, str, type RepoContext } from './common.js';

export interface ProviderInput {
  code: string;
  name: string;
  countryCode: string;
  mode?: string | null;
  status?: string | null;
  interactive?: boolean | null;
  maxConsentDays?: number | null;
  scopes?: readonly string[];
  /** The provider as Salt Edge returned it (kept for details not modelled here). */
  raw?: unknown;
}

export interface ProviderRecord {
  code: string;
  name: string;
  countryCode: string;
  mode: string | null;
  status: string | null;
  interactive: boolean | null;
  maxConsentDays: number | null;
  scopes: string[];
  raw: unknown;
  cachedAt: string;
}

export interface Country {
  code: string;
  name: string;
}

export interface ProviderSearch {
  /** Substring of the name or code; case- and accent-insensitive. */
  query?: string;
  countryCode?: string;
  limit?: number;
  offset?: number;
}

/** Lower case, accents stripped, so "Ceska" finds "Česká spořitelna". */
export function searchKey(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLocaleLowerCase('en-US');
}

function toProvider(r: Record<string, SqlValue>): ProviderRecord {
  return {
    code: String(r.code),
    name: String(r.name),
    countryCode: String(r.country_code),
    mode: str(r.mode),
    status: str(r.status),
    interactive: r.interactive === null || r.interactive === undefined ? null : bool(r.interactive),
    maxConsentDays: num(r.max_consent_days),
    scopes: parseJson<string[]>(r.scopes_json, []),
    raw: parseJson<unknown>(r.raw_json, null),
    cachedAt: String(r.cached_at),
  };
}

/** Local copy of Salt Edge's provider and country lists, for fast offline search. */
export class ProviderCacheRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** Replaces the whole cache in one transaction. `countries` replaces the country list when given. */
  replaceAll(providers: readonly ProviderInput[], countries?: readonly Country[]): void {
    const at = this.ctx.now();
    this.ctx.sql.transaction(() => {
      this.ctx.sql.run('DELETE FROM provider_cache');
      this.ctx.sql.runMany(
        `INSERT OR REPLACE INTO provider_cache
           (code, name, country_code, mode, status, interactive, max_consent_days, scopes_json, raw_json, search_text, cached_at)
         VALUES ($code, $name, $country, $mode, $status, $interactive, $maxDays, $scopes, $raw, $search, $at)`,
        providers.map((p) => ({
          code: p.code,
          name: p.name,
          country: p.countryCode.toUpperCase(),
          mode: p.mode ?? null,
          status: p.status ?? null,
          interactive: p.interactive === null || p.interactive === undefined ? null : p.interactive,
          maxDays: p.maxConsentDays ?? null,
          scopes: JSON.stringify(p.scopes ?? []),
          raw: p.raw === undefined ? null : JSON.stringify(p.raw),
          search: searchKey(`${p.name} ${p.code}`),
          at,
        })),
      );
      if (countries) {
        this.ctx.sql.run('DELETE FROM country_cache');
        this.ctx.sql.runMany(
          'INSERT OR REPLACE INTO country_cache (code, name) VALUES (?, ?)',
          countries.map((c) => [c.code, c.name]),
        );
      }
    });
  }

  search(q: ProviderSearch = {}): ProviderRecord[] {
    const { where, params } = this.filter(q);
    const limit = Math.max(1, Math.min(q.limit ?? 50, 1000));
    const offset = Math.max(0, q.offset ?? 0);
    return this.ctx.sql
      .all(`SELECT * FROM provider_cache ${where} ORDER BY search_text, code LIMIT ${limit} OFFSET ${offset}`, params)
      .map(toProvider);
  }

  /** How many providers `search` would find without limit/offset. */
  count(q: Omit<ProviderSearch, 'limit' | 'offset'> = {}): number {
    const { where, params } = this.filter(q);
    return Number(this.ctx.sql.scalar(`SELECT count(*) FROM provider_cache ${where}`, params) ?? 0);
  }

  get(code: string): ProviderRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM provider_cache WHERE code = ?', [code]);
    return r ? toProvider(r) : null;
  }

  /** The cached countries; when none were cached, the country codes present among providers. */
  countries(): Country[] {
    const rows = this.ctx.sql.all<{ code: string; name: string }>('SELECT code, name FROM country_cache ORDER BY name COLLATE NOCASE');
    if (rows.length > 0) return rows.map((r) => ({ code: String(r.code), name: String(r.name) }));
    return this.ctx.sql
      .all<{ code: string }>('SELECT DISTINCT country_code AS code FROM provider_cache ORDER BY country_code')
      .map((r) => ({ code: String(r.code), name: String(r.code) }));
  }

  /** When the cache was last filled (null when empty). */
  cachedAt(): string | null {
    return str(this.ctx.sql.scalar('SELECT min(cached_at) FROM provider_cache'));
  }

  private filter(q: Omit<ProviderSearch, 'limit' | 'offset'>): { where: string; params: Record<string, string> } {
    const conds: string[] = [];
    const params: Record<string, string> = {};
    const query = q.query?.trim();
    if (query) {
      conds.push('instr(search_text, $q) > 0');
      params.q = searchKey(query);
    }
    if (q.countryCode) {
      conds.push('country_code = $country');
      params.country = q.countryCode.toUpperCase();
    }
    return { where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
  }
}
