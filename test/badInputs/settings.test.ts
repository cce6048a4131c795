// Bad inputs: what the settings that decide where tokens, codes and the client secret go can hold. A
// repository's .vscode/settings.json must not be able to set them, and odd values fall back safely.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relayUrlProblem } from '../../src/auth/redirectStrategy';
import type { SessionStoreApi, StoredSession } from '../../src/auth/session';
import { isOriginChanged, TokenManager } from '../../src/auth/tokenManager';
import { SettingsError } from '../../src/core/errors';
import { noopLogger } from '../../src/core/log';
import { userLevelValue } from '../../src/core/userLevelSetting';
import { apiUrl, DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL, resolveDropboxSignSettings, tokenOrigins, tokenUrl } from '../../src/providers/dropboxSign/endpoints';
import { FakeHttp } from '../support/scriptedHttp';
import { badInput, badInputs } from './tally';
import { dropboxSignStack } from '../support/stacks';

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

describe('settings: base URLs SignDesk must not send secrets to', () => {
  badInputs(
    [
      ['apiBaseUrl http:// on a public host', { apiBaseUrl: 'http://api.hellosign.com/v3' }],
      ['oauthBaseUrl http:// on a public host', { oauthBaseUrl: 'http://app.hellosign.com' }],
      ['apiBaseUrl javascript:', { apiBaseUrl: 'javascript:alert(1)' }],
      ['apiBaseUrl data:', { apiBaseUrl: 'data:text/plain,x' }],
      ['oauthBaseUrl file:', { oauthBaseUrl: 'file:///etc/passwd' }],
      ['apiBaseUrl ftp:', { apiBaseUrl: 'ftp://api.example/v3' }],
      ['apiBaseUrl with user:pass@', { apiBaseUrl: 'https://user:pass@api.example/v3' }],
      ['oauthBaseUrl with a user name only', { oauthBaseUrl: 'https://me@app.example' }],
      ['apiBaseUrl with a ?query', { apiBaseUrl: 'https://api.example/v3?token=x' }],
      ['apiBaseUrl with a #fragment', { apiBaseUrl: 'https://api.example/v3#x' }],
      ['apiBaseUrl http://0.0.0.0 (every interface, not loopback)', { apiBaseUrl: 'http://0.0.0.0:8719/v3' }],
      ['apiBaseUrl http://localhost.evil.com', { apiBaseUrl: 'http://localhost.evil.com/v3' }],
      ['apiBaseUrl http://127.0.0.1.evil.com', { apiBaseUrl: 'http://127.0.0.1.evil.com/v3' }],
      ['apiBaseUrl http://10.0.0.1 (private, not loopback)', { apiBaseUrl: 'http://10.0.0.1/v3' }],
      ['apiBaseUrl http://[::ffff:127.0.0.1] (IPv4-mapped)', { apiBaseUrl: 'http://[::ffff:127.0.0.1]/v3' }],
      ['apiBaseUrl "api.hellosign.com" (no scheme)', { apiBaseUrl: 'api.hellosign.com/v3' }],
      ['apiBaseUrl "https://" (no host)', { apiBaseUrl: 'https://' }],
    ],
    'SettingsError naming the setting, value not echoed',
    (raw) => {
      const key = Object.keys(raw)[0];
      assert.throws(
        () => resolveDropboxSignSettings(raw),
        (error: unknown) => error instanceof SettingsError && error.message.includes(`"signdesk.dropboxSign.${key}" cannot be used`) && !error.message.includes('pass@'),
      );
    },
  );

  badInputs<readonly [string, string]>(
    [
      ['https with a port', ['https://api.example:8443/v3', 'https://api.example:8443']],
      ['https with a longer path and trailing slash', ['https://api.example/a/b/v3/', 'https://api.example']],
      ['an IDN host (bücher.example)', ['https://bücher.example/v3', 'https://xn--bcher-kva.example']],
      ['http on IPv6 loopback [::1]', ['http://[::1]:8719/v3', 'http://[::1]:8719']],
      ['http on 127.1 (short loopback form)', ['http://127.1:8719/v3', 'http://127.0.0.1:8719']],
      ['http on LOCALHOST (upper case)', ['http://LOCALHOST:3000/v3', 'http://localhost:3000']],
      ['http on 127.255.255.254', ['http://127.255.255.254/v3', 'http://127.255.255.254']],
      ['https with an explicit default port :443', ['https://api.hellosign.com:443/v3', 'https://api.hellosign.com']],
    ],
    'accepted; tokens are bound to its origin',
    ([url, origin]) => {
      const settings = resolveDropboxSignSettings({ apiBaseUrl: url });
      assert.equal(tokenOrigins(settings).api, origin);
    },
  );

  badInputs(
    [
      ['relayUrl http:// on a public host', 'http://relay.example/r'],
      ['relayUrl with a #fragment', 'https://relay.example/r#x'],
      ['relayUrl with user:pass@', 'https://u:p@relay.example/r'],
      ['relayUrl javascript:', 'javascript:alert(1)'],
    ],
    'refused with a reason before the browser opens',
    (url) => assert.ok(relayUrlProblem(url)),
  );

  const ISSUED = { oauth: 'https://app.hellosign.com', api: 'https://api.hellosign.com' };
  badInputs(
    [
      ['API base changed to another host after sign-in', { apiBaseUrl: 'https://attacker.example/v3' }],
      ['OAuth base changed to another host after sign-in', { oauthBaseUrl: 'https://attacker.example' }],
      ['API base changed to another port of the same host', { apiBaseUrl: 'https://api.hellosign.com:8443/v3' }],
      ['API base changed to the local sandbox', { apiBaseUrl: 'http://127.0.0.1:8719/v3' }],
      ['API base changed to a look-alike subdomain', { apiBaseUrl: 'https://api.hellosign.com.attacker.example/v3' }],
    ],
    'sign in again (origin_changed); no request made',
    async (raw) => {
      const http = new FakeHttp();
      const settings = () => resolveDropboxSignSettings({ apiBaseUrl: 'https://api.hellosign.com/v3', oauthBaseUrl: 'https://app.hellosign.com', ...raw });
      const session: StoredSession = {
        service: 'dropboxSign', accountId: 'a1', email: 'a@example.com', accessToken: 'Acc3ssT0ken-xyz', refreshToken: 'R3freshT0ken-xyz',
        expiresAt: 0, scopes: [], status: 'active', createdAt: 0, origins: ISSUED,
      };
      const store: SessionStoreApi = {
        get: async () => session, list: async () => [session], save: async () => undefined, saveOver: async () => true, remove: async () => true,
        onDidChange: () => ({ dispose: () => undefined }),
      };
      const { oauth, api } = dropboxSignStack(settings, { http });
      const tokens = new TokenManager({ store, clock: { now: () => 1 }, log: noopLogger, refresh: (_s, refreshToken) => oauth.refresh({ refreshToken }), currentOrigins: () => tokenOrigins(settings()) });
      await assert.rejects(tokens.withToken(session, (token) => api.getAccount(token)), (error: unknown) => isOriginChanged(error));
      assert.equal(http.requests.length, 0);
    },
  );
});
