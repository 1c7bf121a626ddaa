import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { callNames } from '../../../shared/contract/index.js';

type Fn = (...args: unknown[]) => unknown;

// Everything main.ts touches in Electron, recorded; the core behind it is the real one.
const e = vi.hoisted(() => ({
  lock: true,
  quit: 0,
  appHandlers: new Map<string, Fn>(),
  userData: '',
  windows: [] as { options: Record<string, unknown>; focused: number; restored: number; minimized: boolean; sent: [string, unknown][] }[],
  ipc: new Map<string, Fn>(),
  notifications: [] as { title: string; body: string }[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => e.windows;
    rec: (typeof e.windows)[number];
    webContents = {
      setWindowOpenHandler: () => undefined,
      on: () => undefined,
      send: (ch: string, p: unknown) => this.rec.sent.push([ch, p]),
      isDestroyed: () => false,
    };
    constructor(options: Record<string, unknown>) {
      this.rec = { options, focused: 0, restored: 0, minimized: true, sent: [] };
      e.windows.push(this.rec);
    }
    once() {}
    on() {}
    loadFile() {
      return Promise.resolve();
    }
    isMinimized() {
      return this.rec.minimized;
    }
    restore() {
      this.rec.restored++;
    }
    focus() {
      this.rec.focused++;
    }
  }
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x33));
  class Notification {
    static isSupported = () => true;
    constructor(private readonly o: { title: string; body: string }) {}
    show() {
      e.notifications.push(this.o);
    }
  }
  const ses = {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    webRequest: { onHeadersReceived: () => undefined },
  };
  return {
    app: {
      requestSingleInstanceLock: () => e.lock,
      quit: () => void e.quit++,
      on: (ev: string, fn: Fn) => e.appHandlers.set(ev, fn),
      whenReady: () => Promise.resolve(),
      getPath: () => e.userData,
    },
    BrowserWindow,
    Notification,
    ipcMain: { handle: (ch: string, fn: Fn) => e.ipc.set(ch, fn), removeHandler: (ch: string) => e.ipc.delete(ch) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => xor(Buffer.from(s)),
      decryptString: (b: Buffer) => xor(b).toString(),
    },
    session: { defaultSession: ses, fromPartition: () => ses },
    shell: { openExternal: async () => undefined },
  };
});

// Runs inside `npm test`'s private D-Bus session, so the core's keychain is a throwaway one.
describe.runIf(process.env.LSC_TEST_KEYCHAIN === '1')('Electron main process (electron replaced at its boundary)', () => {
  beforeEach(() => {
    vi.resetModules();
    e.quit = 0;
    e.appHandlers.clear();
    e.windows.length = 0;
    e.ipc.clear();
    e.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-main-'));
  });
  afterEach(() => fs.rmSync(e.userData, { recursive: true, force: true }));

  it('quits at once when another instance holds the lock', async () => {
    e.lock = false;
    await import('../../../electron/main/main.js');
    expect(e.quit).toBe(1);
    expect(e.appHandlers.size).toBe(0);
    e.lock = true;
  });

  it('builds the core, binds every contract call, opens one window, focuses it for a second instance, closes cleanly', async () => {
    await import('../../../electron/main/main.js');
    await vi.waitFor(() => expect(e.windows).toHaveLength(1), { timeout: 10_000 });
    expect([...e.ipc.keys()].sort()).toEqual(callNames.map((n) => `lsc:call:${n}`).sort());
    expect(e.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });

    // The window's IPC reaches the real core (the app page's main frame only). main.ts places
    // the renderer at <dist-electron>/../dist/renderer/index.html, beside <dist-electron>/preload/.
    const preload = (e.windows[0]!.options.webPreferences as { preload: string }).preload;
    const index = pathToFileURL(path.join(path.dirname(preload), '..', '..', 'dist', 'renderer', 'index.html')).href;
    const info = (await e.ipc.get('lsc:call:app.info')!({ senderFrame: { url: index, parent: null } }, {})) as { ok: boolean; value: { host: string; mode: string } };
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', mode: 'demo' } });

    e.appHandlers.get('second-instance')!();
    expect(e.windows[0]).toMatchObject({ restored: 1, focused: 1 });

    const quitEvent = { preventDefault: vi.fn() };
    e.appHandlers.get('before-quit')!(quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(e.quit).toBe(1), { timeout: 10_000 });
    expect(fs.existsSync(path.join(e.userData, 'companion.db.enc'))).toBe(true);
  });
});
