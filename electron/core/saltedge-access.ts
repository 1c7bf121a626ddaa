import path from 'node:path';
import type { AppMode } from '../../shared/contract/index.js';
import type { SecretStore } from './secrets/index.js';
import { createSaltEdgeClient, type SaltEdgeClient } from './saltedge/client.js';
import { startSandbox, DEMO_CREDENTIALS, type Sandbox } from './sandbox/index.js';
import type { Logger } from './log.js';

export const REAL_SALTEDGE_URL = 'https://www.saltedge.com/api/v6';

export interface SaltEdgeAccessOptions {
  dataDir: string;
  secrets: SecretStore;
  log: Logger;
  /** Called when Salt Edge becomes reachable or unreachable (a request got no answer at all). */
  onReachability?: (reachable: boolean) => void;
  /** Live-mode base URL chosen by the user (null: the real Salt Edge). */
  baseUrl: () => string | null;
  /** Demo mode against an already running sandbox (tests) instead of the embedded one. */
  demoSandbox?: { apiUrl: string; credentials: { appId: string; secret: string } };
}

/**
 * Decides which Salt Edge the app talks to. With no keys in the keychain the app is in demo
 * mode and talks to the embedded sandbox (started on first use, state kept in the data
 * directory); with keys it talks to the configured base URL (the real Salt Edge by default).
 */
export class SaltEdgeAccess {
  private cached: { key: string; client: SaltEdgeClient } | null = null;
  private sandbox: Promise<Sandbox> | null = null;
  private reachable: boolean | null = null;

  constructor(private readonly opts: SaltEdgeAccessOptions) {}

  async mode(): Promise<AppMode> {
    const [appId, secret] = await Promise.all([this.opts.secrets.get('saltedge.appId'), this.opts.secrets.get('saltedge.secret')]);
    return appId && secret ? 'live' : 'demo';
  }

  /** The API URL in use now (the sandbox's in demo mode, started if needed). */
  async apiUrl(): Promise<string> {
    if ((await this.mode()) === 'live') return this.opts.baseUrl() ?? REAL_SALTEDGE_URL;
    return (await this.demoEndpoint()).apiUrl;
  }

  async client(): Promise<SaltEdgeClient> {
    const s = this.opts.secrets;
    const [appId, secret, signingKeyPem] = await Promise.all([s.get('saltedge.appId'), s.get('saltedge.secret'), s.get('saltedge.signingKey')]);
    let config: { baseUrl: string; appId: string; secret: string; signingKeyPem?: string; includeSandboxes: boolean };
    if (appId && secret) {
      this.opts.log.addSecret(secret);
      this.opts.log.addSecret(signingKeyPem);
      config = {
        baseUrl: this.opts.baseUrl() ?? REAL_SALTEDGE_URL,
        appId,
        secret,
        ...(signingKeyPem ? { signingKeyPem } : {}),
        includeSandboxes: false,
      };
    } else {
      const demo = await this.demoEndpoint();
      config = { baseUrl: demo.apiUrl, ...demo.credentials, includeSandboxes: true };
    }
    const key = JSON.stringify([config.baseUrl, config.appId, config.secret, config.signingKeyPem ?? '']);
    if (this.cached?.key !== key) {
      this.cached = { key, client: createSaltEdgeClient({ ...config, onRequest: ({ status }) => this.noteReachable(status !== 0) }) };
    }
    return this.cached.client;
  }

  /** Whether the last request reached Salt Edge (null before the first one). */
  isReachable(): boolean | null {
    return this.reachable;
  }

  private noteReachable(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    this.opts.log.info(reachable ? 'Salt Edge is reachable' : 'Salt Edge is unreachable: working offline');
    this.opts.onReachability?.(reachable);
  }

  /** The embedded sandbox, if this process started one (demo mode). */
  async runningSandbox(): Promise<Sandbox | null> {
    return this.sandbox ? this.sandbox : null;
  }

  async close(): Promise<void> {
    const sb = this.sandbox;
    this.sandbox = null;
    if (sb) await (await sb).close();
  }

  private async demoEndpoint(): Promise<{ apiUrl: string; credentials: { appId: string; secret: string } }> {
    if (this.opts.demoSandbox) return this.opts.demoSandbox;
    this.sandbox ??= startSandbox({ port: 0, statePath: path.join(this.opts.dataDir, 'sandbox-state.json') }).then((sb) => {
      this.opts.log.info(`demo mode: Salt Edge sandbox on ${sb.url}`);
      return sb;
    });
    const sb = await this.sandbox;
    return { apiUrl: sb.apiUrl, credentials: DEMO_CREDENTIALS };
  }
}
