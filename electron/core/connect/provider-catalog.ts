import type { CountryView, ProviderSearchResult, ProviderView } from '../../../shared/contract/index.js';
import type { ProviderRecord, Store } from '../db/index.js';
import type { Logger } from '../log.js';
import type { SaltEdgeClient } from '../saltedge/client.js';
import { SaltEdgeError } from '../saltedge/errors.js';

const STALE_MS = 24 * 3_600_000;

/**
 * The bank list: searched offline in the local cache; filled from Salt Edge when empty and
 * refreshed in the background when older than a day (a failed refresh keeps the old list).
 */
export class ProviderCatalog {
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly deps: { client: () => Promise<SaltEdgeClient>; store: () => Store; log: Logger; now: () => Date },
  ) {}

  async search(q: { query: string; country?: string | undefined; limit: number }): Promise<ProviderSearchResult> {
    const repo = this.deps.store().repos.providers;
    let offlineReason: string | null = null;
    const cachedAt = repo.cachedAt();
    if (!cachedAt) offlineReason = await this.refresh().then(() => null, (e: unknown) => reason(e));
    else if (this.deps.now().getTime() - Date.parse(cachedAt) > STALE_MS) void this.refresh().catch(() => undefined);
    const countries = new Map(repo.countries().map((c) => [c.code, c.name]));
    const filter = { query: q.query, ...(q.country ? { countryCode: q.country } : {}) };
    return {
      providers: repo.search({ ...filter, limit: q.limit }).map((p) => toView(p, countries)),
      total: repo.count(filter),
      cachedAt: repo.cachedAt(),
      offlineReason,
    };
  }

  async countries(): Promise<CountryView[]> {
    const repo = this.deps.store().repos.providers;
    if (!repo.cachedAt()) await this.refresh().catch(() => undefined);
    return repo.countries();
  }

  /** Reloads providers and countries from Salt Edge (one at a time). */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const client = await this.deps.client();
        const [providers, countries] = await Promise.all([client.listProviders(), client.listCountries()]);
        const store = this.deps.store();
        store.repos.providers.replaceAll(
          providers.map((p) => ({
            code: p.code,
            name: p.name,
            countryCode: p.countryCode,
            mode: p.mode,
            status: p.status,
            interactive: p.interactive,
            maxConsentDays: p.maxConsentDays,
            scopes: p.supportedFetchScopes,
            raw: { regulated: p.regulated, refreshTimeout: p.refreshTimeout, homeUrl: p.homeUrl, identificationMode: p.identificationMode },
          })),
          countries.map((c) => ({ code: c.code, name: c.name })),
        );
        await store.save();
        this.deps.log.info(`provider cache: ${providers.length} banks in ${countries.length} countries`);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

function reason(e: unknown): string {
  if (e instanceof SaltEdgeError) return `${e.userTitle}: ${e.userMessage}`;
  return 'The bank list could not be loaded from Salt Edge.';
}

function toView(p: ProviderRecord, countries: Map<string, string>): ProviderView {
  const raw = (p.raw ?? {}) as { regulated?: unknown };
  return {
    code: p.code,
    name: p.name,
    countryCode: p.countryCode,
    countryName: countries.get(p.countryCode) ?? p.countryCode,
    mode: p.mode,
    status: p.status,
    interactive: p.interactive,
    maxConsentDays: p.maxConsentDays,
    scopes: p.scopes,
    regulated: typeof raw.regulated === 'boolean' ? raw.regulated : null,
  };
}
