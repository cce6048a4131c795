// signNow's documents and actions through the real tree in the real extension host, against the signNow
// sandbox started in this process, signNow the only service signed in (so its groups are the tree's root):
// documents and their signers as rows (drafts hidden); Send… with two signers through the send form (no
// test-mode box; a role-based field invite); Remind on the signer whose turn it is (PUT /fieldinvite/{id}/resend),
// none on the one still waiting; Cancel; Download as ZIP; Open Details; Copy Request ID; and no menu for what
// signNow lacks (hold, test mode, signer update). Each action gets the tree node VS Code would pass from the row's context menu, and
// each row's contextValue is checked against package.json's `when` clause that offers the action.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../src/extension';
import { whenMatchesContextValue, type MenuEntry } from '../../src/views/requestsTree/contextValues';
import type { RequestsTreeNode } from '../../src/views/requestsTree/nodes';
import { SN_SEED_DOCUMENTS, startSignNowSandbox, type SignNowSandbox } from '../sandbox/signNow/server';
import { activatedApi, eventually } from './support/extension';
import { captureSendForm, validSendForm } from './support/sendFormPanel';
import { signedInToSignNow } from './support/signNowAccount';
import { recordMessages, stubWindow, type WindowApi } from './support/stubWindow';

type Testing = NonNullable<SignDeskApi['testing']>;
type RequestRow = Extract<RequestsTreeNode, { kind: 'request' }>;
type SignerRow = Extract<RequestsTreeNode, { kind: 'signer' }>;

const config = (section: string) => vscode.workspace.getConfiguration(section);
const SENT_TITLE = 'Two-Signer Lease';

/** package.json's menus on tree rows (the requests view's). */
function rowMenus(): MenuEntry[] {
  const menus = vscode.extensions.getExtension('signdesk.signdesk')!.packageJSON.contributes.menus as Record<string, MenuEntry[]>;
  return menus['view/item/context'].filter((entry) => entry.when?.includes('view == signdesk.requests'));
}

/** The commands package.json offers on a row with this contextValue. */
function offeredOn(contextValue: string): string[] {
  return [...new Set(rowMenus().filter((entry) => whenMatchesContextValue(entry.when!, contextValue)).map((entry) => entry.command))].sort();
}

