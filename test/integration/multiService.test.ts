// Issue 11 item 3 in the real extension host: Dropbox Sign and signNow both signed in against their
// sandboxes (started in this process). The tree gets a service node per service (label, account email), each
// listing its own requests; Refresh reloads both; Remind on a Dropbox Sign row reaches the Dropbox Sign
// sandbox (and nothing reaches signNow's); each status bar segment shows its own service's account.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../src/extension';
import type { StoredSession } from '../../src/auth/session';
import { appSecretKey } from '../../src/model/serviceSettings';
import type { RequestsTreeNode } from '../../src/views/requestsTree/nodes';
import { Sandbox, SEED, startSandbox } from '../sandbox/dropboxSign/server';
import { startSignNowSandbox, type SignNowSandbox } from '../sandbox/signNow/server';
import { signedInSession } from '../support/sandboxes/dropboxSign';
import { activatedApi, eventually } from './support/extension';
import { signedInToSignNow } from './support/signNowAccount';
import { recordMessages } from './support/stubWindow';

type Testing = NonNullable<SignDeskApi['testing']>;

const config = (section: string) => vscode.workspace.getConfiguration(section);
const SETTINGS: Array<[string, string]> = [
  ['signdesk.dropboxSign', 'apiBaseUrl'],
  ['signdesk.dropboxSign', 'oauthBaseUrl'],
  ['signdesk.dropboxSign', 'clientId'],
  ['signdesk', 'autoRefreshSeconds'],
];

