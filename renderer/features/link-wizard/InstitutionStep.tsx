import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CountryView, ProviderSearchResult, ProviderView } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { formatDateTime, modeInWords, periodInWords, scopesInWords } from '../wizard-kit/format.js';
import { WizardActions } from '../wizard-kit/WizardFrame.js';
import { useLinkWizard } from './link-wizard-store.js';

/** Step 1: find the bank (by name, filtered by country) in the cached Salt Edge bank list. */
export function InstitutionStep({ onNext, onCancel }: { onNext: () => void; onCancel: () => void }) {
  const api = useApi();
  const id = useId();
  const { query, country, provider, set } = useLinkWizard();
  const [result, setResult] = useState<ProviderSearchResult | null>(null);
  const [countries, setCountries] = useState<CountryView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    api.call('providers.countries', {}).then(setCountries, () => undefined);
  }, [api]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api.call('providers.search', { query, ...(country ? { country } : {}), limit: 50 }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setError(null);
        },
        (err) => live && setError(err),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, query, country]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (provider) onNext();
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Choose your bank</h2>
      <div className="field-row">
        <div className="field field--grow">
          <label htmlFor={`${id}-q`}>Search by bank name</label>
          <input id={`${id}-q`} type="search" value={query} autoComplete="off" placeholder="e.g. Fake Bank" onChange={(e) => set({ query: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-country`}>Country</label>
          <select id={`${id}-country`} value={country} onChange={(e) => set({ country: e.target.value })}>
            <option value="">All countries</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {result?.offlineReason ? (
        <div role="status" className="alert alert--warning">
          <p>The bank list could not be loaded from Salt Edge. {result.offlineReason}</p>
        </div>
      ) : null}
      <fieldset className="provider-list" aria-describedby={tried && !provider ? `${id}-err` : undefined}>
        <legend className="sr-only">Banks</legend>
        {result && result.providers.length === 0 ? <p className="muted">No bank matches “{query}”. Check the spelling or choose another country.</p> : null}
        {result?.providers.map((p) => (
          <label key={p.code} className={`provider-option${provider?.code === p.code ? ' provider-option--selected' : ''}`}>
            <input type="radio" name={`${id}-provider`} value={p.code} checked={provider?.code === p.code} onChange={() => set({ provider: p })} />
            <span className="provider-option__name">{p.name}</span>
            <span className="muted small">{p.countryName}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted small" aria-live="polite">
        {result ? `${result.total} bank${result.total === 1 ? '' : 's'}${result.total > result.providers.length ? `, first ${result.providers.length} shown` : ''}` : 'Loading the bank list…'}
        {result?.cachedAt ? ` · bank list from ${formatDateTime(result.cachedAt)}` : ''}
      </p>
      {tried && !provider ? (
        <p id={`${id}-err`} className="field__error" role="alert">
          Choose your bank from the list.
        </p>
      ) : null}
      {provider ? <ProviderFacts provider={provider} /> : null}
      <WizardActions>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary">
          Next
        </button>
      </WizardActions>
    </form>
  );
}

export function ProviderFacts({ provider }: { provider: ProviderView }) {
  return (
    <section className="provider-facts" aria-label={`About ${provider.name}`}>
      <h3>{provider.name}</h3>
      <dl>
        <div>
          <dt>Connected through</dt>
          <dd>Salt Edge, a third-party open-banking provider: the app never sees your bank password</dd>
        </div>
        <div>
          <dt>Sign-in</dt>
          <dd>
            {modeInWords(provider.mode)}
            {provider.interactive ? '; the bank may ask for a one-time code' : ''}
          </dd>
        </div>
        <div>
          <dt>Data read</dt>
          <dd>{scopesInWords(provider.scopes.filter((s) => s !== 'balance').length ? provider.scopes.filter((s) => s !== 'balance') : ['accounts', 'transactions'])}</dd>
        </div>
        <div>
          <dt>Longest consent</dt>
          <dd>{periodInWords(provider.maxConsentDays)}</dd>
        </div>
      </dl>
    </section>
  );
}
