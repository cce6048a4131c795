// A session's tokens go only to the servers that issued them (issue 10, item 3). The real API and OAuth
// clients run over a recording fake HTTP client, so "nothing was sent" is checked where it matters: no
// request at all, and no request carrying a token.
import * as assert from 'node:assert/strict';
import { AuthError, SettingsError } from '../../../src/core/errors';
import type { HttpRequest } from '../../../src/core/http';
import { newSession, type StoredSession } from '../../../src/auth/session';
import { parseStoredSession, sessionSecretKey, SessionStore } from '../../../src/auth/sessionStore';
import { ORIGIN_CHANGED, TokenManager } from '../../../src/auth/tokenManager';
import { resolveDropboxSignSettings, tokenOrigins, type DropboxSignSettings } from '../../../src/providers/dropboxSign/endpoints';
import { FakeHttp } from '../../support/scriptedHttp';
import { example } from '../providers/dropboxSign/examples';
import { RecordingLogger } from '../../support/log';
import { FakeKeyring } from '../../support/secrets';
import { makeSession } from '../../support/sessions';
import { SERVICES } from '../../../src/providers';
import { dropboxSignStack } from '../../support/stacks';

const PRODUCTION = { apiBaseUrl: 'https://api.hellosign.com/v3', oauthBaseUrl: 'https://app.hellosign.com' };
const ISSUED_BY_PRODUCTION = { oauth: 'https://app.hellosign.com', api: 'https://api.hellosign.com' };
const NOW = 5_000_000;

/** Everything one window needs, with the raw settings the user can change at any time. */
function harness(session: StoredSession | undefined) {
  const keyring = new FakeKeyring();
  const log = new RecordingLogger();
  const store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
  const raw: { apiBaseUrl?: unknown; oauthBaseUrl?: unknown } = { ...PRODUCTION };
  const settings = (): DropboxSignSettings => resolveDropboxSignSettings(raw);
  const http = new FakeHttp();
  const { api, oauth } = dropboxSignStack(settings, { http, clock: { now: () => NOW } });
  const tokens = new TokenManager({
    store,
    log,
    clock: { now: () => NOW },
    refresh: (_service, refreshToken) => oauth.refresh({ refreshToken }),
    currentOrigins: () => tokenOrigins(settings()),
  });
  const getAccount = () => tokens.withToken({ service: 'dropboxSign', accountId: session?.accountId ?? 'none' }, (token) => api.getAccount(token));
  const carriesAToken = (req: HttpRequest, s: StoredSession) =>
    JSON.stringify(req).includes(s.accessToken) || JSON.stringify(req).includes(s.refreshToken);
  return { keyring, store, raw, http, tokens, getAccount, carriesAToken, log };
}

async function rejectsWith(promise: Promise<unknown>, errorName: string): Promise<AuthError> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AuthError, String(error));
  assert.equal(error.errorName, errorName, error.message);
  return error;
}

