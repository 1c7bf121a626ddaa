import fs from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persistConfirmedConnection } from '../../electron/core/connect/persist.js';
import { startApp, type RunningApp } from './harness.js';
import { chooseAllAndImport, continueAtSaltEdge, linkUpTo } from './link-steps.js';

const BIG_ROWS = 100_000;
const BIG_BANK = 'Fake OAuth Bank with 5000+ Transactions';
const BIG_ACCOUNT = 'Bulk account 1';
const NOTE = 'Team coffee, receipt #4471';

interface ShownRow {
  cells: string[];
  reviewed: boolean;
}

/** Every row of the (virtualised) table as it is shown: scrolls through it, then back to the top. */
async function readTable(page: Page, count: number): Promise<ShownRow[]> {
  const grid = page.getByRole('grid');
  const seen = new Map<number, ShownRow>();
  for (let pass = 0; seen.size < count && pass < 200; pass++) {
    const batch = await page.locator('[role="row"][data-id]').evaluateAll((els) =>
      els.map((el) => {
        const cells = [...el.querySelectorAll('[role="gridcell"]')];
        return {
          index: Number(el.getAttribute('aria-rowindex')) - 2,
          cells: cells.map((c) => (c.textContent ?? '').trim()),
          reviewed: (cells[7]!.querySelector('input') as HTMLInputElement).checked,
        };
      }),
    );
    for (const r of batch) seen.set(r.index, { cells: r.cells, reviewed: r.reviewed });
    await grid.evaluate((el) => (el.scrollTop += el.clientHeight / 2));
    await page.waitForTimeout(50);
  }
  await grid.evaluate((el) => (el.scrollTop = 0));
  expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...Array(count).keys()]);
  return [...Array(count).keys()].map((i) => seen.get(i)!);
}

/**
 * The statements view in Chromium through the preview host, the way a user gets there: a bank
 * linked through the app's wizard and the sandbox's Connect pages, the first import by the sync
 * engine, then Salt Edge unreachable (the sandbox is stopped) for the whole review.
 *
 * The 100,000-row account comes through the real sync engine too. The Connect pages cannot make
 * a login with that many rows, so the connection is made at the sandbox (seedBulkConnection,
 * for the app's own Salt Edge customer) and recorded here exactly as the Connect flow records a
 * confirmed connection; the user then switches its account on and clicks "Synchronise now"
 * on the Online Synchronization page, which pages all 100,000 rows from the sandbox over HTTP.
 */
