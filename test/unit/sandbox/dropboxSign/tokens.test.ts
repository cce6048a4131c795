import assert from 'node:assert/strict';
import { SEED } from '../../../sandbox/dropboxSign/server';
import { authorize, basic, bearer, get, postForm, postJson, signIn, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('sandbox token endpoint', () => {
  const sandbox = useSandbox();
  const demo = () => ({ client_id: sandbox().info.clientId, client_secret: sandbox().info.clientSecret });

  async function code(state: string): Promise<string> {
    const target = await authorize(sandbox(), { email: SEED.alice.email, state });
    return target.searchParams.get('code')!;
  }

  it('exchanges a code (JSON body) for an OAuthTokenResponse with expires_in 3600 and the state', async () => {
    const c = await code('st-1');
    const res = await postJson(sandbox(), '/oauth/token', { ...demo(), code: c, state: 'st-1', grant_type: 'authorization_code' });
    assert.equal(res.status, 200);
    assert.equal(res.json.token_type, 'Bearer');
    assert.equal(res.json.expires_in, 3600);
    assert.equal(res.json.state, 'st-1');
    assert.ok(res.json.access_token.length >= 32);
    assert.ok(res.json.refresh_token.length >= 32);
    const account = await get(sandbox(), '/v3/account', bearer(res.json.access_token));
    assert.equal(account.json.account.email_address, SEED.alice.email);
  });

  it('accepts a form-encoded body too', async () => {
    const c = await code('st-form');
    const res = await postForm(sandbox(), '/oauth/token', { ...demo(), code: c, state: 'st-form', grant_type: 'authorization_code' });
    assert.equal(res.status, 200);
  });

  it('codes are single use', async () => {
    const c = await code('st-2');
    const body = { ...demo(), code: c, state: 'st-2', grant_type: 'authorization_code' };
    assert.equal((await postJson(sandbox(), '/oauth/token', body)).status, 200);
    const again = await postJson(sandbox(), '/oauth/token', body);
    assert.equal(again.status, 400);
    assert.equal(again.json.error.error_name, 'invalid_grant');
  });

  it('codes expire after 10 minutes', async () => {
    const c = await code('st-3');
    sandbox().admin.advanceClock(10 * 60 * 1000 + 1000);
    const res = await postJson(sandbox(), '/oauth/token', { ...demo(), code: c, state: 'st-3', grant_type: 'authorization_code' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.error_name, 'invalid_grant');
  });

  it('codes are bound to the state and to the client', async () => {
    const c = await code('st-4');
    const wrongState = await postJson(sandbox(), '/oauth/token', { ...demo(), code: c, state: 'other', grant_type: 'authorization_code' });
    assert.equal(wrongState.json.error.error_name, 'invalid_grant');
    const other = sandbox().info.otherApp;
    const wrongClient = await postJson(sandbox(), '/oauth/token', { client_id: other.clientId, client_secret: other.clientSecret, code: c, state: 'st-4', grant_type: 'authorization_code' });
    assert.equal(wrongClient.json.error.error_name, 'invalid_grant');
  });

  it('a wrong client secret is invalid_client (401)', async () => {
    const c = await code('st-5');
    const res = await postJson(sandbox(), '/oauth/token', { ...demo(), client_secret: 'wrong', code: c, state: 'st-5', grant_type: 'authorization_code' });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.error_name, 'invalid_client');
  });

  it('a request missing what the spec requires is 400 bad_request with error_path', async () => {
    const res = await postJson(sandbox(), '/oauth/token', { client_id: 'x', grant_type: 'authorization_code' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.error_name, 'bad_request');
    assert.ok(['client_secret', 'code', 'state'].includes(res.json.error.error_path));
  });

  it('refresh rotates the refresh token: the new one works, the old one is invalid_grant', async () => {
    const t = await signIn(sandbox(), SEED.alice.email);
    const r1 = await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    assert.equal(r1.status, 200);
    assert.notEqual(r1.json.refresh_token, t.refresh_token);
    assert.notEqual(r1.json.access_token, t.access_token);
    assert.equal((await get(sandbox(), '/v3/account', bearer(r1.json.access_token))).status, 200);
    const reuse = await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.json.error.error_name, 'invalid_grant');
    const r2 = await postForm(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: r1.json.refresh_token, ...demo() });
    assert.equal(r2.status, 200);
  });

  it('without rotation the same refresh token keeps working', async () => {
    sandbox().admin.configure({ rotateRefreshTokens: false });
    const t = await signIn(sandbox(), SEED.alice.email);
    for (let i = 0; i < 2; i++) {
      const r = await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
      assert.equal(r.status, 200);
      assert.equal(r.json.refresh_token, t.refresh_token);
    }
  });

  it('an unknown refresh token is invalid_grant; credentials of another client are refused', async () => {
    const unknown = await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: 'nope' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.error_name, 'invalid_grant');
    const t = await signIn(sandbox(), SEED.alice.email);
    const other = sandbox().info.otherApp;
    const wrong = await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: other.clientId, client_secret: other.clientSecret });
    assert.equal(wrong.json.error.error_name, 'invalid_grant');
    const badSecret = await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: sandbox().info.clientId, client_secret: 'x' });
    assert.equal(badSecret.status, 401);
  });

  it('expires_in is configurable and access tokens stop working when they expire', async () => {
    sandbox().admin.configure({ expiresIn: 60 });
    const t = await signIn(sandbox(), SEED.alice.email);
    assert.equal(t.expires_in, 60);
    sandbox().admin.advanceClock(61_000);
    const res = await get(sandbox(), '/v3/account', bearer(t.access_token));
    assert.equal(res.status, 401);
    assert.equal(res.json.error.error_name, 'unauthorized');
  });

  it('the admin can expire an account’s access tokens now; refresh then brings a working one', async () => {
    const t = await signIn(sandbox(), SEED.alice.email);
    assert.equal(sandbox().admin.expireAccessTokens({ email: SEED.alice.email }), 1);
    assert.equal((await get(sandbox(), '/v3/account', bearer(t.access_token))).status, 401);
    const r = await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    assert.equal((await get(sandbox(), '/v3/account', bearer(r.json.access_token))).status, 200);
  });

  it('counts token requests by grant type (failed ones too)', async () => {
    const t = await signIn(sandbox(), SEED.alice.email);
    await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    const c = sandbox().admin.counters();
    assert.equal(c.token.authorization_code, 1);
    assert.equal(c.token.refresh_token, 2);
    assert.equal(c.tokenIssued.refresh_token, 1);
    sandbox().admin.resetCounters();
    assert.deepEqual(sandbox().admin.counters().token, {});
  });

  it('counts exactly the refreshes sent when many run concurrently (one succeeds with rotation)', async () => {
    const t = await signIn(sandbox(), SEED.alice.email);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token })),
    );
    assert.equal(replies.filter((r) => r.status === 200).length, 1);
    assert.equal(sandbox().admin.counters().token.refresh_token, 20);
  });

  describe('account creation flow', () => {
    it('returns oauth_data whose token is refused until the account is confirmed', async () => {
      const res = await postJson(
        sandbox(),
        '/v3/account/create',
        { email_address: 'newbie@example.com', client_id: sandbox().info.clientId, client_secret: sandbox().info.clientSecret },
        basic(sandbox().info.apiKey),
      );
      assert.equal(res.status, 200);
      assert.equal(res.json.account.email_address, 'newbie@example.com');
      const token = res.json.oauth_data.access_token;
      const refused = await get(sandbox(), '/v3/account', bearer(token));
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.error_name, 'forbidden');
      sandbox().admin.confirmAccount('newbie@example.com');
      const ok = await get(sandbox(), '/v3/account', bearer(token));
      assert.equal(ok.status, 200);
      assert.equal(ok.json.account.email_address, 'newbie@example.com');
    });

    it('without client credentials creates the account only; a known email is refused', async () => {
      const res = await postJson(sandbox(), '/v3/account/create', { email_address: 'solo@example.com' }, basic(sandbox().info.apiKey));
      assert.equal(res.status, 200);
      assert.equal(res.json.oauth_data, undefined);
      const dup = await postJson(sandbox(), '/v3/account/create', { email_address: SEED.bob.email }, basic(sandbox().info.apiKey));
      assert.equal(dup.status, 400);
      assert.equal(dup.json.error.error_path, 'email_address');
    });

    it('an unconfirmed user is asked to confirm on the authorize page; confirming there activates the account', async () => {
      await postJson(sandbox(), '/v3/account/create', { email_address: 'pending@example.com' }, basic(sandbox().info.apiKey));
      const path = `/oauth/authorize?response_type=code&client_id=${sandbox().info.clientId}&state=s`;
      const login = await postForm(sandbox(), '/oauth/login', { email: 'pending@example.com', return_to: path });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const page = await (await fetch(sandbox().url + path, { headers: { Cookie: cookie } })).text();
      assert.match(page, /<button id="confirm-email"/);
      const confirmed = await postForm(sandbox(), '/oauth/confirm', { email: 'pending@example.com', return_to: path }, undefined, cookie);
      assert.equal(confirmed.status, 303);
      const consent = await (await fetch(sandbox().url + path, { headers: { Cookie: cookie } })).text();
      assert.match(consent, /<button id="accept"/);
    });

    it('/account/verify finds existing accounts and answers {} otherwise', async () => {
      const found = await postJson(sandbox(), '/v3/account/verify', { email_address: SEED.bob.email }, basic(sandbox().info.apiKey));
      assert.deepEqual(found.json, { account: { email_address: SEED.bob.email } });
      const missing = await postJson(sandbox(), '/v3/account/verify', { email_address: 'ghost@example.com' }, basic(sandbox().info.apiKey));
      assert.deepEqual(missing.json, {});
    });
  });
});
