import { calls, isCallName, type CallName, type CallOutput, type ParsedInput } from '../../../shared/contract/index.js';
import { unknownCallError, type AppErrorPayload, type Result } from '../../../shared/result.js';
import { AppError, isPresentable } from '../app-error.js';
import type { Logger } from '../log.js';

export interface CallContext {
  /** Which transport the call came through (for logs only). */
  transport: 'ipc' | 'http' | 'test';
}

export type Handler<K extends CallName> = (input: ParsedInput<K>, ctx: CallContext) => Promise<CallOutput<K>>;
export type HandlerMap = { [K in CallName]: Handler<K> };

/**
 * The single entry point of both transports: refuses unknown calls, validates the input with
 * the contract's schema, runs the handler, and turns every failure into a typed payload.
 * Input values are never echoed back (they may hold secrets); only paths and messages are.
 */
export async function dispatch(
  handlers: HandlerMap,
  name: unknown,
  rawInput: unknown,
  ctx: CallContext,
  log?: Logger,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail(unknownCallError(name));
  }
  const parsed = calls[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return fail({
      code: 'bad-input',
      message: parsed.error.issues[0]?.message ?? 'The request was not valid.',
      details: {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      },
    });
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    const payload = toErrorPayload(err);
    if (payload.code === 'internal') log?.error(`call ${name} failed`, err);
    else log?.info(`call ${name}: ${payload.code}${payload.details?.errorClass ? ` ${payload.details.errorClass}` : ''}`);
    return fail(payload);
  }
}

export function toErrorPayload(err: unknown): AppErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  if (isPresentable(err)) return err.toAppErrorPayload();
  return {
    code: 'internal',
    message: 'Something went wrong inside the app. Nothing was changed; please try again. If it keeps happening, contact support with the log.',
  };
}

const fail = (error: AppErrorPayload): Result<never> => ({ ok: false, error });
