import { z } from 'zod';
import { defineCall } from './define.js';

/** A bank (Salt Edge "provider") as the institution step shows it. */
export interface ProviderView {
  code: string;
  name: string;
  countryCode: string;
  countryName: string;
  /** oauth | web | api | file (how the user signs in at the bank). */
  mode: string | null;
  status: string | null;
  interactive: boolean | null;
  /** Longest consent the bank allows (null: no limit). */
  maxConsentDays: number | null;
  /** Data Salt Edge can read at this bank (supported fetch scopes). */
  scopes: string[];
  regulated: boolean | null;
}

export interface ProviderSearchResult {
  providers: ProviderView[];
  /** All matches (providers holds at most `limit`). */
  total: number;
  /** When the local copy of the bank list was made (null: there is none yet). */
  cachedAt: string | null;
  /** Set when the list could not be refreshed from Salt Edge (the cached list was used). */
  offlineReason: string | null;
}

export interface CountryView {
  code: string;
  name: string;
}

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Choose a country from the list');

export const providerSearchInput = z
  .object({
    query: z.string().trim().max(100, 'Type at most 100 characters').default(''),
    country: countryCodeSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const providerCodeSchema = z
  .string()
  .trim()
  .min(1, 'Choose a bank')
  .max(120)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Choose a bank from the list');

const empty = z.object({}).strict();

export const providerCalls = {
  'providers.search': defineCall<ProviderSearchResult>()(
    providerSearchInput,
    'Search banks by name (and country) in the cached Salt Edge provider list; fills the cache when empty and refreshes it when old.',
  ),
  'providers.countries': defineCall<CountryView[]>()(empty, 'Countries of the cached provider list.'),
  'providers.refresh': defineCall<ProviderSearchResult>()(empty, 'Reload the provider list from Salt Edge into the local cache.'),
} as const;
