// The account creation flow in the real workbench (VS Code server + headless Chromium) against the
// sandbox: with the app's API key configured, "SignDesk: Sign In" asks for the email, /account/verify
// finds no account, SignDesk offers to create one (/account/create with the app's client id and secret),
// stores the oauth_data tokens and shows the account as awaiting activation. Once the sandbox confirms
// the account (the user clicking the email link), the next call succeeds and the account becomes active.
// The sandbox listens on 127.0.0.2: this web host rewrites 127.0.0.1 URLs opened with openExternal.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Workbench } from '../runner/browser';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { signDeskLog } from './support/signDeskLog';
import { answerInput, closeConfigureDialog, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

const NEW_EMAIL = `new-user-${process.pid}@example.com`;

/** The status bar item's text and its accessible label (which says why it needs attention). */
async function statusItem(workbench: Workbench): Promise<{ text: string; label: string; icon?: string }> {
  const item = workbench.statusBarItem(STATUS_ITEM);
  const texts = await item.allInnerTexts(); // does not wait for the item
  const classes = await item.locator('.codicon').evaluateAll((nodes) => nodes.map((n) => n.className).join(' '));
  return {
    text: texts[0]?.trim() ?? '',
    label: (await item.getAttribute('aria-label').catch(() => null)) ?? '',
    icon: /\bcodicon-(?!modifier)([\w-]+)/.exec(classes)?.[1],
  };
}


/**
 * The notifications shown to the user: the toasts, or (when a toast is already gone or was crowded out
 * by other toasts) the notification center's list.
 */
async function shownNotifications(workbench: Workbench, expected: (message: string) => boolean): Promise<string[]> {
  const toasts = await waitFor(() => workbench.notifications(), (n) => n.some(expected), 15_000);
  if (toasts.some(expected)) return toasts;
  await workbench.runCommand('Notifications: Show Notifications');
  const items = workbench.page.locator('.notifications-center .notification-list-item-message');
  const center = await waitFor(async () => (await items.allInnerTexts()).map((t) => t.trim()), (n) => n.some(expected), 15_000);
  await workbench.page.keyboard.press('Escape');
  return center;
}

function requestsPane(workbench: Workbench): Locator {
  return workbench.viewPane('Signature Requests');
}

async function paneText(workbench: Workbench): Promise<string> {
  const pane = requestsPane(workbench);
  return (await pane.isVisible()) ? (await pane.innerText()).replace(/\s+/g, ' ') : '';
}

describe('Account creation flow from Sign In (e2e)', function () {
  this.timeout(180_000);
  const { service, sandbox } = sandboxService(
    () => ({ 'signdesk.autoRefreshSeconds': 0 }), // the test refreshes explicitly
    (s) => s.admin.setRateLimits({ enabled: false }),
  );
  const fixture = workbenchFixture({ services: [service] });

  it('Sign In with an email that has no account → SignDesk offers to create it', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', s.info.clientId, false);
    await answerInput(workbench, '(2/3)', s.info.clientSecret, true);
    await answerInput(workbench, '(3/3)', s.info.apiKey, true);
    await closeConfigureDialog(workbench);
    assert.equal(await waitFor(async () => (await statusItem(workbench)).text, (t) => t !== ''), 'Dropbox Sign: signed out');

    await workbench.runCommand('SignDesk: Sign In');
    await answerInput(workbench, 'Sign in to Dropbox Sign', NEW_EMAIL, false);
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(`No Dropbox Sign account uses ${NEW_EMAIL}. Create one and connect it to your app?`), text);
    assert.ok(text.includes('Dropbox Sign will email a confirmation link to that address.'), text);
    const counters = s.admin.counters();
    assert.equal(counters.http['POST /v3/account/verify'], 1, 'SignDesk checked the account');
    assert.equal(counters.http['POST /v3/account/create'] ?? 0, 0, 'nothing is created before the user agrees');
    assert.equal(s.admin.state().accounts.some((a) => a.email === NEW_EMAIL), false);
  });

  it('Create Account → the account exists (unconfirmed), "confirm the email…" is shown, the status bar says awaiting activation', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    await workbench.clickDialogButton('Create Account');
    const created = `Created the Dropbox Sign account ${NEW_EMAIL}. Confirm the email from Dropbox Sign, then authorize the app: until then SignDesk shows the account as awaiting activation.`;
    const notes = await shownNotifications(workbench, (m) => m.includes(`Created the Dropbox Sign account ${NEW_EMAIL}`));
    assert.ok(notes.includes(created), notes.join(' | '));
    const account = s.admin.state().accounts.find((a) => a.email === NEW_EMAIL);
    assert.ok(account, 'the sandbox has the new account');
    assert.equal(account.confirmed, false);
    assert.equal(s.admin.counters().http['POST /v3/account/create'], 1);
    assert.equal(s.admin.counters().token.authorization_code ?? 0, 0, 'no authorization code flow ran');

    const status = await waitFor(() => statusItem(workbench), (st) => st.text.includes(NEW_EMAIL));
    assert.equal(status.text, `Dropbox Sign: ${NEW_EMAIL}`);
    assert.equal(status.icon, 'warning', 'needs attention, not signed in');
    assert.equal(
      status.label,
      `Dropbox Sign: needs attention. Confirm the email Dropbox Sign sent to ${NEW_EMAIL}, then authorize the app.`,
    );
    const accounts = await waitFor(() => workbench.accountsMenu(), (entries) => entries.some((e) => e.includes(NEW_EMAIL)));
    assert.ok(accounts.some((e) => e.includes(NEW_EMAIL) && e.includes('Dropbox Sign')), `Accounts menu: ${accounts.join(' | ')}`);
    assert.match(signDeskLog(fixture), new RegExp(`created the Dropbox Sign account ${NEW_EMAIL.replace(/[.]/g, '\\.')}; waiting for the email to be confirmed`));
  });

  it('before the email is confirmed the requests view cannot load and says why; the account stays awaiting activation', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    await workbench.openViewContainer('SignDesk');
    // The reason is the view's message; under it, the rows to act on it.
    const text = await waitFor(() => paneText(workbench), (t) => t.includes('not been confirmed'));
    assert.ok(text.includes('This account has not been confirmed yet: confirm the email from Dropbox Sign, then authorize the app.'), text);
    const rows = await waitFor(() => workbench.treeRows(workbench.viewPane('Signature Requests')), (r) => r.includes('Retry'));
    assert.deepEqual(rows, ['Retry', 'Show Log']);
    assert.ok((s.admin.counters().http['GET /v3/signature_request/list'] ?? 0) >= 1, 'the view asked the service');
    assert.equal(s.admin.counters().token.refresh_token ?? 0, 0, 'a 403 for an unconfirmed account burns no refresh token');
    const status = await statusItem(workbench);
    assert.equal(status.icon, 'warning');
    assert.match(status.label, /needs attention/);
  });

  it('the sandbox confirms the account → Retry loads the (empty) list and the status bar shows the email as signed in', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    s.admin.confirmAccount(NEW_EMAIL);
    s.admin.resetCounters();
    await workbench.viewPane('Signature Requests').locator('.monaco-list-row', { hasText: 'Retry' }).first().click();
    const text = await waitFor(() => paneText(workbench), (t) => t.includes('has not sent any signature requests yet'));
    assert.ok(text.includes('Your API app has not sent any signature requests yet.'), text);
    assert.ok(!text.includes('not been confirmed'), text);
    assert.equal(s.admin.counters().http['GET /v3/signature_request/list'], 1, 'one list call, which succeeded');
    const status = await waitFor(() => statusItem(workbench), (st) => st.icon === 'pass');
    assert.equal(status.text, `Dropbox Sign: ${NEW_EMAIL}`);
    assert.equal(status.icon, 'pass');
    assert.equal(status.label, `Dropbox Sign: signed in as ${NEW_EMAIL}`);
    assert.equal(s.admin.counters().token.authorization_code ?? 0, 0, 'active without another sign-in');
  });
});
