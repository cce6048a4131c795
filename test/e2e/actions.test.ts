// The actions in the real workbench (VS Code server + headless Chromium) against the sandbox, as a user
// does them: sign in, right-click a PDF in the explorer → Send for Signature… → fill the webview form →
// the request shows in the tree; Cancel Request… from the tree's context menu → it moves to Canceled;
// Download as PDF… → the file lands in the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import type { Workbench } from '../runner/browser';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { contextMenu, openedSendForm, sendFormClosed } from './support/sendSteps';
import { QUICK_INPUT, signIn } from './support/signInSteps';
import { waitFor } from './support/waitFor';

// A tiny but valid PDF, so the file is what a user would really send.
const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** Shows the SignDesk view unless it already shows (clicking its activity-bar icon again would hide it). */
async function showRequestsView(workbench: Workbench): Promise<void> {
  const pane = workbench.viewPane('Signature Requests');
  if ((await workbench.page.locator('.part.sidebar').isVisible()) && (await pane.isVisible())) return;
  await workbench.openViewContainer('SignDesk');
  await pane.waitFor({ state: 'visible', timeout: 15_000 });
}

function treeRow(workbench: Workbench, text: string | RegExp): Locator {
  return workbench.sideBar().locator('.monaco-list-row', { hasText: text }).first();
}

