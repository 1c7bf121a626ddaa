import type { Page } from 'playwright-core';
import { screenshotDir, type RunningApp } from './harness.js';

/**
 * The user's steps of linking a bank, shared by the end-to-end tests: the app's link wizard up
 * to "Continue to Salt Edge", the sandbox's Connect pages in their own tab, and the choice of
 * accounts for the first import.
 */

export interface AtSaltEdge {
  username?: string;
  sms?: string;
  oauth?: boolean;
  cancel?: boolean;
  /** Screenshot name prefix for the Connect pages. */
  shots?: string;
}

/** Clicks "Continue to Salt Edge", then does the user's part in the Connect tab. */
export async function continueAtSaltEdge(a: RunningApp, how: AtSaltEdge): Promise<Page> {
  const page = a.page;
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Continue to Salt Edge' }).click()]);
  await tab.waitForLoadState();
  if (how.shots) {
    await a.screenshot(`${how.shots}-app-waiting`);
    await tab.screenshot({ path: `${screenshotDir}/${how.shots}-saltedge-1.png` });
  }
  if (how.cancel) {
    await tab.getByRole('button', { name: 'Cancel' }).click();
    return tab;
  }
  if (how.oauth) await tab.getByRole('button', { name: 'Authorise' }).click();
  else if (how.username === undefined) {
    await tab.getByRole('button', { name: 'Continue' }).click(); // refresh session: a confirmation only
  } else {
    await tab.getByLabel('Username').fill(how.username);
    await tab.getByLabel('Password').fill('secret');
    await tab.getByRole('button', { name: 'Continue' }).click();
  }
  if (how.sms) {
    await tab.getByLabel('SMS code').fill(how.sms);
    await tab.getByRole('button', { name: 'Continue' }).click();
  }
  const agree = tab.getByLabel(/I agree to share/);
  if (await agree.count()) {
    await agree.check();
    await tab.getByRole('button', { name: 'Continue' }).click();
  }
  await tab.getByText('You can close this tab/window and return to LeanSoft Companion').waitFor();
  if (how.shots) await tab.screenshot({ path: `${screenshotDir}/${how.shots}-saltedge-return.png` });
  // As the return page asks: close the tab and go back to the app.
  await tab.close();
  await page.bringToFront();
  return tab;
}

/** Link a bank → search and pick `bank` → phone → email, up to the consent step. */
export async function linkUpTo(a: RunningApp, bank: string, shots?: string): Promise<void> {
  const page = a.page;
  await page.getByRole('button', { name: 'Link a bank' }).click();
  await page.getByRole('searchbox', { name: 'Search by bank name' }).fill(bank);
  await page.getByRole('radio', { name: new RegExp(bank) }).first().check();
  if (shots) await a.screenshot(`${shots}-1-institution`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Phone number' }).fill('+40 721 234 567');
  if (shots) await a.screenshot(`${shots}-2-phone`);
  await page.getByRole('button', { name: 'Next' }).click();
  const email = page.getByRole('textbox', { name: 'Email address' });
  if ((await email.getAttribute('readonly')) === null) await email.fill('owner@example.com');
  if (shots) await a.screenshot(`${shots}-3-email`);
  await page.getByRole('button', { name: 'Next' }).click();
}

/** On "Choose the accounts to import": imports all of them and waits for the first import to end. */
export async function chooseAllAndImport(a: RunningApp, shots?: string): Promise<void> {
  const page = a.page;
  await page.getByRole('heading', { name: 'Choose the accounts to import' }).waitFor();
  if (shots) await a.screenshot(`${shots}-6-accounts`);
  await page.getByRole('button', { name: /^Import \d+ accounts?$/ }).click();
  await page.getByRole('heading', { name: 'Done' }).waitFor();
  if (shots) await a.screenshot(`${shots}-8-done`);
}
