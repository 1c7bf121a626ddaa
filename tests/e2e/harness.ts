import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { startPreviewHost, type PreviewHost } from '../../electron/core/preview/preview-host.js';
import { startSandbox, DEMO_CREDENTIALS, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/index.js';
import { createKeytarSecretStore, type SecretStore } from '../../electron/core/secrets/index.js';
import { Logger } from '../../electron/core/log.js';

const root = path.resolve(import.meta.dirname, '../..');
export const staticDir = path.join(root, 'dist', 'renderer');
export const screenshotDir = path.join(root, 'out', 'screenshots');

export interface RunningApp {
  page: Page;
  core: Core;
  host: PreviewHost;
  sandbox: Sandbox;
  secrets: SecretStore;
  dataDir: string;
  /** Everything the core logged (already redacted). */
  logLines: string[];
  /** Saves out/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Stop the core and preview host and start them again on the same data (a user restarting). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let runCounter = 0;

/**
 * The app as a user meets it: the built renderer in real Chromium, served by the preview host
 * with the same core the desktop shell uses, in demo mode against a real sandbox over HTTP.
 * Secrets go to the live (test) keychain under a service name unique to this run.
 */
export async function startApp(opts: { sandbox?: SandboxOptions; viewport?: { width: number; height: number } } = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('Build the renderer first (npm run build).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-e2e-'));
  const sandbox = await startSandbox({ port: 0, seed: 42, ...opts.sandbox });
  const secrets = createKeytarSecretStore({ service: `LeanSoft Companion e2e ${process.pid}-${++runCounter}-${Date.now()}` });
  await secrets.check();
  const logLines: string[] = [];
  const log = new Logger((e) => logLines.push(`${e.level} ${e.message}`));

  let core!: Core;
  let host!: PreviewHost;
  const boot = async () => {
    core = await createCore({
      dataDir,
      secretStore: secrets,
      host: 'preview',
      version: '0.0.0-e2e',
      demoSandbox: { apiUrl: sandbox.apiUrl, credentials: DEMO_CREDENTIALS },
      log,
    });
    host = await startPreviewHost({ core, staticDir });
  };
  await boot();

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // The app tab must not be throttled while a Salt Edge tab is in front (it waits on timers).
      '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
    ],
    viewport: opts.viewport ?? { width: 1280, height: 820 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(host.url);

  const app: RunningApp = {
    page,
    get core() {
      return core;
    },
    get host() {
      return host;
    },
    sandbox,
    secrets,
    dataDir,
    logLines,
    screenshot: async (name) => {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    restart: async () => {
      await host.close();
      await core.close();
      await boot();
      await page.goto(host.url);
    },
    close: async () => {
      await context.close();
      await host.close();
      await core.close();
      await sandbox.close();
      for (const name of ['saltedge.appId', 'saltedge.secret', 'saltedge.signingKey', 'database.key'] as const) await secrets.delete(name);
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}
