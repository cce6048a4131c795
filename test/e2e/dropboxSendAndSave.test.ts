// Dropbox end to end in Chromium, against the Dropbox Sign and Dropbox sandboxes as npm start runs them:
// sign in to Dropbox through the browser (relay page) → browse the Dropbox view → right-click a PDF → Send
// for Signature… with Dropbox Sign (the form says Dropbox Sign fetches the file from Dropbox; the Dropbox
// Sign sandbox fetches the temporary link) → the signer signs (sandbox admin) → Save Signed Copy to
// Dropbox… on the completed request → Reveal in Dropbox view selects the new file, which Dropbox now has.
import * as assert from 'node:assert/strict';
import { SANDBOX_HOST, signDeskSandboxSettings } from '../runner/sandboxSettings';
import { startDropboxSandbox, type DropboxSandbox } from '../sandbox/dropbox/server';
import { startSandbox, type Sandbox } from '../sandbox/dropboxSign/server';
import { workbenchFixture, type FixtureService } from './support/fixture';
import { contextMenu, openedSendForm, sendFormClosed } from './support/sendSteps';
import { answerConsent, answerInput, closeConfigureDialog, externalPage, QUICK_INPUT } from './support/signInSteps';
import { waitFor } from './support/waitFor';

describe('Dropbox: sign in, browse, send a Dropbox PDF with Dropbox Sign, save the signed copy back (e2e)', function () {
  this.timeout(180_000);
  let sign: Sandbox | undefined;
  let dropbox: DropboxSandbox | undefined;
  const service: FixtureService = {
    name: 'sandboxes',
    start: async () => {
      sign = await startSandbox({ host: SANDBOX_HOST });
      dropbox = await startDropboxSandbox({ host: SANDBOX_HOST, callbackUrl: sign.info.callbackUrl });
      return { settings: signDeskSandboxSettings(sign.info, dropbox.info), close: async () => void (await Promise.all([sign?.close(), dropbox?.close()])) };
    },
  };
  const fixture = workbenchFixture({ services: [service] });
  const signSandbox = (): Sandbox => sign ?? assert.fail('not started');
  const dropboxSandbox = (): DropboxSandbox => dropbox ?? assert.fail('not started');

  it('signs in to Dropbox Sign, then to Dropbox through the browser from the Dropbox view', async () => {
    const { workbench } = fixture;
    const s = signSandbox();
    await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', s.info.clientId);
    await answerInput(workbench, '(2/3)', s.info.clientSecret);
    await answerInput(workbench, '(3/3)', '');
    await closeConfigureDialog(workbench);
    const consent = await externalPage(fixture, async () => {
      await workbench.runCommand('SignDesk: Sign In');
      const pick = workbench.page.locator(QUICK_INPUT);
      await pick.locator('.quick-input-title', { hasText: 'Sign In' }).waitFor({ state: 'visible', timeout: 30_000 });
      await workbench.page.keyboard.type('Dropbox Sign');
      await pick.locator('.monaco-list-row', { hasText: 'Dropbox Sign' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await workbench.page.keyboard.press('Enter');
    });
    await answerConsent(consent, s.info.users[0], 'accept');
    await waitFor(() => workbench.statusBarText('signdesk.signdesk.signdesk.status'), (t) => t.includes(s.info.users[0]), 60_000);
    await consent.close();

    await workbench.openViewContainer('SignDesk');
    const pane = workbench.viewPane('Dropbox');
    const signInLink = pane.locator('a, .monaco-button', { hasText: 'Sign In to Dropbox' }).first();
    await signInLink.waitFor({ state: 'visible', timeout: 30_000 });
    const dropboxConsent = await externalPage(fixture, () => signInLink.click());
    await answerConsent(dropboxConsent, dropboxSandbox().info.users[0], 'accept');
    const rows = await waitFor(() => workbench.treeRows(pane), (r) => r.some((t) => t.startsWith('Contracts')), 60_000);
    assert.ok(rows.some((t) => t.startsWith('Welcome.pdf')), rows.join(' | '));
    await dropboxConsent.close();
  });

  it('browses into Contracts and sends "NDA Acme.pdf" with Dropbox Sign, which fetches it from Dropbox', async () => {
    const { workbench } = fixture;
    const page = workbench.page;
    const pane = workbench.viewPane('Dropbox');
    await pane.locator('.monaco-list-row', { hasText: 'Contracts' }).first().click();
    const file = pane.locator('.monaco-list-row', { hasText: 'NDA Acme.pdf' }).first();
    await file.waitFor({ state: 'visible', timeout: 30_000 });
    await contextMenu(page, file, 'Send for Signature…');
    const form = await openedSendForm(page);
    assert.equal(await form.locator('#title').inputValue(), 'NDA Acme');
    assert.match(await form.locator('#source-note').innerText(), /Dropbox Sign will fetch “NDA Acme\.pdf” from Dropbox when you press Send/);
    await form.locator('#signer-name-0').fill('Carol Signer');
    await form.locator('#signer-email-0').fill('carol@example.com');
    await form.locator('#signer-email-0').press('Tab');
    await form.locator('#send').click();
    const sent = await waitFor(async () => signSandbox().admin.state().requests.find((r) => r.title === 'NDA Acme'), (r) => r !== undefined, 30_000);
    assert.ok(sent);
    await sendFormClosed(page);
    assert.deepEqual(dropboxSandbox().admin.counters().linkFetches, { 200: 1 }, 'Dropbox Sign fetched the temporary link once');
  });

  it('the signer signs; Save Signed Copy to Dropbox… puts it in /SignDesk/ and Reveal in Dropbox view selects it', async () => {
    const { workbench } = fixture;
    const page = workbench.page;
    const s = signSandbox();
    const request = s.admin.state().requests.find((r) => r.title === 'NDA Acme');
    assert.ok(request);
    s.admin.moveSigner(request.id, { email: 'carol@example.com' }, 'sign');
    s.admin.setFilesPreparing(request.id, false);
    await workbench.runCommand('SignDesk: Refresh');
    const requests = workbench.viewPane('Signature Requests');
    // The seed has one completed request: wait for the refresh to move NDA Acme there (two), not for the group.
    const completedGroup = requests.locator('.monaco-list-row', { hasText: /^Completed \(2\)/ }).first();
    await completedGroup.waitFor({ state: 'visible', timeout: 30_000 });
    const row = requests.locator('.monaco-list-row[aria-label^="NDA Acme, Completed"]').first();
    if ((await completedGroup.getAttribute('aria-expanded')) !== 'true') await completedGroup.click();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await contextMenu(page, row, 'Save Signed Copy to Dropbox…');
    const widget = page.locator(QUICK_INPUT);
    await widget.locator('.quick-input-title', { hasText: 'Save the signed copy' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await widget.locator('.quick-input-box input').inputValue(), '/SignDesk/');
    await widget.locator('.quick-input-box input').press('Enter');
    const saved = await waitFor(() => workbench.notifications(), (list) => list.some((m) => m.startsWith('Saved the signed copy of “NDA Acme”')), 60_000);
    assert.ok(saved.some((m) => m.includes('to Dropbox as /SignDesk/NDA Acme.pdf')), saved.join(' | '));
    const stored = dropboxSandbox().admin.file(dropboxSandbox().info.users[0], '/SignDesk/NDA Acme.pdf');
    assert.ok(stored?.content?.subarray(0, 4).equals(Buffer.from('%PDF')), 'Dropbox has the signed PDF');

    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Reveal in Dropbox view' }).first().click();
    const pane = workbench.viewPane('Dropbox');
    const selected = pane.locator('.monaco-list-row.selected', { hasText: 'NDA Acme.pdf' });
    await selected.waitFor({ state: 'visible', timeout: 30_000 });
    const rows = await workbench.treeRows(pane);
    assert.ok(rows.some((t) => t.startsWith('SignDesk')), rows.join(' | '));
  });
});
