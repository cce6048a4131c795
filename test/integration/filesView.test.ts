// Dropbox in the real VS Code host against the Dropbox sandbox (started in this process): the view asks to
// configure, then to sign in; Dropbox's own sign-in (PKCE, manual mode: no redirect_uri, the pasted code)
// saves a Dropbox session without replacing the current signature account; the view then lists folders
// first with size and modified time, and a folder's children on demand; Sign Out for Dropbox revokes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../src/extension';
import type { FilesNode } from '../../src/views/filesTree/treeProvider';
import { startDropboxSandbox, type DropboxSandbox } from '../sandbox/dropbox/server';
import { activatedApi, eventually } from './support/extension';

type Testing = NonNullable<SignDeskApi['testing']>;
const SETTINGS = ['clientId', 'apiBaseUrl', 'oauthBaseUrl', 'contentBaseUrl', 'redirect'];

async function setDropboxSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('signdesk.dropbox').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Dropbox view and sign-in (Dropbox sandbox)', function () {
  this.timeout(60_000);
  let testing: Testing;
  let sandbox: DropboxSandbox;

  before(async () => {
    const api = await activatedApi();
    assert.ok(api.testing?.files, 'the files view is built');
    testing = api.testing;
    sandbox = await startDropboxSandbox();
    await setDropboxSetting('apiBaseUrl', sandbox.info.apiBaseUrl);
    await setDropboxSetting('oauthBaseUrl', sandbox.info.oauthBaseUrl);
    await setDropboxSetting('contentBaseUrl', sandbox.info.contentBaseUrl);
    await setDropboxSetting('redirect', 'manual');
  });

  after(async () => {
    for (const session of await testing.sessions.store.list('dropbox')) await testing.sessions.store.remove(session);
    for (const key of SETTINGS) await setDropboxSetting(key, undefined);
    await sandbox?.close();
  });

  const files = () => testing.files!;
  const label = async (node: FilesNode) => {
    const item = await files().provider.getTreeItem(node);
    return { label: String(item.label), description: item.description, collapsible: item.collapsibleState };
  };

  it('asks to configure the app key, then (no secret needed) to sign in', async () => {
    await setDropboxSetting('clientId', undefined);
    await eventually(async () => files().viewState, (s) => s === 'notConfigured', 10_000, 'state without an app key');
    await setDropboxSetting('clientId', sandbox.info.clientId);
    await eventually(async () => files().viewState, (s) => s === 'signedOut', 10_000, 'state with the app key alone');
    assert.deepEqual(await files().provider.getChildren(), []);
  });

  /** Manual-mode PKCE sign-in as alice: the pasted code; resolves with the new session and the authorize query. */
  async function signInWithPastedCode(): Promise<{ session: { service: string; accessToken: string }; query: URLSearchParams }> {
    const runtime = testing.runtimes.of('dropbox');
    // The consent page would open in the browser: the test host lets vscode.env.openExternal be patched.
    const env = vscode.env as unknown as Record<string, unknown>;
    const original = env.openExternal;
    let opened = '';
    env.openExternal = async (url: unknown) => ((opened = String(url)), true);
    let started: Promise<unknown>;
    try {
      started = runtime.signIn.start({ clientId: sandbox.info.clientId, clientSecret: undefined, redirect: { setting: 'manual', loopbackPort: 53682 } });
      await eventually(async () => runtime.signIn.waitingForPaste, (w) => w, 10_000, 'waiting for the pasted code');
    } finally {
      env.openExternal = original;
    }
    const authorize = new URL(opened).search.slice(1);
    assert.ok(authorize, 'the flow opened the consent page');
    const query = new URLSearchParams(authorize);
    const login = await fetch(`${sandbox.info.oauthBaseUrl}/oauth2/authorize/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ return_to: authorize, email: 'alice@example.com' }).toString(),
    });
    const decided = await fetch(`${sandbox.info.oauthBaseUrl}/oauth2/authorize/decide`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] },
      body: new URLSearchParams({ return_to: authorize, decision: 'accept' }).toString(),
    });
    const code = /id="auth-code"[^>]*>([^<]+)</.exec(await decided.text())?.[1] ?? '';
    assert.ok(code);
    assert.equal(runtime.signIn.deliverPastedCode(code).accepted, true);
    return { session: (await started) as { service: string; accessToken: string }, query };
  }

  it('signs in with PKCE in manual mode (the pasted code), lists folders first, and a folder on demand', async () => {
    const current = await testing.sessions.active.current();
    const { session, query } = await signInWithPastedCode();
    assert.equal(query.get('redirect_uri'), null, 'manual mode sends no redirect_uri');
    assert.equal(query.get('code_challenge_method'), 'S256');
    assert.equal(session.service, 'dropbox');
    assert.deepEqual(await testing.sessions.active.current(), current, 'a Dropbox sign-in does not replace the current signature account');

    await eventually(async () => files().viewState, (s) => s === 'ready', 10_000, 'state once signed in');
    const root = await files().provider.getChildren();
    const rows = await Promise.all(root.map(label));
    assert.equal(rows[0].label, 'Contracts');
    assert.equal(rows[0].collapsible, vscode.TreeItemCollapsibleState.Collapsed);
    const welcome = rows.find((r) => r.label === 'Welcome.pdf');
    assert.match(String(welcome?.description), /(bytes|KB) · /);
    const contracts = root[0];
    // The sign-in's last store writes refresh the view while this folder may be listed: the view itself
    // lists again then, so the one answer is the folder's (no retry here).
    const inside = await Promise.all((await files().provider.getChildren(contracts)).map(label));
    assert.ok(!files().treeView.message, `no listing error shown: ${String(files().treeView.message)}`);
    assert.ok(inside.some((r) => r.label === 'Vertrag für Müller.pdf'), JSON.stringify(inside));
  });

  it('Sign Out for Dropbox revokes the tokens, then forgets them; the view asks to sign in again', async () => {
    const [session] = await testing.sessions.store.list('dropbox');
    assert.ok(session);
    await vscode.commands.executeCommand('signdesk.signOut', { service: 'dropbox' });
    await eventually(async () => testing.sessions.store.list('dropbox'), (l) => l.length === 0, 10_000, 'the Dropbox session is gone');
    const probe = await fetch(`${sandbox.info.apiBaseUrl}/2/users/get_current_account`, { method: 'POST', headers: { Authorization: `Bearer ${session.accessToken}` } });
    assert.equal(probe.status, 401, 'the access token was revoked at Dropbox');
    await eventually(async () => files().viewState, (s) => s === 'signedOut', 10_000, 'state after sign-out');
  });

  it("the Accounts menu's Sign Out for Dropbox revokes the tokens too, then forgets them", async () => {
    await signInWithPastedCode();
    const provider = testing.runtimes.of('dropbox').authProvider;
    const [handed] = await provider.getSessions();
    assert.ok(handed, 'the Accounts menu lists the Dropbox session');
    await provider.removeSession(handed.id);
    assert.deepEqual(await testing.sessions.store.list('dropbox'), [], 'the session is forgotten');
    const probe = await fetch(`${sandbox.info.apiBaseUrl}/2/users/get_current_account`, { method: 'POST', headers: { Authorization: `Bearer ${handed.accessToken}` } });
    assert.equal(probe.status, 401, 'the access token was revoked at Dropbox');
  });
});
