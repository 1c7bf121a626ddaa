import { describe, expect, it } from 'vitest';
import { callNames, type CallName } from '../../../../shared/contract/index.js';
import { AppError } from '../../../../electron/core/app-error.js';
import { dispatch, type HandlerMap } from '../../../../electron/core/rpc/dispatch.js';
import { Logger } from '../../../../electron/core/log.js';

/** Handlers that record what they were given (only shape matters for dispatch). */
function recordingHandlers(seen: { name: string; input: unknown }[]): HandlerMap {
  const map: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of callNames) map[name] = async (input) => (seen.push({ name, input }), { echoed: name });
  return map as unknown as HandlerMap;
}

describe('dispatch', () => {
  const ctx = { transport: 'test' as const };

  it('refuses an unknown call without running anything', async () => {
    const seen: { name: string; input: unknown }[] = [];
    for (const name of ['nope', 'app.info.extra', '__proto__', 'constructor', 42, null]) {
      const r = await dispatch(recordingHandlers(seen), name, {}, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unknown-call');
    }
    expect(seen).toEqual([]);
  });

  it('refuses malformed input with field paths and never echoes the values', async () => {
    const seen: { name: string; input: unknown }[] = [];
    const handlers = recordingHandlers(seen);
    const secret = 'sk-VERY-SECRET-VALUE-123';
    const r = await dispatch(handlers, 'settings.saveKeys', { appId: 'has space', secret, extra: 1 }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad-input');
      expect(r.error.details?.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['appId']));
      expect(JSON.stringify(r)).not.toContain(secret);
    }
    const wrongType = await dispatch(handlers, 'app.info', 'not an object', ctx);
    expect(wrongType.ok).toBe(false);
    expect(seen).toEqual([]);
  });

  it('runs the handler with the parsed (trimmed) input', async () => {
    const seen: { name: string; input: unknown }[] = [];
    const r = await dispatch(recordingHandlers(seen), 'settings.saveKeys', { appId: ' abc ', secret: 'def' }, ctx);
    expect(r).toEqual({ ok: true, value: { echoed: 'settings.saveKeys' } });
    expect(seen).toEqual([{ name: 'settings.saveKeys', input: { appId: 'abc', secret: 'def' } }]);
  });

  it('turns thrown errors into typed payloads; unexpected ones into a calm internal error', async () => {
    const lines: string[] = [];
    const log = new Logger((e) => lines.push(e.message));
    log.addSecret('hunter2-secret');
    const handlers = recordingHandlers([]);
    const h = handlers as unknown as Record<CallName, () => Promise<unknown>>;
    h['app.info'] = async () => {
      throw new AppError('not-found', 'No such connection.', { errorClass: 'ConnectionNotFound' });
    };
    h['settings.get'] = async () => {
      throw new TypeError('boom with hunter2-secret inside');
    };
    const a = await dispatch(handlers, 'app.info', {}, ctx, log);
    expect(a).toEqual({ ok: false, error: { code: 'not-found', message: 'No such connection.', details: { errorClass: 'ConnectionNotFound' } } });
    const b = await dispatch(handlers, 'settings.get', {}, ctx, log);
    expect(b.ok).toBe(false);
    if (!b.ok) {
      expect(b.error.code).toBe('internal');
      expect(b.error.message).not.toContain('boom');
    }
    expect(lines.join('\n')).toContain('boom with [redacted] inside');
    expect(lines.join('\n')).not.toContain('hunter2-secret');
  });
});
