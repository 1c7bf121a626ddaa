import { callNames } from '../../shared/contract/index.js';
import type { Core } from '../../electron/core/create-core.js';
import { EventBus } from '../../electron/core/events.js';
import { Logger } from '../../electron/core/log.js';
import { dispatch, type HandlerMap } from '../../electron/core/rpc/dispatch.js';

/**
 * A core whose handlers only record their calls: for testing transports, which must bind every
 * contract entry and pass everything through the real dispatcher.
 */
export function recordingCore(): { core: Core; seen: { name: string; input: unknown }[] } {
  const seen: { name: string; input: unknown }[] = [];
  const map: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of callNames) map[name] = async (input) => (seen.push({ name, input }), { handled: name });
  const handlers = map as unknown as HandlerMap;
  const log = new Logger(() => undefined);
  const core = {
    handlers,
    events: new EventBus(),
    log,
    call: (name: unknown, input: unknown, ctx = { transport: 'test' as const }) => dispatch(handlers, name, input, ctx, log),
    close: async () => undefined,
  } as unknown as Core;
  return { core, seen };
}
