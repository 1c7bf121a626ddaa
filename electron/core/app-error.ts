import type { AppErrorCode, AppErrorPayload } from '../../shared/result.js';

/** An error meant for the user: its message says what happened and what to do. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: AppErrorPayload['details'],
    readonly title?: string,
  ) {
    super(message);
  }

  toPayload(): AppErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.title ? { title: this.title } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/**
 * Errors from other modules that know how to present themselves implement this, so the
 * dispatcher can turn them into payloads without knowing every module.
 */
export interface PresentableError {
  toAppErrorPayload(): AppErrorPayload;
}

export const isPresentable = (e: unknown): e is PresentableError =>
  typeof e === 'object' && e !== null && typeof (e as PresentableError).toAppErrorPayload === 'function';
