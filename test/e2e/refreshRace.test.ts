// Two workbench tabs of one VS Code server refresh the same account at once (issue 10, item 1): the
// sandbox rotates refresh tokens, so the second refresh request to arrive is refused with invalid_grant.
// The tabs share context.secrets as `code serve-web` shares them (encrypted in the browser's storage, read
// by each tab when it loads). Neither tab may end up signed out, now or after a reload.
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from '../runner/browser';
import { repoRoot } from '../runner/paths';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { signDeskLog } from './support/signDeskLog';
import { answerConsent, answerInput, closeConfigureDialog, externalPage, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

/** The status bar text, or '' while SignDesk's item is not shown (e.g. during an extension host restart). */
async function statusText(workbench: Workbench): Promise<string> {
  const texts = await workbench.statusBarItem(STATUS_ITEM).allInnerTexts();
  return texts[0]?.trim() ?? '';
}

function requestRows(workbench: Workbench): Promise<string[]> {
  return workbench.treeRows(workbench.viewPane('Signature Requests'));
}

async function showsRequests(workbench: Workbench): Promise<void> {
  await workbench.openViewContainer('SignDesk');
  const rows = await waitFor(() => requestRows(workbench), (r) => r.some((t) => t.includes('NDA with Acme Co.')), 60_000);
  assert.ok(rows.some((t) => t.includes('NDA with Acme Co.')), rows.join(' | '));
}

const TOKEN_DELAY_MS = 2000;

describe('Two tabs refreshing at once stay signed in (e2e)', function () {
  this.timeout(240_000);
  const { service, sandbox: sb } = sandboxService(
    () => ({
      'signdesk.oauth.redirect': 'direct',
      'signdesk.autoRefreshSeconds': 0, // only the Refreshes below ask for tokens
    }),
    (s) => {
      s.admin.setRateLimits({ enabled: false });
      s.admin.updateApp(s.info.clientId, { acceptAnyRedirectUri: true });
    },
  );
  const fixture = workbenchFixture({ services: [service] });
  let second: Workbench;
  const email = (): string => sb().info.users[0];

  after(async () => {
    await second?.page.close().catch(() => undefined);
  });

  it('signed in in one tab, a second tab of the same server is signed in too (setup)', async () => {
    const { workbench } = fixture;
    await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', sb().info.clientId);
    await answerInput(workbench, '(2/3)', sb().info.clientSecret);
    await answerInput(workbench, '(3/3)', '');
    await closeConfigureDialog(workbench); // Configure ends in a modal with the callback URL to register
    const page = await externalPage(fixture, () => workbench.runCommand('SignDesk: Sign In'));
    await answerConsent(page, email(), 'accept');
    assert.equal(await waitFor(() => statusText(workbench), (t) => t.includes(email())), `Dropbox Sign: ${email()}`);
    await page.close();
    await showsRequests(workbench);

    second = await openWorkbench(fixture.context, fixture.server, { folder: fixture.workspace, extensionDevelopmentPath: repoRoot });
    assert.equal(await waitFor(() => statusText(second), (t) => t.includes(email()), 60_000), `Dropbox Sign: ${email()}`);
    await showsRequests(second);
  });

  it('every access token expired, token requests held 2 s, Refresh in both tabs → neither says "sign in again"', async () => {
    const tabs = [fixture.workbench, second];
    const before = await Promise.all(tabs.map((tab) => tab.notifications()));
    const logBefore = signDeskLog(fixture).length;
    sb().admin.resetCounters();
    assert.equal(sb().admin.expireAccessTokens({ all: true }), 1);
    sb().admin.injectFault({ path: '/oauth/token', method: 'POST', kind: 'delay', delayMs: TOKEN_DELAY_MS, count: 2 });

    for (const tab of tabs) await tab.runCommand('SignDesk: Refresh');

    // Both refresh requests were in flight together: one was answered with new tokens, the other refused.
    const counters = await waitFor(
      async () => sb().admin.counters(),
      (c) => (c.token.refresh_token ?? 0) >= 2,
    );
    assert.equal(counters.token.refresh_token, 2, 'each tab sent one refresh request');
    assert.equal(counters.tokenIssued.refresh_token, 1, 'the sandbox rotated once and refused the other (the race happened)');
    // The refused tab has decided (it logs what) once it stopped waiting for the other tab's tokens.
    const decided = /tokens do not reach this window|Using the tokens another window stored|the user must sign in again/;
    const log = await waitFor(async () => signDeskLog(fixture).slice(logBefore), (text) => decided.test(text));
    assert.match(log, /Refreshed the access token/);
    assert.doesNotMatch(log, /the user must sign in again/);

    for (const [index, tab] of tabs.entries()) {
      assert.equal(await statusText(tab), `Dropbox Sign: ${email()}`, `tab ${index + 1}: status bar`);
    }
    const added = async (): Promise<string[]> =>
      (await Promise.all(tabs.map(async (tab, index) => (await tab.notifications()).filter((m) => !before[index].includes(m))))).flat();
    const shown = await waitFor(added, (messages) => messages.some((m) => /Reload the window/.test(m)), 10_000);
    assert.ok(!shown.some((m) => /sign in again|expired/i.test(m)), shown.join(' | '));
    // A web workbench tab reads the secrets only when it loads, so the refused tab cannot use the other tab's
    // new tokens before a reload, and says so (still signed in) instead of signing out.
    assert.deepEqual(
      shown.filter((m) => /Reload the window/.test(m)),
      ['Another VS Code window renewed your Dropbox Sign sign-in, and this window cannot see the new tokens until it reloads. Reload the window to continue.'],
      shown.join(' | '),
    );
    assert.equal(sb().admin.counters().token.authorization_code ?? 0, 0, 'no new sign-in');
  });

  it('reload both tabs → both still signed in and list the requests, with no new sign-in', async () => {
    sb().admin.resetCounters();
    for (const tab of [fixture.workbench, second]) {
      await tab.reloadWindow();
      assert.equal(await waitFor(() => statusText(tab), (t) => t.includes(email()), 60_000), `Dropbox Sign: ${email()}`);
      await showsRequests(tab);
    }
    assert.equal(sb().admin.counters().token.authorization_code ?? 0, 0, 'no new sign-in');
  });
});
