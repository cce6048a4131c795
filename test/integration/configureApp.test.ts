// "SignDesk: Configure Dropbox Sign App" in the real host, its prompts answered through stubbed window
// functions: the client ID goes to the setting, the secret and API key to context.secrets only; the
// callback URL to register is shown in a modal dialog (it stays until the user acts) whose "Copy Callback
// URL" puts it on the clipboard; in `direct` mode in this host (a browser workbench on a VS Code server)
// Configure says why that cannot work and switches to `relay` in one click.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { appSecretKey } from '../../src/model/serviceSettings';
import { activatedApi, eventually } from './support/extension';
import { stubWindow } from './support/stubWindow';

const CLIENT_SECRET_KEY = appSecretKey('dropboxSign', 'clientSecret');
const API_KEY_KEY = appSecretKey('dropboxSign', 'apiKey');

const RELAY_URL = 'https://relay.example.com/signdesk/oauth-relay.html';
const SECRET = 'ItClientSecret-Abc123456';
const API_KEY = 'ItApiKey-Def7890123456';

interface Shown {
  kind: 'info' | 'warning';
  message: string;
  modal: boolean;
  detail?: string;
  items: string[];
}

describe('Configure Dropbox Sign App (real host)', () => {
  const restore: Array<() => void> = [];
  const shown: Shown[] = [];
  /** The button the "user" presses in a message, by message; none (dismissed) by default. */
  let press: (message: Shown) => string | undefined = () => undefined;
  /** Answers to input boxes by a part of their title; undefined = Escape. */
  let answers: Record<string, string | undefined> = {};
  /** Configure App…'s "which service?" pick: the labels offered → the one picked (undefined = Escape). */
  let pickService: (labels: string[]) => string | undefined = (labels) => assert.fail(`unexpected service pick ${labels.join(', ')}`);
  let secrets: vscode.SecretStorage;

  const signdesk = () => vscode.workspace.getConfiguration('signdesk');

  function record(kind: Shown['kind']) {
    return (async (message: string, ...rest: unknown[]) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as vscode.MessageOptions) : undefined;
      const entry: Shown = { kind, message, modal: options?.modal === true, detail: options?.detail, items: rest.filter((i): i is string => typeof i === 'string') };
      shown.push(entry);
      return press(entry);
    }) as typeof vscode.window.showInformationMessage;
  }

  /** Runs Configure and resolves once a message matching `until` was shown (the last step is not awaited by the command). */
  async function configure(until: (m: Shown) => boolean): Promise<Shown> {
    await vscode.commands.executeCommand('signdesk.dropboxSign.configureApp');
    return eventually(async () => shown.find(until), (m) => m !== undefined, 10_000, 'the message Configure ends with') as Promise<Shown>;
  }

  before(async () => {
    secrets = (await activatedApi()).testing!.sessions.secrets as vscode.SecretStorage;
    restore.push(
      stubWindow('showInputBox', (async (options?: vscode.InputBoxOptions) => {
        const step = Object.keys(answers).find((key) => options?.title?.includes(key));
        assert.ok(step, `unexpected input box ${options?.title}`);
        if (step.startsWith('(2/3)') || step.startsWith('(3/3)')) assert.equal(options?.password, true, `${step} hides what is typed`);
        return answers[step];
      }) as typeof vscode.window.showInputBox),
      // A second run finds the API key stored and asks what to do with it: keep it.
      stubWindow('showQuickPick', (async (items: readonly (string | vscode.QuickPickItem)[]) => {
        if (items.every((item) => typeof item === 'object')) {
          const picked = pickService(items.map((item) => (item as vscode.QuickPickItem).label));
          return items.find((item) => (item as vscode.QuickPickItem).label === picked);
        }
        assert.ok(items.includes('Keep the stored API key'), `unexpected quick pick ${JSON.stringify(items)}`);
        return 'Keep the stored API key';
      }) as unknown as typeof vscode.window.showQuickPick),
      stubWindow('showInformationMessage', record('info')),
      stubWindow('showWarningMessage', record('warning')),
    );
  });

  beforeEach(() => {
    shown.length = 0;
    press = () => undefined;
    pickService = (labels) => assert.fail(`unexpected service pick ${labels.join(', ')}`);
    answers = { '(1/3)': 'it-client-id', '(2/3)': SECRET, '(3/3)': API_KEY };
  });

  after(async () => {
    for (const undo of restore.reverse()) undo();
    for (const key of ['oauth.redirect', 'oauth.relayUrl', 'dropboxSign.clientId']) {
      await signdesk().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await secrets.delete(CLIENT_SECRET_KEY);
    await secrets.delete(API_KEY_KEY);
  });

  describe('relay mode', () => {
    before(async () => {
      await signdesk().update('oauth.redirect', 'relay', vscode.ConfigurationTarget.Global);
      await signdesk().update('oauth.relayUrl', RELAY_URL, vscode.ConfigurationTarget.Global);
    });

    it('"SignDesk: Configure App…" asks which service (each by its label); Escape configures nothing, a pick configures that service', async () => {
      let offered: string[] = [];
      pickService = (labels) => {
        offered = labels;
        return undefined;
      };
      answers = {};
      await vscode.commands.executeCommand('signdesk.configureApp');
      assert.deepEqual(offered, ['Dropbox Sign', 'Dropbox', 'signNow']);
      assert.equal(shown.length, 0, 'Escape: nothing asked or shown');
      answers = { '(1/3)': 'it-client-id', '(2/3)': SECRET, '(3/3)': API_KEY };
      pickService = () => 'Dropbox Sign';
      await vscode.commands.executeCommand('signdesk.configureApp');
      const last = await eventually(async () => shown.find((m) => m.items.includes('Copy Callback URL')), (m) => m !== undefined, 10_000, 'the last step');
      assert.match(last!.message, /in your Dropbox Sign app's settings/);
    });

    it('stores the client ID in the setting and the secret and API key in context.secrets only', async () => {
      await configure((m) => m.items.includes('Copy Callback URL'));
      assert.equal(signdesk().get('dropboxSign.clientId'), 'it-client-id');
      assert.equal(await secrets.get(CLIENT_SECRET_KEY), SECRET);
      assert.equal(await secrets.get(API_KEY_KEY), API_KEY);
      const settings = JSON.stringify(signdesk());
      assert.ok(!settings.includes(SECRET) && !settings.includes(API_KEY), 'no secret in the settings');
    });

    it('shows the callback URL to register in a modal dialog (it stays until the user acts), and "Copy Callback URL" copies it', async () => {
      await vscode.env.clipboard.writeText('');
      press = (m) => (m.items.includes('Copy Callback URL') ? 'Copy Callback URL' : undefined);
      const message = await configure((m) => m.items.includes('Copy Callback URL'));
      assert.equal(message.modal, true, 'a modal dialog, not a notification that hides itself');
      assert.ok(message.message.includes(`(redirect mode "relay"): ${RELAY_URL}`), message.message);
      assert.deepEqual(message.items, ['Copy Callback URL', 'Sign In']);
      assert.equal(await eventually(() => Promise.resolve(vscode.env.clipboard.readText()), (text) => text === RELAY_URL, 10_000, 'clipboard'), RELAY_URL);
      const copied = await eventually(async () => shown.find((m) => m.message.startsWith('Callback URL copied.')), (m) => m !== undefined, 10_000, 'the copy is confirmed');
      assert.deepEqual(copied?.items, ['Sign In']);
    });
  });

  describe('direct mode in a browser workbench (this host)', () => {
    beforeEach(async () => {
      await signdesk().update('oauth.redirect', 'direct', vscode.ConfigurationTarget.Global);
      await signdesk().update('oauth.relayUrl', undefined, vscode.ConfigurationTarget.Global);
    });

    it('says why direct cannot work here, and offers the relay mode instead of a callback URL that could never match', async () => {
      const offer = await configure((m) => m.items.includes('Switch to Relay Mode'));
      assert.equal(offer.kind, 'warning');
      assert.equal(offer.modal, true);
      assert.match(offer.message, /"direct" redirect mode cannot work in this VS Code/);
      assert.match(offer.detail ?? '', /changes with every sign-in/);
      assert.match(offer.detail ?? '', /oauth-relay\.html/);
      assert.equal(signdesk().get('oauth.redirect'), 'direct', 'dismissed: nothing changed');
      assert.ok(!shown.some((m) => m.items.includes('Copy Callback URL')), 'no callback URL to register for direct here');
    });

    it('"Switch to Relay Mode" sets the relay mode, asks for the relay page address, then shows it as the callback URL to register', async () => {
      press = (m) => (m.items.includes('Switch to Relay Mode') ? 'Switch to Relay Mode' : undefined);
      answers['relay page'] = RELAY_URL;
      const message = await configure((m) => m.items.includes('Copy Callback URL'));
      assert.equal(signdesk().get('oauth.redirect'), 'relay');
      assert.equal(signdesk().get('oauth.relayUrl'), RELAY_URL);
      assert.ok(message.message.includes(`(redirect mode "relay"): ${RELAY_URL}`), message.message);
      assert.equal(message.modal, true);
    });

    it('switched without a relay page yet: explains where to host media/oauth-relay.html', async () => {
      press = (m) => (m.items.includes('Switch to Relay Mode') ? 'Switch to Relay Mode' : undefined);
      answers['relay page'] = undefined; // Escape: not hosted yet
      const guide = await configure((m) => m.items.includes('Open the Relay Page Guide'));
      assert.equal(signdesk().get('oauth.redirect'), 'relay');
      assert.equal(guide.modal, true);
      assert.match(guide.detail ?? '', /media\/oauth-relay\.html/);
      assert.match(guide.detail ?? '', /signdesk\.oauth\.relayUrl/);
    });
  });
});
