import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const state = vi.hoisted(() => ({
  options: null as null | Record<string, unknown>,
  wcHandlers: new Map<string, Handler>(),
  openHandler: null as null | ((d: { url: string }) => unknown),
  external: [] as string[],
  permission: null as null | Handler,
  permissionCheck: null as null | Handler,
  headers: null as null | Handler,
  loaded: '' as string,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (state.openHandler = fn),
      on: (ev: string, fn: Handler) => state.wcHandlers.set(ev, fn),
    };
    constructor(options: Record<string, unknown>) {
      state.options = options;
    }
    once() {}
    loadFile(f: string) {
      state.loaded = f;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: async (u: string) => void state.external.push(u) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (state.permission = fn),
        setPermissionCheckHandler: (fn: Handler) => (state.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Handler) => (state.headers = fn) },
      },
    },
  };
});

import { createMainWindow, hardenSession } from '../../../electron/main/window.js';

const opts = { distDir: '/app/dist-electron', rendererIndex: '/app/dist/renderer/index.html' };

describe('main window', () => {
  beforeEach(() => {
    state.wcHandlers.clear();
    state.external.length = 0;
  });

  it('is isolated and sandboxed, with the CommonJS preload', () => {
    createMainWindow(opts);
    expect(state.options?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: '/app/dist-electron/preload/preload.cjs',
    });
    expect(state.loaded).toBe(opts.rendererIndex);
  });

  it('denies window.open and sends https links to the system browser', () => {
    createMainWindow(opts);
    expect(state.openHandler!({ url: 'https://www.saltedge.com/' })).toEqual({ action: 'deny' });
    expect(state.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.external).toEqual(['https://www.saltedge.com/']);
  });

  it('stops navigation away from the app', () => {
    createMainWindow(opts);
    const nav = state.wcHandlers.get('will-navigate')!;
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
    nav(away);
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { url: 'file:///app/dist/renderer/index.html', preventDefault: vi.fn() };
    nav(inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const attach = { preventDefault: vi.fn() };
    state.wcHandlers.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission and sets a strict CSP on responses', () => {
    hardenSession();
    const cb = vi.fn();
    state.permission!(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(state.permissionCheck!()).toBe(false);
    const hcb = vi.fn();
    state.headers!({ responseHeaders: {} }, hcb);
    const csp = (hcb.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy']![0]!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
