// The sign-in path end to end in Node against the sandbox: the real provider clients (token response
// handling, /account), the relay page's own logic, the pending-attempt checks and the account creation
// flow. The browser is played by plain HTTP requests through the sandbox's login and consent pages.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { accountExists, createAccountSession, type AccountSetupDeps } from '../../../src/auth/accountSetup';
import { dropboxSignAccountSetup } from '../../../src/providers/dropboxSign/accountSetup';
import { PendingSignIns } from '../../../src/auth/pendingSignIns';
import { parseCallbackQuery } from '../../../src/auth/callbackParams';
import type { RedirectConfig } from '../../../src/auth/redirectStrategy';
import type { StoredSession } from '../../../src/auth/session';
import { AuthorizationDeniedError } from '../../../src/auth/signInErrors';
import { SignInFlow } from '../../../src/auth/signInFlow';
import { systemClock } from '../../../src/core/clock';
import { BadResponseError } from '../../../src/core/errors';
import { RedactingLogger, SecretRegistry } from '../../../src/core/log';
import { repoRoot } from '../../runner/paths';
import { startSandbox, type Sandbox } from '../../sandbox/dropboxSign/server';
import { dropboxSignStack } from '../../support/stacks';

const CALLBACK = 'code-oss://signdesk.signdesk/callback';
// What a VS Code server's asExternalUri gives (see notes/real-vscode-host.md); the relay forwards here.
const SERVER_CALLBACK = 'http://127.0.0.1:9/stable-x/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk&vscode-path=%2Fcallback';

interface Relay {
  decide(search: string): { kind: string; url?: string };
}
function loadRelay(): Relay {
  const html = fs.readFileSync(path.join(repoRoot, 'media', 'oauth-relay.html'), 'utf8');
  const context: Record<string, unknown> = { atob, URL, URLSearchParams };
  vm.runInNewContext(/<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '', context);
  return context.SignDeskRelay as Relay;
}

/** Plays the user's browser on the sandbox's pages: log in as `email`, then press Accept or Deny. */
async function consent(authorizeUrl: string, email: string, decision: 'accept' | 'deny'): Promise<URL> {
  const base = new URL(authorizeUrl).origin;
  const page = await fetch(authorizeUrl);
  assert.equal(page.status, 200, await page.clone().text());
  const returnTo = /name="return_to" value="([^"]*)"/.exec(await page.text())?.[1]?.replace(/&amp;/g, '&') ?? '';
  const login = await fetch(`${base}/oauth/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, return_to: returnTo }).toString(),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const consentPage = await (await fetch(new URL(login.headers.get('location') ?? '', base), { headers: { cookie } })).text();
  const hidden = Object.fromEntries(
    [...consentPage.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]),
  );
  const answer = await fetch(`${base}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ ...hidden, decision }).toString(),
  });
  assert.equal(answer.status, 302, await answer.text());
  return new URL(answer.headers.get('location') ?? '');
}

