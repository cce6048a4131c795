// Dropbox's sign-in through the service-neutral SignInFlow, with the Dropbox definition's own OAuth client,
// against the Dropbox sandbox: PKCE (the sandbox checks the verifier), no client secret, the compact relay
// state a long Codespaces callback needs, manual mode without redirect_uri where the user pastes just the
// code, and Sign Out's revoke.
import * as assert from 'node:assert/strict';
import { PendingSignIns } from '../../../src/auth/pendingSignIns';
import { decodeState } from '../../../src/auth/oauthState';
import type { RedirectConfig } from '../../../src/auth/redirectStrategy';
import type { StoredSession } from '../../../src/auth/session';
import { AppNotConfiguredError } from '../../../src/auth/signInErrors';
import { SignInFlow } from '../../../src/auth/signInFlow';
import { systemClock } from '../../../src/core/clock';
import { AuthError } from '../../../src/core/errors';
import { FetchHttpClient } from '../../../src/core/fetchHttpClient';
import { RedactingLogger, SecretRegistry } from '../../../src/core/log';
import type { ServiceContext } from '../../../src/model/service';
import { dropbox } from '../../../src/providers/dropbox/definition';
import { allowInBrowser, useDropboxSandbox } from '../../support/sandboxes/dropbox';
import { CODESPACES_TARGET } from '../../support/callbackTargets';

describe('Dropbox sign-in through SignInFlow against the Dropbox sandbox', function () {
  this.timeout(15_000);
  const sb = useDropboxSandbox();


  function setup() {
    const secrets = new SecretRegistry();
    const lines: string[] = [];
    const sink = (line: string) => void lines.push(line);
    const log = new RedactingLogger({ trace: sink, debug: sink, info: sink, warn: sink, error: sink }, secrets);
    const http = new FetchHttpClient({ serviceLabel: 'Dropbox', userAgent: 'SignDesk-test', readError: dropbox.readError, timeoutMs: 3000 });
    const context: ServiceContext = {
      http,
      settings: () => ({ oauthBaseUrl: sb().info.oauthBaseUrl, apiBaseUrl: sb().info.apiBaseUrl, contentBaseUrl: sb().info.contentBaseUrl }),
      clock: systemClock,
      secrets,
    };
    const oauth = dropbox.oauth.create(context);
    const saved: StoredSession[] = [];
    let opened: (url: string) => void = () => undefined;
    const nextOpened = new Promise<string>((resolve) => (opened = resolve));
    const flow = new SignInFlow({
      service: dropbox.id,
      serviceLabel: dropbox.label,
      env: { callbackUri: 'code-oss://signdesk.signdesk/callback', asExternalUri: async () => CODESPACES_TARGET, openExternal: async (url) => (opened(url), true) },
      pending: new PendingSignIns(systemClock),
      oauth,
      traits: dropbox.oauth,
      getAccount: (token, signal) => oauth.getAccount(token, signal),
      sessions: { save: async (session) => void saved.push(session) },
      secrets,
      log,
      clock: systemClock,
    });
    return { flow, oauth, saved, nextOpened, lines, context };
  }

  const relay = (): RedirectConfig => ({ setting: 'relay', relayUrl: sb().info.callbackUrl, loopbackPort: 53682 });

  it('relay mode: PKCE S256 and no secret; a long Codespaces target travels compressed within 500 bytes', async () => {
    const { flow, saved, nextOpened, lines } = setup();
    // No client secret: a public client is configured with the app key alone.
    const signingIn = flow.start({ clientId: sb().info.clientId, clientSecret: undefined, redirect: relay() });
    const authorize = new URL(await nextOpened);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(authorize.searchParams.get('token_access_type'), 'offline');
    const state = authorize.searchParams.get('state') ?? '';
    assert.ok(state.length <= 500 && state.includes('~'), `${state.length}: ${state}`);
    assert.equal(decodeState(state)?.target, CODESPACES_TARGET);
    const { location } = await allowInBrowser(sb(), authorize.toString());
    assert.equal(location?.searchParams.get('state'), state);
    flow.deliver({ code: location?.searchParams.get('code') ?? undefined, state: location?.searchParams.get('state') ?? undefined });
    const session = await signingIn;
    assert.equal(session.service, 'dropbox');
    assert.equal(session.email, 'alice@example.com');
    assert.equal(saved.length, 1);
    assert.ok(session.refreshToken);
    // The verifier and the tokens never reach the log.
    assert.ok(!lines.join('\n').includes(session.accessToken));
  });

  it('manual mode: no redirect_uri is sent; the user pastes just the code Dropbox shows', async () => {
    const { flow, nextOpened } = setup();
    const signingIn = flow.start({ clientId: sb().info.clientId, clientSecret: undefined, redirect: { setting: 'manual', loopbackPort: 53682 } });
    const authorize = new URL(await nextOpened);
    assert.equal(authorize.searchParams.get('redirect_uri'), null);
    const { location, page } = await allowInBrowser(sb(), authorize.toString());
    assert.equal(location, undefined);
    const code = /id="auth-code"[^>]*>([^<]+)</.exec(page)?.[1] ?? '';
    assert.ok(code, page);
    assert.equal(flow.waitingForPaste, true);
    assert.deepEqual(flow.deliverPastedCode(`  ${code}\n`), { accepted: true });
    const session = await signingIn;
    assert.equal(session.email, 'alice@example.com');
    // Nothing waits any more: a second paste is refused.
    assert.equal(flow.deliverPastedCode(code).accepted, false);
  });

  it('without the app key it says what is missing (never the secret: Dropbox needs none)', async () => {
    const { flow } = setup();
    await assert.rejects(flow.start({ clientId: '', clientSecret: undefined, redirect: relay() }), (e: unknown) => e instanceof AppNotConfiguredError && !/secret/i.test(e.message));
  });

  it('refresh with the app key alone keeps the refresh token (no rotation); revoke ends the family', async () => {
    const { flow, nextOpened, oauth } = setup();
    const signingIn = flow.start({ clientId: sb().info.clientId, clientSecret: undefined, redirect: relay() });
    const { location } = await allowInBrowser(sb(), await nextOpened);
    flow.deliver({ code: location?.searchParams.get('code') ?? undefined, state: location?.searchParams.get('state') ?? undefined });
    const session = await signingIn;
    const renewed = await oauth.refresh({ refreshToken: session.refreshToken, clientId: sb().info.clientId });
    assert.equal(renewed.refreshToken, session.refreshToken);
    assert.notEqual(renewed.accessToken, session.accessToken);
    await oauth.revoke?.(renewed.accessToken);
    await assert.rejects(oauth.refresh({ refreshToken: session.refreshToken, clientId: sb().info.clientId }), AuthError);
  });
});
