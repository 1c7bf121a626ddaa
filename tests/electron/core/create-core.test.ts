import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { Logger } from '../../../electron/core/log.js';
import { createMemorySecretStore, type SecretStore } from '../../../electron/core/secrets/index.js';
import { startSandbox, DEMO_CREDENTIALS, type Sandbox } from '../../../electron/core/sandbox/index.js';
import { openStore } from '../../../electron/core/db/index.js';

const SECRET = 'Sup3r-Secret-Value-XYZ-987654';
const APP_ID = 'live-app-id-ABCDEFGH';

describe('core (demo mode, settings, secrets)', () => {
  let sandbox: Sandbox;
  let core: Core;
  let secrets: SecretStore;
  let dataDir: string;
  const logLines: string[] = [];
  const seenByRenderer: string[] = [];

  const call = async (name: string, input: unknown = {}) => {
    const r = await core.call(name, input);
    seenByRenderer.push(JSON.stringify(r));
    return r;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 7, credentials: { appId: APP_ID, secret: SECRET } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-core-'));
    secrets = createMemorySecretStore();
    core = await createCore({
      dataDir,
      secretStore: secrets,
      host: 'preview',
      version: '0.0.0-test',
      // Demo mode talks to a sandbox that accepts only the live keys: proves which keys are used.
      demoSandbox: { apiUrl: sandbox.apiUrl, credentials: DEMO_CREDENTIALS },
      log: new Logger((e) => logLines.push(e.message)),
    });
  });
  afterAll(async () => {
    await core.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts in demo mode with an encrypted store', async () => {
    const r = await call('app.info');
    expect(r).toMatchObject({ ok: true, value: { mode: 'demo', store: { state: 'ok', encrypted: true }, host: 'preview' } });
  });

  it('demo keys are refused by a sandbox that expects other keys, with the table message', async () => {
    const r = await call('settings.testConnection');
    expect(r).toMatchObject({ ok: true, value: { ok: false, errorClass: 'ApiKeyNotFound' } });
  });

  it('saves keys to the keychain, never returns them, and uses them (live mode)', async () => {
    const saved = await call('settings.saveKeys', { appId: APP_ID, secret: SECRET });
    expect(saved).toMatchObject({ ok: true, value: { mode: 'live', appId: { set: true, hint: 'live…GH' }, secret: { set: true } } });
    expect(await secrets.get('saltedge.secret')).toBe(SECRET);
    expect(await call('settings.setBaseUrl', { baseUrl: sandbox.apiUrl })).toMatchObject({ ok: true });
    const test = await call('settings.testConnection');
    expect(test).toMatchObject({ ok: true, value: { ok: true, title: 'Connected' } });
    expect(await call('app.info')).toMatchObject({ ok: true, value: { mode: 'live', saltEdgeUrl: sandbox.apiUrl } });
  });

  it('a wrong secret gets the actionable message, not a crash', async () => {
    await call('settings.saveKeys', { appId: APP_ID, secret: 'wrong-secret-value' });
    const r = await call('settings.testConnection');
    expect(r.ok).toBe(true);
    if (r.ok) {
      const v = r.value as { ok: boolean; errorClass: string; message: string };
      expect(v.ok).toBe(false);
      expect(v.errorClass).toBe('ApiKeyNotFound');
      expect(v.message.length).toBeGreaterThan(20);
    }
    await call('settings.saveKeys', { appId: APP_ID, secret: SECRET });
  });

  it('no secret reaches the database file, its plaintext, the log, or any answer', async () => {
    await core.services.store().save({ force: true });
    const file = core.services.store().filePath;
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from(SECRET))).toBe(false);
    expect(raw.includes(Buffer.from('saltedge.baseUrl'))).toBe(false); // encrypted at rest
    // Decrypted, the database holds settings but no secret.
    const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-copy2-'));
    fs.copyFileSync(file, path.join(copyDir, path.basename(file)));
    const copy = await openStore({ dataDir: copyDir, secretStore: secrets });
    const dump = JSON.stringify(copy.db.exec('SELECT * FROM setting'));
    copy.close();
    expect(dump).toContain('saltedge.baseUrl');
    expect(dump).not.toContain(SECRET);
    expect(logLines.join('\n')).not.toContain(SECRET);
    expect(seenByRenderer.join('\n')).not.toContain(SECRET);
    expect(seenByRenderer.join('\n')).not.toContain('wrong-secret-value');
  });

  it('clearing the keys returns to demo mode', async () => {
    expect(await call('settings.clearKeys')).toMatchObject({ ok: true, value: { mode: 'demo', appId: { set: false } } });
    expect(await secrets.get('saltedge.secret')).toBeNull();
  });
});
