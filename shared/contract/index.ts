import type { z } from 'zod';
import type { CallDef, EventDef } from './define.js';
import { appCalls, appEvents } from './app.js';
import { settingsCalls } from './settings.js';
import { syncCalls, syncEvents } from './sync.js';
import { providerCalls } from './providers.js';
import { connectionCalls, connectionEvents } from './connections.js';
import { flowCalls, flowEvents } from './flows.js';
import { statementsCalls } from './statements.js';

export * from './app.js';
export * from './settings.js';
export * from './sync.js';
export * from './providers.js';
export * from './connections.js';
export * from './flows.js';
export * from './contact.js';
export * from './statements.js';

/** Every call the renderer may make. Main binds a handler for each; preload exposes exactly these. */
export const calls = {
  ...appCalls,
  ...settingsCalls,
  ...syncCalls,
  ...providerCalls,
  ...connectionCalls,
  ...flowCalls,
  ...statementsCalls,
} as const;

/** Every event the renderer may receive. */
export const events = {
  ...appEvents,
  ...syncEvents,
  ...connectionEvents,
  ...flowEvents,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = Calls[K] extends CallDef<z.ZodType, infer O> ? O : never;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K] extends EventDef<infer P> ? P : never;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);

/** The one surface a transport gives the renderer (preload bridge or preview HTTP client). */
export interface Bridge {
  call(name: string, input: unknown): Promise<import('../result.js').Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