describe('TokenManager: tokens go only to the servers that issued them (issue 10, item 3)', () => {
  it('works while the configured servers are the ones that issued the session', async () => {
    const session = makeSession({ origins: ISSUED_BY_PRODUCTION, expiresAt: NOW + 3_600_000 });
    const h = harness(session);
    await h.store.save(session);
    h.http.reply({ json: example('AccountGetResponse') });
    await h.getAccount();
    assert.equal(h.http.requests.length, 1);
    assert.equal(h.http.last.url, 'https://api.hellosign.com/v3/account');
  });

  it('another API server configured: asks to sign in again and sends no request', async () => {
    const session = makeSession({ origins: ISSUED_BY_PRODUCTION, expiresAt: NOW + 3_600_000 });
    const h = harness(session);
    await h.store.save(session);
    h.raw.apiBaseUrl = 'https://attacker.example/v3';
    const error = await rejectsWith(h.getAccount(), ORIGIN_CHANGED);
    assert.match(error.message, /now points at https:\/\/attacker\.example, which did not issue .*Sign in again/);
    assert.equal(h.http.requests.length, 0);
  });

  it('another OAuth server configured while the token needs a refresh: no refresh request either', async () => {
    const session = makeSession({ origins: ISSUED_BY_PRODUCTION, expiresAt: NOW - 1 });
    const h = harness(session);
    await h.store.save(session);
    h.raw.oauthBaseUrl = 'http://127.0.0.1:9999';
    await rejectsWith(h.getAccount(), ORIGIN_CHANGED);
    await rejectsWith(h.tokens.refreshNow(session), ORIGIN_CHANGED);
    await rejectsWith(h.tokens.freshSession(session), ORIGIN_CHANGED);
    assert.equal(h.http.requests.length, 0);
  });

  it('a port of its own is another origin; another path on the same origin is not', async () => {
    const session = makeSession({ origins: ISSUED_BY_PRODUCTION, expiresAt: NOW + 3_600_000 });
    const h = harness(session);
    await h.store.save(session);
    h.raw.apiBaseUrl = 'https://api.hellosign.com:8443/v3';
    await rejectsWith(h.getAccount(), ORIGIN_CHANGED);
    h.raw.apiBaseUrl = 'https://API.hellosign.com/v3/';
    h.http.reply({ json: example('AccountGetResponse') });
    await h.getAccount();
    assert.equal(h.http.requests.length, 1);
  });

  it('the settings changed between two calls of one session: the second sends nothing', async () => {
    const session = makeSession({ origins: ISSUED_BY_PRODUCTION, expiresAt: NOW + 3_600_000 });
    const h = harness(session);
    await h.store.save(session);
    h.http.reply({ json: example('AccountGetResponse') });
    await h.getAccount();
    h.raw.apiBaseUrl = 'https://api.hellosign.com.evil.example/v3';
    await rejectsWith(h.getAccount(), ORIGIN_CHANGED);
    assert.equal(h.http.requests.length, 1);
    assert.ok(h.http.requests.every((req) => req.url.startsWith('https://api.hellosign.com/')));
  });

  it('a refused base URL setting: SettingsError naming the setting, and no request', async () => {
    const session = makeSession({ origins: ISSUED_BY_PRODUCTION, expiresAt: NOW + 3_600_000 });
    const h = harness(session);
    await h.store.save(session);
    h.raw.apiBaseUrl = 'http://api.hellosign.com/v3';
    const error = await h.getAccount().then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SettingsError, String(error));
    assert.match(error.message, /"signdesk\.dropboxSign\.apiBaseUrl" cannot be used: .*https/);
    assert.equal(h.http.requests.length, 0);
  });

  describe('sessions stored before origins were recorded', () => {
    it('are bound to the servers configured at their first use, and that is saved', async () => {
      const legacy = makeSession({ expiresAt: NOW + 3_600_000 });
      assert.equal(legacy.origins, undefined);
      const h = harness(legacy);
      await h.store.save(legacy);
      h.http.reply({ json: example('AccountGetResponse') });
      await h.getAccount();
      assert.equal(h.http.requests.length, 1);
      const stored = JSON.parse(h.keyring.values.get(sessionSecretKey(legacy)) ?? '{}') as StoredSession;
      assert.deepEqual(stored.origins, ISSUED_BY_PRODUCTION);
      assert.equal(stored.accessToken, legacy.accessToken);

      // From then on, a workspace or a typo pointing elsewhere gets nothing.
      h.raw.apiBaseUrl = 'https://attacker.example/v3';
      await rejectsWith(h.getAccount(), ORIGIN_CHANGED);
      assert.equal(h.http.requests.length, 1);
    });

    it('binding never brings back a session signed out meanwhile', async () => {
      const legacy = makeSession({ expiresAt: NOW + 3_600_000 });
      const h = harness(legacy);
      await h.store.save(legacy);
      h.http.reply({ json: example('AccountGetResponse') });
      const call = h.getAccount();
      const removed = h.store.remove(legacy); // Sign Out while the first use binds the session
      await Promise.allSettled([call, removed]);
      assert.deepEqual(await h.store.list(), []);
      assert.equal(h.keyring.values.get(sessionSecretKey(legacy)), undefined);
    });

    it('bound at a refresh too, keeping the rotated tokens', async () => {
      const legacy = makeSession({ expiresAt: NOW - 1 });
      const h = harness(legacy);
      await h.store.save(legacy);
      h.http.reply({ json: { access_token: 'NewAccess-Abc123', refresh_token: 'NewRefresh-Def456', token_type: 'bearer', expires_in: 3600 } });
      h.http.reply({ json: example('AccountGetResponse') });
      await h.getAccount();
      assert.equal(h.http.requests[0].url, 'https://app.hellosign.com/oauth/token?refresh');
      const stored = (await h.store.get(legacy, { fresh: true })) as StoredSession;
      assert.equal(stored.accessToken, 'NewAccess-Abc123');
      assert.deepEqual(stored.origins, ISSUED_BY_PRODUCTION);
    });
  });

  it('no request of the whole test carried a token to another origin', async () => {
    // The sum of the cases above, once more with every kind of call, each checked request by request.
    const session = makeSession({ origins: ISSUED_BY_PRODUCTION, expiresAt: NOW - 1 });
    const h = harness(session);
    await h.store.save(session);
    for (const [key, value] of [
      ['apiBaseUrl', 'https://attacker.example/v3'],
      ['oauthBaseUrl', 'https://attacker.example'],
      ['apiBaseUrl', 'http://127.0.0.1:8719/v3'],
    ] as const) {
      h.raw[key] = value;
      await rejectsWith(h.getAccount(), ORIGIN_CHANGED);
      await rejectsWith(h.tokens.refreshNow(session), ORIGIN_CHANGED);
      h.raw[key] = key === 'apiBaseUrl' ? PRODUCTION.apiBaseUrl : PRODUCTION.oauthBaseUrl;
    }
    assert.equal(h.http.requests.filter((req) => h.carriesAToken(req, session)).length, 0);
  });
});

