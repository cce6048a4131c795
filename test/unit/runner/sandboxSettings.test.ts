import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planRedirect, relayUrlProblem, resolveRedirectMode, type RedirectConfig, type RedirectSetting } from '../../../src/auth/redirectStrategy';
import { encodeState } from '../../../src/auth/oauthState';
import { authorizeUrl } from '../../../src/providers/dropboxSign/endpoints';
import { repoRoot } from '../../runner/paths';
import { dropboxAuthorizeUrl } from '../../../src/providers/dropbox/endpoints';
import { createPkcePair } from '../../../src/providers/dropbox/pkce';
import { SANDBOX_HOST, dropboxSandboxSettings, signDeskSandboxSettings, signNowSandboxSettings } from '../../runner/sandboxSettings';
import { startDropboxSandbox } from '../../sandbox/dropbox/server';
import { CODESPACES_TARGET } from '../../support/callbackTargets';
import { startDirs, startSettings } from '../../runner/start';
import { startSandbox, type Sandbox } from '../../sandbox/dropboxSign/server';
import { startSignNowSandbox } from '../../sandbox/signNow/server';
import { authorizeUrl as signNowAuthorizeUrl } from '../../../src/providers/signNow/endpoints';

const SERVER_CALLBACK = 'http://127.0.0.1:8720/stable-1/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk&vscode-path=%2Fcallback';

/** What SignDesk's readRedirectConfig() makes of these settings (defaults as in package.json). */
function redirectConfig(settings: Record<string, unknown>): RedirectConfig {
  return {
    setting: (settings['signdesk.oauth.redirect'] as RedirectSetting | undefined) ?? 'auto',
    relayUrl: settings['signdesk.oauth.relayUrl'] as string | undefined,
    loopbackPort: 53682,
  };
}

