import type { Bridge } from '../../shared/contract/index.js';
import type { Result } from '../../shared/result.js';

/**
 * The preview transport: calls are POSTed to the preview host with the per-run token, events
 * arrive as server-sent events. The token comes in the URL fragment once and is then kept in
 * sessionStorage and removed from the address bar.
 */
export function createHttpBridge(token: string, origin = ''): Bridge {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const ensureSource = (event: string) => {
    source ??= new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`);
    if (!listeners.has(event)) {
      const set = new Set<(payload: unknown) => void>();
      listeners.set(event, set);
      source.addEventListener(event, (e) => {
        const data = JSON.parse((e as MessageEvent<string>).data) as unknown;
        for (const l of set) l(data);
      });
    }
    return listeners.get(event)!;
  };

  return {
    call: async (name, input): Promise<Result<unknown>> => {
      let res: Response;
      try {
        res = await fetch(`${origin}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ input }),
        });
      } catch {
        return { ok: false, error: { code: 'offline', message: 'The app is not reachable. Is the preview still running?' } };
      }
      if (res.status === 401) {
        return { ok: false, error: { code: 'unknown-call', message: 'This page is not authorised. Open the link printed by `npm run preview`.' } };
      }
      if (!res.ok) return { ok: false, error: { code: 'internal', message: `The app answered ${res.status}.` } };
      return (await res.json()) as Result<unknown>;
    },
    on: (event, listener) => {
      const set = ensureSource(event);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

export function takePreviewToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (m?.[1]) {
    storage.setItem('lsc.token', m[1]);
    history.replaceState(null, '', loc.pathname + loc.search);
    return m[1];
  }
  return storage.getItem('lsc.token');
}
