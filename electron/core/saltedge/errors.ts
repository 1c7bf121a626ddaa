import type { AppErrorCode, AppErrorPayload } from '../../../shared/result.js';
import { describeSaltEdgeError, type SaltEdgeErrorAction, type SaltEdgeErrorGroup } from './error-messages.js';

export { describeSaltEdgeError };

export interface SaltEdgeErrorInit {
  /** Salt Edge's `error.class`, or a project-local class (see error-messages.ts). */
  errorClass: string;
  /** Salt Edge's own message (English, technical); never contains keys. */
  message: string;
  httpStatus?: number;
  requestId?: string;
  retryAfterSeconds?: number;
  /** Method and path (no query) of the call, for the sync log. */
  method?: string;
  path?: string;
  /** How many HTTP attempts were made before giving up. */
  attempts?: number;
  /** For InvalidResponse: the offending field paths. */
  issues?: { path: string; message: string }[];
  cause?: unknown;
}

/**
 * The one error type of the Salt Edge client. `message` is Salt Edge's (technical) text;
 * `userMessage`/`userAction` come from the message table and are what the UI shows.
 * No instance ever carries the App-id, Secret, signature or private key.
 */
export class SaltEdgeError extends Error {
  override readonly name = 'SaltEdgeError';
  readonly errorClass: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly attempts: number;
  readonly issues: { path: string; message: string }[] | undefined;
  readonly userTitle: string;
  readonly userMessage: string;
  readonly userAction: SaltEdgeErrorAction;
  readonly retryable: boolean;
  readonly group: SaltEdgeErrorGroup;

  constructor(init: SaltEdgeErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.errorClass = init.errorClass;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts ?? 1;
    this.issues = init.issues;
    const d = describeSaltEdgeError(init.errorClass, init.retryAfterSeconds === undefined ? {} : { retryAfter: init.retryAfterSeconds });
    this.userTitle = d.title;
    this.userMessage = d.message;
    this.userAction = d.action;
    this.retryable = d.retryable;
    this.group = d.group;
  }

  /** A copy with another attempt count (the transport fills it in when it gives up). */
  withAttempts(attempts: number): SaltEdgeError {
    const copy = new SaltEdgeError({ ...this.init(), attempts });
    copy.stack = this.stack;
    return copy;
  }

  /** For the renderer (PresentableError in core/app-error.ts). */
  toAppErrorPayload(): AppErrorPayload {
    return {
      code: appErrorCode(this.errorClass, this.group),
      title: this.userTitle,
      message: this.userMessage,
      details: {
        errorClass: this.errorClass,
        ...(this.requestId ? { requestId: this.requestId } : {}),
        ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
        action: this.userAction,
        ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }

  /** One line for the sync log (no secrets: only class, status, request id, method and path). */
  toLogLine(): string {
    const parts = [`${this.errorClass}`];
    if (this.httpStatus !== undefined) parts.push(`HTTP ${this.httpStatus}`);
    if (this.method && this.path) parts.push(`${this.method} ${this.path}`);
    if (this.requestId) parts.push(`request ${this.requestId}`);
    if (this.attempts > 1) parts.push(`${this.attempts} attempts`);
    return `${parts.join(', ')}: ${this.message}`;
  }

  private init(): SaltEdgeErrorInit {
    return {
      errorClass: this.errorClass,
      message: this.message,
      ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
      ...(this.requestId !== undefined ? { requestId: this.requestId } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.method !== undefined ? { method: this.method } : {}),
      ...(this.path !== undefined ? { path: this.path } : {}),
      ...(this.issues !== undefined ? { issues: this.issues } : {}),
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
    };
  }
}

export const isSaltEdgeError = (e: unknown, errorClass?: string): e is SaltEdgeError =>
  e instanceof SaltEdgeError && (errorClass === undefined || e.errorClass === errorClass);

function appErrorCode(errorClass: string, group: SaltEdgeErrorGroup): AppErrorCode {
  if (group === 'network') return 'offline';
  if (errorClass === 'UserCancelled') return 'cancelled';
  return 'saltedge';
}
