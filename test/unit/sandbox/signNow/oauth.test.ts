import assert from 'node:assert/strict';
import { authorize, bearer, call, codeGrant, passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';

describe('signNow sandbox: OAuth', () => {
  const sandbox = useSignNowSandbox();
  const basic = () => `Basic ${sandbox().info.basicToken}`;

  describe('authorize pages', () => {
    it('login (email and password) → consent → 302 to the redirect URI with code and state', async () => {
      const target = await authorize(sandbox(), { state: 'st-1' });
      assert.equal(`${target.origin}${target.pathname}`, sandbox().info.callbackUrl);
      assert.match(target.searchParams.get('code')!, /^[\w-]{20,}$/);
      assert.equal(target.searchParams.get('state'), 'st-1');
    });

    it('deny sends error=access_denied and the state, no code', async () => {
      const target = await authorize(sandbox(), { state: 'st-2', decision: 'deny' });
      assert.equal(target.searchParams.get('error'), 'access_denied');
      assert.equal(target.searchParams.get('state'), 'st-2');
      assert.equal(target.searchParams.get('code'), null);
    });

    it('echoState off: the state is not sent back', async () => {
      sandbox().admin.configure({ echoState: false });
      const target = await authorize(sandbox(), { state: 'st-3' });
      assert.ok(target.searchParams.get('code'));
      assert.equal(target.searchParams.has('state'), false);
    });

    it('a wrong password shows the login form again with #error-message', async () => {
      const res = await call(sandbox(), 'POST', '/authorize/login', { form: { email: 'alice@example.com', password: 'nope', return_to: `/authorize?client_id=${sandbox().info.clientId}&response_type=code` } });
      assert.equal(res.status, 200);
      assert.match(res.text, /id="error-message"[^>]*>Invalid credentials\./);
      assert.match(res.text, /name="password"/);
    });

    it('an unknown client, another response_type or an unregistered redirect_uri get an error page, never a redirect', async () => {
      const id = sandbox().info.clientId;
      for (const q of [
        'client_id=nope&response_type=code',
        `client_id=${id}&response_type=token`,
        `client_id=${id}&response_type=code&redirect_uri=${encodeURIComponent('http://127.0.0.1:1/elsewhere')}`,
      ]) {
        const res = await call(sandbox(), 'GET', `/authorize?${q}`);
        assert.equal(res.status, 400, q);
        assert.match(res.text, /id="error-message"/);
        assert.equal(res.headers.get('location'), null);
      }
    });

    it("redirectUriRule 'any' follows any redirect_uri; the admin can register more URIs", async () => {
      const elsewhere = 'http://127.0.0.1:1/cb';
      sandbox().admin.configure({ redirectUriRule: 'any' });
      assert.equal((await authorize(sandbox(), { redirectUri: elsewhere })).origin, 'http://127.0.0.1:1');
      sandbox().admin.configure({ redirectUriRule: 'exact' });
      sandbox().admin.updateApp(sandbox().info.clientId, { redirectUris: [sandbox().info.callbackUrl, elsewhere] });
      assert.equal((await authorize(sandbox(), { redirectUri: elsewhere })).pathname, '/cb');
    });

    it("serves SignDesk's relay page at /relay/ (relayUrl), for the relay redirect mode", async () => {
      assert.equal(sandbox().info.relayUrl, `${sandbox().url}/relay/`);
      const res = await call(sandbox(), 'GET', '/relay/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    });

    it('the older /proxy/index.php/authorize form shows the same login page', async () => {
      const res = await call(sandbox(), 'GET', `/proxy/index.php/authorize?client_id=${sandbox().info.clientId}&response_type=code`);
      assert.equal(res.status, 200);
      assert.match(res.text, /form id="login-form"/);
    });
  });

  describe('POST /oauth2/token', () => {
    it('authorization_code: expires_in is an epoch timestamp string; codes are single use', async () => {
      const code = (await authorize(sandbox())).searchParams.get('code')!;
      const before = Math.floor(Date.now() / 1000);
      const res = await codeGrant(sandbox(), code);
      assert.equal(res.status, 200, res.text);
      assert.equal(typeof res.json.expires_in, 'string');
      const at = Number(res.json.expires_in);
      assert.ok(at >= before + 2592000 - 5 && at <= before + 2592000 + 5, res.json.expires_in);
      assert.equal(res.json.token_type, 'bearer');
      assert.match(res.json.access_token, /^[0-9a-f]{64}$/);
      assert.match(res.json.refresh_token, /^[0-9a-f]{64}$/);
      assert.equal(res.json.scope, '*');
      const again = await codeGrant(sandbox(), code);
      assert.equal(again.status, 400);
      assert.deepEqual(again.json.error, 'invalid_grant');
    });

    it('codeGrantExpiresInEpoch off: the code grant answers a lifetime', async () => {
      sandbox().admin.configure({ codeGrantExpiresInEpoch: false });
      const res = await codeGrant(sandbox(), (await authorize(sandbox())).searchParams.get('code')!);
      assert.equal(res.json.expires_in, 2592000);
    });

    it('codes are short lived (codeTtlSeconds, 300 by default)', async () => {
      const code = (await authorize(sandbox())).searchParams.get('code')!;
      sandbox().admin.advanceClock(301_000);
      assert.equal((await codeGrant(sandbox(), code)).json.error, 'invalid_grant');
    });

    it('a wrong Basic token is {"error":"invalid_client"} (401), and nothing is spent', async () => {
      const code = (await authorize(sandbox())).searchParams.get('code')!;
      const wrong = `Basic ${Buffer.from(`${sandbox().info.clientId}:wrong`).toString('base64')}`;
      const res = await codeGrant(sandbox(), code, wrong);
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { error: 'invalid_client' });
      assert.equal((await codeGrant(sandbox(), code)).status, 200);
    });

    it('client_id and client_secret in the body work like the Basic header (switch clientCredentialsInBody)', async () => {
      const form = { grant_type: 'password', username: 'alice@example.com', password: 'sandbox-alice-password', client_id: sandbox().info.clientId, client_secret: sandbox().info.clientSecret };
      assert.equal((await call(sandbox(), 'POST', '/oauth2/token', { form })).status, 200);
      sandbox().admin.configure({ clientCredentialsInBody: false });
      assert.deepEqual((await call(sandbox(), 'POST', '/oauth2/token', { form })).json, { error: 'invalid_client' });
    });

    it('password grant: a lifetime in seconds; a wrong password and an unknown login are refused', async () => {
      const t = await passwordToken(sandbox());
      assert.equal(t.expires_in, 2592000);
      const wrong = await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'password', username: 'alice@example.com', password: 'x' } });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.json.errors[0].message, 'Invalid credentials.');
      const unknown = await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'password', username: 'nobody@example.com', password: 'x' } });
      assert.equal(unknown.json.error, 'invalid_request');
    });

    it('expiration_time sets the lifetime; a missing grant_type is invalid_request, an unknown one unsupported_grant_type', async () => {
      const res = await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'password', username: 'bob@example.com', password: 'sandbox-bob-password', expiration_time: '60' } });
      assert.equal(res.json.expires_in, 60);
      assert.equal((await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: {} })).json.error, 'invalid_request');
      assert.equal((await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'client_credentials' } })).json.error, 'unsupported_grant_type');
    });

    it('refresh rotates by default: the new refresh token works, the spent one is invalid_grant', async () => {
      const t = await passwordToken(sandbox());
      const refreshed = await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: t.refresh_token } });
      assert.equal(refreshed.status, 200, refreshed.text);
      assert.equal(refreshed.json.expires_in, 2592000);
      assert.notEqual(refreshed.json.refresh_token, t.refresh_token);
      const spent = await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: t.refresh_token } });
      assert.equal(spent.status, 400);
      assert.equal(spent.json.error, 'invalid_grant');
      assert.equal((await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: refreshed.json.refresh_token } })).status, 200);
      assert.equal((await call(sandbox(), 'GET', '/user', { auth: bearer(t.access_token) })).status, 200, 'the old access token lives until it expires');
    });

    it('spentRefreshTokenError switches the error to invalid_request; rotateRefreshTokens off keeps the token', async () => {
      sandbox().admin.configure({ spentRefreshTokenError: 'invalid_request' });
      const t = await passwordToken(sandbox());
      const refresh = () => call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: t.refresh_token } });
      assert.equal((await refresh()).status, 200);
      assert.equal((await refresh()).json.error, 'invalid_request');
      sandbox().admin.configure({ rotateRefreshTokens: false });
      const u = await passwordToken(sandbox());
      const first = await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: u.refresh_token } });
      assert.equal(first.json.refresh_token, u.refresh_token);
      assert.equal((await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: u.refresh_token } })).status, 200);
    });

    it('counts token requests by grant type (failed ones too) and successes', async () => {
      await passwordToken(sandbox());
      await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: 'nope' } });
      const c = sandbox().admin.counters();
      assert.deepEqual(c.token, { password: 1, refresh_token: 1 });
      assert.deepEqual(c.tokenIssued, { password: 1 });
    });
  });

  describe('GET /oauth2/token, POST /oauth2/terminate, bearer checks', () => {
    it('verify answers the token, its scope and the seconds left as a string', async () => {
      const t = await passwordToken(sandbox());
      sandbox().admin.advanceClock(100_000);
      const res = await call(sandbox(), 'GET', '/oauth2/token', { auth: bearer(t.access_token) });
      assert.equal(res.status, 200);
      assert.equal(res.json.access_token, t.access_token);
      assert.equal(res.json.token_type, 'bearer');
      assert.equal(res.json.expires_in, String(2592000 - 100));
    });

    it('an unknown or expired token is {"error":"invalid_token","code":1537} with 401 (invalidTokenStatus)', async () => {
      const t = await passwordToken(sandbox());
      sandbox().admin.expireAccessTokens({ email: 'alice@example.com' });
      for (const auth of [bearer(t.access_token), bearer('nope'), undefined]) {
        const res = await call(sandbox(), 'GET', '/user', { auth });
        assert.equal(res.status, 401);
        assert.deepEqual(res.json, { error: 'invalid_token', code: 1537 });
      }
      sandbox().admin.configure({ invalidTokenStatus: 400 });
      assert.equal((await call(sandbox(), 'GET', '/oauth2/token', { auth: bearer('nope') })).status, 400);
    });

    it('terminate revokes the access token and its refresh token', async () => {
      const t = await passwordToken(sandbox());
      assert.deepEqual((await call(sandbox(), 'POST', '/oauth2/terminate', { auth: bearer(t.access_token), json: {} })).json, { status: 'success' });
      assert.equal((await call(sandbox(), 'GET', '/user', { auth: bearer(t.access_token) })).status, 401);
      const refresh = await call(sandbox(), 'POST', '/oauth2/token', { auth: basic(), form: { grant_type: 'refresh_token', refresh_token: t.refresh_token } });
      assert.equal(refresh.json.error, 'invalid_grant');
    });
  });
});
