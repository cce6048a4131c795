// TokenManager against the real sandbox over HTTP (FetchHttpClient + the Dropbox Sign OAuth and API
// clients), with the sandbox's own counters as the judge of how many refresh requests were made.
import * as assert from 'node:assert/strict';
import { AuthError } from '../../../src/core/errors';
import { FetchHttpClient } from '../../../src/core/fetchHttpClient';
import { DropboxSignApi } from '../../../src/providers/dropboxSign/apiClient';
import { readDropboxSignError } from '../../../src/providers/dropboxSign/errorBody';
import { DropboxSignOAuthClient } from '../../../src/providers/dropboxSign/oauthClient';
import { AccountKey, StoredSession } from '../../../src/auth/session';
import { SessionStore } from '../../../src/auth/sessionStore';
import { TokenManager } from '../../../src/auth/tokenManager';
import { SEED } from '../../sandbox/server';
import { postJson, signedInSession, useSandbox } from '../sandbox/helpers';
import { FakeKeyring, RecordingLogger } from './fakes';

describe('TokenManager against the sandbox', function () {
  this.timeout(20_000);
  // 100 calls at once would hit the sandbox's (realistic) 100-per-minute limit; that is not under test here.
  const sandbox = useSandbox({ config: { rateLimits: { enabled: false } } });
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let oauth: DropboxSignOAuthClient;
  let api: DropboxSignApi;
  let key: AccountKey;
  let initial: StoredSession;
  const stores: SessionStore[] = [];

  /** One VS Code window: its own SessionStore over the shared keyring, its own TokenManager. */
  function openWindow(): { store: SessionStore; tokens: TokenManager } {
    const store = new SessionStore({ secrets: keyring.window(), log });
    stores.push(store);
    const refresh = (_service: string, refreshToken: string) =>
      oauth.refresh({ refreshToken, clientId: sandbox().info.clientId, clientSecret: sandbox().info.clientSecret });
    return { store, tokens: new TokenManager({ store, refresh, clock: { now: () => Date.now() }, log }) };
  }

  const refreshesCounted = () => sandbox().admin.counters().token.refresh_token ?? 0;
  const whoAmI = (tokens: TokenManager) => tokens.withToken(key, async (t) => (await api.getAccount(t)).account.email_address);

  beforeEach(async () => {
    const sb = sandbox();
    const settings = () => ({ apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl });
    const http = new FetchHttpClient({ userAgent: 'SignDesk-test', readError: readDropboxSignError });
    oauth = new DropboxSignOAuthClient(http, settings);
    api = new DropboxSignApi(http, settings);
    keyring = new FakeKeyring();
    log = new RecordingLogger();

    initial = await signedInSession(sb, SEED.alice.email);
    key = { service: 'dropboxSign', accountId: initial.accountId };
    await new SessionStore({ secrets: keyring.window(), log }).save(initial);
    sb.admin.resetCounters();
  });

  afterEach(() => {
    for (const s of stores.splice(0)) s.dispose();
  });

  it('100 concurrent calls with an access token the service expired → exactly 1 refresh request, all succeed', async () => {
    const { tokens } = openWindow();
    assert.equal(sandbox().admin.expireAccessTokens({ all: true }), 1);
    const emails = await Promise.all(Array.from({ length: 100 }, () => whoAmI(tokens)));
    assert.deepEqual(new Set(emails), new Set([SEED.alice.email]));
    assert.equal(refreshesCounted(), 1);
  });

  it('100 concurrent calls with a token past its stored expiry → exactly 1 refresh request before calling', async () => {
    const { store, tokens } = openWindow();
    await store.save({ ...initial, expiresAt: Date.now() - 1000 });
    sandbox().admin.expireAccessTokens({ all: true });
    const emails = await Promise.all(Array.from({ length: 100 }, () => whoAmI(tokens)));
    assert.equal(emails.length, 100);
    assert.equal(refreshesCounted(), 1);
    assert.equal(sandbox().admin.counters().http['GET /v3/account'], 100, 'no call was wasted on the dead token');
  });

  it('401 → refresh → retry once; a second 401 surfaces as AuthError', async () => {
    const { tokens } = openWindow();
    sandbox().admin.injectFault({ path: '/v3/account', method: 'GET', kind: 'unauthorized', count: 2 });
    await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.status === 401);
    assert.equal(refreshesCounted(), 1);
    assert.equal(sandbox().admin.counters().http['GET /v3/account'], 2);
  });

  it('invalid_grant because another window rotated the refresh token first → re-read storage, keep going', async () => {
    const mine = openWindow();
    const other = openWindow();
    await mine.store.get(key); // this window has the old tokens cached
    sandbox().admin.expireAccessTokens({ all: true });
    // The other window's refresh lands between this window's read and its refresh request.
    const racing = new TokenManager({
      store: mine.store,
      clock: { now: () => Date.now() },
      log,
      refresh: async (_service, refreshToken) => {
        await other.tokens.refreshNow(key);
        return oauth.refresh({ refreshToken });
      },
    });
    assert.equal(await whoAmI(racing), SEED.alice.email);
    const counters = sandbox().admin.counters();
    assert.equal(counters.token.refresh_token, 2, 'the other window’s refresh and this window’s refused one');
    assert.equal(counters.tokenIssued.refresh_token, 1);
    assert.equal((await mine.store.get(key, { fresh: true }))!.status, 'active');
  });

  it('invalid_grant with nothing newer in storage → session marked expired, AuthError says sign in again', async () => {
    const { store, tokens } = openWindow();
    // Someone outside SignDesk used the refresh token (rotation retires it): it is dead for us.
    const used = await postJson(sandbox(), '/oauth/token', { grant_type: 'refresh_token', refresh_token: initial.refreshToken });
    assert.equal(used.status, 200);
    sandbox().admin.expireAccessTokens({ all: true });
    await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.errorName === 'invalid_grant');
    assert.equal((await store.get(key, { fresh: true }))!.status, 'expired');
  });

  it('never logs a token', async () => {
    const { tokens } = openWindow();
    sandbox().admin.expireAccessTokens({ all: true });
    await whoAmI(tokens);
    const stored = await openWindow().store.get(key);
    for (const secret of [initial.accessToken, initial.refreshToken, stored!.accessToken, stored!.refreshToken]) {
      assert.ok(!log.text().includes(secret));
    }
  });
});