describe('sessions remember their origins', () => {
  const key = { service: 'dropboxSign' as const, accountId: 'a1' };
  const base = { ...key, email: 'a@example.com', accessToken: 'AT-123456', refreshToken: 'RT-123456', expiresAt: 1, scopes: [], status: 'active', createdAt: 1 };

  it('a stored session keeps its origins; one stored without them (older SignDesk) still loads', () => {
    assert.deepEqual(parseStoredSession(JSON.stringify({ ...base, origins: ISSUED_BY_PRODUCTION }), key)?.origins, ISSUED_BY_PRODUCTION);
    const legacy = parseStoredSession(JSON.stringify(base), key);
    assert.ok(legacy);
    assert.equal(legacy.origins, undefined);
  });

  it('malformed origins make the entry corrupt (dropped cleanly, like any other bad field)', () => {
    for (const origins of [null, 'https://app.hellosign.com', { oauth: 'https://app.hellosign.com' }, { oauth: '', api: 'x' }, { oauth: 1, api: 2 }]) {
      assert.equal(parseStoredSession(JSON.stringify({ ...base, origins }), key), undefined, JSON.stringify(origins));
    }
  });

  it('a sign-in\'s session records where its tokens came from', () => {
    const session = newSession('dropboxSign', { id: 'a1', email: 'a@example.com' }, { accessToken: 'A', refreshToken: 'R', expiresAt: 1, origins: ISSUED_BY_PRODUCTION }, 'active', 0);
    assert.deepEqual(session.origins, ISSUED_BY_PRODUCTION);
  });

  it('an account created with the API key records the servers configured for that request', async () => {
    const http = new FakeHttp().reply({ json: example('AccountCreateOAuthResponse') });
    const settings = () => resolveDropboxSignSettings({ apiBaseUrl: 'http://127.0.0.2:8719/v3', oauthBaseUrl: 'http://127.0.0.2:8719' });
    const setup = dropboxSignStack(settings, { http, clock: { now: () => NOW } }).accountSetup;
    const { tokens } = await setup.createAccount('api-key', { email: 'new@example.com', clientId: 'c', clientSecret: 's' });
    assert.deepEqual(tokens.origins, { oauth: 'http://127.0.0.2:8719', api: 'http://127.0.0.2:8719' });
    assert.equal(http.last.url, 'http://127.0.0.2:8719/v3/account/create');
  });
});