/** Expands a group of the requests tree (only "Awaiting signature" starts expanded). */
async function expandGroup(workbench: Workbench, label: RegExp): Promise<void> {
  const row = workbench.sideBar().locator('.monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await waitFor(async () => row.getAttribute('aria-expanded'), (v) => v === 'true', 10_000);
}

describe('Send, cancel and download in the workbench (e2e)', function () {
  this.timeout(180_000);
  const { service, sandbox } = sandboxService(
    () => ({
      'signdesk.autoRefreshSeconds': 0,
      'signdesk.testMode': true,
    }),
    (s) => s.admin.setRateLimits({ enabled: false }),
  );
  const fixture = workbenchFixture({
    services: [service],
    workspaceFiles: { 'README.md': '# SignDesk actions e2e\n', 'contracts/Mutual NDA.pdf': PDF },
  });

  before(async function () {
    this.timeout(180_000);
    await signIn(fixture, sandbox());
    await showRequestsView(fixture.workbench);
    await waitFor(() => fixture.workbench.treeRows(), (rows) => rows.some((r) => r.includes('NDA with Acme Co.')));
  });

  it('right-click a PDF in the explorer → Send for Signature… → fill the form → the request shows in the tree, expanded rows stay expanded', async () => {
    const { workbench } = fixture;
    const page = workbench.page;
    // A request the user opened in the tree must stay open after a send from elsewhere.
    const nda = treeRow(workbench, 'NDA with Acme Co.');
    await nda.click();
    await waitFor(async () => nda.getAttribute('aria-expanded'), (v) => v === 'true', 10_000);
    await treeRow(workbench, 'Carol Signer').waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.runCommand('View: Show Explorer');
    const explorer = page.locator('.explorer-folders-view');
    await explorer.locator('.monaco-list-row', { hasText: 'contracts' }).first().click();
    const pdf = explorer.locator('.monaco-list-row', { hasText: 'Mutual NDA.pdf' }).first();
    await pdf.waitFor({ state: 'visible', timeout: 15_000 });
    await contextMenu(page, pdf, 'Send for Signature…');

    const form = await openedSendForm(page);
    const title = form.locator('#title');
    assert.equal(await title.inputValue(), 'Mutual NDA', 'the title comes from the file name');
    assert.equal(await form.locator('#testMode').isChecked(), true, 'test mode follows signdesk.testMode');
    await title.fill('Mutual NDA (e2e)');
    await form.locator('#subject').fill('Please sign the NDA');
    await form.locator('#message').fill('Hi Jack,\nplease sign.');

    // A mistake is explained where it is, and nothing is sent.
    await form.locator('#signer-name-0').fill('Jack E2E');
    await form.locator('#signer-email-0').fill('jack-at-example');
    await form.locator('#send').click();
    await waitFor(() => form.locator('#err-signers-0-email').innerText(), (t) => /not an email address/.test(t), 15_000);
    assert.equal(sandbox().admin.counters().http['POST /v3/signature_request/send'] ?? 0, 0);

    await form.locator('#signer-email-0').fill('jack.e2e@example.com');
    // Leaving the field revalidates it; wait for its error to go before clicking on (the layout shifts).
    await form.locator('#signer-email-0').press('Tab');
    await waitFor(() => form.locator('#err-signers-0-email').innerText(), (t) => t === '', 15_000);
    await form.locator('#add-signer').click();
    await form.locator('#signer-name-1').fill('Jill E2E');
    await form.locator('#signer-email-1').fill('jill.e2e@example.com');
    // By keyboard: leaving the email field revalidates it, and the errors it shows can move the checkbox
    // between a mouse press and its release; Space toggles the focused box wherever it ends up.
    await form.locator('#ordered').focus();
    await form.locator('#ordered').press('Space');
    assert.equal(await form.locator('#ordered').isChecked(), true, 'sign in order is on');
    await form.locator('#cc').fill('counsel@example.com');
    // Dropbox Sign can send a request and still warn about it: the user must hear of it.
    const warning = { warning_msg: 'The CC address counsel@example.com is also a signer elsewhere.', warning_name: 'cc_notice' };
    sandbox().admin.configure({ sendWarnings: [warning] });
    await form.locator('#send').click();

    // The form closes, the request is first in the tree, and the sandbox has it.
    await sendFormClosed(page);
    await showRequestsView(workbench);
    const row = await waitFor(() => workbench.treeRows(), (rows) => rows.some((r) => r.includes('Mutual NDA (e2e)')));
    assert.ok(row.some((r) => r.includes('Mutual NDA (e2e)')), row.join(' | '));
    assert.equal(await nda.getAttribute('aria-expanded'), 'true', `"NDA with Acme Co." collapsed: ${(await workbench.treeRows()).join(' | ')}`);
    const signers = await workbench.treeRows();
    assert.ok(signers.some((r) => r.includes('Carol Signer')) && signers.some((r) => r.includes('Dave Signer')), signers.join(' | '));
    const sent = sandbox().admin.state().requests.find((r) => r.title === 'Mutual NDA (e2e)');
    assert.ok(sent, 'the sandbox received the request');
    assert.deepEqual(sent.signers.map((s) => [s.email, s.order]), [
      ['jack.e2e@example.com', 0],
      ['jill.e2e@example.com', 1],
    ]);
    assert.deepEqual(sent.fileNames, ['Mutual NDA.pdf']);
    assert.equal(sent.testMode, true);
    const notes = await waitFor(() => workbench.notifications(), (n) => n.some((m) => m.startsWith('Sent “Mutual NDA (e2e)”')));
    assert.ok(notes.some((m) => m.startsWith('Sent “Mutual NDA (e2e)” to Jack E2E and Jill E2E in test mode')), notes.join(' | '));
    const warned = await waitFor(() => workbench.notifications(), (n) => n.some((m) => m.startsWith('Dropbox Sign sent “Mutual NDA (e2e)” with a warning')));
    assert.ok(warned.includes('Dropbox Sign sent “Mutual NDA (e2e)” with a warning: The CC address counsel@example.com is also a signer elsewhere.'), warned.join(' | '));
    sandbox().admin.configure({ sendWarnings: [] });
  });

  it('Cancel Request… from the tree → modal → the request moves to Canceled', async () => {
    const { workbench } = fixture;
    await showRequestsView(workbench);
    const row = treeRow(workbench, 'NDA with Acme Co.');
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await contextMenu(workbench.page, row, 'Cancel Request…');
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await dialog.innerText(), /Cancel “NDA with Acme Co\.”\?[\s\S]*cannot be undone/);
    await workbench.clickDialogButton('Cancel Request');

    const id = sandbox().admin.state().requests.find((r) => r.title === 'NDA with Acme Co.')?.id ?? '';
    await waitFor(async () => sandbox().admin.state().requests.find((r) => r.id === id)?.canceled, Boolean, 15_000);
    // Under the "Canceled or error" group (collapsed until opened).
    await waitFor(() => workbench.treeRows(), (list) => list.some((r) => /^Canceled/.test(r)));
    await expandGroup(workbench, /^Canceled/);
    const rows = await waitFor(
      () => workbench.treeRows(),
      (list) => {
        const group = list.findIndex((r) => /^Canceled/.test(r));
        const request = list.findIndex((r) => r.includes('NDA with Acme Co.'));
        return group >= 0 && request > group;
      },
    );
    const group = rows.findIndex((r) => /^Canceled/.test(r));
    assert.ok(group >= 0 && rows.findIndex((r) => r.includes('NDA with Acme Co.')) > group, rows.join(' | '));
  });

  it('Download as PDF… from the tree → the save dialog proposes the workspace → the PDF lands there', async () => {
    const { workbench } = fixture;
    await showRequestsView(workbench);
    await expandGroup(workbench, /^Completed/);
    const row = treeRow(workbench, 'Offer Letter');
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await contextMenu(workbench.page, row, 'Download as PDF…');
    // The web workbench's save dialog is a quick input holding the proposed path: accept it.
    const input = workbench.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // The dialog fills its path in steps (folder first, then the proposed name).
    const proposed = await waitFor(() => input.inputValue(), (v) => v.endsWith('.pdf'), 15_000);
    assert.equal(proposed, `${fixture.workspace}/Offer Letter.pdf`);
    await input.press('Enter');
    const target = path.join(fixture.workspace, 'Offer Letter.pdf');
    await waitFor(async () => fs.existsSync(target), Boolean, 30_000);
    assert.equal(fs.readFileSync(target).subarray(0, 5).toString(), '%PDF-');
    await waitFor(() => workbench.notifications(), (n) => n.some((m) => m.startsWith('Saved “Offer Letter”')));
  });
});
