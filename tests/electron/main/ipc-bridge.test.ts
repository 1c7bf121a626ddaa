import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { callNames } from '../../../shared/contract/index.js';
import { bindIpc, callChannel } from '../../../electron/main/ipc-bridge.js';
import { recordingCore } from '../fake-core.js';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;
const app = { indexUrl: 'file:///app/dist/renderer/index.html' };
const fromApp = { senderFrame: { url: app.indexUrl, parent: null } } as unknown as IpcMainInvokeEvent;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: (channel: string, fn: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

describe('IPC transport', () => {
  it('binds exactly one handler per contract call, and nothing else', () => {
    const ipc = fakeIpcMain();
    const unbind = bindIpc(ipc, recordingCore().core, app);
    expect([...ipc.handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes calls through the dispatcher: valid input runs, malformed input is refused', async () => {
    const ipc = fakeIpcMain();
    const { core, seen } = recordingCore();
    bindIpc(ipc, core, app);
    for (const name of callNames) {
      await ipc.handlers.get(callChannel(name))!(fromApp, 'definitely not valid input');
    }
    expect(seen).toEqual([]);
    expect(await ipc.handlers.get(callChannel('app.info'))!(fromApp, {})).toEqual({ ok: true, value: { handled: 'app.info' } });
    const bad = (await ipc.handlers.get(callChannel('settings.saveKeys'))!(fromApp, { appId: '' })) as { ok: boolean; error: { code: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('bad-input');
  });

  it('refuses calls from frames that are not the app main frame', async () => {
    const ipc = fakeIpcMain();
    const { core, seen } = recordingCore();
    bindIpc(ipc, core, app);
    const handler = ipc.handlers.get(callChannel('app.info'))!;
    const subframe = { senderFrame: { url: app.indexUrl, parent: {} } } as unknown as IpcMainInvokeEvent;
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } } as unknown as IpcMainInvokeEvent;
    const gone = { senderFrame: null } as unknown as IpcMainInvokeEvent;
    for (const ev of [subframe, foreign, gone]) {
      expect(await handler(ev, {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    }
    expect(seen).toEqual([]);
  });
});
