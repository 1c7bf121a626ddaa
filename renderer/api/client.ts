import type { Bridge, CallInput, CallName, CallOutput, EventName, EventPayload } from '../../shared/contract/index.js';
import type { AppErrorPayload } from '../../shared/result.js';
import { createHttpBridge, takePreviewToken } from './http-bridge.js';

/** A failed call, carrying the main process's user-facing message and details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly payload: AppErrorPayload) {
    super(payload.message);
  }
}

export interface ApiClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** The one client the renderer uses, over whichever transport the page has. */
export function createClient(bridge: Bridge): ApiClient {
  return {
    call: async (name, input) => {
      const result = await bridge.call(name, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value as never;
    },
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
  };
}

declare global {
  interface Window {
    /** Set by the Electron preload. */
    lsc?: Bridge;
  }
}

/** Electron's preload bridge if present, else the preview host's HTTP transport. */
export function detectBridge(): Bridge | null {
  if (window.lsc) return window.lsc;
  const token = takePreviewToken();
  return token ? createHttpBridge(token) : null;
}
