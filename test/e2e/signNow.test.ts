// signNow end to end in Chromium (issue 13), against the signNow sandbox set up as `npm start` sets it up: its
// settings from test/runner/sandboxSettings.ts, the relay redirect mode, and the Dropbox Sign sandbox's relay
// page as the signNow demo app's registered callback. As a user does it, from the command palette: Configure
// signNow App → Sign In to signNow through the browser → the documents listed → Send for Signature… from a
// workspace file → the signer signs (sandbox admin) → Refresh shows it completed → Download as PDF… → Sign Out,
// which revokes the token at signNow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Workbench } from '../runner/browser';
import { SANDBOX_HOST, signDeskSandboxSettings } from '../runner/sandboxSettings';
import { startSandbox, type Sandbox } from '../sandbox/dropboxSign/server';
import { startSignNowSandbox, type SignNowSandbox } from '../sandbox/signNow/server';
import { workbenchFixture, type FixtureService } from './support/fixture';
import { contextMenu, openedSendForm, sendFormClosed } from './support/sendSteps';
import { answerInput, closeConfigureDialog, externalPage, QUICK_INPUT } from './support/signInSteps';
import { waitFor } from './support/waitFor';

const STATUS = 'signdesk.signdesk.signdesk.status.signNow';
const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const SIGNER = 'grace.signer@example.com';

/** F1, the title, Enter, as a user runs a command; the title must be what the palette puts first. */
async function runFromPalette(workbench: Workbench, title: string): Promise<void> {
  const listed = await workbench.typeCommand(title);
  assert.equal(listed[0], title, `Enter ran the first of: ${listed.join(' | ')}`);
}

/** The signNow sandbox's login form (email and password), then its consent page's Accept. */
async function logInAndAccept(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.locator('#login-form').waitFor({ timeout: 30_000 });
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await page.locator('#login').click();
  await page.locator('#accept').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#account-email').innerText(), user.email);
  await page.locator('#accept').click();
}

