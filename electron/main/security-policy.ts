/**
 * Navigation, window.open and IPC-sender rules of the main window. Pure functions (no
 * `electron` import) so they are tested directly; window.ts wires them to Electron's events.
 */

/** The app's own pages: the packaged renderer (file://…/dist/renderer/…) or the dev server. */
export interface AppOrigin {
  /** URL of the renderer's index.html as loaded in the window. */
  indexUrl: string;
}

export function isAppUrl(candidate: string, app: AppOrigin): boolean {
  let url: URL;
  let index: URL;
  try {
    url = new URL(candidate);
    index = new URL(app.indexUrl);
  } catch {
    return false;
  }
  if (index.protocol === 'file:') {
    // Same file only: other local files are not the app.
    return url.protocol === 'file:' && url.pathname === index.pathname;
  }
  return url.origin === index.origin;
}

/** External links the user may open in the system browser. */
export function isSafeExternalUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export type OpenDecision = { action: 'deny'; openExternal?: string };

/** window.open / target=_blank: never a new Electron window; https goes to the system browser. */
export function decideWindowOpen(url: string): OpenDecision {
  return isSafeExternalUrl(url) ? { action: 'deny', openExternal: url } : { action: 'deny' };
}

/** In-window navigation: only within the app; an https link leaves for the system browser. */
export function decideNavigation(url: string, app: AppOrigin): { allow: boolean; openExternal?: string } {
  if (isAppUrl(url, app)) return { allow: true };
  return isSafeExternalUrl(url) ? { allow: false, openExternal: url } : { allow: false };
}

/** IPC is answered only for the main frame of the app's own page. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null, app: AppOrigin): boolean {
  return !!frame && frame.isMainFrame && isAppUrl(frame.url, app);
}

export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
