// Send, remind, cancel and download in the real extension host, against a sandbox started in this
// process. (Named sendActions, not actions: files run in name order and activation.test must run first.) Dialogs are answered by stubbing `vscode.window` (the host gives the tests and the extension
// the same API object); the send form's webview is replaced by a fake panel that posts exactly what
// media/sendForm.js posts, so everything after the page (validation, upload, tree) is the real code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RequestsModel } from '../../src/model/requestsModel';
import type { RequestsTreeProvider } from '../../src/views/requestsTree/treeProvider';
import type { RequestsTreeNode } from '../../src/views/requestsTree/nodes';
import type { SignatureRequest } from '../../src/model/signatureRequest';
import { downloadFileName } from '../../src/commands/actions/downloadNaming';
import { SEED_REQUESTS, Sandbox, startSandbox } from '../sandbox/dropboxSign/server';
import { signedInSession } from '../support/sandboxes/dropboxSign';
import { activatedApi, eventually } from './support/extension';
import { recordContextKeys } from './support/contextKeys';
import { captureSendForm, validSendForm as validForm } from './support/sendFormPanel';
import { stubWindow, type WindowApi } from './support/stubWindow';


interface Shown {
  level: string;
  message: string;
  /** Button titles, in order. */
  items: string[];
  options?: vscode.MessageOptions;
}

/**
 * Records notifications and dialogs instead of showing them; `answer` picks the button (by title) the
 * "user" presses, undefined = dismissed.
 */
function recordMessages(answer: (shown: Shown) => string | undefined = () => undefined) {
  const shown: Shown[] = [];
  const make = (level: string) =>
    (async (message: string, ...rest: unknown[]) => {
      const options = rest[0] && typeof rest[0] === 'object' && !('title' in (rest[0] as object)) ? (rest.shift() as vscode.MessageOptions) : undefined;
      const items = rest.map((r) => (typeof r === 'string' ? r : (r as vscode.MessageItem).title));
      const entry = { level, message, items, options };
      shown.push(entry);
      const title = answer(entry);
      return rest.find((r) => (typeof r === 'string' ? r : (r as vscode.MessageItem).title) === title);
    }) as unknown as WindowApi['showInformationMessage'];
  const restores = [
    stubWindow('showInformationMessage', make('info')),
    stubWindow('showWarningMessage', make('warning')),
    stubWindow('showErrorMessage', make('error')),
  ];
  return { shown, restore: () => restores.forEach((r) => r()) };
}


