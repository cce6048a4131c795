// Where SignDesk sends tokens, codes and the client secret is decided by user settings only (issue 10,
// item 3): the settings are application-scoped in package.json, and the reader ignores workspace values.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { userLevelValue } from '../../../src/core/userLevelSetting';
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL, resolveDropboxSignSettings } from '../../../src/providers/dropboxSign/endpoints';

// Compiled to out/test/unit/core: the repo root is four levels up.
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { scope?: string }> = pkg.contributes.configuration.properties;

/** Settings whose value decides where a token, a code or the client secret is sent. */
export const WHERE_SECRETS_GO = ['signdesk.dropboxSign.apiBaseUrl', 'signdesk.dropboxSign.oauthBaseUrl', 'signdesk.oauth.relayUrl'];

describe('settings that decide where secrets go (issue 10, item 3)', () => {
  it('are application-scoped in package.json, so a workspace\'s settings cannot set them', () => {
    for (const id of WHERE_SECRETS_GO) {
      assert.ok(properties[id], `${id} is contributed`);
      assert.equal(properties[id].scope, 'application', id);
    }
  });

  it('are read from user settings or defaults only, whatever a workspace holds', () => {
    const evil = 'https://attacker.example/v3';
    assert.equal(userLevelValue({ defaultValue: DEFAULT_API_BASE_URL, workspaceValue: evil }), DEFAULT_API_BASE_URL);
    assert.equal(userLevelValue({ defaultValue: DEFAULT_API_BASE_URL, workspaceFolderValue: evil }), DEFAULT_API_BASE_URL);
    assert.equal(userLevelValue({ defaultValue: 'd', globalValue: 'http://127.0.0.2:1/v3', workspaceValue: evil }), 'http://127.0.0.2:1/v3');
    assert.equal(userLevelValue(undefined), undefined);
  });
});

describe('resolveDropboxSignSettings', () => {
  it('uses the defaults for unset, null, empty, blank and non-text values and trims the rest', () => {
    for (const value of [undefined, null, '', '   ', 42, ['https://x.example']]) {
      assert.deepEqual(resolveDropboxSignSettings({ apiBaseUrl: value, oauthBaseUrl: value }), {
        apiBaseUrl: DEFAULT_API_BASE_URL,
        oauthBaseUrl: DEFAULT_OAUTH_BASE_URL,
      });
    }
    assert.equal(resolveDropboxSignSettings({ apiBaseUrl: '  http://127.0.0.2:9/v3 \n' }).apiBaseUrl, 'http://127.0.0.2:9/v3');
  });
});
