import type { z } from 'zod';

/**
 * One call the renderer may make. The input is a zod schema (validated in the main process
 * before any handler runs); the output is a type only, carried by a phantom field.
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly doc: string;
  readonly __output?: O;
}

/** One event the renderer may receive. */
export interface EventDef<P = unknown> {
  readonly doc: string;
  readonly __payload?: P;
}

export const defineCall =
  <O>() =>
  <I extends z.ZodType>(input: I, doc: string): CallDef<I, O> => ({ input, doc });

export const defineEvent = <P>(doc: string): EventDef<P> => ({ doc });
