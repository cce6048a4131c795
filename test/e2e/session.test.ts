// The session side in the real workbench (VS Code server + headless Chromium) against the sandbox:
// after a sign-in from the palette, an access token the service expired is refreshed silently; reloading
// the window (a new extension host, SignDesk activated again) keeps the user signed in; signing out
// removes the session (status bar, Accounts menu, view), survives a reload too, and keeps the app's
// client secret. The harness serves the workbench with `/mint-key` as `code serve-web` does, so the
// workbench keeps context.secrets (encrypted) across reloads as a real VS Code does.
// The sandbox listens on 127.0.0.2: this web host rewrites 127.0.0.1 URLs opened with openExternal.
import * as assert from 'node:assert/strict';
import type { Workbench } from '../runner/browser';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { signDeskLog } from './support/signDeskLog';
import { answerConsent, answerInput, closeConfigureDialog, externalPage, QUICK_INPUT, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

/** The status bar text, or '' while SignDesk's item is not shown (e.g. during an extension host restart). */
async function statusText(workbench: Workbench): Promise<string> {
  const texts = await workbench.statusBarItem(STATUS_ITEM).allInnerTexts(); // does not wait for the item
  return texts[0]?.trim() ?? '';
}


function requestRows(workbench: Workbench): Promise<string[]> {
  return workbench.treeRows(workbench.viewPane('Signature Requests'));
}

describe('Session: silent refresh, sign out (e2e)', function () {
  this.timeout(180_000);
  const { service, sandbox: sb } = sandboxService(
    () => ({
      'signdesk.oauth.redirect': 'direct',
      'signdesk.autoRefreshSeconds': 0, // the tests refresh explicitly
    }),
    (s) => {
      s.admin.setRateLimits({ enabled: false });
      // On a VS Code server the extension's callback changes with every sign-in: let the app accept it.
      s.admin.updateApp(s.info.clientId, { acceptAnyRedirectUri: true });
    },
  );
  const fixture = workbenchFixture({ services: [service] });

  it('signs in from the palette (setup for the tests below)', async () => {
    const { workbench } = fixture;
    await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', sb().info.clientId);
    await answerInput(workbench, '(2/3)', sb().info.clientSecret);
    await answerInput(workbench, '(3/3)', '');
    await closeConfigureDialog(workbench); // "direct cannot work here": kept, the sandbox accepts any redirect
    const page = await externalPage(fixture, () => workbench.runCommand('SignDesk: Sign In'));
    await answerConsent(page, sb().info.users[0], 'accept');
    const text = await waitFor(() => statusText(workbench), (t) => t.includes(sb().info.users[0]));
    assert.equal(text, `Dropbox Sign: ${sb().info.users[0]}`);
    await page.close();
  });

  it('an access token the service expired is refreshed without the user noticing (one refresh, no message)', async () => {
    const { workbench } = fixture;
    await workbench.openViewContainer('SignDesk');
    await waitFor(() => requestRows(workbench), (rows) => rows.some((t) => t.includes('NDA with Acme Co.')));
    const shownBefore = await workbench.notifications();
    sb().admin.resetCounters();
    assert.equal(sb().admin.expireAccessTokens({ all: true }), 1, 'the sign-in’s access token was live');

    await workbench.runCommand('SignDesk: Refresh');
    const counters = await waitFor(
      async () => sb().admin.counters(),
      (c) => (c.tokenIssued.refresh_token ?? 0) >= 1 && (c.http['GET /v3/signature_request/list'] ?? 0) >= 2,
    );
    assert.equal(counters.token.refresh_token, 1, 'exactly one refresh request');
    assert.equal(counters.tokenIssued.refresh_token, 1);
    assert.equal(counters.http['GET /v3/signature_request/list'], 2, 'the refused call and its one retry');
    assert.equal(counters.token.authorization_code ?? 0, 0, 'no new sign-in');
    assert.ok((await requestRows(workbench)).some((t) => t.includes('NDA with Acme Co.')));
    assert.equal(await statusText(workbench), `Dropbox Sign: ${sb().info.users[0]}`);
    const shownAfter = (await workbench.notifications()).filter((m) => !shownBefore.includes(m));
    assert.deepEqual(shownAfter, [], 'the refresh showed the user nothing');
  });

  it('clicking the status bar opens the account menu; "Refresh Sign-In" gets a new token and says until when', async () => {
    const { workbench } = fixture;
    sb().admin.resetCounters();
    await workbench.statusBarItem(STATUS_ITEM).click();
    const picks = workbench.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
    await picks.first().waitFor({ state: 'visible', timeout: 30_000 });
    const labels = (await picks.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    for (const expected of ['Refresh Signature Requests', 'Refresh Sign-In', 'Switch Account…', 'Sign Out', 'Show Log']) {
      assert.ok(labels.some((l) => l.includes(expected)), `account menu: ${labels.join(' | ')}`);
    }
    await picks.filter({ hasText: 'Refresh Sign-In' }).first().click();
    const notes = await waitFor(() => workbench.notifications(), (n) => n.some((m) => m.includes('the new access token is valid until')));
    assert.ok(notes.some((m) => m.includes(`signed in as ${sb().info.users[0]}`)), notes.join(' | '));
    assert.equal(sb().admin.counters().tokenIssued.refresh_token, 1);
  });

  it('Switch Account lists the signed-in account as current and offers to add another', async () => {
    const { workbench } = fixture;
    await workbench.runCommand('SignDesk: Switch Account…');
    const picks = workbench.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
    await picks.first().waitFor({ state: 'visible', timeout: 30_000 });
    const labels = (await picks.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await workbench.page.keyboard.press('Escape');
    assert.ok(labels.some((l) => l.includes(sb().info.users[0]) && l.includes('current')), labels.join(' | '));
    assert.ok(labels.some((l) => l.includes('Add another account…')), labels.join(' | '));
  });

  it('reload the window → still signed in: status bar, Accounts menu and requests, with no new sign-in', async () => {
    const { workbench } = fixture;
    sb().admin.resetCounters();
    await workbench.reloadWindow();
    const text = await waitFor(() => statusText(workbench), (t) => t.includes(sb().info.users[0]), 60_000);
    assert.equal(text, `Dropbox Sign: ${sb().info.users[0]}`);
    assert.ok((await workbench.accountsMenu()).some((entry) => entry.includes(sb().info.users[0])), 'the Accounts menu lists the account');
    await workbench.openViewContainer('SignDesk');
    await waitFor(() => requestRows(workbench), (rows) => rows.some((t) => t.includes('NDA with Acme Co.')));
    assert.equal(sb().admin.counters().token.authorization_code ?? 0, 0, 'no new sign-in');
    // Kept by the workbench's secret storage, which encrypts: the browser's storage shows no session in clear.
    const stored = await workbench.page.evaluate(() => Object.values(localStorage).join('\n'));
    assert.ok(!stored.includes(sb().info.users[0]), 'the session is not in localStorage in clear text');
  });

  it('Sign Out → "signed out", the Accounts menu drops the account, the view asks to sign in', async () => {
    const { workbench } = fixture;
    assert.ok((await workbench.accountsMenu()).some((entry) => entry.includes(sb().info.users[0])), 'listed before');
    await workbench.runCommand('SignDesk: Sign Out');
    assert.equal(await waitFor(() => statusText(workbench), (t) => t === 'Dropbox Sign: signed out'), 'Dropbox Sign: signed out');
    const entries = await waitFor(() => workbench.accountsMenu(), (list) => !list.some((e) => e.includes(sb().info.users[0])));
    assert.ok(!entries.some((entry) => entry.includes(sb().info.users[0])), `Accounts menu: ${entries.join(' | ')}`);
    const welcome = workbench.viewPane('Signature Requests').locator('.welcome-view-content');
    assert.match(await waitFor(async () => ((await welcome.isVisible()) ? welcome.innerText() : ''), (t) => t.includes('Sign in')), /Sign in to Dropbox Sign/);
    assert.match(await waitFor(async () => signDeskLog(fixture), (log) => /Removed the dropboxSign session/.test(log)), /Removed the dropboxSign session of account \S+/);
  });

  it('reload after sign-out → still signed out (the removal was stored too)', async () => {
    const { workbench } = fixture;
    await workbench.reloadWindow();
    const welcome = workbench.viewPane('Signature Requests').locator('.welcome-view-content');
    await workbench.openViewContainer('SignDesk');
    assert.match(await waitFor(async () => ((await welcome.isVisible()) ? welcome.innerText() : ''), (t) => t.includes('Sign in')), /Sign in to Dropbox Sign/);
    assert.equal(await waitFor(() => statusText(workbench), (t) => t !== ''), 'Dropbox Sign: signed out');
  });

  it('sign-out and the reload kept the app configuration: Sign In goes straight to Dropbox Sign without asking for the secret', async () => {
    const { workbench } = fixture;
    const page = await externalPage(fixture, () => workbench.runCommand('SignDesk: Sign In'));
    assert.match(page.url(), /\/oauth\/authorize\?/);
    await answerConsent(page, sb().info.users[0], 'accept');
    const text = await waitFor(() => statusText(workbench), (t) => t.includes(sb().info.users[0]));
    assert.equal(text, `Dropbox Sign: ${sb().info.users[0]}`);
    await page.close();
  });
});
