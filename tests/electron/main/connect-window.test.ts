import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const state = vi.hoisted(() => ({
  options: null as null | Record<string, unknown>,
  wc: new Map<string, Handler>(),
  win: new Map<string, Handler>(),
  openHandler: null as null | ((d: { url: string }) => unknown),
  loaded: '',
  closed: 0,
  partition: '',
  external: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      on: (ev: string, fn: Handler) => state.wc.set(ev, fn),
      setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (state.openHandler = fn),
    };
    constructor(o: Record<string, unknown>) {
      state.options = o;
    }
    on(ev: string, fn: Handler) {
      state.win.set(ev, fn);
    }
    loadURL(u: string) {
      state.loaded = u;
      return Promise.resolve();
    }
    close() {
      state.closed++;
      state.win.get('closed')?.();
    }
  }
  const ses = { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined };
  return {
    BrowserWindow,
    session: { fromPartition: (p: string) => ((state.partition = p), ses) },
    shell: { openExternal: async (u: string) => void state.external.push(u) },
  };
});

import { openConnectWindow } from '../../../electron/main/connect-window.js';

const RETURN = 'http://127.0.0.1:4555/saltedge/return';

describe('Salt Edge Connect window', () => {
  beforeEach(() => {
    state.wc.clear();
    state.win.clear();
    state.closed = 0;
    state.external.length = 0;
  });

  const open = () => {
    const returned: string[] = [];
    const cancelled: number[] = [];
    openConnectWindow({
      url: 'https://www.saltedge.com/connect?token=abc',
      isReturnUrl: (u) => u.startsWith(RETURN),
      onReturn: (u) => returned.push(u),
      onClosedByUser: () => cancelled.push(1),
    });
    return { returned, cancelled };
  };

  it('has its own partition and no preload or Node', () => {
    open();
    expect(state.partition).toBe('saltedge-connect');
    const prefs = state.options?.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ partition: 'saltedge-connect', contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.preload).toBeUndefined();
    expect(state.loaded).toBe('https://www.saltedge.com/connect?token=abc');
  });

  it('catches the redirect to the return URL, closes, and does not count as a cancel', () => {
    const { returned, cancelled } = open();
    const other = { url: 'https://bank.example/login', preventDefault: vi.fn() };
    state.wc.get('will-navigate')!(other);
    expect(other.preventDefault).not.toHaveBeenCalled();
    const redirect = { url: `${RETURN}?nonce=n1&connection_id=1`, preventDefault: vi.fn() };
    state.wc.get('will-redirect')!(redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(returned).toEqual([`${RETURN}?nonce=n1&connection_id=1`]);
    expect(state.closed).toBe(1);
    expect(cancelled).toEqual([]);
  });

  it('closing the window before the redirect cancels the flow', () => {
    const { returned, cancelled } = open();
    state.win.get('closed')!();
    expect(cancelled).toEqual([1]);
    expect(returned).toEqual([]);
  });

  it('sends pop-ups to the system browser', () => {
    open();
    expect(state.openHandler!({ url: 'https://bank.example/help' })).toEqual({ action: 'deny' });
    expect(state.external).toEqual(['https://bank.example/help']);
  });
});
