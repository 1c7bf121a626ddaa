import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../../electron/core/create-core.js';
import { Logger } from '../../../electron/core/log.js';
import { createMemorySecretStore } from '../../../electron/core/secrets/index.js';
import { startSandbox, DEMO_CREDENTIALS } from '../../../electron/core/sandbox/index.js';

/** A loopback port with nothing listening (connections are refused at once). */
async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('Salt Edge reachability', () => {
  it('is unknown at start, offline when nothing answers, back online when it does', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const dead = `http://127.0.0.1:${await deadPort()}/api/v6`;
    let apiUrl = dead;
    const changes: string[] = [];
    const core = await createCore({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-reach-')),
      secretStore: createMemorySecretStore(),
      host: 'preview',
      version: 't',
      log: new Logger(() => undefined),
      demoSandbox: {
        get apiUrl() {
          return apiUrl;
        },
        credentials: DEMO_CREDENTIALS,
      },
    });
    core.events.subscribe((name, p) => name === 'app.changed' && changes.push((p as { what: string }).what));
    try {
      expect(await core.call('app.info', {})).toMatchObject({ ok: true, value: { saltEdgeReachable: null } });
      const failed = await core.call('settings.testConnection', {});
      expect(failed).toMatchObject({ ok: true, value: { ok: false, errorClass: 'NetworkUnavailable' } });
      expect(await core.call('app.info', {})).toMatchObject({ ok: true, value: { saltEdgeReachable: false } });
      apiUrl = sandbox.apiUrl;
      expect(await core.call('settings.testConnection', {})).toMatchObject({ ok: true, value: { ok: true } });
      expect(await core.call('app.info', {})).toMatchObject({ ok: true, value: { saltEdgeReachable: true } });
      expect(changes).toEqual(['reachability', 'reachability']);
    } finally {
      await core.close();
      await sandbox.close();
    }
  });
});
