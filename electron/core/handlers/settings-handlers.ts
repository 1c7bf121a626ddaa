import type { SettingsView } from '../../../shared/contract/index.js';
import type { HandlerMap } from '../rpc/dispatch.js';
import type { Services } from '../services.js';
import { REAL_SALTEDGE_URL } from '../saltedge-access.js';
import { describeSaltEdgeError, SaltEdgeError } from '../saltedge/errors.js';

type SettingsHandlers = Pick<
  HandlerMap,
  'settings.get' | 'settings.saveKeys' | 'settings.clearKeys' | 'settings.setBaseUrl' | 'settings.testConnection'
>;

const BASE_URL_KEY = 'saltedge.baseUrl';

/** Shows enough of the App-id to recognise it, never the whole value. */
export function appIdHint(appId: string): string {
  return appId.length <= 8 ? `${appId.slice(0, 2)}…` : `${appId.slice(0, 4)}…${appId.slice(-2)}`;
}

export function readBaseUrl(s: Services): string | null {
  if (s.storeStatus().state !== 'ok') return null;
  return s.store().repos.settings.get(BASE_URL_KEY) ?? null;
}

export function createSettingsHandlers(s: Services): SettingsHandlers {
  const view = async (): Promise<SettingsView> => {
    const [appId, secret, signingKey] = await Promise.all([
      s.secrets.get('saltedge.appId'),
      s.secrets.get('saltedge.secret'),
      s.secrets.get('saltedge.signingKey'),
    ]);
    return {
      mode: appId && secret ? 'live' : 'demo',
      baseUrl: readBaseUrl(s) ?? REAL_SALTEDGE_URL,
      defaultBaseUrl: REAL_SALTEDGE_URL,
      appId: { set: !!appId, hint: appId ? appIdHint(appId) : null },
      secret: { set: !!secret },
      signingKey: { set: !!signingKey },
    };
  };
  const changed = async (): Promise<SettingsView> => {
    s.events.emit('app.changed', { what: 'settings' });
    return view();
  };

  return {
    'settings.get': view,
    'settings.saveKeys': async ({ appId, secret, signingKeyPem }) => {
      s.log.addSecret(secret);
      s.log.addSecret(signingKeyPem);
      await s.secrets.set('saltedge.appId', appId);
      await s.secrets.set('saltedge.secret', secret);
      if (signingKeyPem) await s.secrets.set('saltedge.signingKey', signingKeyPem);
      else await s.secrets.delete('saltedge.signingKey');
      s.log.info('Salt Edge keys saved to the keychain');
      return changed();
    },
    'settings.clearKeys': async () => {
      await Promise.all([
        s.secrets.delete('saltedge.appId'),
        s.secrets.delete('saltedge.secret'),
        s.secrets.delete('saltedge.signingKey'),
      ]);
      s.log.info('Salt Edge keys removed: demo mode');
      return changed();
    },
    'settings.setBaseUrl': async ({ baseUrl }) => {
      const repo = s.store().repos.settings;
      if (baseUrl === null || baseUrl === REAL_SALTEDGE_URL) repo.delete(BASE_URL_KEY);
      else repo.set(BASE_URL_KEY, baseUrl.replace(/\/+$/, ''));
      await s.store().save();
      return changed();
    },
    'settings.testConnection': async () => {
      const mode = await s.saltedge.mode();
      const where = mode === 'demo' ? 'the built-in Salt Edge sandbox (demo mode)' : await s.saltedge.apiUrl();
      try {
        const client = await s.saltedge.client();
        await client.testCredentials();
        return { ok: true, title: 'Connected', message: `Salt Edge accepted the keys at ${where}.` };
      } catch (err) {
        if (err instanceof SaltEdgeError) {
          const d = describeSaltEdgeError(err.errorClass, { retryAfter: err.retryAfterSeconds });
          return {
            ok: false,
            title: d.title,
            message: d.message,
            errorClass: err.errorClass,
            ...(err.requestId ? { requestId: err.requestId } : {}),
          };
        }
        throw err;
      }
    },
  };
}
