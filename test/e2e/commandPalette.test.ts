// The command palette and the login indicator as a user meets them: the indicator is in the status bar
// as soon as the workbench has loaded (nothing of SignDesk touched), and typing a command's title and
// pressing Enter runs that command — not another one the palette happens to list first.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { signDeskLog } from './support/signDeskLog';
import { answerConsent, answerInput, externalPage, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

const CANCEL = 'SignDesk: Cancel Waiting for Authorization';

describe('command palette', function () {
  this.timeout(60_000);
  const fixture = workbenchFixture();

  it('shows the login indicator right after the workbench loads, without the SignDesk view or any command', async () => {
    const { workbench } = fixture;
    // First test of the file: nothing has run a SignDesk command or opened its view.
    assert.equal(await workbench.sideBar().getByText('Signature Requests').count(), 0, 'the SignDesk view is not open');
    assert.equal(await workbench.statusBarText(STATUS_ITEM), 'Dropbox Sign: not configured');
    assert.equal(await workbench.statusBarItem(STATUS_ITEM).getAttribute('aria-label'), 'Dropbox Sign: not configured');
  });

  it('runs "SignDesk: Show Log", which shows the SignDesk channel in the output panel', async () => {
    const { workbench } = fixture;
    await workbench.runCommand('SignDesk: Show Log');
    const channel = await waitFor(() => workbench.outputChannelName(), (name) => name === 'SignDesk', 15_000);
    assert.equal(channel, 'SignDesk');
    // activate() logs its version: the channel is SignDesk's log, not an empty one with the same name.
    const text = await waitFor(() => workbench.outputText(), (shown) => /SignDesk \d+\.\d+\.\d+ activated/.test(shown), 15_000);
    assert.match(text, /SignDesk \d+\.\d+\.\d+ activated/);
  });
});

describe('command palette: typing a title and Enter runs that command (sandbox)', function () {
  this.timeout(120_000);
  const { service, sandbox } = sandboxService((s) => ({ 'signdesk.oauth.relayUrl': s.info.relayUrl }));
  const fixture = workbenchFixture({ services: [service] });
  const viewButtons = ['Send for Signature…', 'Filter Signature Requests…', 'Refresh'];
  const status = () => fixture.workbench.statusBarText(STATUS_ITEM);

  it('Configure: the callback URL to register stays in a dialog until Copy is clicked', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    await workbench.typeCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', s.info.clientId, false);
    await answerInput(workbench, '(2/3)', s.info.clientSecret, true);
    await answerInput(workbench, '(3/3)', '', true); // no API key: Sign In goes straight to the browser
    const dialog = await waitFor(() => workbench.dialogText(), (text) => text.includes('Register this OAuth callback URL'));
    assert.ok(dialog.includes(s.info.relayUrl), dialog);
    await workbench.clickDialogButton('Copy Callback URL');
    const toasts = await waitFor(() => workbench.notifications(), (list) => list.some((m) => m.startsWith('Callback URL copied.')));
    assert.ok(toasts.some((m) => m.startsWith('Callback URL copied.')), toasts.join(' | '));
    assert.equal(await waitFor(status, (t) => t === 'Dropbox Sign: signed out'), 'Dropbox Sign: signed out');
  });

  it("signed out: the view's Send, Filter and Refresh buttons are not there", async () => {
    const { workbench } = fixture;
    await workbench.openViewContainer('SignDesk');
    await workbench.sideBar().getByRole('button', { name: 'Sign In to Dropbox Sign' }).waitFor({ timeout: 30_000 });
    const actions = await workbench.sideBarActions();
    for (const button of viewButtons) assert.ok(!actions.includes(button), `${button} shown while signed out: ${actions.join(', ')}`);
  });

  it('"SignDesk: Sign In" + Enter starts a sign-in (the consent page opens) and does not run Cancel Waiting for Authorization', async () => {
    const { workbench } = fixture;
    let listed: string[] = [];
    const page = await externalPage(fixture, async () => {
      listed = await workbench.typeCommand('SignDesk: Sign In');
    });
    assert.ok(!listed.includes(CANCEL), `listed: ${listed.join(' | ')}`);
    assert.ok(!listed.includes('SignDesk: Complete Authorization…'), `listed: ${listed.join(' | ')}`);
    assert.equal(listed[0], 'SignDesk: Sign In', `listed: ${listed.join(' | ')}`);
    await page.locator('#login-form, #consent-form').first().waitFor({ timeout: 30_000 });
    assert.equal(await waitFor(status, (t) => t === 'Dropbox Sign: signing in…'), 'Dropbox Sign: signing in…');

    // While it waits, Cancel Waiting for Authorization is offered and does what it says.
    await workbench.typeCommand(CANCEL);
    assert.equal(await waitFor(status, (t) => t === 'Dropbox Sign: signed out'), 'Dropbox Sign: signed out');
    await page.close();
  });

  it('while a sign-in waits, "SignDesk: Sign In" + Enter runs Sign In: it starts over with a new consent page, still signing in', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    // Started from the status bar, not the palette: the palette's history now has Cancel more recent than
    // Sign In, and it lists recently used commands first.
    const first = await externalPage(fixture, () => workbench.statusBarItem(STATUS_ITEM).click());
    await first.locator('#login-form, #consent-form').first().waitFor({ timeout: 30_000 });
    assert.equal(await waitFor(status, (t) => t === 'Dropbox Sign: signing in…'), 'Dropbox Sign: signing in…');

    let listed: string[] = [];
    const second = await externalPage(fixture, async () => {
      listed = await workbench.typeCommand('SignDesk: Sign In');
    });
    // Cancel Waiting for Authorization may be listed last, among the palette's "similar commands", which
    // never rank above a title that matches what was typed.
    assert.equal(listed[0], 'SignDesk: Sign In', `listed: ${listed.join(' | ')}`);
    const stateOf = (page: Page) => new URL(page.url()).searchParams.get('state');
    assert.notEqual(stateOf(second), stateOf(first), 'a new attempt');
    assert.equal(await status(), 'Dropbox Sign: signing in…');

    // The replaced attempt's page no longer signs anyone in: its callback is ignored, nothing is exchanged.
    await answerConsent(first, s.info.users[0], 'accept');
    const log = await waitFor(async () => signDeskLog(fixture), (text) => /ignored a callback that matches no waiting sign-in/.test(text));
    assert.match(log, /ignored a callback that matches no waiting sign-in/);
    assert.equal(s.admin.counters().token.authorization_code ?? 0, 0, 'no code was exchanged');
    assert.equal(await status(), 'Dropbox Sign: signing in…');
    // The new attempt is the one that answers.
    await answerConsent(second, s.info.users[0], 'deny');
    assert.equal(await waitFor(status, (t) => t === 'Dropbox Sign: signed out'), 'Dropbox Sign: signed out');
    await first.close();
    await second.close();
  });

  it('Sign In + Enter again, Accept → signed in; now the view offers Send, Filter and Refresh', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    const page = await externalPage(fixture, async () => {
      await workbench.typeCommand('SignDesk: Sign In');
    });
    await answerConsent(page, s.info.users[0], 'accept');
    assert.equal(await waitFor(status, (t) => t.includes(s.info.users[0])), `Dropbox Sign: ${s.info.users[0]}`);
    await page.close();
    const actions = await waitFor(() => workbench.sideBarActions(), (labels) => viewButtons.every((b) => labels.includes(b)));
    for (const button of viewButtons) assert.ok(actions.includes(button), `${button} missing: ${actions.join(', ')}`);
  });
});
