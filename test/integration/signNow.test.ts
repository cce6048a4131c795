// signNow in the real extension host, against the signNow sandbox started in this process: Configure signNow
// App (client ID to its setting, secret to context.secrets only, two steps, the callback URL to register
// shown), Sign In to signNow through the shared flow (manual mode: the browser leg is driven over HTTP and
// its final address pasted through the stubbed input box), the session in VS Code's Accounts menu under
// signNow, documents listed through signNow's runtime, and Sign Out from the Accounts menu revoking the token.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../src/extension';
import type { StoredSession } from '../../src/auth/session';
import { appSecretKey } from '../../src/model/serviceSettings';
import { startSignNowSandbox, type SignNowSandbox } from '../sandbox/signNow/server';
import { authorize, bearer, call } from '../support/sandboxes/signNow';
import { accountLabels } from './support/accounts';
import { activatedApi, eventually } from './support/extension';
import { stubWindow } from './support/stubWindow';

type Testing = NonNullable<SignDeskApi['testing']>;

const SERVICE = 'signNow';
const PROVIDER_ID = 'signdesk-signnow';
const CLIENT_SECRET_KEY = appSecretKey(SERVICE, 'clientSecret');
const SETTINGS = ['apiBaseUrl', 'oauthBaseUrl', 'clientId', 'redirect'];

const signNowSettings = () => vscode.workspace.getConfiguration('signdesk.signNow');

describe('signNow (real host, signNow sandbox)', function () {
  this.timeout(60_000);
  let testing: Testing;
  let sandbox: SignNowSandbox;
  const restore: Array<() => void> = [];
  const inputTitles: string[] = [];
  const messages: string[] = [];
  /** Answers to input boxes by a part of their title; a function may wait (the browser leg). */
  let answers: Record<string, () => Promise<string | undefined> | string | undefined> = {};

  before(async () => {
    testing = (await activatedApi()).testing!;
    sandbox = await startSignNowSandbox();
    await signNowSettings().update('apiBaseUrl', sandbox.info.apiBaseUrl, vscode.ConfigurationTarget.Global);
    await signNowSettings().update('oauthBaseUrl', sandbox.info.oauthBaseUrl, vscode.ConfigurationTarget.Global);
    restore.push(
      stubWindow('showInputBox', (async (options?: vscode.InputBoxOptions) => {
        inputTitles.push(options?.title ?? '');
        const step = Object.keys(answers).find((key) => options?.title?.includes(key));
        assert.ok(step, `unexpected input box ${options?.title}`);
        return answers[step]();
      }) as typeof vscode.window.showInputBox),
      stubWindow('showInformationMessage', (async (message: string) => {
        messages.push(message);
        return undefined;
      }) as typeof vscode.window.showInformationMessage),
    );
  });

  after(async () => {
    for (const undo of restore.splice(0).reverse()) undo();
    for (const s of await testing.sessions.store.list()) await testing.sessions.store.remove(s);
    for (const key of SETTINGS) await signNowSettings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await testing.sessions.secrets.delete(CLIENT_SECRET_KEY);
    await sandbox?.close();
  });

  it('contributes its own authentication provider and its Configure App / Sign In commands', async () => {
    const pkg = vscode.extensions.getExtension('signdesk.signdesk')!.packageJSON;
    assert.ok(pkg.contributes.authentication.some((a: { id: string; label: string }) => a.id === PROVIDER_ID && a.label === 'signNow'));
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('signdesk.signNow.configureApp') && commands.includes('signdesk.signNow.signIn'));
  });

  it('Configure signNow App: client ID to the setting, the secret to context.secrets only, then the callback URL to register', async () => {
    await signNowSettings().update('redirect', 'loopback', vscode.ConfigurationTarget.Global);
    inputTitles.length = 0;
    messages.length = 0;
    answers = { '(1/2)': () => ` ${sandbox.info.clientId} `, '(2/2)': () => sandbox.info.clientSecret };
    await vscode.commands.executeCommand('signdesk.signNow.configureApp');
    assert.deepEqual(inputTitles, ['Configure signNow App (1/2)', 'Configure signNow App (2/2)'], 'no API key step: signNow has no account set-up');
    assert.equal(signNowSettings().get('clientId'), sandbox.info.clientId);
    assert.equal(await testing.sessions.secrets.get(CLIENT_SECRET_KEY), sandbox.info.clientSecret);
    const all = JSON.stringify(vscode.workspace.getConfiguration('signdesk'));
    assert.ok(!all.includes(sandbox.info.clientSecret) && !all.includes(sandbox.info.basicToken), 'neither the secret nor the Basic token is in settings');
    const shown = await eventually(async () => messages.find((m) => m.includes('callback URL')), (m) => m !== undefined, 10_000, 'the callback URL to register');
    assert.match(shown!, /signNow app's settings \(redirect mode "loopback"\): http:\/\/127\.0\.0\.1:\d+\/callback/);
  });

  it('Sign In to signNow: the authorize page, the pasted callback, the code exchange; the session is in the Accounts menu; documents list; Sign Out revokes', async () => {
    await signNowSettings().update('redirect', 'manual', vscode.ConfigurationTarget.Global);
    const user = sandbox.info.users[0];
    const env = vscode.env as unknown as Record<string, unknown>;
    const originalOpen = env.openExternal;
    let browserLeg: Promise<URL> | undefined;
    env.openExternal = async (target: vscode.Uri | string): Promise<boolean> => {
      const opened = new URL(String(target));
      assert.equal(opened.origin + opened.pathname, `${sandbox.info.oauthBaseUrl}/authorize`);
      assert.equal(opened.searchParams.get('client_id'), sandbox.info.clientId);
      assert.equal(opened.searchParams.get('response_type'), 'code');
      browserLeg = authorize(sandbox, { state: opened.searchParams.get('state') ?? undefined, redirectUri: opened.searchParams.get('redirect_uri') ?? undefined, user });
      return true;
    };
    answers = { 'Complete Authorization': async () => String(await browserLeg) };
    let session: StoredSession | undefined;
    try {
      session = await vscode.commands.executeCommand<StoredSession | undefined>('signdesk.signNow.signIn', { addAccount: true });
    } finally {
      env.openExternal = originalOpen;
    }
    assert.ok(session, 'Sign In to signNow returned the saved session');
    assert.equal(session.service, SERVICE);
    assert.equal(session.email, user.email);
    assert.ok(messages.includes(`Signed in to signNow as ${user.email}.`), messages.join(' | '));
    assert.deepEqual(await accountLabels(PROVIDER_ID), [user.email]);

    const runtime = testing.runtimes.of(SERVICE);
    const page = await runtime.signatures!.listRequests(session.accessToken, { page: 1 });
    assert.ok(page.items.length > 0, 'the sandbox user’s documents are listed');

    // Signing out from the Accounts menu revokes the token at signNow, then forgets the session.
    const [auth] = await runtime.authProvider.getSessions();
    await runtime.authProvider.removeSession(auth.id);
    assert.deepEqual(await testing.sessions.store.list(SERVICE), []);
    const check = await call(sandbox, 'GET', '/oauth2/token', { auth: bearer(session.accessToken) });
    assert.equal(check.status, 401, 'the access token no longer works');
  });
});
