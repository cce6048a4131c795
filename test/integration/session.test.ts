// The session side in the real extension host: the Accounts-menu provider, sessions in context.secrets,
// sign-out, and the status bar. No network: sessions are saved directly (sign-in has its own tests).
// Sessions read back after SignDesk is activated again in a reloaded window: reactivation/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionServices } from '../../src/commands/session/sessionSetup';
import { appSecretKey } from '../../src/model/serviceSettings';
import { sessionSecretKey } from '../../src/auth/sessionStore';
import { accountLabels, PROVIDER_ID, STATUS_ITEM } from './support/accounts';
import { activatedApi, eventually, within } from './support/extension';
import { runnerBridge } from './support/runnerBridge';
import { liveSession } from '../support/sessions';
import { stubWindow } from './support/stubWindow';

const CLIENT_SECRET_KEY = appSecretKey('dropboxSign', 'clientSecret');

describe('sessions (real host)', () => {
  let sessions: SessionServices;

  before(async () => {
    const api = await activatedApi();
    assert.ok(api.testing?.sessions, 'the test API exposes the session services');
    sessions = api.testing.sessions;
  });

  afterEach(async () => {
    for (const s of await sessions.store.list()) await sessions.store.remove(s);
  });

  it('contributes the signdesk-dropbox-sign authentication provider (and Dropbox and signNow their own)', async () => {
    const pkg = vscode.extensions.getExtension('signdesk.signdesk')!.packageJSON;
    assert.deepEqual(pkg.contributes.authentication, [
      { id: PROVIDER_ID, label: 'Dropbox Sign' },
      { id: 'signdesk-dropbox', label: 'Dropbox' },
      { id: 'signdesk-signnow', label: 'signNow' },
    ]);
    assert.ok(pkg.activationEvents.includes(`onAuthenticationRequest:${PROVIDER_ID}`));
  });

  // getSession({ silent }) is no probe here: for a multi-account provider without a chosen account VS Code
  // answers undefined silently. getAccounts asks the registered provider for its sessions.
  it('the registered provider lists stored accounts to VS Code (getAccounts)', async () => {
    assert.deepEqual(await accountLabels(), []);
    const a = liveSession();
    const b = liveSession();
    await sessions.store.save(a);
    await sessions.store.save(b);
    assert.deepEqual((await accountLabels()).sort(), [a.email, b.email].sort());
  });

  it('fires onDidChangeSessions through VS Code on sign-in, refresh and sign-out', async () => {
    const next = () =>
      within(
        new Promise<void>((resolve) => {
          const sub = vscode.authentication.onDidChangeSessions((e) => {
            if (e.provider.id === PROVIDER_ID) {
              sub.dispose();
              resolve();
            }
          });
        }),
        10_000,
        'onDidChangeSessions',
      );
    const s = liveSession();
    let changed = next();
    await sessions.store.save(s);
    await changed;
    changed = next();
    await sessions.store.save({ ...s, accessToken: 'ItRefreshed-Zyxwvu987654' });
    await changed;
    changed = next();
    await sessions.store.remove(s);
    await changed;
  });

  describe('Sign In while an account is signed in', () => {
    const questions: string[] = [];
    const warnings: string[] = [];
    const restore: Array<() => void> = [];

    beforeEach(async () => {
      // Without a client secret a sign-in that starts stops at once with a warning (no browser leg).
      await sessions.secrets.delete(CLIENT_SECRET_KEY);
      questions.length = 0;
      warnings.length = 0;
      restore.push(
        stubWindow('showInformationMessage', (async (message: string) => {
          questions.push(message);
          return undefined; // the user closes the dialog
        }) as typeof vscode.window.showInformationMessage),
        // The app is not configured in this suite: a sign-in that really starts says so first.
        stubWindow('showWarningMessage', (async (message: string) => {
          warnings.push(message);
          return undefined;
        }) as typeof vscode.window.showWarningMessage),
      );
    });

    afterEach(() => {
      for (const undo of restore.splice(0).reverse()) undo();
    });

    it('asks before adding another account, and closing the question starts nothing', async () => {
      const s = liveSession();
      await sessions.store.save(s);
      assert.equal(await vscode.commands.executeCommand('signdesk.signIn'), undefined);
      assert.deepEqual(questions, [`You are signed in to Dropbox Sign as ${s.email}.`]);
      assert.deepEqual(warnings, [], 'no sign-in started');
    });

    it('does not ask when the account needs signing in again, or when the caller adds an account', async () => {
      const s = liveSession({ status: 'expired' });
      await sessions.store.save(s);
      await vscode.commands.executeCommand('signdesk.signIn');
      await eventually(async () => warnings.length, (n) => n === 1, 10_000, 'the sign-in started (and found the app not configured)');
      await sessions.store.save({ ...s, status: 'active' });
      await vscode.commands.executeCommand('signdesk.signIn', { addAccount: true });
      await eventually(async () => warnings.length, (n) => n === 2, 10_000, 'the second sign-in started');
      assert.deepEqual(questions, []);
    });
  });

  it('signdesk.signOut removes the current account’s tokens from context.secrets and nothing else', async () => {
    const s = liveSession();
    await sessions.store.save(s);
    await sessions.secrets.store('signdesk.integration.unrelatedSecret', 'keep-me');
    try {
      await vscode.commands.executeCommand('signdesk.signOut');
      assert.equal(await sessions.secrets.get(sessionSecretKey(s)), undefined);
      assert.deepEqual(await sessions.store.list(), []);
      assert.equal(await sessions.active.current(), undefined);
      assert.equal(await sessions.secrets.get('signdesk.integration.unrelatedSecret'), 'keep-me');
      assert.deepEqual(await accountLabels(), []);
    } finally {
      await sessions.secrets.delete('signdesk.integration.unrelatedSecret');
    }
  });

  // The status-bar item is read from the workbench DOM, which only the web runner can reach.
  if (vscode.env.uiKind === vscode.UIKind.Web) {
    it('the status bar shows the signed-in email, then "signed out" after sign-out', async () => {
      const bridge = runnerBridge();
      assert.ok(bridge, 'the web runner did not pass SIGNDESK_TEST_TAB_BRIDGE to the host');
      const s = liveSession();
      // The app is configured (else signed out reads "not configured").
      const config = vscode.workspace.getConfiguration('signdesk.dropboxSign');
      await config.update('clientId', 'session-client-id', vscode.ConfigurationTarget.Global);
      await sessions.secrets.store(CLIENT_SECRET_KEY, 'session-client-secret');
      try {
        await sessions.store.save(s);
        await sessions.statusBar.update();
        const text = async () => (await bridge.dom(STATUS_ITEM)).map((e) => `${e.text} | ${e.ariaLabel}`).join('\n');
        await eventually(text, (t) => t.includes(s.email), 10_000, 'status bar shows the email');
        await vscode.commands.executeCommand('signdesk.signOut');
        await eventually(text, (t) => t.includes('Dropbox Sign: signed out'), 10_000, 'status bar shows signed out');
      } finally {
        await sessions.secrets.delete(CLIENT_SECRET_KEY);
        await config.update('clientId', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  }

  it('an expired session makes the status bar ask for attention and leaves the Accounts menu', async () => {
    const s = liveSession({ status: 'expired' });
    await sessions.store.save(s);
    assert.deepEqual(await accountLabels(), []);
    const bridge = runnerBridge();
    if (bridge) {
      await sessions.statusBar.update();
      const text = async () => (await bridge.dom(STATUS_ITEM)).map((e) => `${e.text} | ${e.ariaLabel ?? ''}`).join('\n');
      const shown = await eventually(text, (t) => t.includes('needs attention'), 10_000, 'status bar needs attention');
      assert.match(shown, /Dropbox Sign: sign in again \|/, 'the bar says what to do, not just the email');
    }
  });
});
