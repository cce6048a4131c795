// The README's "Set up" steps, literally, against exactly the settings `npm start` writes (startSettings,
// with the three sandboxes it starts: Dropbox Sign, Dropbox and signNow): F1, type the command's title, Enter; keep the
// client ID npm start put in the settings, paste the printed client secret, no API key; close the dialog
// naming the callback URL (the sandbox has it registered); F1 "SignDesk: Sign In" Enter, pick Dropbox Sign
// (Dropbox is configured too, so Sign In asks which service; signNow waits for its client secret); accept on the consent page as a demo user
// → signed in, the requests listed; then, in the playground npm start opens, send the sample document
// from the Explorer and sign out.
import * as assert from 'node:assert/strict';
import type { Workbench } from '../runner/browser';
import { playgroundFiles, SAMPLE_DOCUMENT } from '../runner/playground';
import { workbenchFixture } from './support/fixture';
import { startSettings } from '../runner/start';
import { SANDBOX_HOST } from '../runner/sandboxSettings';
import { startDropboxSandbox } from '../sandbox/dropbox/server';
import { startSandbox, type Sandbox } from '../sandbox/dropboxSign/server';
import { startSignNowSandbox } from '../sandbox/signNow/server';
import type { FixtureService } from './support/fixture';
import { contextMenu, openedSendForm, sendFormClosed } from './support/sendSteps';
import { answerConsent, closeConfigureDialog, externalPage, QUICK_INPUT, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

/** Waits for the input box whose title contains `title`; returns its current value. */
async function inputBox(workbench: Workbench, title: string): Promise<string> {
  const widget = workbench.page.locator(QUICK_INPUT);
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  return widget.locator('.quick-input-box input').inputValue();
}

describe('README "Set up": npm start, then Configure and Sign In as it says (e2e)', function () {
  this.timeout(180_000);
  // The three sandboxes npm start starts, and exactly the settings it writes, nothing added.
  let started: Sandbox | undefined;
  const sandbox = (): Sandbox => started ?? assert.fail('the sandbox has not started');
  const service: FixtureService = {
    name: 'npm start sandboxes',
    start: async () => {
      const signSandbox = await startSandbox({ host: SANDBOX_HOST });
      const dropbox = await startDropboxSandbox({ host: SANDBOX_HOST, callbackUrl: signSandbox.info.callbackUrl });
      const signNow = await startSignNowSandbox({ host: SANDBOX_HOST, callbackUrl: signSandbox.info.callbackUrl });
      started = signSandbox;
      return {
        settings: startSettings(signSandbox.info, dropbox.info, signNow.info),
        close: async () => {
          await Promise.all([signSandbox.close(), dropbox.close(), signNow.close()]);
        },
      };
    },
  };
  const fixture = workbenchFixture({ services: [service], workspaceFiles: playgroundFiles() }); // the folder npm start opens

  it('"SignDesk: Configure Dropbox Sign App": the client ID is filled in, paste the client secret; it names the callback URL the sandbox has registered', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    const listed = await workbench.typeCommand('SignDesk: Configure Dropbox Sign App');
    assert.equal(listed[0], 'SignDesk: Configure Dropbox Sign App', `Enter runs what was typed; listed: ${listed.join(' | ')}`);
    assert.equal(await inputBox(workbench, '(1/3)'), s.info.clientId, 'npm start put the client ID in the settings');
    await workbench.page.keyboard.press('Enter');
    await inputBox(workbench, '(2/3)');
    await workbench.page.keyboard.insertText(s.info.clientSecret); // pasted
    await workbench.page.keyboard.press('Enter');
    assert.equal(await inputBox(workbench, '(3/3)'), '', 'the API key is optional');
    await workbench.page.keyboard.press('Enter');
    const dialog = await closeConfigureDialog(workbench);
    assert.ok(dialog.includes('Register this OAuth callback URL'), dialog);
    assert.ok(dialog.includes(s.info.callbackUrl), `Configure names the callback the sandbox's demo app has registered: ${dialog}`);
    assert.equal(await waitFor(() => workbench.statusBarText(STATUS_ITEM), (t) => t === 'Dropbox Sign: signed out'), 'Dropbox Sign: signed out');
  });

  it('"SignDesk: Sign In", accept as a demo user → signed in as that user, the Signature Requests view lists the requests', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    const user = s.info.users[0];
    let listed: string[] = [];
    const consent = await externalPage(fixture, async () => {
      listed = await workbench.typeCommand('SignDesk: Sign In');
      // Dropbox Sign and Dropbox are configured (signNow lacks its client secret): Sign In asks which; the README says pick Dropbox Sign.
      const pick = workbench.page.locator(QUICK_INPUT);
      await pick.locator('.quick-input-title', { hasText: 'Sign In' }).waitFor({ state: 'visible', timeout: 30_000 });
      await workbench.page.keyboard.type('Dropbox Sign');
      await pick.locator('.monaco-list-row', { hasText: 'Dropbox Sign' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await workbench.page.keyboard.press('Enter');
    }).catch((error: unknown) => assert.fail(`no consent page opened; the palette listed ${listed.join(' | ')}: ${String(error)}`));
    assert.equal(listed[0], 'SignDesk: Sign In', `Enter runs what was typed; listed: ${listed.join(' | ')}`);
    const error = consent.locator('#error-message');
    const shown = await Promise.race([
      consent.locator('#login-form, #consent-form').first().waitFor({ timeout: 30_000 }).then(() => 'consent'),
      error.waitFor({ timeout: 30_000 }).then(() => 'error'),
    ]);
    if (shown === 'error') assert.fail(`Dropbox Sign showed an error page instead of the consent page: ${await error.innerText()}`);
    await answerConsent(consent, user, 'accept');
    const status = await waitFor(() => workbench.statusBarText(STATUS_ITEM), (t) => t.includes(user), 60_000);
    assert.equal(status, `Dropbox Sign: ${user}`, `the consent tab ended on ${consent.url()}`);
    assert.equal(s.admin.counters().token.authorization_code, 1, 'one code exchanged');
    await consent.close();

    await workbench.openViewContainer('SignDesk');
    const pane = workbench.viewPane('Signature Requests');
    const rows = await waitFor(() => workbench.treeRows(pane), (r) => r.some((t) => t.includes('NDA with Acme Co.')));
    assert.ok(rows.some((t) => /^Awaiting signature \(\d+\)/.test(t)), rows.join(' | '));
    assert.ok(rows.some((t) => t.includes('NDA with Acme Co.')), rows.join(' | '));
  });

  it(`right-click "${SAMPLE_DOCUMENT}" in the Explorer → Send for Signature… → a test request goes out; "SignDesk: Sign Out" → signed out`, async () => {
    const { workbench } = fixture;
    const s = sandbox();
    const page = workbench.page;
    await workbench.runCommand('View: Show Explorer');
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: SAMPLE_DOCUMENT }).first();
    await file.waitFor({ state: 'visible', timeout: 15_000 });
    await contextMenu(page, file, 'Send for Signature…');
    const form = await openedSendForm(page);
    assert.equal(await form.locator('#title').inputValue(), 'Sample Agreement');
    assert.equal(await form.locator('#testMode').isChecked(), true, 'test mode');
    await form.locator('#signer-name-0').fill('Sam Stranger');
    await form.locator('#signer-email-0').fill('sam.stranger@example.com');
    await form.locator('#signer-email-0').press('Tab');
    await form.locator('#send').click();
    const sent = await waitFor(async () => s.admin.state().requests.find((r) => r.title === 'Sample Agreement'), (r) => r !== undefined);
    assert.ok(sent, 'the request reached the sandbox');
    assert.equal(sent.testMode, true);
    await sendFormClosed(page);
    const toasts = await waitFor(() => workbench.notifications(), (list) => list.some((m) => m.startsWith('Sent “Sample Agreement”')));
    assert.ok(toasts.some((m) => m === 'Sent “Sample Agreement” to Sam Stranger in test mode.'), toasts.join(' | '));

    const listed = await workbench.typeCommand('SignDesk: Sign Out');
    assert.equal(listed[0], 'SignDesk: Sign Out', `Enter runs what was typed; listed: ${listed.join(' | ')}`);
    assert.equal(await waitFor(() => workbench.statusBarText(STATUS_ITEM), (t) => t === 'Dropbox Sign: signed out'), 'Dropbox Sign: signed out');
  });
});
