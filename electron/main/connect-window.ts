import { BrowserWindow, session, shell } from 'electron';
import { decideWindowOpen } from './security-policy.js';

export interface ConnectWindowOptions {
  url: string;
  parent?: BrowserWindow | null;
  /** True for the app's loopback return_to URL (the redirect to catch). */
  isReturnUrl: (url: string) => boolean;
  /** The redirect reached the app: confirm it (the flow manager checks nonce and parameters). */
  onReturn: (url: string) => void;
  /** The user closed the window before finishing: the flow is cancelled. */
  onClosedByUser: () => void;
}

/** The Connect window's own in-memory session: no cookies shared with the app, nothing kept. */
export const CONNECT_PARTITION = 'saltedge-connect';

/**
 * Salt Edge Connect in a dedicated window: its own session partition, no preload, no Node, no
 * permissions. Navigation to the return URL is caught here (and never loaded), the window closes
 * and the flow manager confirms the result with Salt Edge.
 */
export function openConnectWindow(opts: ConnectWindowOptions): BrowserWindow {
  const ses = session.fromPartition(CONNECT_PARTITION, { cache: false });
  ses.setPermissionRequestHandler((_wc, _p, cb) => cb(false));
  ses.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    width: 520,
    height: 760,
    title: 'Salt Edge Connect — LeanSoft Companion',
    ...(opts.parent ? { parent: opts.parent } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      partition: CONNECT_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });

  let finished = false;
  const catchReturn = (event: { preventDefault(): void }, url: string) => {
    if (!opts.isReturnUrl(url)) return;
    event.preventDefault();
    if (finished) return;
    finished = true;
    opts.onReturn(url);
    win.close();
  };
  win.webContents.on('will-navigate', (event) => catchReturn(event, event.url));
  win.webContents.on('will-redirect', (event) => catchReturn(event, event.url));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // Banks' own pages may open links: they go to the system browser, never a new app window.
  win.webContents.setWindowOpenHandler(({ url }) => {
    const d = decideWindowOpen(url);
    if (d.openExternal) void shell.openExternal(d.openExternal);
    return { action: 'deny' };
  });
  win.on('closed', () => {
    if (!finished) {
      finished = true;
      opts.onClosedByUser();
    }
  });

  void win.loadURL(opts.url);
  return win;
}
