// signNow's own account commands in the real extension host, against the signNow sandbox: "Sign In with
// signNow Password…" (email box, then a password box whose prompt says the password is never stored or
// logged; one password-grant request; the session saved) and "Verify signNow Sign-In" (GET /oauth2/token:
// the seconds left and the account). Neither is offered for Dropbox Sign.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../src/extension';
import type { StoredSession } from '../../src/auth/session';
import { appSecretKey } from '../../src/model/serviceSettings';
import { startSignNowSandbox, type SignNowSandbox } from '../sandbox/signNow/server';
import { activatedApi, eventually } from './support/extension';
import { recordMessages, stubWindow } from './support/stubWindow';

type Testing = NonNullable<SignDeskApi['testing']>;

const SERVICE = 'signNow';
const CLIENT_SECRET_KEY = appSecretKey(SERVICE, 'clientSecret');
const signNowSettings = () => vscode.workspace.getConfiguration('signdesk.signNow');
// Characters that encode differently in a form body, a URL and JSON.
const PASSWORD = 'int3gration pass&word="ü"%+';

describe('signNow password sign-in and Verify Sign-In (real host, signNow sandbox)', function () {
  this.timeout(60_000);
  let testing: Testing;
  let sandbox: SignNowSandbox;
  const restore: Array<() => void> = [];
  const boxes: vscode.InputBoxOptions[] = [];
  let info: ReturnType<typeof recordMessages>;
  let warnings: ReturnType<typeof recordMessages>;
  let typedPassword = PASSWORD;

  before(async () => {
    testing = (await activatedApi()).testing!;
    sandbox = await startSignNowSandbox();
    sandbox.admin.setPassword(sandbox.info.users[0].email, PASSWORD);
    await signNowSettings().update('apiBaseUrl', sandbox.info.apiBaseUrl, vscode.ConfigurationTarget.Global);
    await signNowSettings().update('oauthBaseUrl', sandbox.info.oauthBaseUrl, vscode.ConfigurationTarget.Global);
    await signNowSettings().update('clientId', sandbox.info.clientId, vscode.ConfigurationTarget.Global);
    await testing.sessions.secrets.store(CLIENT_SECRET_KEY, sandbox.info.clientSecret);
    restore.push(
      stubWindow('showInputBox', (async (options?: vscode.InputBoxOptions) => {
        boxes.push(options ?? {});
        return options?.password ? typedPassword : sandbox.info.users[0].email;
      }) as typeof vscode.window.showInputBox),
    );
    info = recordMessages('showInformationMessage');
    warnings = recordMessages('showWarningMessage');
    restore.push(info.restore, warnings.restore);
  });

  after(async () => {
    for (const undo of restore.splice(0).reverse()) undo();
    for (const s of await testing.sessions.store.list(SERVICE)) await testing.sessions.store.remove(s);
    for (const key of ['apiBaseUrl', 'oauthBaseUrl', 'clientId']) await signNowSettings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await testing.sessions.secrets.delete(CLIENT_SECRET_KEY);
    await sandbox?.close();
  });

  it('are commands for signNow only', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('signdesk.signNow.signInWithPassword') && commands.includes('signdesk.signNow.verifySignIn'));
    assert.ok(!commands.some((c) => /^signdesk\.(dropboxSign|dropbox)\.(signInWithPassword|verifySignIn)$/.test(c)));
  });

  it('a wrong password: a warning with Retry, nothing saved, one token request', async () => {
    typedPassword = `${PASSWORD}-typo`;
    boxes.length = 0;
    sandbox.admin.resetCounters();
    const session = await vscode.commands.executeCommand<StoredSession | undefined>('signdesk.signNow.signInWithPassword');
    assert.equal(session, undefined);
    const warning = await eventually(async () => warnings.shown.find((w) => w.message.includes('did not accept')), (w) => w !== undefined, 10_000, 'the warning');
    assert.match(warning!.message, /signNow did not accept that email and password \(Invalid credentials\)/);
    assert.deepEqual(warning!.items, ['Retry']);
    assert.deepEqual(await testing.sessions.store.list(SERVICE), []);
    assert.deepEqual(sandbox.admin.counters().token, { password: 1 });
    assert.ok(!warning!.message.includes(typedPassword));
  });

  it('Sign In with signNow Password…: email, then a password box that says it is never stored or logged; the session is saved', async () => {
    typedPassword = PASSWORD;
    boxes.length = 0;
    sandbox.admin.resetCounters();
    const session = await vscode.commands.executeCommand<StoredSession | undefined>('signdesk.signNow.signInWithPassword');
    assert.ok(session, 'signed in');
    assert.equal(session.service, SERVICE);
    assert.equal(session.email, sandbox.info.users[0].email);
    assert.deepEqual(boxes.map((b) => [b.title, Boolean(b.password)]), [['Sign In with signNow Password (1/2)', false], ['Sign In with signNow Password (2/2)', true]]);
    for (const box of boxes) assert.match(box.prompt ?? '', /never stores or logs it/);
    assert.deepEqual(sandbox.admin.counters().token, { password: 1 });
    assert.ok(info.shown.some((m) => m.message === `Signed in to signNow as ${session.email}.`));
    const stored = await testing.sessions.store.list(SERVICE);
    assert.equal(stored.length, 1);
    assert.ok(!JSON.stringify(stored).includes(PASSWORD), 'the session holds tokens, not the password');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('signdesk')).includes(PASSWORD), 'nor do the settings');
  });

  it('Verify signNow Sign-In: asks signNow, shows the account and the seconds left', async () => {
    sandbox.admin.resetCounters();
    info.shown.length = 0;
    const check = await vscode.commands.executeCommand<{ email: string; secondsLeft: number } | undefined>('signdesk.signNow.verifySignIn');
    assert.ok(check, 'verified');
    assert.equal(check.email, sandbox.info.users[0].email);
    assert.ok(check.secondsLeft > 2_500_000 && check.secondsLeft <= 2_592_000, String(check.secondsLeft));
    assert.equal(sandbox.admin.counters().http['GET /oauth2/token'], 1);
    const shown = info.shown.find((m) => m.message.startsWith('signNow accepts the sign-in of'));
    assert.ok(shown, info.shown.map((m) => m.message).join(' | '));
    assert.match(shown.message, /\(2,59\d,\d{3} seconds\)/);
  });
});