describe('signNow documents and actions in the real tree (signNow sandbox, real host)', function () {
  this.timeout(60_000);
  let testing: Testing;
  let sandbox: SignNowSandbox;
  let undoSignIn = async (): Promise<void> => undefined;
  let dir: string;

  const provider = () => testing.requests.provider;
  const children = (node?: RequestsTreeNode) => provider().getChildren(node);
  const item = (node: RequestsTreeNode) => provider().getTreeItem(node);
  const model = () => testing.requests.service('signNow')!.model;
  const http = (route: string) => sandbox.admin.counters().http[route] ?? 0;
  const documentNamed = (name: string) => sandbox.admin.state().documents.find((d) => d.name === name);

  /** The tree's request rows, by group label (without the count). */
  async function rowsByGroup(): Promise<Map<string, RequestRow[]>> {
    const groups = new Map<string, RequestRow[]>();
    for (const group of await children()) {
      assert.equal(group.kind, 'group', 'signNow alone: its groups are the root');
      if (group.kind !== 'group') continue;
      groups.set(group.group.label, (await children(group)).filter((n): n is RequestRow => n.kind === 'request'));
    }
    return groups;
  }

  async function requestRow(id: string): Promise<RequestRow> {
    for (const rows of (await rowsByGroup()).values()) {
      const row = rows.find((r) => r.request.id === id);
      if (row) return row;
    }
    assert.fail(`no row for ${id}`);
  }

  async function signerRows(row: RequestRow): Promise<SignerRow[]> {
    return (await children(row)).filter((n): n is SignerRow => n.kind === 'signer');
  }

  before(async function () {
    this.timeout(60_000);
    testing = (await activatedApi()).testing!;
    for (const stored of await testing.sessions.store.list()) await testing.sessions.store.remove(stored);
    sandbox = await startSignNowSandbox();
    await config('signdesk').update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    undoSignIn = (await signedInToSignNow(testing, sandbox)).undo;
    await eventually(
      async () => {
        await model().refresh().catch(() => undefined);
        return model().requests.length;
      },
      (n) => n > 0,
      15_000,
      'the tree lists the sandbox user’s documents',
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-signnow-tree-'));
  });

  after(async () => {
    await undoSignIn();
    await config('signdesk').update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the documents with invites by state (the draft hidden), each with its signers as rows', async () => {
    const groups = await rowsByGroup();
    const titles = (label: string) => (groups.get(label) ?? []).map((r) => r.request.title).sort();
    assert.deepEqual([...groups.keys()], ['Awaiting signature', 'Completed', 'Declined', 'Canceled or error']);
    assert.deepEqual(titles('Awaiting signature'), ['NDA', 'Photo Release', 'Services Agreement']);
    assert.deepEqual(titles('Completed'), ['Consent Form', 'Offer Letter']);
    assert.deepEqual(titles('Declined'), ['Vendor Contract']);
    assert.deepEqual(titles('Canceled or error'), ['Draft Memo', 'Old Lease']);
    assert.ok(![...groups.values()].flat().some((r) => r.request.id === SN_SEED_DOCUMENTS.draft), 'the draft (no invites) is not a row');

    const nda = await requestRow(SN_SEED_DOCUMENTS.awaiting);
    const ndaItem = await item(nda);
    assert.equal(ndaItem.id, `request:${SN_SEED_DOCUMENTS.awaiting}`);
    assert.equal(ndaItem.contextValue, 'signatureRequest.awaiting.cancelable.pdf.zip');
    // Field invites in signing order: Carol's turn (pending), Dave's invite waits (created).
    const signers = await signerRows(nda);
    const signerItems = await Promise.all(signers.map(item));
    assert.deepEqual(signerItems.map((i) => i.label), ['1. carol@example.com', '2. dave@example.com']);
    assert.deepEqual(signers.map((s) => [s.signer.status, s.signer.statusCode]), [['awaiting', 'pending'], ['awaiting', 'created']]);

    const declined = await requestRow(SN_SEED_DOCUMENTS.declined);
    const [erin] = await signerRows(declined);
    assert.equal(erin.signer.status, 'declined');
    assert.equal(erin.signer.declineReason, 'The payment terms are wrong.');
    assert.match(((await item(erin)).tooltip as vscode.MarkdownString).value, /Reason: The payment terms are wrong/);
    // A free-form invite's one signer is a row too.
    const [grace] = await signerRows(await requestRow(SN_SEED_DOCUMENTS.freeFormAwaiting));
    assert.deepEqual([grace.signer.email, grace.signer.status], ['grace@example.com', 'awaiting']);
  });

  it('Send… with two signers: the form has no test-mode box; upload, a field per signer, an ordered role-based invite; listed as awaiting', async () => {
    const file = path.join(dir, `${SENT_TITLE}.pdf`);
    fs.writeFileSync(file, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const form = captureSendForm();
    const messages = recordMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.send', vscode.Uri.file(file));
      assert.equal(form.panels.length, 1, 'the send form opened');
      const panel = form.panels[0];
      // signNow has no test mode: the box is there for the page's script, hidden.
      assert.match(panel.webview.html, /<div class="field" hidden>\s*<label class="inline"><input id="testMode"/);
      // Several signers always sign in order with signNow (an ordered role-based invite): the box is ticked, not a choice.
      assert.match(panel.webview.html, /<input id="ordered" name="ordered" type="checkbox" disabled>/);
      assert.match(panel.webview.html, /"ordered":true/);
      // Two signers in order; signNow has no cc or test mode to send.
      panel.post({ type: 'submit', values: { ...validSendForm, title: SENT_TITLE, cc: '', testMode: false } });
      await eventually(async () => panel.disposed, Boolean, 20_000, `the form closes after sending (${JSON.stringify(panel.toPage)})`);
    } finally {
      form.restore();
      messages.restore();
    }
    assert.equal(http('POST /document'), 1, 'uploaded once');
    assert.equal(http('PUT /document/{id}'), 1, 'signature fields placed');
    assert.equal(http('POST /document/{id}/invite'), 1, 'invited once');
    const sent = documentNamed(SENT_TITLE);
    assert.ok(sent, 'the sandbox has the document');
    assert.deepEqual(
      sent.fieldInvites.map((f) => [f.email, f.order, f.status]),
      [
        ['jack.tester@example.com', 1, 'pending'],
        ['jill.tester@example.com', 2, 'created'],
      ],
      'a role-based invite: Jack signs first',
    );
    const row = await requestRow(sent.id);
    assert.equal(row.request.state, 'awaiting');
    assert.ok((await rowsByGroup()).get('Awaiting signature')?.some((r) => r.request.id === sent.id), 'listed under Awaiting signature');
    // signNow keeps no signer names: the message names them by email.
    assert.ok(messages.shown.some((m) => m.message === `Sent “${SENT_TITLE}” to jack.tester@example.com and jill.tester@example.com.`), messages.shown.map((m) => m.message).join(' | '));
  });

  it('Remind on the field-invite signer whose turn it is: the menu offers it, and signNow resends that invite', async () => {
    const sent = documentNamed(SENT_TITLE);
    assert.ok(sent, 'needs the previous test');
    const [jack] = await signerRows(await requestRow(sent.id));
    assert.equal(jack.signer.email, 'jack.tester@example.com');
    const contextValue = (await item(jack)).contextValue ?? '';
    assert.ok(offeredOn(contextValue).includes('signdesk.remindSigner'), `Remind Signer is on the row's menu (${contextValue})`);
    const messages = recordMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.remindSigner', jack);
    } finally {
      messages.restore();
    }
    assert.equal(http('PUT /fieldinvite/{id}/resend'), 1, `one resend (${messages.shown.map((m) => m.message).join(' | ')})`);
    const invite = documentNamed(SENT_TITLE)!.fieldInvites.find((f) => f.email === 'jack.tester@example.com');
    assert.ok(invite?.lastResentAt !== undefined, 'the sandbox resent Jack’s invite');
    assert.ok(messages.shown.some((m) => m.message === `Reminded jack.tester@example.com to sign “${SENT_TITLE}”.`), messages.shown.map((m) => m.message).join(' | '));
  });

  it('no Remind on the field-invite signer whose turn has not come (created): not on the menu; invoked anyway, it says why and calls signNow not at all', async () => {
    const sent = documentNamed(SENT_TITLE);
    assert.ok(sent, 'needs the send test');
    const jill = (await signerRows(await requestRow(sent.id)))[1];
    assert.deepEqual([jill.signer.email, jill.signer.statusCode], ['jill.tester@example.com', 'created']);
    const contextValue = (await item(jill)).contextValue ?? '';
    assert.equal(contextValue, 'signer.awaiting');
    assert.deepEqual(offeredOn(contextValue), ['signdesk.requests.copySignerEmail']);
    const calls = () => http('GET /document/{id}') + http('PUT /fieldinvite/{id}/resend');
    const before = calls();
    const messages = recordMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.remindSigner', jill);
    } finally {
      messages.restore();
    }
    assert.equal(calls(), before, 'no GET, no resend');
    assert.deepEqual(messages.shown.map((m) => m.message), ['signNow reminds jill.tester@example.com once it is their turn to sign. No reminder was sent.']);
  });

  it('Cancel Request… on the sent document: confirmed in a modal, signNow cancels its invites, the row moves to Canceled', async () => {
    const sent = documentNamed(SENT_TITLE)!;
    const row = await requestRow(sent.id);
    assert.ok(offeredOn((await item(row)).contextValue ?? '').includes('signdesk.cancelRequest'));
    const warnings = recordMessages('showWarningMessage', (shown) => shown.items.find((i) => (i as vscode.MessageItem).title === 'Cancel Request'));
    const infos = recordMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.cancelRequest', row);
    } finally {
      warnings.restore();
      infos.restore();
    }
    assert.equal(warnings.shown[0]?.message, `Cancel “${SENT_TITLE}”?`);
    assert.equal(http('PUT /document/{id}/fieldinvitecancel'), 1);
    assert.deepEqual(documentNamed(SENT_TITLE)!.fieldInvites.map((f) => f.status), ['canceled', 'canceled']);
    assert.equal(model().get(sent.id)?.state, 'canceled', 'shown as canceled at once');
    await model().refresh();
    assert.ok((await rowsByGroup()).get('Canceled or error')?.some((r) => r.request.id === sent.id), 'still under Canceled after a refresh');
  });

  it('Download as ZIP… on a completed document saves signNow’s ZIP where the user chose', async () => {
    const row = await requestRow(SN_SEED_DOCUMENTS.completed);
    assert.ok(offeredOn((await item(row)).contextValue ?? '').includes('signdesk.downloadZip'));
    const target = vscode.Uri.file(path.join(dir, 'Offer Letter.zip'));
    const restore = stubWindow('showSaveDialog', (async () => target) as WindowApi['showSaveDialog']);
    const messages = recordMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.downloadZip', row);
    } finally {
      restore();
      messages.restore();
    }
    assert.equal(http('GET /document/{id}/download'), 1);
    const bytes = fs.readFileSync(target.fsPath);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a ZIP');
    // The first entry's name (local file header: name length at 26, the name from 30) is the PDF's.
    assert.match(bytes.subarray(30, 30 + bytes.readUInt16LE(26)).toString(), /\.pdf$/, 'holding the PDF');
  });

  it('Open Details in Browser opens the document in signNow’s web app', async () => {
    const row = await requestRow(SN_SEED_DOCUMENTS.completed);
    assert.ok(offeredOn((await item(row)).contextValue ?? '').includes('signdesk.requests.openDetails'));
    const env = vscode.env as unknown as Record<string, unknown>;
    const original = env.openExternal;
    const opened: string[] = [];
    env.openExternal = async (target: vscode.Uri) => {
      opened.push(target.toString(true));
      return true;
    };
    const messages = recordMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.requests.openDetails', row);
    } finally {
      env.openExternal = original;
      messages.restore();
    }
    assert.deepEqual(opened, [`${sandbox.info.oauthBaseUrl}/webapp/document/${SN_SEED_DOCUMENTS.completed}`], messages.shown.map((m) => m.message).join(' | '));
    const page = await fetch(opened[0]);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<h1>Offer Letter<\/h1>/, 'the sandbox’s web app shows that document');
  });

  it('Copy Request ID puts the signNow document id on the clipboard', async () => {
    const row = await requestRow(SN_SEED_DOCUMENTS.awaiting);
    assert.ok(offeredOn((await item(row)).contextValue ?? '').includes('signdesk.requests.copyId'));
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('signdesk.requests.copyId', row);
    assert.equal(await eventually(() => Promise.resolve(vscode.env.clipboard.readText()), (text) => text !== '', 10_000, 'clipboard'), SN_SEED_DOCUMENTS.awaiting);
  });

  it('offers no hold, test-mode or signer-update action on any signNow row, and only what signNow supports', async () => {
    const unsupported = /hold|release|testMode|updateSigner|editSigner|changeSigner/i;
    const rows: RequestsTreeNode[] = [];
    for (const requests of (await rowsByGroup()).values()) {
      for (const row of requests) rows.push(row, ...(await signerRows(row)));
    }
    assert.ok(rows.length > 10, 'requests and signers');
    for (const row of rows) {
      const contextValue = (await item(row)).contextValue ?? '';
      // The flags a row carries are signNow's capabilities: cancel, remind, PDF and ZIP, nothing else.
      assert.match(contextValue, /^(signatureRequest\.(awaiting|completed|declined|canceled|error)(\.cancelable)?(\.pdf)?(\.zip)?|signer\.(awaiting|viewed|signed|declined|unknown)(\.remindable)?)$/);
      assert.deepEqual(offeredOn(contextValue).filter((command) => unsupported.test(command)), [], contextValue);
    }
    // What the menus hold for an awaiting document and the signer whose turn it is: signNow's actions, no more.
    const nda = await requestRow(SN_SEED_DOCUMENTS.awaiting);
    assert.deepEqual(offeredOn((await item(nda)).contextValue ?? ''), [
      'signdesk.cancelRequest',
      'signdesk.downloadPdf',
      'signdesk.downloadZip',
      'signdesk.requests.copyId',
      'signdesk.requests.openDetails',
    ]);
    const [carol] = await signerRows(nda);
    assert.deepEqual(offeredOn((await item(carol)).contextValue ?? ''), ['signdesk.remindSigner', 'signdesk.requests.copySignerEmail']);
    // The rules behind those flags.
    const rules = testing.runtimes.of('signNow').definition.signatures!.rules;
    assert.deepEqual([rules.supportsHold, rules.supportsTestMode, rules.supportsUpdateSigner], [false, false, false]);
  });

  it('Filter…: the prompt says what signNow takes (a signing status), not Dropbox Sign’s search syntax; the box refuses other text; a status filters the tree', async () => {
    const prompts: Array<vscode.InputBoxOptions | undefined> = [];
    const restore = stubWindow('showInputBox', (async (options?: vscode.InputBoxOptions) => (prompts.push(options), 'Pending')) as WindowApi['showInputBox']);
    try {
      await vscode.commands.executeCommand('signdesk.requests.filter');
      assert.equal(prompts[0]?.prompt, 'signNow filters by one signing status: signed, pending, waiting-for-me, waiting-for-others, expired. Empty clears the filter.');
      // The box refuses other text (so it never reaches the setting), saying what signNow takes.
      const validate = (text: string) => prompts[0]?.validateInput?.(text);
      assert.equal(validate('NDA'), 'signNow filters by one signing status: signed, pending, waiting-for-me, waiting-for-others, expired.');
      assert.deepEqual([validate('Pending'), validate('')], [undefined, undefined]);
      assert.equal(config('signdesk').get('filter'), 'Pending');
      const states = await eventually(
        async () => (model().filter === 'Pending' ? (await model().refresh(), model().requests.map((r) => r.state)) : []),
        (shown) => shown.length > 0,
        10_000,
        'the filtered list',
      );
      assert.deepEqual([...new Set(states)], ['awaiting'], 'signNow’s pending documents only');
    } finally {
      restore();
      await config('signdesk').update('filter', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a filter signNow refuses, written to the setting by hand: the view says what signNow takes, with the filter row to clear it; clearing lists again', async () => {
    try {
      await config('signdesk').update('filter', 'NDA', vscode.ConfigurationTarget.Global);
      const message = await eventually(async () => (await children(), testing.requests.treeView.message ?? ''), (text) => text !== '', 10_000, 'the view says why');
      assert.equal(message, 'signNow filters by one signing status: signed, pending, waiting-for-me, waiting-for-others, expired.');
      const errorNow = () => {
        const state = model().state;
        return state.kind === 'error' ? state.error : undefined;
      };
      const refused = errorNow();
      assert.ok(refused instanceof Error);
      const rows = await children();
      assert.deepEqual(
        await Promise.all(rows.map(async (row) => [(await item(row)).label, (await item(row)).command?.command])),
        [
          ['Filtered by “NDA”', 'signdesk.requests.clearFilter'],
          ['Retry', 'signdesk.requests.refresh'],
          ['Show Log', 'signdesk.showLog'],
        ],
      );
      assert.equal(errorNow(), refused, 'drawing the tree again did not ask again');
      await vscode.commands.executeCommand((await item(rows[0])).command!.command, ...((await item(rows[0])).command!.arguments ?? []));
      await eventually(async () => (await children(), model().state.kind), (kind) => kind === 'ready', 10_000, 'listed again, unfiltered');
      assert.equal(testing.requests.treeView.message, undefined);
    } finally {
      await config('signdesk').update('filter', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
