import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlowView } from '../../../../shared/contract/index.js';
import { createCore, type Core } from '../../../../electron/core/create-core.js';
import { Logger } from '../../../../electron/core/log.js';
import { createMemorySecretStore } from '../../../../electron/core/secrets/index.js';
import { startSandbox, DEMO_CREDENTIALS, type Sandbox } from '../../../../electron/core/sandbox/index.js';
import { runConnect, type Plan } from '../sandbox/helpers.js';

let sb: Sandbox;
let core: Core;
let dataDir: string;
const logLines: string[] = [];
const flowEvents: FlowView[] = [];

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const consent = () => ({ accepted: true as const, fromDate: daysAgo(60), periodDays: 90, scopes: ['accounts' as const, 'transactions' as const] });

async function call<T = any>(name: string, input: unknown): Promise<T> {
  const r = await core.call(name, input);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.message}`), { payload: r.error });
  return r.value as T;
}
async function callError(name: string, input: unknown) {
  const r = await core.call(name, input);
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
}

const linkInput = (providerCode: string) => ({ mode: 'link', providerCode, email: ' Owner@Example.com ', phone: '+40 721 234 567', consent: consent() });

/** Drives the sandbox Connect pages, then hands the redirect to the app's loopback listener. */
async function finishAtSaltEdge(flow: FlowView, plan: Plan): Promise<{ status: number; location: URL }> {
  const r = await runConnect(flow.connectUrl!, plan);
  const res = await fetch(r.location);
  await res.text();
  return { status: res.status, location: r.location };
}

async function link(providerCode: string, plan: Plan): Promise<FlowView> {
  const flow = await call<FlowView>('flow.start', linkInput(providerCode));
  expect(flow.state).toBe('waiting-for-user');
  const { status } = await finishAtSaltEdge(flow, plan);
  expect(status).toBe(200);
  return call<FlowView>('flow.get', { flowId: flow.id });
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: 7 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsc-flow-'));
  core = await createCore({
    dataDir,
    secretStore: createMemorySecretStore(),
    host: 'preview',
    version: 'test',
    demoSandbox: { apiUrl: sb.apiUrl, credentials: DEMO_CREDENTIALS },
    log: new Logger((e) => logLines.push(`${e.level} ${e.message}`)),
  });
  core.events.subscribe((name, payload) => {
    if (name === 'flow.changed') flowEvents.push(payload as FlowView);
  });
});
afterAll(async () => {
  await core.close();
  await sb.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => sb.control.setDashboardOnly({ enabled: false }));

const list = () => call('connections.list', {});
const connectionOf = async (id: number) => (await list()).connections.find((c: any) => c.id === id);

describe('providers', () => {
  it('fills the cache from Salt Edge and searches it by name and country', async () => {
    const all = await call('providers.search', { query: '' });
    expect(all.total).toBeGreaterThan(5);
    expect(all.cachedAt).not.toBeNull();
    const hits = await call('providers.search', { query: 'simple', country: 'xf' });
    expect(hits.providers.map((p: any) => p.code)).toEqual(['fakebank_simple_xf']);
    expect(hits.providers[0]).toMatchObject({ mode: 'web', maxConsentDays: 90, countryName: 'Fake Country' });
    const countries = await call('providers.countries', {});
    expect(countries.map((c: any) => c.code)).toContain('DE');
  });
});

describe('link', () => {
  let simpleId: number;

  it('refuses to start without the ticked consent, or with a bad phone/email', async () => {
    expect((await callError('flow.start', { ...linkInput('fakebank_simple_xf'), consent: { ...consent(), accepted: false } })).code).toBe('bad-input');
    expect((await callError('flow.start', { ...linkInput('fakebank_simple_xf'), phone: '0721 234 567' })).message).toMatch(/country code/);
    expect((await callError('flow.start', { ...linkInput('fakebank_simple_xf'), email: 'not-an-email' })).message).toMatch(/valid email/);
  });

  it('links the simple bank: the redirect is confirmed, the customer kept, accounts listed and imported', async () => {
    const done = await link('fakebank_simple_xf', { username: 'alice' });
    expect(done.state).toBe('done');
    expect(done.result).toMatchObject({ status: 'active', accounts: 2, newAccounts: 2 });
    const states = flowEvents.filter((f) => f.id === done.id).map((f) => f.state);
    expect(states).toEqual(['created', 'waiting-for-user', 'redirect-received', 'confirming', 'done']);
    simpleId = done.connectionId!;

    const accounts = await call('flow.accounts', { flowId: done.id });
    expect(accounts.accounts).toHaveLength(2);
    expect(accounts.accounts.every((a: any) => a.isNew && !a.enabled)).toBe(true);
    expect(accounts.minFromDate).toBe(daysAgo(60));
    const err = await callError('flow.importAccounts', { flowId: done.id, accountIds: [accounts.accounts[0].saltedgeId], fromDate: daysAgo(400) });
    expect(err.message).toMatch(/from .* on/);
    const res = await call('flow.importAccounts', { flowId: done.id, accountIds: accounts.accounts.map((a: any) => a.saltedgeId), fromDate: daysAgo(30) });
    expect(res).toMatchObject({ connectionId: simpleId, enabledAccounts: 2, ok: true });

    const conn = await connectionOf(simpleId);
    expect(conn).toMatchObject({ providerName: 'Fake Bank Simple', health: 'active', createdByApp: true });
    expect(conn.consent.state).toBe('active');
    expect(conn.consent.daysLeft).toBeGreaterThan(80);
    expect(conn.accounts.map((a: any) => [a.enabled, a.importFrom])).toEqual([
      [true, daysAgo(30)],
      [true, daysAgo(30)],
    ]);
    expect((await list()).customer).toEqual({ email: 'owner@example.com', phone: '+40721234567' });
  });

  it('links the interactive bank (SMS code) and the OAuth bank under the same customer', async () => {
    const sms = await link('fakebank_interactive_xf', { username: 'bob' });
    expect(sms.state).toBe('done');
    const oauth = await link('fakebank_oauth_xf', { oauth: 'authorise' });
    expect(oauth.state).toBe('done');
    const customers = await fetch(`${sb.apiUrl}/customers`, { headers: { 'App-id': DEMO_CREDENTIALS.appId, Secret: DEMO_CREDENTIALS.secret } }).then((r) => r.json());
    expect((customers as any).data.map((c: any) => c.identifier)).toEqual(['owner@example.com']);
  });

  it('a used, unknown, malformed or foreign redirect changes nothing', async () => {
    const flow = await call<FlowView>('flow.start', linkInput('fakebank_simple_xf'));
    const r = await runConnect(flow.connectUrl!, { username: 'carol' });
    const before = JSON.stringify(await list());
    // garbage parameters with the right nonce: refused, and the nonce still works afterwards
    const garbage = new URL(r.location);
    garbage.searchParams.set('connection_id', '12; DROP');
    expect(await core.flows.handleReturnUrl(garbage.href)).toBe(false);
    // another flow expected by the (Electron) window
    expect(await core.flows.handleReturnUrl(r.location.href, 'someOtherFlowId123')).toBe(false);
    // wrong nonce
    const forged = new URL(r.location);
    forged.searchParams.set('nonce', 'A'.repeat(32));
    expect((await fetch(forged)).status).toBe(400);
    expect(JSON.stringify(await list())).toBe(before);
    expect((await call<FlowView>('flow.get', { flowId: flow.id })).state).toBe('waiting-for-user');
    // the real one works, once
    expect((await fetch(r.location)).status).toBe(200);
    expect((await call<FlowView>('flow.get', { flowId: flow.id })).state).toBe('done');
    const after = JSON.stringify(await list());
    expect((await fetch(r.location)).status).toBe(400);
    expect(JSON.stringify(await list())).toBe(after);
    expect(logLines.some((l) => /redirect refused: nonce used/.test(l))).toBe(true);
    expect(logLines.some((l) => /redirect refused: nonce unknown/.test(l))).toBe(true);
  });

  it('a redirect naming a connection of another customer is refused after confirmation', async () => {
    const other = (await fetch(`${sb.apiUrl}/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'App-id': DEMO_CREDENTIALS.appId, Secret: DEMO_CREDENTIALS.secret },
      body: JSON.stringify({ data: { identifier: 'someone-else@example.com' } }),
    }).then((r) => r.json())) as any;
    const foreign = sb.control.createConnection({ customerId: other.data.customer_id, providerCode: 'fakebank_simple_xf', username: 'eve' });
    const flow = await call<FlowView>('flow.start', linkInput('fakebank_simple_xf'));
    const r = await runConnect(flow.connectUrl!, { cancelAt: 'login' });
    const forged = new URL(r.location);
    forged.searchParams.delete('error_class');
    forged.searchParams.set('connection_id', foreign);
    const before = (await list()).connections.length;
    expect(await core.flows.handleReturnUrl(forged.href)).toBe(true);
    const f = await call<FlowView>('flow.get', { flowId: flow.id });
    expect(f.state).toBe('failed');
    expect(f.error?.details?.errorClass).toBe('RedirectRejected');
    expect((await list()).connections.length).toBe(before);
  });

  it('cancel at Salt Edge → cancelled, nothing linked; cancel in the app → a later redirect is refused', async () => {
    const before = (await list()).connections.length;
    const flow = await call<FlowView>('flow.start', linkInput('fakebank_simple_xf'));
    await finishAtSaltEdge(flow, { cancelAt: 'login' });
    const f = await call<FlowView>('flow.get', { flowId: flow.id });
    expect(f.state).toBe('cancelled');
    expect(f.error?.title).toBe('You cancelled at Salt Edge');

    const flow2 = await call<FlowView>('flow.start', linkInput('fakebank_simple_xf'));
    expect((await call<FlowView>('flow.cancel', { flowId: flow2.id })).state).toBe('cancelled');
    const { status } = await finishAtSaltEdge(flow2, { username: 'dave' });
    expect(status).toBe(400);
    expect((await list()).connections.length).toBe(before);
  });

  it('same bank login again → ConnectionDuplicated guidance naming the existing connection; update credentials on it succeeds', async () => {
    const dup = await link('fakebank_simple_xf', { username: 'alice' });
    expect(dup.state).toBe('failed');
    expect(dup.error?.details?.errorClass).toBe('ConnectionDuplicated');
    expect(dup.duplicate).toMatchObject({ localConnectionId: simpleId, providerName: 'Fake Bank Simple' });
    expect(dup.error?.message).toMatch(/Update credentials/);
    const count = (await list()).connections.length;

    const upd = await call<FlowView>('flow.start', { mode: 'update-credentials', connectionId: simpleId, consent: consent() });
    await finishAtSaltEdge(upd, { username: 'alice' });
    const done = await call<FlowView>('flow.get', { flowId: upd.id });
    expect(done.state).toBe('done');
    expect(done.connectionId).toBe(simpleId);
    expect((await list()).connections.length).toBe(count);
  });

  it('expired consent: the page shows it, sync fails with the consent message, update credentials repairs it', async () => {
    const conn = await connectionOf(simpleId);
    sb.control.expireConsent({ connectionId: conn.saltedgeId });
    const refreshed = (await call('connections.refresh', {})).connections.find((c: any) => c.id === simpleId);
    expect(refreshed.consent.state).toBe('expired');
    expect(refreshed.health).toBe('needs-attention');
    const err = await callError('connections.sync', { connectionId: simpleId });
    expect(err.details?.errorClass).toBe('AispConsentExpired');
    expect(err.title).toBeTruthy();

    const upd = await call<FlowView>('flow.start', { mode: 'update-credentials', connectionId: simpleId, consent: consent() });
    await finishAtSaltEdge(upd, { username: 'alice' });
    expect((await call<FlowView>('flow.get', { flowId: upd.id })).state).toBe('done');
    const repaired = await connectionOf(simpleId);
    expect(repaired.consent.state).toBe('active');
    expect(repaired.health).toBe('active');
    expect(repaired.accounts.every((a: any) => a.enabled)).toBe(true); // mappings kept
  });

  it('fetch accounts finds the account that appeared later; the known one is unchanged', async () => {
    const first = await link('fakebank_new_account_xf', { username: 'nina' });
    const acc = await call('flow.accounts', { flowId: first.id });
    expect(acc.accounts).toHaveLength(1);
    await call('flow.importAccounts', { flowId: first.id, accountIds: [acc.accounts[0].saltedgeId], fromDate: daysAgo(30) });

    const fetchFlow = await call<FlowView>('flow.start', { mode: 'fetch-accounts', connectionId: first.connectionId, consent: consent() });
    await finishAtSaltEdge(fetchFlow, {});
    const f = await call<FlowView>('flow.get', { flowId: fetchFlow.id });
    expect(f.state).toBe('done');
    expect(f.result?.newAccounts).toBe(1);
    const listed = await call('flow.accounts', { flowId: f.id });
    const fresh = listed.accounts.filter((a: any) => a.isNew);
    expect(fresh.map((a: any) => a.currency)).toEqual(['USD']);
    const known = listed.accounts.find((a: any) => !a.isNew);
    expect((await callError('flow.importAccounts', { flowId: f.id, accountIds: [known.saltedgeId], fromDate: today() })).code).toBe('bad-input');
    await call('flow.importAccounts', { flowId: f.id, accountIds: [fresh[0].saltedgeId], fromDate: today() });
    const conn = await connectionOf(first.connectionId!);
    expect(conn.accounts.map((a: any) => [a.currency, a.enabled, a.importFrom])).toEqual([
      ['EUR', true, daysAgo(30)],
      ['USD', true, today()],
    ]);
  });

  it('revoke consent → disconnected, statements stay; delete when Salt Edge keeps it → guidance, then finish here', async () => {
    const sms = (await list()).connections.find((c: any) => c.providerCode === 'fakebank_interactive_xf');
    const revoked = await call('connections.revokeConsent', { connectionId: sms.id });
    expect(revoked.health).toBe('disconnected');
    expect(revoked.consent.state).toBe('revoked');

    sb.control.setDashboardOnly({ enabled: true });
    const oauth = (await list()).connections.find((c: any) => c.providerCode === 'fakebank_oauth_xf');
    const res = await call('connections.delete', { connectionId: oauth.id, keepStatements: true });
    expect(res.outcome).toBe('still-at-saltedge');
    expect(res.consentRevoked).toBe(true);
    expect(res.message).toMatch(/dashboard/);
    expect(res.error.errorClass).toBe('ActionNotAllowed');
    expect((await connectionOf(oauth.id)).health).toBe('disconnected');
    expect(await call('connections.finishLocalDelete', { connectionId: oauth.id, keepStatements: true })).toEqual({ deleted: true });
    expect(await connectionOf(oauth.id)).toBeUndefined();

    sb.control.setDashboardOnly({ enabled: false });
    const gone = await call('connections.delete', { connectionId: sms.id, keepStatements: false });
    expect(gone.outcome).toBe('deleted');
    expect(await connectionOf(sms.id)).toBeUndefined();
  });

  it('open again gives the same Connect page while it is valid', async () => {
    const flow = await call<FlowView>('flow.start', linkInput('fakebank_oauth_xf'));
    const again = await call<FlowView>('flow.reopen', { flowId: flow.id });
    expect(again.connectUrl).toBe(flow.connectUrl);
    await call('flow.cancel', { flowId: flow.id });
    expect((await callError('flow.reopen', { flowId: flow.id })).code).toBe('conflict');
  });
});

describe('timeout (injectable clock)', () => {
  it('an abandoned flow times out and its redirect is then refused', async () => {
    const { FlowManager } = await import('../../../../electron/core/connect/flow-manager.js');
    let now = Date.now();
    const flows = new FlowManager({
      client: () => core.services.saltedge.client(),
      store: () => core.services.store(),
      events: core.events,
      log: core.log,
      now: () => new Date(now),
      flowTimeoutMs: 60_000,
      sweepIntervalMs: null,
    });
    try {
      const f = await flows.start({ mode: 'link', providerCode: 'fakebank_simple_xf', email: 'owner@example.com', phone: '+40721234567', consent: consent() });
      const r = await runConnect(f.connectUrl!, { username: 'zed' });
      now += 61_000;
      expect(flows.get(f.id).state).toBe('timed-out');
      expect(await flows.handleReturnUrl(r.location.href)).toBe(false);
      expect(flows.get(f.id).error?.message).toMatch(/Nothing was changed/);
    } finally {
      await flows.close();
    }
  });
});
