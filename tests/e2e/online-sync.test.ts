import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.js';
import { chooseAllAndImport, continueAtSaltEdge, linkUpTo } from './link-steps.js';

let app: RunningApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function backToList(a: RunningApp) {
  await a.page.getByRole('button', { name: 'Back to Online Synchronization' }).click();
}

const card = (a: RunningApp, name: string) => a.page.getByRole('article', { name });

describe('Online synchronisation (issue 4)', () => {
  it('1: links a simple bank end to end: consent required, two accounts, first import, active', async () => {
    app = await startApp();
    const page = app.page;
    await page.getByRole('heading', { name: 'No bank linked yet' }).waitFor();
    await app.screenshot('link-0-empty-page');
    await linkUpTo(app, 'Fake Bank Simple', 'link');
    await page.getByRole('button', { name: 'Continue to Salt Edge' }).click();
    await page.getByText('Tick the box to give your consent').waitFor();
    await app.screenshot('link-4-consent-unticked');
    await page.getByRole('checkbox', { name: /I consent to Salt Edge/ }).check();
    await app.screenshot('link-4-consent');
    await continueAtSaltEdge(app, { username: 'alice', shots: 'link-5' });
    await chooseAllAndImport(app, 'link');
    await expect(page.getByText(/Fake Bank Simple is linked/).isVisible()).resolves.toBe(true);
    await backToList(app);
    const c = card(app, 'Fake Bank Simple');
    await c.waitFor();
    await expect(c.getByLabel('Status: Active').isVisible()).resolves.toBe(true);
    await expect(c.getByRole('switch').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).resolves.toEqual([true, true]);
    await app.screenshot('page-1-active');
  });

  it('2: links an interactive bank (SMS code) and an OAuth bank', async () => {
    app = await startApp();
    await linkUpTo(app, 'Fake Bank with SMS');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'bob', sms: '123456' });
    await chooseAllAndImport(app);
    await backToList(app);
    await linkUpTo(app, 'Fake OAuth Bank');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { oauth: true });
    await chooseAllAndImport(app, 'oauth');
    await backToList(app);
    await card(app, 'Fake OAuth Bank').waitFor();
    await expect(card(app, 'Fake Bank with SMS').getByLabel('Status: Active').isVisible()).resolves.toBe(true);
    await app.screenshot('page-2-two-banks');
  });

  it('3: same bank login again → already synchronised → Update credentials from there succeeds', async () => {
    app = await startApp();
    await linkUpTo(app, 'Fake Bank Simple');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'alice' });
    await chooseAllAndImport(app);
    await backToList(app);
    await linkUpTo(app, 'Fake Bank Simple');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'alice' });
    await app.page.getByRole('heading', { name: 'This bank login is already synchronised' }).waitFor();
    await app.screenshot('dup-1-guidance');
    await app.page.getByRole('button', { name: /Update credentials of Fake Bank Simple/ }).click();
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await app.screenshot('update-1-consent');
    await continueAtSaltEdge(app, { username: 'alice' });
    await app.page.getByText(/active again/).waitFor();
    await app.screenshot('update-2-done');
    await backToList(app);
    await expect(app.page.getByRole('article').count()).resolves.toBe(1);
  });

  it('4: expired consent → warning, Synchronise fails with the message, Update credentials repairs', async () => {
    app = await startApp();
    await linkUpTo(app, 'Fake Bank Simple');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'alice' });
    await chooseAllAndImport(app);
    const conns = (await app.core.call('connections.list', {})) as any;
    app.sandbox.control.expireConsent({ connectionId: conns.value.connections[0].saltedgeId });
    await app.page.reload();
    const c = card(app, 'Fake Bank Simple');
    await c.getByText('Consent expired', { exact: true }).waitFor();
    await c.getByRole('button', { name: 'Synchronise now' }).click();
    await c.getByText('AispConsentExpired').first().waitFor({ state: 'attached' });
    await app.screenshot('expired-1-sync-failed');
    await c.getByRole('button', { name: 'Update credentials' }).click();
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'alice' });
    await app.page.getByText(/active again/).waitFor();
    await backToList(app);
    await card(app, 'Fake Bank Simple').getByLabel('Status: Active').waitFor();
    await expect(card(app, 'Fake Bank Simple').getByText('Consent expired', { exact: true }).count()).resolves.toBe(0);
    await app.screenshot('expired-2-repaired');
  });

  it('5: fetch accounts finds the account that appeared later and adds it', async () => {
    app = await startApp();
    await linkUpTo(app, 'Fake Bank with New Account');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'nina' });
    await chooseAllAndImport(app);
    await backToList(app);
    const c = card(app, 'Fake Bank with New Account');
    await c.getByRole('button', { name: 'Fetch accounts' }).click();
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await app.screenshot('fetch-1-consent');
    await continueAtSaltEdge(app, {});
    await app.page.getByRole('heading', { name: 'New accounts found' }).waitFor();
    await app.screenshot('fetch-2-new-accounts');
    await expect(app.page.getByRole('checkbox', { name: /^Import / }).count()).resolves.toBe(1);
    await app.page.getByRole('button', { name: 'Import 1 account' }).click();
    await app.page.getByRole('heading', { name: 'Done' }).waitFor();
    await backToList(app);
    await expect(c.getByRole('switch').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).resolves.toEqual([true, true]);
    await app.screenshot('fetch-3-page');
  });

  it('6: revoke consent; delete with "still exists at Salt Edge", keeping statements', async () => {
    app = await startApp();
    await linkUpTo(app, 'Fake Bank Simple');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'alice' });
    await chooseAllAndImport(app);
    await backToList(app);
    const c = card(app, 'Fake Bank Simple');
    await c.getByRole('button', { name: 'Revoke consent' }).click();
    await app.screenshot('revoke-1-confirm');
    await c.getByRole('alertdialog').getByRole('button', { name: 'Revoke consent' }).click();
    await c.getByLabel('Status: Disconnected').waitFor();
    await app.screenshot('revoke-2-disconnected');
    app.sandbox.control.setDashboardOnly({ enabled: true });
    await c.getByRole('button', { name: 'Delete' }).click();
    await c.getByRole('radio', { name: /Keep the imported statements/ }).check();
    await app.screenshot('delete-1-confirm');
    await c.getByRole('button', { name: 'Delete connection' }).click();
    await c.getByText('Consent revoked, but the connection still exists at Salt Edge').waitFor();
    await app.screenshot('delete-2-still-at-saltedge');
    await c.getByRole('button', { name: /delete it here/ }).click();
    await app.page.getByRole('heading', { name: 'No bank linked yet' }).waitFor();
    const accounts = app.core.services.store().repos.accounts.list();
    expect(accounts.length).toBe(2); // kept with their statements (connection tombstoned)
  });

  it('7: cancel at Salt Edge, close the Connect tab, a forged redirect: nothing changes', async () => {
    app = await startApp();
    await linkUpTo(app, 'Fake Bank Simple');
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { cancel: true });
    await app.page.getByRole('heading', { name: 'Cancelled' }).waitFor();
    await app.screenshot('cancel-1-at-saltedge');
    await app.page.getByRole('button', { name: 'Start again' }).click();
    await app.page.getByRole('checkbox', { name: /I consent/ }).check();
    const [tab] = await Promise.all([app.page.context().waitForEvent('page'), app.page.getByRole('button', { name: 'Continue to Salt Edge' }).click()]);
    await tab.waitForLoadState();
    await tab.close();
    await app.page.getByRole('heading', { name: 'Continue at Salt Edge' }).waitFor();
    // a forged redirect with a wrong nonce, sent to the app's return listener
    const origin = (app.logLines.join('\n').match(/http:\/\/127\.0\.0\.1:\d+\/saltedge\/return/) ?? [null])[0];
    const flows = (app.core as any).flows;
    const listenerOrigin: string = origin ?? (await flows['listener']).origin + '/saltedge/return';
    const forged = await fetch(`${listenerOrigin.replace(/\/saltedge\/return$/, '')}/saltedge/return?nonce=${'x'.repeat(32)}&connection_id=123`);
    expect(forged.status).toBe(400);
    await app.page.getByRole('button', { name: 'Cancel' }).click();
    await app.page.getByRole('heading', { name: 'Cancelled' }).waitFor();
    await app.screenshot('cancel-2-in-app');
    expect(((await app.core.call('connections.list', {})) as any).value.connections).toEqual([]);
    expect(app.logLines.some((l) => /redirect refused: nonce unknown/.test(l))).toBe(true);
  });
});
