import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callNames, type EventName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/result.js';
import type { Core } from '../core/create-core.js';
import { isTrustedSender, type AppOrigin } from './security-policy.js';

export const callChannel = (name: string) => `lsc:call:${name}`;
export const eventChannel = (name: string) => `lsc:event:${name}`;

/**
 * Binds one `ipcMain.handle` per contract call (the allow-list) and nothing else. A call from a
 * frame that is not the app's own main frame is refused before the core sees it.
 */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: Core, app: AppOrigin): () => void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null, app)) {
        core.log.warn(`refused IPC ${name} from an unknown frame`);
        return { ok: false, error: { code: 'unknown-call', message: 'Refused: the request did not come from the app.' } };
      }
      return core.call(name, input, { transport: 'ipc' });
    });
  }
  return () => {
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}

/** Forwards core events to the window (while it exists). */
export function forwardEvents(core: Core, target: () => WebContents | null): () => void {
  return core.events.subscribe((name: EventName, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(eventChannel(name), payload);
  });
}
