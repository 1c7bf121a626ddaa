import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../shared/contract/index.js';
import type { Bridge } from '../../../shared/contract/index.js';

// The `electron` module is replaced at its boundary only: what the preload exposes and sends.
const exposed = new Map<string, unknown>();
const invoked: { channel: string; input: unknown }[] = [];
const listeners = new Map<string, (e: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => (invoked.push({ channel, input }), { ok: true, value: channel }),
    on: (channel: string, fn: (e: unknown, payload: unknown) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

describe('preload bridge', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    await import('../../../electron/preload/preload.js');
    bridge = exposed.get('lsc') as Bridge;
  });

  it('exposes only `lsc` with call and on', () => {
    expect([...exposed.keys()]).toEqual(['lsc']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
  });

  it('forwards every contract call on its own channel', async () => {
    for (const name of callNames) expect(await bridge.call(name, { x: 1 })).toEqual({ ok: true, value: `lsc:call:${name}` });
    expect(invoked.map((i) => i.channel)).toEqual(callNames.map((n) => `lsc:call:${n}`));
  });

  it('refuses unknown calls and events without touching IPC', async () => {
    const before = invoked.length;
    expect(await bridge.call('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(invoked.length).toBe(before);
    expect(() => bridge.on('ipc:anything', () => undefined)).toThrow(/Unknown event/);
  });

  it('delivers contract events and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.on('app.notice', (p) => got.push(p));
    listeners.get('lsc:event:app.notice')!({}, { level: 'info', message: 'hi' });
    expect(got).toEqual([{ level: 'info', message: 'hi' }]);
    off();
    expect(listeners.has('lsc:event:app.notice')).toBe(false);
  });
});