describe('sign-in against the sandbox (real provider clients)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  const relay = loadRelay();

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  function setup() {
    const secrets = new SecretRegistry();
    const logLines: string[] = [];
    const sink = (message: string) => logLines.push(message);
    const log = new RedactingLogger({ trace: sink, debug: sink, info: sink, warn: sink, error: sink }, secrets);
    const { oauth, api } = dropboxSignStack(sandbox.info, { logger: log, secrets });
    const saved: StoredSession[] = [];
    const opened: string[] = [];
    let onOpen: (url: string) => void = (url) => opened.push(url);
    const flow = new SignInFlow({
      service: 'dropboxSign',
      serviceLabel: 'Dropbox Sign',
      env: {
        callbackUri: CALLBACK,
        asExternalUri: async () => SERVER_CALLBACK,
        openExternal: async (url) => {
          onOpen(url);
          return true;
        },
      },
      pending: new PendingSignIns(systemClock),
      oauth,
      getAccount: (token, signal) => oauth.getAccount(token, signal),
      sessions: { save: async (session) => void saved.push(session) },
      secrets,
      log,
      clock: systemClock,
    });
    const nextOpened = () => new Promise<string>((resolve) => (onOpen = resolve));
    return { flow, api, saved, logLines, secrets, nextOpened, log };
  }

  const relayConfig = (): RedirectConfig => ({ setting: 'relay', relayUrl: sandbox.info.relayUrl, loopbackPort: 0 });
  const credentials = () => ({ clientId: sandbox.info.clientId, clientSecret: sandbox.info.clientSecret });

  it('relay: Accept → relay page forwards to the VS Code callback → tokens exchanged, account read', async () => {
    const s = setup();
    const opened = s.nextOpened();
    const done = s.flow.start({ ...credentials(), redirect: relayConfig() });
    const landing = await consent(await opened, sandbox.info.users[0], 'accept');
    assert.equal(landing.origin + landing.pathname, sandbox.info.relayUrl);
    const decision = relay.decide(landing.search);
    assert.equal(decision.kind, 'forward');
    const forwarded = new URL(decision.url as string);
    assert.equal(forwarded.origin + forwarded.pathname, 'http://127.0.0.1:9/stable-x/callback');
    // VS Code hands the handler `code`/`state` merged into the callback's query.
    assert.deepEqual(s.flow.deliver(parseCallbackQuery(forwarded.search)), { accepted: true });
    const session = await done;
    assert.equal(session.email, sandbox.info.users[0]);
    assert.equal(session.status, 'active');
    assert.ok(session.accessToken && session.refreshToken && session.expiresAt > Date.now());
    // The code is single use: replaying the forwarded callback is ignored by the extension...
    assert.equal(s.flow.deliver(parseCallbackQuery(forwarded.search)).accepted, false);
    // ...and the service would refuse it too.
    const code = forwarded.searchParams.get('code') ?? '';
    await assert.rejects(
      dropboxSignStack(sandbox.info).oauth.exchangeCode({ ...credentials(), code, state: forwarded.searchParams.get('state') ?? '' }),
    );
    const log = s.logLines.join('\n');
    for (const secret of [code, session.accessToken, session.refreshToken, sandbox.info.clientSecret]) {
      assert.ok(!log.includes(secret), 'a secret reached the log');
    }
  });

  it('direct: the sandbox app accepts the extension callback as redirect_uri', async () => {
    sandbox.admin.updateApp(sandbox.info.clientId, { acceptAnyRedirectUri: true });
    try {
      const s = setup();
      const opened = s.nextOpened();
      const done = s.flow.start({ ...credentials(), redirect: { setting: 'direct', loopbackPort: 0 } });
      const landing = await consent(await opened, sandbox.info.users[1], 'accept');
      assert.equal(landing.origin + landing.pathname, 'http://127.0.0.1:9/stable-x/callback');
      s.flow.deliver(parseCallbackQuery(landing.search));
      assert.equal((await done).email, sandbox.info.users[1]);
    } finally {
      sandbox.admin.updateApp(sandbox.info.clientId, { acceptAnyRedirectUri: false });
    }
  });

  it('Deny: the relay forwards the state without a code → "Authorization was denied in Dropbox Sign"', async () => {
    const s = setup();
    const opened = s.nextOpened();
    const done = s.flow.start({ ...credentials(), redirect: relayConfig() });
    const landing = await consent(await opened, sandbox.info.users[0], 'deny');
    const decision = relay.decide(landing.search);
    s.flow.deliver(parseCallbackQuery(new URL(decision.url as string).search));
    await assert.rejects(done, AuthorizationDeniedError);
    assert.deepEqual(s.saved, []);
  });

  it('a token endpoint answering malformed JSON fails the sign-in with a clear error, nothing saved', async () => {
    const s = setup();
    const opened = s.nextOpened();
    const done = s.flow.start({ ...credentials(), redirect: relayConfig() });
    const landing = await consent(await opened, sandbox.info.users[0], 'accept');
    sandbox.admin.injectFault({ path: '/oauth/token', kind: 'malformed_json', count: 1 });
    s.flow.deliver(parseCallbackQuery(new URL(relay.decide(landing.search).url as string).search));
    await assert.rejects(done, (error: Error) => error instanceof BadResponseError && /unexpected sign-in response/.test(error.message));
    assert.deepEqual(s.saved, []);
  });

  it('account check and creation: /account/verify, then /account/create stores an awaiting-activation session', async () => {
    const s = setup();
    const saved: StoredSession[] = [];
    const deps: AccountSetupDeps = {
      service: 'dropboxSign',
      serviceLabel: 'Dropbox Sign',
      api: dropboxSignAccountSetup(s.api, systemClock),
      sessions: { save: async (session) => void saved.push(session) },
      secrets: s.secrets,
      log: s.log,
      clock: systemClock,
    };
    assert.equal(await accountExists(deps, sandbox.info.apiKey, sandbox.info.users[0]), true);
    const email = `new-${Date.now()}@example.com`;
    assert.equal(await accountExists(deps, sandbox.info.apiKey, email), false);
    const session = await createAccountSession(deps, { apiKey: sandbox.info.apiKey, email, ...credentials() });
    assert.equal(session.status, 'awaitingActivation');
    assert.equal(session.email, email);
    assert.deepEqual(saved, [session]);
    // Refused until the email is confirmed (and the app authorized)...
    await assert.rejects(s.api.getAccount(session.accessToken));
    sandbox.admin.confirmAccount(email);
    // ...then the stored tokens work.
    assert.equal((await s.api.getAccount(session.accessToken)).account.email_address, email);
    const log = s.logLines.join('\n');
    assert.ok(!log.includes(sandbox.info.apiKey) && !log.includes(session.accessToken));
  });
});
