// "SignDesk: Configure Dropbox Sign App" in the real host, its prompts answered through stubbed window
// functions: the client ID goes to the setting, the secret and API key to context.secrets only, and the
// message's "Copy Callback URL" puts the URL to register on the clipboard.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { API_KEY_KEY, CLIENT_SECRET_KEY } from '../../src/auth/appCredentials';
import { activatedApi, eventually } from './support/extension';
import { stubWindow } from './support/stubWindow';

const RELAY_URL = 'https://relay.example.com/signdesk/oauth-relay.html';
const SECRET = 'ItClientSecret-Abc123456';
const API_KEY = 'ItApiKey-Def7890123456';

describe('Configure Dropbox Sign App (real host)', () => {
  const restore: Array<() => void> = [];
  const shown: Array<{ message: string; items: string[] }> = [];
  let secrets: vscode.SecretStorage;

  const signdesk = () => vscode.workspace.getConfiguration('signdesk');

  before(async () => {
    secrets = (await activatedApi()).testing!.sessions.secrets as vscode.SecretStorage;
    await signdesk().update('oauth.redirect', 'relay', vscode.ConfigurationTarget.Global);
    await signdesk().update('oauth.relayUrl', RELAY_URL, vscode.ConfigurationTarget.Global);
    const answers: Record<string, string> = { '(1/3)': 'it-client-id', '(2/3)': SECRET, '(3/3)': API_KEY };
    restore.push(
      stubWindow('showInputBox', (async (options?: vscode.InputBoxOptions) => {
        const step = Object.keys(answers).find((key) => options?.title?.includes(key));
        assert.ok(step, `unexpected input box ${options?.title}`);
        if (step !== '(1/3)') assert.equal(options?.password, true, `${step} hides what is typed`);
        return answers[step];
      }) as typeof vscode.window.showInputBox),
      stubWindow('showInformationMessage', (async (message: string, ...items: unknown[]) => {
        const labels = items.filter((item): item is string => typeof item === 'string');
        shown.push({ message, items: labels });
        return labels.includes('Copy Callback URL') ? 'Copy Callback URL' : undefined;
      }) as typeof vscode.window.showInformationMessage),
    );
  });

  after(async () => {
    for (const undo of restore.reverse()) undo();
    for (const key of ['oauth.redirect', 'oauth.relayUrl', 'dropboxSign.clientId']) {
      await signdesk().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await secrets.delete(CLIENT_SECRET_KEY);
    await secrets.delete(API_KEY_KEY);
  });

  it('stores the client ID in the setting and the secret and API key in context.secrets only', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('signdesk.configureApp');
    assert.equal(signdesk().get('dropboxSign.clientId'), 'it-client-id');
    assert.equal(await secrets.get(CLIENT_SECRET_KEY), SECRET);
    assert.equal(await secrets.get(API_KEY_KEY), API_KEY);
    const settings = JSON.stringify(signdesk());
    assert.ok(!settings.includes(SECRET) && !settings.includes(API_KEY), 'no secret in the settings');
  });

  it('shows the callback URL to register for the redirect mode, and "Copy Callback URL" copies it', async () => {
    const message = shown.find((m) => m.items.includes('Copy Callback URL'));
    assert.ok(message, `messages: ${JSON.stringify(shown)}`);
    assert.ok(message.message.includes(`(redirect mode "relay"): ${RELAY_URL}`), message.message);
    assert.deepEqual(message.items, ['Copy Callback URL', 'Sign In']);
    assert.equal(await eventually(() => Promise.resolve(vscode.env.clipboard.readText()), (text) => text === RELAY_URL, 10_000, 'clipboard'), RELAY_URL);
    await eventually(async () => shown.map((m) => m.message), (messages) => messages.includes('Callback URL copied.'), 10_000, 'the copy is confirmed');
  });
});