describe('signNow: configure, sign in through the browser, send, sign, refresh, download, sign out (e2e)', function () {
  this.timeout(120_000);
  let sign: Sandbox | undefined;
  let signNow: SignNowSandbox | undefined;
  const service: FixtureService = {
    name: 'sandboxes',
    start: async () => {
      // As npm start: the signNow demo app's registered callback is the relay page signdesk.oauth.relayUrl names.
      sign = await startSandbox({ host: SANDBOX_HOST });
      signNow = await startSignNowSandbox({ host: SANDBOX_HOST, callbackUrl: sign.info.callbackUrl });
      return {
        // Refresh is the user's here: no auto refresh may show the signature first.
        settings: { ...signDeskSandboxSettings(sign.info, undefined, signNow.info), 'signdesk.autoRefreshSeconds': 0 },
        close: async () => void (await Promise.all([sign?.close(), signNow?.close()])),
      };
    },
  };
  const fixture = workbenchFixture({ services: [service], workspaceFiles: { 'contracts/Lease.pdf': PDF } });
  const sn = (): SignNowSandbox => signNow ?? assert.fail('not started');
  const relayUrl = (): string => sign?.info.callbackUrl ?? assert.fail('not started');
  const user = () => sn().info.users[0];
  const requests = () => fixture.workbench.viewPane('Signature Requests');

  it('Configure signNow App: the client ID is filled in, the secret goes in a password box, the callback URL to register is shown', async () => {
    const { workbench } = fixture;
    await runFromPalette(workbench, 'SignDesk: Configure signNow App');
    const widget = workbench.page.locator(QUICK_INPUT);
    await widget.locator('.quick-input-title', { hasText: '(1/2)' }).waitFor({ state: 'visible', timeout: 30_000 });
    const clientId = widget.locator('.quick-input-box input');
    assert.equal(await clientId.inputValue(), sn().info.clientId, 'the client ID npm start wrote is filled in');
    await clientId.press('Enter');
    await answerInput(workbench, '(2/2)', sn().info.clientSecret, true);
    const shown = await closeConfigureDialog(workbench);
    assert.ok(shown.includes(relayUrl()), shown);
    assert.equal(await waitFor(() => workbench.statusBarText(STATUS), (t) => t === 'signNow: signed out'), 'signNow: signed out');
  });

  it('Sign In to signNow: the sandbox’s /authorize, log in and accept, back through the relay page; the status bar shows the account', async () => {
    const { workbench } = fixture;
    const page = await externalPage(fixture, () => runFromPalette(workbench, 'SignDesk: Sign In to signNow'));
    const authorize = new URL(page.url());
    assert.equal(authorize.origin + authorize.pathname, `${sn().info.oauthBaseUrl}/authorize`);
    assert.equal(authorize.searchParams.get('client_id'), sn().info.clientId);
    assert.equal(authorize.searchParams.get('redirect_uri'), relayUrl(), 'relay mode, as npm start sets it');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    await logInAndAccept(page, user());
    const status = await waitFor(() => workbench.statusBarText(STATUS), (t) => t.includes(user().email), 30_000);
    assert.equal(status, `signNow: ${user().email}`);
    assert.ok(navigations.some((url) => url.startsWith(relayUrl())), `through the relay page: ${navigations.map((u) => new URL(u).origin + new URL(u).pathname).join(' → ')}`);
    assert.equal(sn().admin.counters().tokenIssued.authorization_code, 1, 'one code exchanged');
    await page.close();
  });

  it('the Signature Requests view lists the signNow documents by state, the draft hidden', async () => {
    const { workbench } = fixture;
    await workbench.openViewContainer('SignDesk');
    const rows = await waitFor(() => workbench.treeRows(requests()), (r) => r.some((t) => t.startsWith('Awaiting signature (3)')), 30_000);
    for (const title of ['NDA', 'Photo Release', 'Services Agreement']) assert.ok(rows.some((t) => t.startsWith(title)), `${title}: ${rows.join(' | ')}`);
    for (const group of ['Completed (2)', 'Declined (1)', 'Canceled or error (2)']) assert.ok(rows.some((t) => t.startsWith(group)), `${group}: ${rows.join(' | ')}`);
    assert.ok(!rows.some((t) => t.includes('Unsent Draft')), 'the draft is not listed');
  });

  it('Send for Signature… from a workspace file: the form has no test-mode box; signNow has the document; it is listed as awaiting', async () => {
    const { workbench } = fixture;
    const page = workbench.page;
    await runFromPalette(workbench, 'View: Show Explorer');
    const explorer = page.locator('.explorer-folders-view');
    await explorer.locator('.monaco-list-row', { hasText: 'contracts' }).first().click();
    const file = explorer.locator('.monaco-list-row', { hasText: 'Lease.pdf' }).first();
    await file.waitFor({ state: 'visible', timeout: 15_000 });
    await contextMenu(page, file, 'Send for Signature…');
    const form = await openedSendForm(page);
    assert.equal(await form.locator('#title').inputValue(), 'Lease');
    assert.equal(await form.locator('#testMode').isVisible(), false, 'signNow has no test mode');
    await form.locator('#signer-name-0').fill('Grace Signer');
    await form.locator('#signer-email-0').fill(SIGNER);
    await form.locator('#signer-email-0').press('Tab');
    await form.locator('#send').click();
    await sendFormClosed(page);
    const sent = sn().admin.state().documents.find((d) => d.name === 'Lease');
    assert.ok(sent, 'signNow has the document');
    assert.deepEqual(sent.requests.map((r) => r.signerEmail), [SIGNER], 'a free-form invite to the signer');
    await workbench.openViewContainer('SignDesk');
    const rows = await waitFor(() => workbench.treeRows(requests()), (r) => r.some((t) => t.startsWith('Awaiting signature (4)')) && r.some((t) => t.startsWith('Lease')), 30_000);
    assert.ok(rows.some((t) => t.startsWith('Lease')), rows.join(' | '));
  });

  it('the signer signs; Refresh shows the document completed', async () => {
    const { workbench } = fixture;
    const sent = sn().admin.state().documents.find((d) => d.name === 'Lease');
    assert.ok(sent, 'needs the previous test');
    sn().admin.moveSigner(sent.id, SIGNER, 'sign');
    await runFromPalette(workbench, 'SignDesk: Refresh');
    const completed = requests().locator('.monaco-list-row', { hasText: /^Completed \(3\)/ }).first();
    await completed.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await completed.getAttribute('aria-expanded')) !== 'true') await completed.click();
    await requests().locator('.monaco-list-row[aria-label^="Lease, Completed"]').first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('Download as PDF… saves signNow’s PDF where the save dialog proposes', async () => {
    const { workbench } = fixture;
    const row = requests().locator('.monaco-list-row[aria-label^="Lease, Completed"]').first();
    await contextMenu(workbench.page, row, 'Download as PDF…');
    const input = workbench.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    const target = path.join(fixture.workspace, 'Lease.pdf');
    assert.equal(await waitFor(() => input.inputValue(), (v) => v.endsWith('.pdf'), 15_000), target);
    await input.press('Enter');
    await waitFor(async () => fs.existsSync(target), Boolean, 30_000);
    const bytes = fs.readFileSync(target);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    // signNow's copy of that document with the signature (the sandbox writes each signer's state on its page), not the file sent.
    const id = sn().admin.state().documents.find((d) => d.name === 'Lease')!.id;
    assert.ok(bytes.includes(Buffer.from(`Document ${id}`)) && bytes.includes(Buffer.from(`${SIGNER}: signed`)), 'signNow’s signed PDF of the document');
    await waitFor(() => workbench.notifications(), (n) => n.some((m) => m.startsWith('Saved “Lease”')));
  });

  it('Sign Out revokes the token at signNow; the status bar shows signNow signed out', async () => {
    const { workbench } = fixture;
    await runFromPalette(workbench, 'SignDesk: Sign Out');
    assert.equal(await waitFor(() => workbench.statusBarText(STATUS), (t) => t === 'signNow: signed out', 30_000), 'signNow: signed out');
    assert.equal(sn().admin.counters().http['POST /oauth2/terminate'], 1, 'the token was revoked');
    const notes = await waitFor(() => workbench.notifications(), (n) => n.some((m) => m.startsWith('Signed out of signNow')));
    assert.ok(notes.includes(`Signed out of signNow (${user().email}).`), notes.join(' | '));
  });
});