describe('two signature services signed in (Dropbox Sign and signNow sandboxes, real host)', function () {
  this.timeout(60_000);
  let testing: Testing;
  let dropboxSign: Sandbox;
  let signNow: SignNowSandbox;
  const sessions: StoredSession[] = [];
  let undoSignNow = async (): Promise<void> => undefined;

  const provider = () => testing.requests.provider;
  const children = (node?: RequestsTreeNode) => provider().getChildren(node);
  const item = (node: RequestsTreeNode) => provider().getTreeItem(node);
  /** The request ids under a service node, every group. */
  async function requestIdsUnder(serviceNode: RequestsTreeNode): Promise<string[]> {
    const ids: string[] = [];
    for (const group of await children(serviceNode)) {
      for (const row of await children(group)) if (row.kind === 'request') ids.push(row.request.id);
    }
    return ids.sort();
  }

  before(async () => {
    testing = (await activatedApi()).testing!;
    for (const stored of await testing.sessions.store.list()) await testing.sessions.store.remove(stored);
    dropboxSign = await startSandbox({ config: { rateLimits: { enabled: false } } });
    signNow = await startSignNowSandbox();
    await config('signdesk').update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await config('signdesk.dropboxSign').update('apiBaseUrl', dropboxSign.info.apiBaseUrl, vscode.ConfigurationTarget.Global);
    await config('signdesk.dropboxSign').update('oauthBaseUrl', dropboxSign.info.oauthBaseUrl, vscode.ConfigurationTarget.Global);
    await config('signdesk.dropboxSign').update('clientId', dropboxSign.info.clientId, vscode.ConfigurationTarget.Global);
    await testing.sessions.secrets.store(appSecretKey('dropboxSign', 'clientSecret'), dropboxSign.info.clientSecret);

    // Signed in to both: Dropbox Sign through its sandbox's OAuth pages, signNow with the password grant.
    sessions.push(await signedInSession(dropboxSign, SEED.alice.email));
    await testing.sessions.store.save(sessions[0]);
    const sn = await signedInToSignNow(testing, signNow);
    sessions.push(sn.session);
    undoSignNow = sn.undo;
  });

  after(async () => {
    for (const session of sessions) await testing.sessions.store.remove(session).catch(() => undefined);
    for (const [section, key] of SETTINGS) await config(section).update(key, undefined, vscode.ConfigurationTarget.Global);
    await testing.sessions.secrets.delete(appSecretKey('dropboxSign', 'clientSecret'));
    await undoSignNow();
    await dropboxSign?.close();
    await signNow?.close();
  });

  it('the tree has a node per service, labelled from its definition with the account email, each listing its own requests', async () => {
    const root = await eventually(() => children(), (nodes) => nodes.length === 2 && nodes.every((n) => n.kind === 'service'), 15_000, 'two service nodes');
    const items = await Promise.all(root.map(item));
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.contextValue]),
      [
        ['Dropbox Sign', SEED.alice.email, 'signatureService'],
        ['signNow', sessions[1].email, 'signatureService'],
      ],
    );
    const dsIds = await requestIdsUnder(root[0]);
    const snIds = await requestIdsUnder(root[1]);
    const dsModel = testing.requests.service('dropboxSign')!.model;
    const snModel = testing.requests.service('signNow')!.model;
    assert.deepEqual(dsIds, dsModel.requests.map((r) => r.id).sort());
    assert.deepEqual(snIds, snModel.requests.map((r) => r.id).sort());
    assert.ok(dsIds.length > 0 && snIds.length > 0, 'both services list requests');
    assert.deepEqual(dsIds.filter((id) => snIds.includes(id)), [], 'no request is listed under both');
    // Rows carry their service's capability flags: signNow's have no hold/test-mode flags to offer, Dropbox Sign's cancel and download.
    const [dsAwaiting] = await children(root[0]);
    const [dsRow] = await children(dsAwaiting);
    assert.match((await item(dsRow)).id ?? '', /^service:dropboxSign\/request:/);
    assert.match((await item(dsRow)).contextValue ?? '', /^signatureRequest\.awaiting(\.received)?\.cancelable\.pdf\.zip$/);
  });

  it('each status bar segment shows its own service’s account', async () => {
    const shown = new Map<string, unknown>();
    for (const [service, controller] of testing.sessions.statusBars) {
      await controller.update();
      shown.set(service, (await testing.sessions.active.currentOf(service))?.email);
    }
    assert.equal(shown.get('dropboxSign'), SEED.alice.email);
    assert.equal(shown.get('signNow'), sessions[1].email);
  });

  it('Refresh reloads both services', async () => {
    const before = {
      ds: testing.requests.service('dropboxSign')!.model.lastLoadedAt,
      sn: testing.requests.service('signNow')!.model.lastLoadedAt,
    };
    await vscode.commands.executeCommand('signdesk.requests.refresh');
    assert.notEqual(testing.requests.service('dropboxSign')!.model.lastLoadedAt, before.ds, 'Dropbox Sign reloaded');
    assert.notEqual(testing.requests.service('signNow')!.model.lastLoadedAt, before.sn, 'signNow reloaded');
  });

  it('Remind on a Dropbox Sign row reaches the Dropbox Sign sandbox', async () => {
    const [dsNode] = await children();
    let target: { request: RequestsTreeNode & { kind: 'request' }; signer: RequestsTreeNode } | undefined;
    for (const group of await children(dsNode)) {
      for (const row of await children(group)) {
        if (row.kind !== 'request' || row.request.sentByAccount === false || row.request.state !== 'awaiting') continue;
        const signer = (await children(row)).find((s) => s.kind === 'signer' && (s.signer.status === 'awaiting' || s.signer.status === 'viewed') && !s.signer.lastRemindedAt);
        if (signer) {
          target = { request: row, signer };
          break;
        }
      }
      if (target) break;
    }
    assert.ok(target, 'a Dropbox Sign signer never reminded');
    const signerNode = target.signer as RequestsTreeNode & { kind: 'signer' };
    assert.equal(signerNode.service, 'dropboxSign');
    assert.match((await item(signerNode)).contextValue ?? '', /^signer\.(awaiting|viewed)\.remindable$/);
    const messages = recordMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.remindSigner', signerNode);
    } finally {
      messages.restore();
    }
    const reminded = dropboxSign.admin.state().requests.find((r) => r.id === signerNode.request.id)?.signers.find((s) => s.email === signerNode.signer.email);
    assert.ok(reminded?.lastRemindedAt, `the Dropbox Sign sandbox recorded the reminder (${messages.shown.map((m) => m.message).join(' | ')})`);
  });
});
