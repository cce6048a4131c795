// The steps of a sign-in as a user does them in the workbench: answer SignDesk's input boxes, follow the
// consent page that openExternal opens, log in to / answer the sandbox's consent page.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Workbench } from '../../runner/browser';
import type { Sandbox } from '../../sandbox/dropboxSign/server';
import type { Fixture } from './fixture';
import { waitFor } from './waitFor';

export const STATUS_ITEM = 'signdesk.signdesk.signdesk.status';
export const QUICK_INPUT = '.quick-input-widget';

/** Answers the next quick input (input box) whose title contains `title`; optionally checks it is a password box. */
export async function answerInput(workbench: Workbench, title: string, text: string, expectPassword?: boolean): Promise<void> {
  const widget = workbench.page.locator(QUICK_INPUT);
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  const input = widget.locator('.quick-input-box input');
  if (expectPassword !== undefined) {
    assert.equal(await input.getAttribute('type'), expectPassword ? 'password' : 'text', `${title}: input type`);
  }
  await input.fill(text);
  await input.press('Enter');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'hidden', timeout: 30_000 });
}

/**
 * Configure's last step is a modal dialog (the callback URL to register, or why `direct` cannot work in
 * this host): waits for it, returns its text, and closes it as a user's Escape does.
 */
export async function closeConfigureDialog(workbench: Workbench): Promise<string> {
  const box = workbench.page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  const text = (await box.innerText()).replace(/\s+/g, ' ').trim();
  await workbench.page.keyboard.press('Escape');
  await box.waitFor({ state: 'hidden', timeout: 10_000 });
  return text;
}

/**
 * Runs `action` (which makes SignDesk call openExternal) and returns the browser page it opens. A
 * non-localhost URL first shows the workbench's "open the external website?" dialog: press Open.
 */
export async function externalPage(fixture: Fixture, action: () => Promise<void>): Promise<Page> {
  const opened = fixture.context.waitForEvent('page', { timeout: 60_000 });
  await action();
  const open = fixture.workbench.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^\s*Open\s*$/ }).first();
  const page = await Promise.race([
    opened,
    open.waitFor({ state: 'visible', timeout: 60_000 }).then(async () => {
      await open.click();
      return opened;
    }),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/** The sandbox's login form (once per browser context), then its consent page's Accept or Deny. */
export async function answerConsent(page: Page, email: string, decision: 'accept' | 'deny'): Promise<void> {
  const login = page.locator('#login-form');
  const consent = page.locator('#consent-form');
  await Promise.race([login.waitFor({ timeout: 30_000 }), consent.waitFor({ timeout: 30_000 })]);
  if (await login.isVisible()) {
    await page.locator('#email').fill(email);
    await page.locator('#login').click();
  }
  await consent.waitFor({ timeout: 30_000 });
  await page.locator(decision === 'accept' ? '#accept' : '#deny').click();
}

/**
 * Configure the app (client id, secret, API key), Sign In as the sandbox's first user, accept on the
 * consent page, back through the relay page; asserts the status bar shows the user.
 */
export async function signIn(fixture: Fixture, sandbox: Sandbox): Promise<void> {
  const { workbench } = fixture;
  await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
  await answerInput(workbench, '(1/3)', sandbox.info.clientId);
  await answerInput(workbench, '(2/3)', sandbox.info.clientSecret);
  await answerInput(workbench, '(3/3)', sandbox.info.apiKey);
  await closeConfigureDialog(workbench);
  const page = await externalPage(fixture, async () => {
    await workbench.runCommand('SignDesk: Sign In');
    await answerInput(workbench, 'Sign in to Dropbox Sign', sandbox.info.users[0]);
  });
  await answerConsent(page, sandbox.info.users[0], 'accept');
  const status = await waitFor(() => workbench.statusBarText(STATUS_ITEM), (t) => t.includes(sandbox.info.users[0]));
  assert.equal(status, `Dropbox Sign: ${sandbox.info.users[0]}`);
  await page.close();
}
