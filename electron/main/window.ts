import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decideNavigation, decideWindowOpen, RENDERER_CSP, type AppOrigin } from './security-policy.js';

export interface MainWindowOptions {
  distDir: string; // dist-electron (holds preload/preload.cjs)
  rendererIndex: string; // dist/renderer/index.html
}

export function appOriginFor(opts: MainWindowOptions): AppOrigin {
  return { indexUrl: pathToFileURL(opts.rendererIndex).href };
}

/** Locks down the default session: no permission is ever granted, every page gets the CSP. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const app = appOriginFor(opts);
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'LeanSoft Companion',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: path.join(opts.distDir, 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.setWindowOpenHandler(({ url }) => {
    const d = decideWindowOpen(url);
    if (d.openExternal) void shell.openExternal(d.openExternal);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    const d = decideNavigation(url, app);
    if (!d.allow) {
      event.preventDefault();
      if (d.openExternal) void shell.openExternal(d.openExternal);
    }
  };
  win.webContents.on('will-navigate', (event) => guard(event, event.url));
  win.webContents.on('will-redirect', (event) => guard(event, event.url));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadFile(opts.rendererIndex);
  return win;
}