describe('actions against the sandbox (send, remind, cancel, download)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let model: RequestsModel;
  let provider: RequestsTreeProvider;
  let dir: string;
  let signedOut: () => Promise<unknown> = async () => undefined;

  const config = () => vscode.workspace.getConfiguration('signdesk.dropboxSign');
  const sandboxRequest = (id: string) => sb.admin.state().requests.find((r) => r.id === id);
  const httpCount = (route: string) => sb.admin.counters().http[route] ?? 0;
  /** The request as the tree has it, loaded from the sandbox. */
  async function fromTree(id: string): Promise<SignatureRequest> {
    await model.refresh();
    const request = model.get(id);
    assert.ok(request, `the tree lists ${id}`);
    return request;
  }

  before(async function () {
    this.timeout(120_000);
    const api = await activatedApi();
    const testing = api.testing;
    assert.ok(testing?.sessions, 'the test API exposes the session services');
    assert.ok(testing.requests?.model, 'the test API exposes the requests view model (testing.requests.model)');
    model = testing.requests.model;
    provider = testing.requests.provider;

    sb = await startSandbox();
    sb.admin.setRateLimits({ enabled: false });
    await config().update('apiBaseUrl', sb.info.apiBaseUrl, vscode.ConfigurationTarget.Global);
    await config().update('oauthBaseUrl', sb.info.oauthBaseUrl, vscode.ConfigurationTarget.Global);
    await config().update('clientId', sb.info.clientId, vscode.ConfigurationTarget.Global);

    const email = sb.info.users[0];
    const session = await signedInSession(sb, email, ['basic_account_info', 'request_signature']);
    await testing.sessions.store.save(session);
    await testing.sessions.active.select({ service: 'dropboxSign', accountId: session.accountId });
    const store = testing.sessions.store;
    signedOut = () => store.remove({ service: 'dropboxSign', accountId: session.accountId });
    await eventually(
      async () => {
        await model.refresh().catch(() => undefined);
        return model.requests.length;
      },
      (n) => n > 0,
      15_000,
      'the tree lists the sandbox requests once signed in',
    );

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-actions-'));
  });

  after(async () => {
    await signedOut();
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('oauthBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('clientId', undefined, vscode.ConfigurationTarget.Global);
    await sb?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    sb.admin.clearFaults();
    sb.admin.resetCounters();
  });

  describe('send', () => {
    let pdf: vscode.Uri;
    before(() => {
      const file = path.join(dir, 'Integration NDA.pdf');
      fs.writeFileSync(file, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      pdf = vscode.Uri.file(file);
    });

    it('validates in the form, uploads once, shows the new request at the top at once, redrawing its group, not the root', async () => {
      const form = captureSendForm();
      const messages = recordMessages();
      await provider.getChildren(); // the tree as VS Code has read it
      const redrawn: Array<RequestsTreeNode | undefined> = [];
      const redraws = provider.onDidChangeTreeData((node) => redrawn.push(node ?? undefined));
      const contextKeys = recordContextKeys();
      try {
        await vscode.commands.executeCommand('signdesk.send', pdf, [pdf]);
        assert.equal(form.panels.length, 1, 'the send form opened');
        const panel = form.panels[0];
        assert.match(panel.webview.html, /Content-Security-Policy/);
        assert.match(panel.webview.html, /Integration NDA/, 'the title is proposed from the file name');

        panel.post({ type: 'submit', values: { ...validForm, signers: [{ name: 'Jack', email: 'not-an-email' }] } });
        const invalid = await eventually(async () => panel.toPage.find((m) => m.type === 'invalid'), Boolean, 5_000, 'invalid');
        assert.match(invalid?.errors?.['signers.0.email'] ?? '', /not an email address/);
        assert.equal(httpCount('POST /v3/signature_request/send'), 0, 'nothing sent while the form is invalid');

        panel.post({ type: 'submit', values: validForm });
        panel.post({ type: 'submit', values: validForm }); // a double click must not send twice
        await eventually(async () => panel.disposed, Boolean, 15_000, 'the form closes after sending');
        assert.equal(httpCount('POST /v3/signature_request/send'), 1, 'sent exactly once');

        const sent = sb.admin.state().requests.find((r) => r.title === 'Integration NDA');
        assert.ok(sent, 'the sandbox has the request');
        assert.deepEqual(
          sent.signers.map((s) => [s.name, s.email, s.order]),
          [
            ['Jack Tester', 'jack.tester@example.com', 0],
            ['Jill Tester', 'jill.tester@example.com', 1],
          ],
        );
        assert.deepEqual(sent.ccEmails, ['lawyer@example.com']);
        assert.equal(sent.testMode, true);
        assert.equal(sent.message, 'Line one\nLine two');
        assert.deepEqual(sent.fileNames, ['Integration NDA.pdf'], 'the file went up as multipart');

        assert.equal(model.requests[0]?.id, sent.id, 'the new request is first in the tree without a refresh');
        assert.ok(messages.shown.some((m) => m.message === 'Sent “Integration NDA” to Jack Tester and Jill Tester in test mode.'));
        // A root redraw makes VS Code drop and re-read every row: requests the user expanded collapsed.
        assert.ok(redrawn.length > 0, 'the tree was told about the new request');
        assert.deepEqual(redrawn.filter((node) => node === undefined), [], 'no redraw from the root');
        assert.ok(redrawn.some((node) => node?.kind === 'group' && node.id === 'awaiting'), 'the group it joined is redrawn');
        const awaiting = (await provider.getChildren()).find((node) => node.kind === 'group' && node.id === 'awaiting');
        assert.ok(awaiting);
        const rows = await provider.getChildren(awaiting);
        assert.equal(rows[0]?.kind === 'request' && rows[0].request.id, sent.id, 'the group lists it first');
        // The Getting Started walkthrough's last step waits for this key.
        assert.deepEqual(contextKeys.set.filter(([key]) => key === 'signdesk.requestSent'), [['signdesk.requestSent', true]]);
      } finally {
        contextKeys.restore();
        redraws.dispose();
        form.restore();
        messages.restore();
      }
    });

    it('keeps the form open and never retries when the server fails mid-send', async () => {
      sb.admin.injectFault({ path: '/v3/signature_request/send', kind: 'server_error' });
      const form = captureSendForm();
      const messages = recordMessages();
      try {
        await vscode.commands.executeCommand('signdesk.send', pdf);
        const panel = form.panels[0];
        panel.post({ type: 'submit', values: { ...validForm, title: 'Should fail' } });
        const failed = await eventually(async () => panel.toPage.find((m) => m.type === 'failed'), Boolean, 15_000, 'failed');
        assert.match(failed?.message ?? '', /may have gone through/);
        assert.equal(panel.disposed, false, 'the form stays open with what the user typed');
        assert.equal(httpCount('POST /v3/signature_request/send'), 1, 'not retried');
        const note = messages.shown.find((m) => m.level === 'error');
        assert.ok(note, 'an error notification');
        assert.deepEqual(note.items, ['Refresh', 'Show Log']);
        assert.doesNotMatch(note.message, /\bat \w+ \(|Error:/, 'no stack trace');
      } finally {
        form.restore();
        messages.restore();
      }
    });

    it('asks for files from the view title and refuses file types Dropbox Sign does not take', async () => {
      const exe = path.join(dir, 'tool.exe');
      fs.writeFileSync(exe, 'MZ');
      const restoreDialog = stubWindow('showOpenDialog', (async () => [vscode.Uri.file(exe)]) as WindowApi['showOpenDialog']);
      const form = captureSendForm();
      const messages = recordMessages();
      try {
        await vscode.commands.executeCommand('signdesk.send');
        assert.equal(form.panels.length, 0);
        assert.match(messages.shown[0]?.message ?? '', /Nothing to send: tool\.exe/);
      } finally {
        restoreDialog();
        form.restore();
        messages.restore();
      }
    });
  });

  describe('remind', () => {
    it('reminds an awaiting signer once and shows the new reminder time', async () => {
      const request = await fromTree(SEED_REQUESTS.awaiting);
      const signer = request.signers.find((s) => (s.status === 'awaiting' || s.status === 'viewed') && s.lastRemindedAt === undefined);
      assert.ok(signer, 'a signer never reminded');
      const messages = recordMessages();
      try {
        await vscode.commands.executeCommand('signdesk.remindSigner', { kind: 'signer', request, signer });
      } finally {
        messages.restore();
      }
      assert.equal(httpCount('POST /v3/signature_request/remind/{signature_request_id}'), 1);
      assert.ok(sandboxRequest(request.id)?.signers.find((s) => s.email === signer.email)?.lastRemindedAt, 'the sandbox recorded the reminder');
      assert.match(messages.shown.at(-1)?.message ?? '', new RegExp(`Reminded .*${signer.email}`));
      assert.ok(model.get(request.id)?.signers.find((s) => s.email === signer.email)?.lastRemindedAt, 'the tree has the reminder time');

      // Again at once: explained from what we know, without a call.
      const again = recordMessages();
      try {
        await vscode.commands.executeCommand('signdesk.remindSigner', { kind: 'signer', request: model.get(request.id), signer: model.get(request.id)?.signers.find((s) => s.email === signer.email) });
      } finally {
        again.restore();
      }
      assert.equal(httpCount('POST /v3/signature_request/remind/{signature_request_id}'), 1, 'no second call');
      assert.match(again.shown[0]?.message ?? '', /one reminder per signer per hour.*again after \d\d:\d\d/);
    });

    it('explains the one-hour rule when Dropbox Sign refuses (reminded elsewhere)', async () => {
      const request = await fromTree(SEED_REQUESTS.partiallySigned);
      // The seed's Dave was reminded ten minutes ago; pretend we did not know.
      const dave = request.signers.find((s) => s.email.startsWith('dave'));
      assert.ok(dave);
      const messages = recordMessages();
      try {
        await vscode.commands.executeCommand('signdesk.remindSigner', { kind: 'signer', request, signer: { ...dave, lastRemindedAt: undefined } });
      } finally {
        messages.restore();
      }
      assert.equal(httpCount('POST /v3/signature_request/remind/{signature_request_id}'), 1, 'one call, not retried');
      assert.match(messages.shown[0]?.message ?? '', /one reminder per signer per hour \(automatic reminders count too\)/);
    });
  });

  describe('cancel', () => {
    it('does nothing when the user keeps the request', async () => {
      const request = await fromTree(SEED_REQUESTS.awaiting);
      const messages = recordMessages((shown) => (shown.options?.modal ? 'Keep Request' : undefined));
      try {
        await vscode.commands.executeCommand('signdesk.cancelRequest', { kind: 'request', request });
      } finally {
        messages.restore();
      }
      assert.equal(messages.shown.length, 1, 'only the confirmation');
      assert.equal(httpCount('POST /v3/signature_request/cancel/{signature_request_id}'), 0);
      assert.equal(sandboxRequest(request.id)?.canceled, false);
    });

    it('asks in a modal, cancels once, and the tree moves the request to Canceled', async () => {
      const request = await fromTree(SEED_REQUESTS.awaiting);
      const messages = recordMessages((shown) => (shown.options?.modal ? 'Cancel Request' : undefined));
      try {
        await vscode.commands.executeCommand('signdesk.cancelRequest', { kind: 'request', request });
      } finally {
        messages.restore();
      }
      const asked = messages.shown[0];
      assert.ok(asked?.options?.modal, 'confirmed in a modal dialog');
      assert.equal(asked.message, 'Cancel “NDA with Acme Co.”?');
      assert.match(asked.options.detail ?? '', /cannot be undone/);
      assert.deepEqual(asked.items, ['Cancel Request', 'Keep Request']);
      assert.equal(httpCount('POST /v3/signature_request/cancel/{signature_request_id}'), 1);
      assert.equal(sandboxRequest(request.id)?.canceled, true);
      assert.equal(model.get(request.id)?.state, 'canceled', 'shown as canceled at once');
      assert.match(messages.shown.at(-1)?.message ?? '', /Canceled “NDA with Acme Co\.”/);
      await model.refresh();
      assert.equal(model.get(request.id)?.state, 'canceled', 'still canceled after a refresh (the service drops it from the list)');
    });
  });

  describe('download', () => {
    async function download(command: string, request: SignatureRequest, target: vscode.Uri) {
      const restoreDialog = stubWindow('showSaveDialog', (async (options?: vscode.SaveDialogOptions) => {
        assert.ok(options?.defaultUri, 'the dialog proposes a place');
        return target;
      }) as WindowApi['showSaveDialog']);
      const messages = recordMessages();
      try {
        await vscode.commands.executeCommand(command, { kind: 'request', request });
      } finally {
        restoreDialog();
        messages.restore();
      }
      return messages.shown;
    }

    it('saves the signed PDF where the user chose', async () => {
      const request = await fromTree(SEED_REQUESTS.completed);
      const target = vscode.Uri.file(path.join(dir, 'signed.pdf'));
      const shown = await download('signdesk.downloadPdf', request, target);
      assert.equal(fs.readFileSync(target.fsPath).subarray(0, 5).toString(), '%PDF-');
      assert.match(shown.at(-1)?.message ?? '', /Saved “.*” to /);
    });

    it('proposes a free name in the workspace: the copy of a completed request beside its original is "(signed)"', async () => {
      const request = await fromTree(SEED_REQUESTS.completed);
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the integration host opens a folder');
      const original = vscode.Uri.joinPath(folder.uri, downloadFileName(request.title, request.id, 'pdf'));
      fs.writeFileSync(original.fsPath, 'the original the request was sent from');
      let proposed: vscode.Uri | undefined;
      const restoreDialog = stubWindow('showSaveDialog', (async (options?: vscode.SaveDialogOptions) => {
        proposed = options?.defaultUri;
        return undefined;
      }) as WindowApi['showSaveDialog']);
      try {
        await vscode.commands.executeCommand('signdesk.downloadPdf', { kind: 'request', request });
      } finally {
        restoreDialog();
        fs.rmSync(original.fsPath);
      }
      assert.equal(proposed && path.basename(proposed.fsPath), downloadFileName(request.title, request.id, 'pdf').replace(/\.pdf$/, ' (signed).pdf'));
    });

    it('saves a ZIP', async () => {
      const request = await fromTree(SEED_REQUESTS.completed);
      const target = vscode.Uri.file(path.join(dir, 'signed.zip'));
      await download('signdesk.downloadZip', request, target);
      assert.equal(fs.readFileSync(target.fsPath).subarray(0, 2).toString(), 'PK');
    });

    it('refuses politely while the files are being prepared (409), offering Retry', async () => {
      const request = await fromTree(SEED_REQUESTS.completed);
      sb.admin.setFilesPreparing(request.id, true);
      const target = vscode.Uri.file(path.join(dir, 'preparing.pdf'));
      try {
        const shown = await download('signdesk.downloadPdf', request, target);
        await eventually(async () => shown.length, (n) => n > 0, 5_000, 'a message');
        assert.equal(shown[0].level, 'info');
        assert.match(shown[0].message, /still preparing the files/);
        assert.deepEqual(shown[0].items, ['Retry']);
        assert.equal(fs.existsSync(target.fsPath), false);
      } finally {
        sb.admin.setFilesPreparing(request.id, false);
      }
    });
  });
  describe('signed out', () => {
    let target: { request: SignatureRequest; signer: SignatureRequest['signers'][number] } | undefined;
    before(async () => {
      await model.refresh();
      const request = model.requests.find((r) => r.title === 'Integration NDA');
      const signer = request?.signers.find((s) => s.status === 'awaiting' && s.lastRemindedAt === undefined);
      target = request && signer ? { request, signer } : undefined;
      await signedOut();
    });

    it('Send asks to sign in first instead of opening a form to fill for nothing', async () => {
      const form = captureSendForm();
      const messages = recordMessages();
      try {
        await vscode.commands.executeCommand('signdesk.send', vscode.Uri.file(path.join(dir, 'Integration NDA.pdf')));
      } finally {
        form.restore();
        messages.restore();
      }
      assert.equal(form.panels.length, 0);
      assert.deepEqual(messages.shown.map((m) => [m.message, m.items]), [['Sign in to Dropbox Sign to send documents for signature.', ['Sign In']]]);
    });

    it('Remind offers Sign In when nobody is signed in, without calling Dropbox Sign', async () => {
      assert.ok(target, 'the request sent earlier has a signer never reminded');
      const messages = recordMessages();
      try {
        await vscode.commands.executeCommand('signdesk.remindSigner', { kind: 'signer', ...target });
      } finally {
        messages.restore();
      }
      assert.equal(httpCount('POST /v3/signature_request/remind/{signature_request_id}'), 0);
      assert.deepEqual(messages.shown.at(-1)?.items, ['Sign In']);
      assert.match(messages.shown.at(-1)?.message ?? '', /^Sign in to Dropbox Sign to send the reminder for “Jack Tester/);
    });
  });
});