describe('Statements view in Chromium, offline (sandbox stopped) after an import', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ viewport: { width: 1440, height: 960 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a user links a bank through the wizard and the Connect pages; the first import runs', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'No bank linked yet' }).waitFor();
    await linkUpTo(app, 'Northwind Bank');
    await page.getByRole('checkbox', { name: /I consent/ }).check();
    await continueAtSaltEdge(app, { username: 'oliver' });
    await chooseAllAndImport(app);
    await page.getByText(/Northwind Bank \(demo\) is linked/).waitFor();
    await page.getByRole('button', { name: 'Back to Online Synchronization' }).click();
    await page.getByRole('article', { name: 'Northwind Bank (demo)' }).getByLabel('Status: Active').waitFor();
  });

  it('a second bank login with 100,000 rows is imported by the sync engine ("Synchronise now"); then Salt Edge goes away', async () => {
    const { page } = app;
    // The login at the sandbox, for the app's own Salt Edge customer, recorded here as the
    // Connect flow records a confirmed connection (connection, consent, accounts switched off).
    const store = app.core.services.store();
    const customer = store.repos.customers.list().find((c) => c.saltedgeId)!;
    const seId = app.sandbox.control.seedBulkConnection({ customerId: customer.saltedgeId!, accounts: 1, transactionsPerAccount: BIG_ROWS, days: 365 });
    const client = await app.core.services.saltedge.client();
    const se = await client.getConnection(seId);
    persistConfirmedConnection(store, {
      connection: se,
      consent: se.lastConsentId ? await client.getConsent(se.lastConsentId) : null,
      accounts: await client.listAccounts(seId),
      localCustomerId: customer.id,
      createdByApp: true,
      error: null,
    });
    await store.save();

    // The user switches its account on and synchronises from the Online Synchronization page.
    await page.reload();
    const big = page.getByRole('article', { name: BIG_BANK });
    const bigSwitch = big.getByRole('switch', { name: `Import ${BIG_ACCOUNT}` });
    await bigSwitch.click(); // a controlled switch: it turns on once the core has saved it
    await expect.poll(() => bigSwitch.isChecked()).toBe(true);
    await expect.poll(() => bigSwitch.isEnabled()).toBe(true);
    const t0 = Date.now();
    await big.getByRole('button', { name: 'Synchronise now' }).click();
    const done = big.locator('.alert--success');
    await done.waitFor({ timeout: 90_000 });
    console.log(`statements e2e: import of the ${BIG_ROWS.toLocaleString('en-GB')}-row account by the sync engine (sandbox over HTTP, started from the UI): ${Date.now() - t0} ms`);
    console.log(`statements e2e: sync summary: ${await done.textContent()}`);
    await app.screenshot('statements-0-imported');

    // Offline from here on.
    await app.sandbox.close();
  }, 120_000);

  it('shows the first rows of the 100,000-row account quickly after navigation (measured)', async () => {
    const { page } = app;
    const open = async (): Promise<number> => {
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Statements', exact: true }).click();
      await page.locator('[role="row"][data-id]').first().waitFor();
      return Date.now() - t0;
    };
    const first = await open();
    // The first account in the navigation is the big one (banks are listed by name).
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(BIG_ACCOUNT);
    const later: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      later.push(await open());
    }
    later.sort((a, b) => a - b);
    console.log(
      `statements first rows (100,000-row account): first open ${first} ms, median ${later[2]} ms ` +
        `(later opens ${later.join(', ')} ms; target ≤ 500 ms, measured not asserted)`,
    );
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(BIG_ACCOUNT);
    await page.getByRole('status', { name: 'Totals of the listed transactions' }).getByText('100,000 transactions').waitFor();
    await page.locator('.stmt-chart__plot canvas').first().waitFor();
    await app.screenshot('statements-1-table');
    expect(later[2]).toBeLessThan(10_000); // sanity only
  });

  it('scrolls deep into the table, and sorts', async () => {
    const { page } = app;
    const grid = page.getByRole('grid');
    await grid.evaluate((el) => (el.scrollTop = 36 * 60_000));
    await expect.poll(() => page.locator('[role="row"][aria-rowindex="60002"][data-id]').count()).toBeGreaterThan(0);
    await grid.evaluate((el) => (el.scrollTop = 0));
    await page.getByRole('button', { name: /^Amount/ }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('button', { name: /^Date/ }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: /Date/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('opens the imported account of the linked bank and a statement; the chart highlights its period', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Current account/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Current account');
    await page.getByRole('button', { name: /^Statement / }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Statement /);
    await page.locator('.stmt-chart__plot canvas').first().waitFor();
    const box = await page.locator('.stmt-chart__plot').boundingBox();
    await page.mouse.move(box!.x + box!.width * 0.6, box!.y + box!.height / 2);
    await expect.poll(() => page.locator('.stmt-chart__hover strong').count()).toBe(1);
    expect(await page.locator('.stmt-chart__hover').textContent()).toMatch(/£/);
    await app.screenshot('statements-2-chart');
    await page.getByRole('button', { name: /Current account/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Current account');
  });

  it('searches, filters, marks reviewed with the keyboard, adds a note, exports CSV that matches the table', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search description, payee and note' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill('coffee');
    const totals = page.getByRole('status', { name: 'Totals of the listed transactions' });
    await totals.getByText(/match the filters/).waitFor();
    await page.getByLabel('Type').selectOption('out');
    await page.getByLabel('Status').selectOption('posted');
    const rows = page.locator('[role="row"][data-id]');
    await expect.poll(async () => (await rows.allTextContents()).every((t) => /coffee/i.test(t))).toBe(true);
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toMatch(/COFFEE/i);
    await app.screenshot('statements-3-filters');

    await page.getByRole('grid').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => rows.first().getByRole('checkbox', { name: /^Reviewed:/ }).isChecked()).toBe(true);
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'Add a note' });
    await dialog.getByRole('textbox', { name: 'Note' }).fill(NOTE);
    await dialog.getByRole('button', { name: 'Save note' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rows.first().getByText(NOTE).waitFor();
    await app.screenshot('statements-4-reviewed-note');

    // What the table shows, row by row: the table is virtualised, so scroll through it.
    const count = Number((await totals.textContent())!.match(/([\d,]+) transactions? match/)![1]!.replace(/,/g, ''));
    expect(count).toBeGreaterThan(1);
    const shown = await readTable(page, count);
    expect(shown[0]!.cells).toContain(NOTE);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /as CSV$/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^transactions-current-account-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(count);

    // The CSV's values as the table formats them (the browser's locale, like the app).
    const expected = await page.evaluate((csv) => {
      const lang = navigator.language || undefined;
      const dayFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
      return csv.map((r) => {
        const money = (v: string) => (v === '' ? '—' : new Intl.NumberFormat(lang, { style: 'currency', currency: r.Currency!, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v as `${number}`));
        return {
          cells: [
            '',
            dayFmt.format(new Date(`${r.Date}T00:00:00Z`)),
            r.Description || '—',
            r.Payee || '—',
            money(r.Amount!),
            money(r.Balance!),
            r.Status === 'pending' ? 'Pending' : 'Posted',
            '',
            r.Note || 'Add note',
          ],
          reviewed: r.Reviewed === 'yes',
        };
      });
    }, parsed.data);
    expect(shown).toEqual(expected);

    expect(parsed.data.every((r) => /coffee/i.test(`${r.Description} ${r.Payee} ${r.Note}`) && r.Amount!.startsWith('-') && r.Status === 'posted' && r.Currency === 'GBP')).toBe(true);
    expect(parsed.data[0]).toMatchObject({ Note: NOTE, Reviewed: 'yes', Account: 'Current account' });
    expect(parsed.data.filter((r) => r.Reviewed === 'yes')).toHaveLength(1);
  });

  it('after a restart of the preview (still offline) the review state and the note are kept', async () => {
    await app.restart();
    const { page } = app;
    await page.getByRole('button', { name: 'Statements', exact: true }).click();
    await page.locator('[role="row"][data-id]').first().waitFor();
    await page.getByRole('button', { name: /Current account/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Current account');
    await page.getByLabel('Review', { exact: true }).selectOption('yes');
    await page.getByRole('status', { name: 'Totals of the listed transactions' }).getByText('1 transaction', { exact: true }).waitFor();
    await expect.poll(() => page.locator('[role="row"][data-id]').count()).toBe(1);
    const row = page.locator('[role="row"][data-id]').filter({ hasText: NOTE });
    await row.waitFor();
    expect(await row.getByRole('checkbox', { name: /^Reviewed:/ }).isChecked()).toBe(true);
    expect(await row.textContent()).toMatch(/COFFEE/i);
    await app.screenshot('statements-5-after-restart');
  });
});
