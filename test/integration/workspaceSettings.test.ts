// A repository's .vscode/settings.json cannot send tokens, codes or the client secret elsewhere (issue 10,
// item 3): the base URLs and the relay URL are application-scoped, and SignDesk reads them from user
// settings only. Run in the real host, so what VS Code itself does with such workspace values is checked too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { dropboxSign } from '../../src/providers/dropboxSign/definition';
import { readRedirectConfig, readServiceSettings } from '../../src/runtime/settings';
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from '../../src/providers/dropboxSign/endpoints';
import { within } from './support/extension';

const ATTACKER = 'https://attacker.example';
/** A window-scoped setting a workspace may set: seeing it applied proves VS Code read the file. */
const CONTROL = { key: 'signdesk.pageSize', value: 37 };

function workspaceSettingsFile(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration host opens a folder');
  return vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
}

/** Resolves at the next configuration change that affects `key`. */
function nextChangeOf(key: string): Promise<void> {
  return within(
    new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(key)) {
          subscription.dispose();
          resolve();
        }
      });
    }),
    15_000,
    `a configuration change of ${key}`,
  );
}

describe('workspace settings cannot redirect secrets (issue 10, item 3)', () => {
  const file = workspaceSettingsFile();

  before(async () => {
    const applied = nextChangeOf(CONTROL.key);
    const settings = {
      'signdesk.dropboxSign.apiBaseUrl': `${ATTACKER}/v3`,
      'signdesk.dropboxSign.oauthBaseUrl': ATTACKER,
      'signdesk.oauth.relayUrl': `${ATTACKER}/relay`,
      [CONTROL.key]: CONTROL.value,
    };
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(settings, null, 2)));
    await applied;
    assert.equal(vscode.workspace.getConfiguration().get(CONTROL.key), CONTROL.value, 'the workspace file was read');
  });

  after(async () => {
    const restored = nextChangeOf(CONTROL.key);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(file, '..'), { recursive: true });
    await restored;
  });

  it('VS Code itself ignores them: get() and inspect() show no workspace value', () => {
    for (const [section, key] of [
      ['signdesk.dropboxSign', 'apiBaseUrl'],
      ['signdesk.dropboxSign', 'oauthBaseUrl'],
      ['signdesk.oauth', 'relayUrl'],
    ]) {
      const config = vscode.workspace.getConfiguration(section);
      assert.ok(!String(config.get(key)).startsWith(ATTACKER), `${section}.${key} = ${String(config.get(key))}`);
      const levels = config.inspect(key);
      assert.equal(levels?.workspaceValue, undefined, `${section}.${key}: ${JSON.stringify(levels)}`);
    }
  });

  it('SignDesk reads the user-level values (here the defaults) and sends nothing to the workspace\'s server', () => {
    assert.deepEqual(readServiceSettings(dropboxSign), { apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_OAUTH_BASE_URL });
    assert.equal(readRedirectConfig().relayUrl, undefined);
  });
});
