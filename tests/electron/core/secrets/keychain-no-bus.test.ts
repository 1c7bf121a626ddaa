/**
 * Without a D-Bus session bus, the keytar store must report KeychainUnavailableError with a
 * clear message (not crash). Runs the real module in a child Node process whose environment
 * has no usable bus. Linux only (the Secret Service is a D-Bus service).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const srcDir = path.join(root, 'electron/core/secrets');
// Inside the project so the child resolves `keytar` from the project's node_modules.
const outDir = path.join(root, 'node_modules/.cache', `lsc-secrets-test-${process.pid}-${Date.now()}`);

beforeAll(() => {
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of fs.readdirSync(srcDir).filter((n) => n.endsWith('.ts'))) {
    const out = ts.transpileModule(fs.readFileSync(path.join(srcDir, f), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    });
    fs.writeFileSync(path.join(outDir, f.replace(/\.ts$/, '.js')), out.outputText);
  }
  fs.writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(
    path.join(outDir, 'probe.js'),
    `import { createKeytarSecretStore, KeychainUnavailableError } from './index.js';
const store = createKeytarSecretStore({ service: 'LeanSoft Companion no-bus test' });
try {
  await store.check();
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, isKeychainError: e instanceof KeychainUnavailableError, name: e.name, message: e.message }));
}
try {
  await store.set('saltedge.secret', 'NO-BUS-SECRET-VALUE');
  console.log(JSON.stringify({ setOk: true }));
} catch (e) {
  console.log(JSON.stringify({ setOk: false, isKeychainError: e instanceof KeychainUnavailableError, message: e.message }));
}`,
  );
});

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

function runProbe(env: NodeJS.ProcessEnv): Array<Record<string, unknown>> {
  const r = spawnSync(process.execPath, [path.join(outDir, 'probe.js')], { env, encoding: 'utf8', timeout: 15_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return env; // no DISPLAY, no DBUS_SESSION_BUS_ADDRESS, no keyring variables
}

describe.runIf(process.platform === 'linux')('keytar secret store without a session bus', () => {
  for (const [label, extra] of [
    ['DBUS_SESSION_BUS_ADDRESS unset', {}],
    ['DBUS_SESSION_BUS_ADDRESS bogus', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/lsc-bogus-bus' }],
  ] as const) {
    it(`${label}: check() and set() give KeychainUnavailableError with a clear message`, () => {
      const [check, set] = runProbe({ ...baseEnv(), ...extra });
      expect(check).toMatchObject({ ok: false, isKeychainError: true, name: 'KeychainUnavailableError' });
      expect(String(check!.message)).toMatch(/Secret Service keychain \(GNOME Keyring or KWallet\) is not available/);
      expect(String(check!.message)).toMatch(/Install and unlock/);
      expect(set).toMatchObject({ setOk: false, isKeychainError: true });
      expect(String(set!.message)).not.toContain('NO-BUS-SECRET-VALUE');
    });
  }
});
