/** Every call answers with this envelope on both transports (IPC and the preview's HTTP). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload };

export type AppErrorCode =
  | 'unknown-call'
  | 'bad-input'
  | 'not-found'
  | 'conflict'
  | 'saltedge'
  | 'keychain-unavailable'
  | 'store-damaged'
  | 'offline'
  | 'cancelled'
  | 'internal';

export interface AppErrorPayload {
  code: AppErrorCode;
  /** What happened and what to do, in words a small-business owner can act on. */
  message: string;
  title?: string;
  /** For the "details" fold and the sync log: never contains a secret. */
  details?: {
    errorClass?: string;
    requestId?: string;
    httpStatus?: number;
    action?: string;
    issues?: { path: string; message: string }[];
    [key: string]: unknown;
  };
}

/** The answer to a call that is not in the contract (the preload and the dispatcher both refuse). */
export const unknownCallError = (name: unknown): AppErrorPayload => ({
  code: 'unknown-call',
  message: `Unknown call "${String(name).slice(0, 80)}".`,
});
