import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../electron/core/sandbox/index.js';
import { startApp, type RunningApp } from './harness.js';

describe('app shell and Settings in Chromium (preview host)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens on Online Synchronization in demo mode and navigates the three pages', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Online Synchronization');
    await page.getByText('Demo mode').first().waitFor();
    await app.screenshot('shell-1-online-sync');

    await page.getByRole('button', { name: 'Statements' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Statements');
    await app.screenshot('shell-2-statements');

    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    await app.screenshot('shell-3-settings-demo');
  });

  it('tests the demo connection against the sandbox', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Connected' }).textContent()).toContain('demo mode');
  });

  it('saves keys to the live keychain, reports success, then the right message for a wrong secret', async () => {
    const { page } = app;
    await page.getByLabel('API base URL (used with your keys)').fill(app.sandbox.apiUrl);
    await page.getByRole('button', { name: 'Save address' }).click();

    await page.getByLabel('App-id').fill(DEMO_CREDENTIALS.appId);
    await page.getByLabel('Secret', { exact: true }).fill(DEMO_CREDENTIALS.secret);
    await page.getByRole('button', { name: 'Save keys' }).click();
    await page.getByText('Keys saved to the keychain.').waitFor();
    expect(await app.secrets.get('saltedge.appId')).toBe(DEMO_CREDENTIALS.appId);
    expect(await app.secrets.get('saltedge.secret')).toBe(DEMO_CREDENTIALS.secret);
    await page.getByText('Live', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await app.screenshot('settings-1-live-connected');

    await page.getByLabel('App-id').fill(DEMO_CREDENTIALS.appId);
    await page.getByLabel('Secret', { exact: true }).fill('not-the-right-secret');
    await page.getByRole('button', { name: 'Save keys' }).click();
    await page.getByText('Keys saved to the keychain.').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const failure = page.locator('.alert--error').filter({ hasText: 'ApiKeyNotFound' });
    await failure.waitFor();
    await failure.getByText('Details for support').click();
    await app.screenshot('settings-2-wrong-secret');
    const text = (await failure.textContent()) ?? '';
    expect(text).toMatch(/App-id|keys|Settings/i);

    // The secret never came back to the page.
    expect(await page.content()).not.toContain('not-the-right-secret');
    expect(app.logLines.join('\n')).not.toContain('not-the-right-secret');
  });
});
