import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCallName, isEventName, type Bridge } from '../../shared/contract/index.js';
import { unknownCallError, type Result } from '../../shared/result.js';

/**
 * Exposes exactly the contract: `call(name, input)` for the calls it lists and `on(event, fn)`
 * for its events. No other piece of Node or Electron reaches the page.
 */
const bridge: Bridge = {
  call: async (name, input): Promise<Result<unknown>> => {
    if (!isCallName(name)) return { ok: false, error: unknownCallError(name) };
    return (await ipcRenderer.invoke(`lsc:call:${name}`, input)) as Result<unknown>;
  },
  on: (event, listener) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event).slice(0, 80)}".`);
    const channel = `lsc:event:${event}`;
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('lsc', bridge);
