// Bad inputs: what the settings that decide where tokens, codes and the client secret go can hold. A
// repository's .vscode/settings.json must not be able to set them, and odd values fall back safely.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { userLevelValue } from '../../src/core/userLevelSetting';
import { apiUrl, DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL, resolveDropboxSignSettings, tokenUrl } from '../../src/providers/dropboxSign/endpoints';
import { badInput, badInputs } from './tally';

// Compiled to out/test/badInputs: the repo root is three levels up.
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { scope?: string; default?: unknown }> = pkg.contributes.configuration.properties;
const WHERE_SECRETS_GO = ['signdesk.dropboxSign.apiBaseUrl', 'signdesk.dropboxSign.oauthBaseUrl', 'signdesk.oauth.relayUrl'];
const ATTACKER = 'https://attacker.example/v3';

describe('settings', () => {
  for (const id of WHERE_SECRETS_GO) {
    badInput(`${id} in a workspace's .vscode/settings.json`, 'not settable there: application scope', () => {
      assert.equal(properties[id]?.scope, 'application');
    });
  }

  badInputs(
    [
      ['a workspace value over the default', { defaultValue: DEFAULT_API_BASE_URL, workspaceValue: ATTACKER }],
      ['a workspace folder value over the default', { defaultValue: DEFAULT_API_BASE_URL, workspaceFolderValue: ATTACKER }],
      ['workspace and folder values both set', { defaultValue: DEFAULT_API_BASE_URL, workspaceValue: ATTACKER, workspaceFolderValue: ATTACKER }],
      ['a workspace value over a user value', { defaultValue: DEFAULT_API_BASE_URL, globalValue: DEFAULT_API_BASE_URL, workspaceValue: ATTACKER }],
      ['a workspace value of null over the default', { defaultValue: DEFAULT_API_BASE_URL, workspaceValue: null }],
    ],
    'the user-level value or the default is used, never the workspace\'s',
    (levels) => assert.equal(userLevelValue(levels), DEFAULT_API_BASE_URL),
  );

  badInputs<unknown>(
    [
      ['apiBaseUrl ""', ''],
      ['apiBaseUrl "   " (whitespace)', '   '],
      ['apiBaseUrl "\\n\\t"', '\n\t'],
      ['apiBaseUrl null', null],
      ['apiBaseUrl 42 (a number)', 42],
      ['apiBaseUrl true', true],
      ['apiBaseUrl ["https://x"] (an array)', ['https://x.example']],
      ['apiBaseUrl {"url": …} (an object)', { url: 'https://x.example' }],
    ],
    'the default API base URL',
    (value) => assert.equal(resolveDropboxSignSettings({ apiBaseUrl: value }).apiBaseUrl, DEFAULT_API_BASE_URL),
  );

  badInputs<unknown>(
    [
      ['oauthBaseUrl ""', ''],
      ['oauthBaseUrl " "', ' '],
      ['oauthBaseUrl 0', 0],
    ],
    'the default OAuth base URL',
    (value) => assert.equal(resolveDropboxSignSettings({ oauthBaseUrl: value }).oauthBaseUrl, DEFAULT_OAUTH_BASE_URL),
  );

  badInput('apiBaseUrl with spaces and a newline around it', 'trimmed', () => {
    assert.equal(resolveDropboxSignSettings({ apiBaseUrl: '  http://127.0.0.2:8719/v3\n' }).apiBaseUrl, 'http://127.0.0.2:8719/v3');
  });

  badInput('apiBaseUrl with trailing slashes (…/v3///)', 'paths are appended once: …/v3/account', () => {
    assert.equal(apiUrl(resolveDropboxSignSettings({ apiBaseUrl: 'https://api.hellosign.com/v3///' }).apiBaseUrl, '/account'), 'https://api.hellosign.com/v3/account');
  });

  badInput('oauthBaseUrl with a trailing slash', 'token URL …/oauth/token', () => {
    assert.equal(tokenUrl(resolveDropboxSignSettings({ oauthBaseUrl: 'https://app.hellosign.com/' }).oauthBaseUrl), 'https://app.hellosign.com/oauth/token');
  });
});
