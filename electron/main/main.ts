import { app, BrowserWindow, ipcMain, Notification, safeStorage } from 'electron';
import path from 'node:path';
import { createCore, type Core } from '../core/create-core.js';
import { openSecretStore } from '../core/open-secret-store.js';
import { APP_VERSION } from '../core/version.js';
import { bindIpc, forwardEvents } from './ipc-bridge.js';
import { appOriginFor, createMainWindow, hardenSession } from './window.js';
import { createSafeStorageSecretStore } from './safe-storage-secret-store.js';
import { openConnectWindow } from './connect-window.js';

/**
 * The Electron shell: window, IPC and OS glue only. Everything else is the core, which also
 * runs under plain Node (preview host, tests).
 */
const distDir = import.meta.dirname;
const windowOptions = { distDir, rendererIndex: path.join(distDir, '..', 'dist', 'renderer', 'index.html') };

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

/** Salt Edge Connect in its own window; its redirect back to the app is caught there. */
async function openConnect(url: string, flowId: string): Promise<void> {
  const flows = core?.flows;
  if (!flows) return;
  const prefix = await flows.returnUrlPrefix();
  openConnectWindow({
    url,
    parent: mainWindow,
    isReturnUrl: (candidate) => candidate.startsWith(prefix),
    onReturn: (returnUrl) => void flows.handleReturnUrl(returnUrl, flowId),
    onClosedByUser: () => {
      try {
        flows.cancel(flowId, 'You closed the Salt Edge window. Nothing was linked or changed.');
      } catch (err) {
        // The flow already ended (finished elsewhere or timed out): nothing to cancel.
        core?.log.info(`Connect window closed after flow ${flowId} ended (${err instanceof Error ? err.message : 'gone'})`);
      }
    },
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    // No window may open another Electron window; no page may embed a webview.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(async () => {
    hardenSession();
    const userData = app.getPath('userData');
    const secrets = await openSecretStore({
      fallback: async () => createSafeStorageSecretStore(safeStorage, userData),
    });
    core = await createCore({
      dataDir: userData,
      secretStore: secrets.store,
      keychainWarning: secrets.warning,
      host: 'electron',
      version: APP_VERSION,
      autoSync: true,
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
      openConnect: (url, flowId) => void openConnect(url, flowId),
    });
    bindIpc(ipcMain, core, appOriginFor(windowOptions));
    forwardEvents(core, () => mainWindow?.webContents ?? null);
    mainWindow = createMainWindow(windowOptions);
    mainWindow.on('closed', () => (mainWindow = null));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(windowOptions);
  });

  let closing = false;
  app.on('before-quit', (event) => {
    if (!core || closing) return;
    closing = true;
    event.preventDefault();
    void core.close().finally(() => {
      core = null;
      app.quit();
    });
  });
}
