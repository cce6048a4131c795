// "Verify signNow Sign-In": GET /oauth2/token (Bearer) through the token manager against the signNow
// sandbox, and what the command says.
import assert from 'node:assert/strict';
import { newSession, type AccountKey } from '../../../../src/auth/session';
import { SessionStore } from '../../../../src/auth/sessionStore';
import { TokenManager } from '../../../../src/auth/tokenManager';
import { verifiesSignIn, verifySignIn } from '../../../../src/auth/verifySignIn';
import { durationText, signInCheckText } from '../../../../src/commands/session/verifySignInMessages';
import { SERVICES } from '../../../../src/providers';
import { signNow } from '../../../../src/providers/signNow/definition';
import { RecordingLogger } from '../../../support/log';
import { FakeKeyring } from '../../../support/secrets';
import { passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';
import { signNowStack } from './support';

const services = SERVICES.some((s) => s.id === signNow.id) ? SERVICES : [...SERVICES, signNow];

describe('signNow: Verify Sign-In', () => {
  const sandbox = useSignNowSandbox();
  let tokens: TokenManager;
  let store: SessionStore;
  let key: AccountKey;
  let stack: ReturnType<typeof signNowStack>;
  let oauth: ReturnType<typeof signNow.oauth.create>;

  beforeEach(async () => {
    const sb = sandbox();
    stack = signNowStack(sb);
    oauth = signNow.oauth.create({ http: stack.http, settings: () => ({ apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl }), clock: { now: () => Date.now() }, secrets: { values: () => [] } });
    const log = new RecordingLogger();
    store = new SessionStore({ services, secrets: new FakeKeyring().window(), log });
    const t = await passwordToken(sb);
    const account = await stack.service.getAccount(t.access_token);
    const session = newSession('signNow', account, { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() + t.expires_in * 1000 }, 'active', Date.now());
    await store.save(session);
    key = { service: 'signNow', accountId: account.id };
    tokens = new TokenManager({ store, clock: { now: () => Date.now() }, log, refresh: (_s, refreshToken) => stack.oauth.refresh({ refreshToken, clientId: sb.info.clientId, clientSecret: sb.info.clientSecret }) });
    sb.admin.resetCounters();
  });

  afterEach(() => {
    tokens.dispose();
    store.dispose();
  });

  it('signNow’s OAuth client can verify; Dropbox Sign’s cannot (the command is offered per service)', async () => {
    assert.equal(verifiesSignIn(oauth), true);
    const { dropboxSign } = await import('../../../../src/providers/dropboxSign/definition');
    assert.equal(verifiesSignIn(dropboxSign.oauth.create({ http: stack.http, settings: () => ({ apiBaseUrl: 'https://api.hellosign.com/v3', oauthBaseUrl: 'https://app.hellosign.com' }), clock: { now: () => Date.now() }, secrets: { values: () => [] } })), false);
  });

  it('asks GET /oauth2/token with the Bearer token: the seconds signNow says are left, and the account', async () => {
    const check = await verifySignIn({ tokens, oauth }, key);
    assert.equal(check.email, sandbox().info.users[0].email);
    assert.ok(Math.abs(check.secondsLeft - 2_592_000) <= 5, String(check.secondsLeft));
    assert.equal(sandbox().admin.counters().http['GET /oauth2/token'], 1);
    sandbox().admin.advanceClock(86_400_000);
    assert.ok(Math.abs((await verifySignIn({ tokens, oauth }, key)).secondsLeft - 2_505_600) <= 5, 'a day later, a day less');
  });

  for (const status of [401, 400]) {
    it(`a token signNow refuses (1537 with ${status}) is refreshed once, then verified`, async () => {
      sandbox().admin.configure({ invalidTokenStatus: status });
      sandbox().admin.expireAccessTokens({ all: true });
      const check = await verifySignIn({ tokens, oauth }, key);
      assert.ok(check.secondsLeft > 2_500_000);
      assert.equal(sandbox().admin.counters().token.refresh_token, 1);
    });
  }

  it('what the command says: the account, the time left in words and in seconds', () => {
    assert.equal(signInCheckText('signNow', 'alice@example.com', 2_592_000), 'signNow accepts the sign-in of alice@example.com: the access token has 30 days left (2,592,000 seconds). SignDesk renews it before then.');
    assert.equal(durationText(90_061), '1 day 1 h');
    assert.equal(durationText(5_400), '1 h 30 min');
    assert.equal(durationText(61), '1 min 1 s');
    assert.equal(durationText(0), '0 s');
  });
});
