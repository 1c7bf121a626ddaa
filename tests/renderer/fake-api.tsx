import type { ReactNode } from 'react';
import { calls, isCallName, type Bridge, type CallName, type CallOutput, type ParsedInput, type EventName, type EventPayload } from '../../shared/contract/index.js';
import type { AppErrorPayload, Result } from '../../shared/result.js';
import { ApiProvider } from '../../renderer/api/api-context.js';
import { createClient, type ApiClient } from '../../renderer/api/client.js';

export type FakeHandlers = { [K in CallName]?: (input: ParsedInput<K>) => CallOutput<K> | Promise<CallOutput<K>> };

/** Thrown by a fake handler to answer with an error payload, as the main process would. */
export class FakeFailure extends Error {
  constructor(readonly payload: AppErrorPayload) {
    super(payload.message);
  }
}

/**
 * A renderer-side fake of the app: the real client over a fake bridge that validates every
 * input against the contract's schema (so component tests also prove the renderer sends valid
 * requests) and answers from the given handlers.
 */
export function createFakeApi(handlers: FakeHandlers) {
  const log: { name: CallName; input: unknown }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const bridge: Bridge = {
    call: async (name, input): Promise<Result<unknown>> => {
      if (!isCallName(name)) return { ok: false, error: { code: 'unknown-call', message: name } };
      const parsed = calls[name].input.safeParse(input);
      if (!parsed.success) throw new Error(`renderer sent invalid input to ${name}: ${parsed.error.message}`);
      log.push({ name, input: parsed.data });
      const h = handlers[name] as ((i: unknown) => unknown) | undefined;
      if (!h) throw new Error(`no fake handler for ${name}`);
      try {
        return { ok: true, value: await h(parsed.data) };
      } catch (err) {
        if (err instanceof FakeFailure) return { ok: false, error: err.payload };
        throw err;
      }
    },
    on: (event, fn) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(fn);
      return () => set.delete(fn);
    },
  };
  const api: ApiClient = createClient(bridge);
  return {
    api,
    log,
    calls: (name: CallName) => log.filter((l) => l.name === name),
    emit: <K extends EventName>(event: K, payload: EventPayload<K>) => listeners.get(event)?.forEach((fn) => fn(payload)),
    wrap: (children: ReactNode) => <ApiProvider client={api}>{children}</ApiProvider>,
  };
}
