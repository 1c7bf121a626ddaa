import { createSign, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../electron/core/sandbox/index.js';
import { all, api, createCustomer, FIXED_NOW, KEYS, link, start } from './helpers.js';

describe('request signatures', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await start({ signaturePublicKeyPem: publicPem });
  });
  afterAll(() => sb.close());

  const nowS = Math.floor(FIXED_NOW.getTime() / 1000);
  function signed(method: string, pathAndQuery: string, body: string, expiresAt = nowS + 60, key = privateKey) {
    const url = `${sb.apiUrl}${pathAndQuery}`;
    const signature = createSign('sha256').update(`${expiresAt}|${method}|${url}|${body}`).sign(key, 'base64');
    return fetch(url, {
      method,
      headers: { ...KEYS, 'Content-Type': 'application/json', 'Expires-at': String(expiresAt), Signature: signature },
      ...(body ? { body } : {}),
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
  }

  it('accepts correctly signed GET and POST requests', async () => {
    expect((await signed('GET', '/countries?x=1', '')).status).toBe(200);
    const body = JSON.stringify({ data: { identifier: 'signed@example.com' } });
    const r = await signed('POST', '/customers', body);
    expect(r.status).toBe(200);
  });

  it('MissingSignature / SignatureNotMatch / RequestExpired / ExpiresAtInvalid', async () => {
    expect((await api(sb, 'GET', '/countries')).json.error.class).toBe('MissingSignature');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const wrongKey = await signed('GET', '/countries', '', nowS + 60, other);
    expect([wrongKey.status, wrongKey.json.error.class]).toEqual([401, 'SignatureNotMatch']);
    const expired = await signed('GET', '/countries', '', nowS - 1);
    expect(expired.json.error.class).toBe('RequestExpired');
    const tooFar = await signed('GET', '/countries', '', nowS + 2 * 3600);
    expect(tooFar.json.error.class).toBe('ExpiresAtInvalid');
    // the signed body must be the body sent
    const sig = createSign('sha256').update(`${nowS + 60}|POST|${sb.apiUrl}/customers|{"data":{"identifier":"a"}}`).sign(privateKey, 'base64');
    const tampered = await fetch(`${sb.apiUrl}/customers`, {
      method: 'POST',
      headers: { ...KEYS, 'Expires-at': String(nowS + 60), Signature: sig },
      body: '{"data":{"identifier":"b"}}',
    });
    expect(((await tampered.json()) as any).error.class).toBe('SignatureNotMatch');
    const badExpires = await fetch(`${sb.apiUrl}/countries`, { headers: { ...KEYS, 'Expires-at': 'soon', Signature: 'x' } });
    expect(((await badExpires.json()) as any).error.class).toBe('ExpiresAtInvalid');
  });
});

describe('persistence with statePath', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
  const statePath = path.join(dir, 'nested', 'sandbox-state.json');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps customers, connections, data, consents and the clock offset across a restart', async () => {
    const first = await start({ statePath });
    const customer = await createCustomer(first, 'persist@example.com');
    const id = await link(first, customer, 'fakebank_with_pending_xf', { username: 'keep' });
    const bulk = first.control.seedBulkConnection({ customerId: customer, accounts: 1, transactionsPerAccount: 3000 });
    // A second connection whose consent is revoked (a revoked consent stops data access).
    const revokedConn = await link(first, customer, 'fakebank_simple_xf', { username: 'revoked' });
    const consentId = (await api(first, 'GET', `/connections/${revokedConn}`)).json.data.last_consent_id;
    await api(first, 'PUT', `/consents/${consentId}/revoke`);
    first.control.advanceClock({ days: 2 });
    first.control.setDashboardOnly({ enabled: true });
    const txBefore = (await all(first, `/transactions?connection_id=${id}`)).items;
    const pendingBefore = (await api(first, 'GET', `/transactions?connection_id=${id}&pending=true`)).json.data;
    const accountsBefore = (await api(first, 'GET', `/accounts?connection_id=${id}`)).text;
    await first.close();
    expect(fs.existsSync(statePath)).toBe(true);
    expect(fs.statSync(statePath).size).toBeLessThan(500_000); // bulk rows are not stored

    const second = await start({ statePath, seed: 999 });
    try {
      expect((await api(second, 'GET', '/customers?identifier=persist%40example.com')).json.data[0].customer_id).toBe(customer);
      expect((await api(second, 'GET', `/connections/${id}`)).json.data.status).toBe('active');
      expect((await all(second, `/transactions?connection_id=${id}`)).items).toEqual(txBefore);
      expect((await api(second, 'GET', `/transactions?connection_id=${id}&pending=true`)).json.data).toEqual(pendingBefore);
      expect((await api(second, 'GET', `/accounts?connection_id=${id}`)).text).toBe(accountsBefore);
      expect((await all(second, `/transactions?connection_id=${bulk}`)).items).toHaveLength(3000);
      expect((await api(second, 'GET', `/consents/${consentId}`)).json.data.revoke_reason).toBe('client');
      const s = second.control.summary();
      expect(s).toMatchObject({ clockOffsetMs: 2 * 86_400_000, dashboardOnly: true, seed: 42 });
      // new ids continue after the old ones
      const c2 = await createCustomer(second, 'new@example.com');
      expect(BigInt(c2) > BigInt(customer)).toBe(true);
      expect((await api(second, 'POST', '/customers', { data: { identifier: 'persist@example.com' } })).status).toBe(409);
    } finally {
      await second.close();
    }
  });

  it('refuses a file that is not a sandbox state', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"hello":1}');
    await expect(start({ statePath: bad })).rejects.toThrow(/not a sandbox state/);
  });
});
