// The Getting Started walkthrough's events in the real host: "Show Callback URL to Register" shows and copies
// the exact URL for this VS Code (its step completes when it runs); the context keys the other steps wait for
// flip when the app is configured, when someone signs in, and (sendActions.test.ts) when a request is sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { appSecretKey } from '../../src/model/serviceSettings';
import type { StoredSession } from '../../src/auth/session';
import { activatedApi, eventually } from './support/extension';
import { recordContextKeys } from './support/contextKeys';
import { liveSession } from '../support/sessions';
import { stubWindow, type WindowApi } from './support/stubWindow';

const CLIENT_SECRET_KEY = appSecretKey('dropboxSign', 'clientSecret');

interface Shown {
  message: string;
  options?: vscode.MessageOptions;
  items: string[];
}

function recordModal(kind: 'showInformationMessage' | 'showWarningMessage') {
  const shown: Shown[] = [];
  const restore = stubWindow(kind, (async (message: string, ...rest: unknown[]) => {
    const options = rest[0] && typeof rest[0] === 'object' && !('title' in (rest[0] as object)) ? (rest.shift() as vscode.MessageOptions) : undefined;
    shown.push({ message, options, items: rest.map(String) });
    return undefined;
  }) as unknown as WindowApi[typeof kind]);
  return { shown, restore };
}

async function setOAuth(key: 'redirect' | 'relayUrl', value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('signdesk.oauth').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Getting Started walkthrough (real host)', () => {
  before(async () => {
    await activatedApi();
  });

  afterEach(async () => {
    await setOAuth('redirect', undefined);
    await setOAuth('relayUrl', undefined);
  });

  it('"Show Callback URL to Register" copies the relay page\'s address and shows it until dismissed', async () => {
    await setOAuth('relayUrl', 'https://relay.example/signdesk/');
    await vscode.env.clipboard.writeText('');
    const info = recordModal('showInformationMessage');
    try {
      await vscode.commands.executeCommand('signdesk.showCallbackUrl');
    } finally {
      info.restore();
    }
    assert.equal(await vscode.env.clipboard.readText(), 'https://relay.example/signdesk/');
    assert.equal(info.shown.length, 1);
    assert.equal(info.shown[0].message, "Register this OAuth callback URL in your Dropbox Sign app's settings: https://relay.example/signdesk/");
    assert.equal(info.shown[0].options?.modal, true, 'modal: it stays until the user has copied it');
    assert.match(info.shown[0].options?.detail ?? '', /^It is on your clipboard\. Redirect mode "relay": /);
  });

  it('in "direct" mode on this VS Code server there is no URL to register: it says so and why, copying nothing', async () => {
    await setOAuth('redirect', 'direct');
    await vscode.env.clipboard.writeText('unchanged');
    const warning = recordModal('showWarningMessage');
    try {
      await vscode.commands.executeCommand('signdesk.showCallbackUrl');
    } finally {
      warning.restore();
    }
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    assert.equal(warning.shown[0]?.message, 'Redirect mode "direct" has no callback URL to register yet.');
    assert.match(warning.shown[0]?.options?.detail ?? '', /changes with every sign-in.*relay/);
    assert.deepEqual(warning.shown[0]?.items, ['Open Settings']);
  });

  it('"app configured" flips when Configure stores the client ID and secret, "signed in" when someone signs in and back when they sign out', async () => {
    const testing = (await activatedApi()).testing!;
    const { sessions } = testing;
    const config = vscode.workspace.getConfiguration('signdesk.dropboxSign');
    // A fresh start: no app, nobody signed in.
    for (const stored of await sessions.store.list()) await sessions.store.remove(stored);
    await config.update('clientId', undefined, vscode.ConfigurationTarget.Global);
    await sessions.secrets.delete(CLIENT_SECRET_KEY);
    await sessions.statusBar.update();
    const keys = recordContextKeys();
    const answers = ['walkthrough-client-id', 'walkthrough-client-secret', ''];
    const restores = [
      stubWindow('showInputBox', (async () => answers.shift()) as WindowApi['showInputBox']),
      stubWindow('showQuickPick', (async (items: readonly string[]) => items[0]) as unknown as WindowApi['showQuickPick']),
      stubWindow('showInformationMessage', (async () => undefined) as WindowApi['showInformationMessage']),
      stubWindow('showWarningMessage', (async () => undefined) as WindowApi['showWarningMessage']),
    ];
    let session: StoredSession | undefined;
    try {
      assert.notEqual(keys.last('signdesk.appConfigured'), true);
      await vscode.commands.executeCommand('signdesk.dropboxSign.configureApp');
      await eventually(async () => keys.last('signdesk.appConfigured'), (v) => v === true, 10_000, 'signdesk.appConfigured after Configure');
      assert.notEqual(keys.last('signdesk.signedIn'), true, 'configured is not signed in');

      session = liveSession();
      await sessions.store.save(session);
      await eventually(async () => keys.last('signdesk.signedIn'), (v) => v === true, 10_000, 'signdesk.signedIn after a sign-in');
      await sessions.store.remove(session);
      await eventually(async () => keys.last('signdesk.signedIn'), (v) => v === false, 10_000, 'signdesk.signedIn after signing out');
    } finally {
      restores.forEach((restore) => restore());
      keys.restore();
      if (session) await sessions.store.remove(session);
      await sessions.secrets.delete(CLIENT_SECRET_KEY);
      await config.update('clientId', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
