import type { FlowManager } from '../connect/flow-manager.js';
import type { HandlerMap } from '../rpc/dispatch.js';

type FlowHandlers = Pick<HandlerMap, 'flow.start' | 'flow.get' | 'flow.cancel' | 'flow.reopen' | 'flow.accounts' | 'flow.importAccounts'>;

export function createFlowHandlers(flows: FlowManager): FlowHandlers {
  return {
    'flow.start': (input) => flows.start(input),
    'flow.get': async ({ flowId }) => flows.get(flowId),
    'flow.cancel': async ({ flowId }) => flows.cancel(flowId),
    'flow.reopen': ({ flowId }) => flows.reopen(flowId),
    'flow.accounts': async ({ flowId }) => flows.accounts(flowId),
    'flow.importAccounts': (input) => flows.importAccounts(input),
  };
}
