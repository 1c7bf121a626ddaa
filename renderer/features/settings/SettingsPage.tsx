import { useEffect, useId, useState, type FormEvent } from 'react';
import { baseUrlInput, saveKeysInput } from '../../../shared/contract/index.js';
import { useApi } from '../../api/api-context.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ModeBadge } from '../../components/ModeBadge.js';
import { useAction } from '../../components/use-action.js';
import { useSettings } from './settings-store.js';

type FieldErrors = Partial<Record<'appId' | 'secret' | 'signingKeyPem' | 'baseUrl', string>>;

export function SettingsPage() {
  const api = useApi();
  const { view, loadError, load, test, testing, runTest, setView } = useSettings();

  useEffect(() => {
    void load(api);
  }, [api, load]);

  return (
    <div className="page">
      <header className="page__header">
        <h1>Settings</h1>
        <p className="muted">Your Salt Edge API keys are stored in the operating system's keychain, never in the app's files.</p>
      </header>
      {loadError ? <ErrorMessage error={loadError} /> : null}
      {view ? (
        <>
          <section className="card" aria-labelledby="mode-title">
            <div className="card__row">
              <h2 id="mode-title">Mode</h2>
              <ModeBadge mode={view.mode} />
            </div>
            {view.mode === 'demo' ? (
              <p>
                No Salt Edge keys are set, so the app runs in <strong>demo mode</strong> against its built-in Salt Edge sandbox: fake
                banks, no account and no network needed. Enter your own keys below to link real banks.
              </p>
            ) : (
              <p>
                The app uses your Salt Edge keys at <code>{view.baseUrl}</code>.
              </p>
            )}
            <div className="card__actions">
              <button type="button" className="btn" onClick={() => void runTest(api)} disabled={testing}>
                {testing ? 'Testing…' : 'Test connection'}
              </button>
            </div>
            {test ? (
              <div role="status" className={`alert ${test.ok ? 'alert--success' : 'alert--error'}`}>
                <strong className="alert__title">{test.title}</strong>
                <p>{test.message}</p>
                {test.errorClass ? (
                  <details className="alert__details">
                    <summary>Details for support</summary>
                    <dl>
                      <div>
                        <dt>Error class</dt>
                        <dd>{test.errorClass}</dd>
                      </div>
                      {test.requestId ? (
                        <div>
                          <dt>Request id</dt>
                          <dd>{test.requestId}</dd>
                        </div>
                      ) : null}
                    </dl>
                  </details>
                ) : null}
              </div>
            ) : null}
          </section>
          <KeysForm onSaved={setView} appIdHint={view.appId.hint} keysSet={view.appId.set && view.secret.set} signingKeySet={view.signingKey.set} />
          <BaseUrlForm current={view.baseUrl} defaultUrl={view.defaultBaseUrl} onSaved={setView} />
        </>
      ) : null}
    </div>
  );
}

function KeysForm(props: { onSaved: (v: import('../../../shared/contract/index.js').SettingsView) => void; appIdHint: string | null; keysSet: boolean; signingKeySet: boolean }) {
  const api = useApi();
  const ids = { appId: useId(), secret: useId(), key: useId() };
  const [appId, setAppId] = useState('');
  const [secret, setSecret] = useState('');
  const [signingKeyPem, setSigningKeyPem] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const input = { appId, secret, ...(signingKeyPem.trim() ? { signingKeyPem } : {}) };
    const parsed = saveKeysInput.safeParse(input);
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof FieldErrors] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    await run(async () => {
      props.onSaved(await api.call('settings.saveKeys', input));
      // Secrets leave the page as soon as they are stored.
      setAppId('');
      setSecret('');
      setSigningKeyPem('');
      setSaved('Keys saved to the keychain. The app now uses your Salt Edge account.');
    });
  };

  const clear = () =>
    run(async () => {
      props.onSaved(await api.call('settings.clearKeys', {}));
      setSaved('Keys removed from the keychain. The app is back in demo mode.');
    });

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="keys-title" noValidate>
      <h2 id="keys-title">Salt Edge API keys</h2>
      <p className="muted">
        From your Salt Edge dashboard (API keys page). {props.keysSet ? `Keys are set (App-id ${props.appIdHint ?? ''}). Enter new ones to replace them.` : 'No keys are set.'}
      </p>
      <div className="field">
        <label htmlFor={ids.appId}>App-id</label>
        <input id={ids.appId} value={appId} onChange={(e) => setAppId(e.target.value)} autoComplete="off" spellCheck={false} aria-invalid={!!errors.appId} aria-describedby={errors.appId ? `${ids.appId}-err` : undefined} />
        {errors.appId ? <p id={`${ids.appId}-err`} className="field__error">{errors.appId}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={ids.secret}>Secret</label>
        <input id={ids.secret} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" aria-invalid={!!errors.secret} aria-describedby={errors.secret ? `${ids.secret}-err` : undefined} />
        {errors.secret ? <p id={`${ids.secret}-err`} className="field__error">{errors.secret}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={ids.key}>Signing key (optional)</label>
        <textarea id={ids.key} rows={4} value={signingKeyPem} onChange={(e) => setSigningKeyPem(e.target.value)} spellCheck={false} placeholder="-----BEGIN PRIVATE KEY-----" aria-invalid={!!errors.signingKeyPem} aria-describedby={`${ids.key}-help`} />
        <p id={`${ids.key}-help`} className="field__help">
          {errors.signingKeyPem ? <span className="field__error">{errors.signingKeyPem}</span> : null}
          Needed for live Salt Edge clients: the private RSA key whose public key you added in the dashboard. {props.signingKeySet ? 'A signing key is set.' : ''}
        </p>
      </div>
      <div className="card__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Save keys
        </button>
        {props.keysSet ? (
          <button type="button" className="btn btn--quiet" onClick={() => void clear()} disabled={busy}>
            Remove keys (back to demo mode)
          </button>
        ) : null}
      </div>
      {saved ? <p role="status" className="alert alert--success">{saved}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}

function BaseUrlForm(props: { current: string; defaultUrl: string; onSaved: (v: import('../../../shared/contract/index.js').SettingsView) => void }) {
  const api = useApi();
  const id = useId();
  const [value, setValue] = useState(props.current);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const save = async (baseUrl: string | null) => {
    setError(null);
    const parsed = baseUrlInput.safeParse({ baseUrl });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'Invalid URL');
      return;
    }
    setFieldError(null);
    try {
      const view = await api.call('settings.setBaseUrl', { baseUrl });
      setValue(view.baseUrl);
      props.onSaved(view);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form className="card form" aria-labelledby={`${id}-title`} onSubmit={(e) => { e.preventDefault(); void save(value); }} noValidate>
      <h2 id={`${id}-title`}>Salt Edge address</h2>
      <div className="field">
        <label htmlFor={id}>API base URL (used with your keys)</label>
        <input id={id} value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} aria-invalid={!!fieldError} />
        {fieldError ? <p className="field__error">{fieldError}</p> : <p className="field__help">Default: {props.defaultUrl}. Demo mode always uses the built-in sandbox.</p>}
      </div>
      <div className="card__actions">
        <button type="submit" className="btn">Save address</button>
        <button type="button" className="btn btn--quiet" onClick={() => void save(null)}>Use default</button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
