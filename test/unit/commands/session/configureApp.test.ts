// Configure App with a fake `vscode`, for each kind of app: a public client (Dropbox, PKCE) is asked its app
// key only, and nothing secret is stored; a confidential one (Dropbox Sign) its client ID, secret and API
// key in three steps. Both end with the callback URL to register for the redirect mode (Dropbox in manual
// mode: nothing to register, it shows a code).
import assert from 'node:assert/strict';
import type { ConfigureTarget } from '../../../../src/commands/session/configureApp';
import { dropbox } from '../../../../src/providers/dropbox/definition';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import { createFakeVscode, loadAgainst } from '../../../support/fakeVscode';

/* eslint-disable @typescript-eslint/no-require-imports */
const pkg = require('../../../../../package.json');

interface Asked {
  title?: string;
  prompt?: string;
  password: boolean;
}
interface Shown {
  message: string;
  modal: boolean;
  items: string[];
}

describe('Configure App: one path for public and confidential apps', () => {
  const { api } = createFakeVscode(pkg);
  const settings = new Map<string, unknown>();
  api.workspace.getConfiguration = (section: string) => ({
    get: (key: string, fallback?: unknown) => (settings.has(`${section}.${key}`) ? settings.get(`${section}.${key}`) : fallback),
    inspect: (key: string) => ({ key, globalValue: settings.get(`${section}.${key}`) }),
    update: async (key: string, value: unknown) => void settings.set(`${section}.${key}`, value),
  });
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  api.commands.registerCommand = (id: string, run: (...args: unknown[]) => unknown) => {
    commands.set(id, run);
    return { dispose: () => commands.delete(id) };
  };
  let asked: Asked[];
  let shown: Shown[];
  let answers: Array<string | undefined>;
  api.window.showInputBox = async (options: { title?: string; prompt?: string; password?: boolean }) => {
    asked.push({ title: options.title, prompt: options.prompt, password: options.password === true });
    return answers.shift();
  };
  api.window.showQuickPick = async () => assert.fail('no pick expected');
  api.window.showInformationMessage = async (message: string, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as { modal?: boolean }) : undefined;
    shown.push({ message, modal: options?.modal === true, items: rest as string[] });
    return undefined;
  };
  const { registerConfigureAppCommand } = loadAgainst<typeof import('../../../../src/commands/session/configureApp')>(
    api,
    require.resolve('../../../../src/commands/session/configureApp'),
  );

  /** What Configure stored, by method. */
  let stored: Record<string, string>;
  function target(definition: ConfigureTarget['definition']): ConfigureTarget {
    const credentials = {
      clientId: () => stored.setClientId,
      setClientId: async (value: string) => void (stored.setClientId = value),
      clientSecret: async () => stored.setClientSecret,
      setClientSecret: async (value: string) => void (stored.setClientSecret = value),
      apiKey: async () => stored.setApiKey,
      setApiKey: async (value: string) => void (stored.setApiKey = value),
      deleteApiKey: async () => void delete stored.setApiKey,
    };
    return { definition, credentials: credentials as unknown as ConfigureTarget['credentials'] };
  }

  /** Runs Configure for one service and waits for its last dialog (the command does not wait for it). */
  async function configure(definition: ConfigureTarget['definition'], expectDialog = true): Promise<Shown | undefined> {
    const registered = registerConfigureAppCommand({
      targets: [target(definition)],
      callbackUri: 'vscode://signdesk.signdesk/callback',
      extensionUri: api.Uri.file('/ext'),
      log: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    try {
      await commands.get('signdesk.configureApp')!({ service: definition.id });
      for (let tick = 0; expectDialog && shown.length === 0 && tick < 100; tick++) await new Promise((resolve) => setImmediate(resolve));
      return shown[0];
    } finally {
      registered.dispose();
    }
  }

  beforeEach(() => {
    settings.clear();
    asked = [];
    shown = [];
    stored = {};
  });

  it('Dropbox (PKCE): asks the app key only, in one step, stores no secret, and names the loopback address to register', async () => {
    answers = ['dbx-app-key'];
    const last = await configure(dropbox);
    assert.deepEqual(asked.map((a) => [a.title, a.password]), [['Configure Dropbox App', false]]);
    assert.match(asked[0].prompt!, /App key \(client ID\) of your Dropbox app\. SignDesk signs in with PKCE, so no app secret is needed or stored\. .*signdesk\.dropbox\.clientId/);
    assert.deepEqual(stored, { setClientId: 'dbx-app-key' });
    assert.equal(last?.modal, true);
    assert.match(last!.message, /in your Dropbox app's settings \(redirect mode "loopback"\): http:\/\/127\.0\.0\.1:53682\/callback/);
    assert.deepEqual(last!.items, ['Copy Callback URL', 'Sign In']);
  });

  it('Dropbox in manual mode: nothing to register, Dropbox shows a code to paste', async () => {
    settings.set('signdesk.dropbox.redirect', 'manual');
    answers = ['dbx-app-key'];
    const last = await configure(dropbox);
    assert.equal(last!.message, 'Redirect mode "manual": nothing to register. Dropbox shows a code after you allow SignDesk; paste it into "SignDesk: Complete Authorization…".');
    assert.deepEqual(last!.items, ['Sign In']);
  });

  it('Dropbox Sign: client ID, then secret and API key hidden as typed, in three steps; then the callback URL', async () => {
    answers = ['ds-client-id', 'ds-secret-123', 'ds-api-key-456'];
    const last = await configure(dropboxSign);
    assert.deepEqual(
      asked.map((a) => [a.title, a.password]),
      [
        ['Configure Dropbox Sign App (1/3)', false],
        ['Configure Dropbox Sign App (2/3)', true],
        ['Configure Dropbox Sign App (3/3)', true],
      ],
    );
    assert.deepEqual(stored, { setClientId: 'ds-client-id', setClientSecret: 'ds-secret-123', setApiKey: 'ds-api-key-456' });
    assert.match(last!.message, /in your Dropbox Sign app's settings \(redirect mode "direct"\): vscode:\/\/signdesk\.signdesk\/callback/);
  });

  it('Escape on the first step stores and shows nothing', async () => {
    for (const definition of [dropbox, dropboxSign]) {
      answers = [undefined];
      await configure(definition, false);
      assert.deepEqual(stored, {}, definition.id);
    }
    assert.deepEqual(shown, []);
  });
});