describe('npm start / e2e: SignDesk settings for the sandbox', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ host: SANDBOX_HOST });
  });
  after(async () => sandbox.close());

  it('npm start writes the same SignDesk settings the e2e fixture uses (plus only non-SignDesk ones)', () => {
    const shared = signDeskSandboxSettings(sandbox.info);
    const written = startSettings(sandbox.info);
    for (const [key, value] of Object.entries(shared)) assert.deepEqual(written[key], value, key);
    const extra = Object.keys(written).filter((key) => !(key in shared));
    assert.deepEqual(extra.filter((key) => key.startsWith('signdesk.')), [], 'no SignDesk setting of its own');
  });

  it('points SignDesk at the sandbox and the demo app', () => {
    const settings = signDeskSandboxSettings(sandbox.info);
    assert.equal(settings['signdesk.dropboxSign.apiBaseUrl'], sandbox.info.apiBaseUrl);
    assert.equal(settings['signdesk.dropboxSign.oauthBaseUrl'], sandbox.info.oauthBaseUrl);
    assert.equal(settings['signdesk.dropboxSign.clientId'], sandbox.info.clientId);
  });

  it('the redirect the settings lead to is the callback the sandbox has registered, and the sandbox accepts it', async () => {
    const config = redirectConfig(signDeskSandboxSettings(sandbox.info));
    const mode = resolveRedirectMode(config);
    assert.equal(mode, 'relay', 'direct mode cannot work in VS Code server/web: its callback changes every time');
    assert.equal(relayUrlProblem(config.relayUrl ?? ''), undefined);
    const plan = planRedirect(mode, { nonce: 'n0nce', extensionCallback: SERVER_CALLBACK, relayUrl: config.relayUrl });
    assert.equal(plan.redirectUri, sandbox.info.callbackUrl);

    const consent = await fetch(authorizeUrl(sandbox.info.oauthBaseUrl, { clientId: sandbox.info.clientId, state: plan.state, redirectUri: plan.redirectUri }));
    const page = await consent.text();
    assert.equal(consent.status, 200, page);
    assert.match(page, /id="login-form"/);
  });

  it('the relay URL in the settings serves SignDesk\'s own relay page (media/oauth-relay.html)', async () => {
    const relayUrl = String(signDeskSandboxSettings(sandbox.info)['signdesk.oauth.relayUrl']);
    const state = encodeState('n0nce', SERVER_CALLBACK);
    const response = await fetch(`${relayUrl}?${new URLSearchParams({ code: 'c0de', state }).toString()}`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), fs.readFileSync(path.join(repoRoot, 'media', 'oauth-relay.html'), 'utf8'));
  });

  it('the playground folder is outside the repository, and Git is told not to offer parent repositories', () => {
    const relative = path.relative(repoRoot, startDirs.workspace);
    assert.ok(relative.startsWith('..') || path.isAbsolute(relative), `${startDirs.workspace} is inside ${repoRoot}`);
    assert.equal(startSettings(sandbox.info)['git.openRepositoryInParentFolders'], 'never');
  });

  it('npm start also points SignDesk at the Dropbox sandbox, whose demo app has the same relay page registered', async () => {
    const dropbox = await startDropboxSandbox({ host: SANDBOX_HOST, callbackUrl: sandbox.info.callbackUrl });
    try {
      const written = startSettings(sandbox.info, dropbox.info);
      for (const [key, value] of Object.entries(dropboxSandboxSettings(dropbox.info))) assert.deepEqual(written[key], value, key);
      assert.equal(written['signdesk.dropbox.clientId'], dropbox.info.clientId);
      assert.equal(written['signdesk.dropbox.contentBaseUrl'], dropbox.info.contentBaseUrl);
      assert.equal(written['signdesk.dropbox.redirect'], 'relay');
      assert.equal(written['signdesk.oauth.relayUrl'], dropbox.info.callbackUrl);
      // The relay redirect with a long (Codespaces-style) target fits Dropbox's state and reaches the login page.
      const settings = { oauthBaseUrl: dropbox.info.oauthBaseUrl, apiBaseUrl: dropbox.info.apiBaseUrl, contentBaseUrl: dropbox.info.contentBaseUrl };
      const url = dropboxAuthorizeUrl(settings, {
        clientId: dropbox.info.clientId,
        state: encodeState('n0nce', CODESPACES_TARGET, 500),
        codeChallenge: createPkcePair().challenge,
        redirectUri: String(written['signdesk.oauth.relayUrl']),
      });
      const consent = await fetch(url);
      assert.equal(consent.status, 200, await consent.clone().text());
      assert.match(await consent.text(), /<form/);
    } finally {
      await dropbox.close();
    }
  });

  it('npm start also points SignDesk at the signNow sandbox in relay mode, whose demo app has the same relay page registered', async () => {
    const signNow = await startSignNowSandbox({ host: SANDBOX_HOST, callbackUrl: sandbox.info.callbackUrl });
    try {
      const written = startSettings(sandbox.info, undefined, signNow.info);
      for (const [key, value] of Object.entries(signNowSandboxSettings(signNow.info))) assert.deepEqual(written[key], value, key);
      assert.equal(written['signdesk.signNow.apiBaseUrl'], signNow.info.apiBaseUrl);
      assert.equal(written['signdesk.signNow.oauthBaseUrl'], signNow.info.oauthBaseUrl);
      assert.equal(written['signdesk.signNow.clientId'], signNow.info.clientId);
      assert.equal(written['signdesk.signNow.redirect'], 'relay');
      assert.ok(!Object.keys(written).some((key) => /secret/i.test(key)), 'no client secret in settings');
      const plan = planRedirect('relay', { nonce: 'n0nce', extensionCallback: SERVER_CALLBACK, relayUrl: String(written['signdesk.oauth.relayUrl']) });
      assert.equal(plan.redirectUri, signNow.info.callbackUrl);
      const consent = await fetch(signNowAuthorizeUrl(signNow.info.oauthBaseUrl, { clientId: signNow.info.clientId, state: plan.state, redirectUri: plan.redirectUri }));
      assert.equal(consent.status, 200, await consent.clone().text());
      assert.match(await consent.text(), /<form/);
    } finally {
      await signNow.close();
    }
  });
});
