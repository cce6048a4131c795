// A sign-in the service never sends back: the app has another callback URL registered than the one SignDesk
// sends, so the sandbox (like Dropbox Sign) shows its own error page instead of redirecting. The page says
// what was sent and what is registered; SignDesk, after a short wait, names the URL to register (Copy) and
// how to stop waiting (Cancel Sign-In) instead of a bare "Waiting…".
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { answerInput, closeConfigureDialog, externalPage, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

const REGISTERED = 'https://relay.signdesk-user.example/';
const NOTICE = 'No answer from Dropbox Sign yet';

describe('Sign-in that never comes back (e2e)', function () {
  this.timeout(180_000);
  const { service, sandbox } = sandboxService(undefined, (s) => s.admin.updateApp(s.info.clientId, { callbackUrl: REGISTERED }));
  const fixture = workbenchFixture({ services: [service] });
  let consent: Page | undefined;

  after(async () => consent?.close());

  it('the consent page is the sandbox\'s error page: the redirect_uri sent, the callback registered', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', s.info.clientId);
    await answerInput(workbench, '(2/3)', s.info.clientSecret);
    await answerInput(workbench, '(3/3)', '');
    await closeConfigureDialog(workbench);
    consent = await externalPage(fixture, () => workbench.runCommand('SignDesk: Sign In'));
    await consent.locator('#error-message').waitFor({ timeout: 30_000 });
    assert.match(await consent.locator('#error-message').innerText(), /redirect_uri does not match/);
    assert.equal(await consent.locator('#sent-redirect-uri').innerText(), s.info.relayUrl);
    assert.equal(await consent.locator('#registered-callback-url').innerText(), REGISTERED);
  });

  it('after a short wait SignDesk names the callback URL to register; Copy Callback URL copies it; Cancel Sign-In ends the wait', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    await workbench.page.bringToFront();
    const toasts = await waitFor(() => workbench.notifications(), (list) => list.some((m) => m.includes(NOTICE)), 60_000);
    const notice = toasts.find((m) => m.includes(NOTICE)) ?? assert.fail(`no "${NOTICE}" notification: ${toasts.join(' | ')}`);
    assert.ok(notice.includes(s.info.relayUrl), notice);
    assert.match(notice, /register this callback URL in your app: .*\. Cancel Sign-In stops waiting\.$/);
    assert.ok(toasts.some((m) => m.includes('Waiting for you to authorize')), `the progress still shows: ${toasts.join(' | ')}`);
    assert.equal(sandbox().admin.counters().token.authorization_code ?? 0, 0);

    const toast = workbench.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: NOTICE }).first();
    const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(buttons, ['Copy Callback URL', 'Cancel Sign-In']);
    await fixture.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(workbench.page.url()).origin });
    await toast.locator('.monaco-button', { hasText: 'Copy Callback URL' }).click();
    await waitFor(() => workbench.notifications(), (list) => list.includes('Callback URL copied.'));
    assert.equal(await workbench.page.evaluate(() => navigator.clipboard.readText()), s.info.relayUrl);

    await workbench.runCommand('SignDesk: Cancel Waiting for Authorization');
    const after = await waitFor(() => workbench.notifications(), (list) => !list.some((m) => m.includes('Waiting for you to authorize')));
    assert.ok(!after.some((m) => m.includes('Waiting for you to authorize')), `the progress is gone: ${after.join(' | ')}`);
    assert.equal(await waitFor(() => workbench.statusBarText(STATUS_ITEM), (t) => t.endsWith('signed out')), 'Dropbox Sign: signed out');
  });

  it('the notice\'s own Cancel Sign-In button ends the next attempt the same way', async () => {
    const { workbench } = fixture;
    await consent?.close();
    consent = await externalPage(fixture, () => workbench.runCommand('SignDesk: Sign In'));
    await workbench.page.bringToFront();
    const toast = workbench.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: NOTICE }).first();
    await toast.waitFor({ state: 'visible', timeout: 60_000 });
    await toast.locator('.monaco-button', { hasText: 'Cancel Sign-In' }).click();
    const after = await waitFor(() => workbench.notifications(), (list) => !list.some((m) => m.includes('Waiting for you to authorize')));
    assert.ok(!after.some((m) => m.includes('Waiting for you to authorize')), `the progress is gone: ${after.join(' | ')}`);
    assert.equal(await waitFor(() => workbench.statusBarText(STATUS_ITEM), (t) => t.endsWith('signed out')), 'Dropbox Sign: signed out');
    assert.equal(sandbox().admin.counters().token.authorization_code ?? 0, 0);
  });
});
