import assert from 'node:assert/strict';
import { authorize, authorizeQuery, call, newPkce, rpc, signIn, tokenCall, useDropboxSandbox } from '../../../support/sandboxes/dropbox';

describe('Dropbox sandbox: OAuth', () => {
  const sb = useDropboxSandbox();
  const page = (query: string) => call(`${sb().info.oauthBaseUrl}/oauth2/authorize?${query}`);

  describe('/oauth2/authorize refuses bad requests with a 400 page, never a redirect', () => {
    it('an unknown client_id', async () => {
      const r = await page(authorizeQuery(sb(), { state: 's' }).replace('dbx-sandbox-app-key', 'nope'));
      assert.equal(r.status, 400);
      assert.match(r.text, /id="error-message"[^>]*>Invalid client_id/);
    });

    it('a redirect_uri that is not registered exactly (a trailing slash is a different URI)', async () => {
      const sent = `${sb().info.callbackUrl}/`;
      const r = await page(authorizeQuery(sb(), { redirectUri: sent }));
      assert.equal(r.status, 400);
      assert.equal(r.headers.get('location'), null);
      assert.match(r.text, new RegExp(`id="sent-redirect-uri">${sent.replace(/[.?/]/g, '\\$&')}<`));
      assert.match(r.text, /id="registered-redirect-uris"/);
      assert.match(r.text, /id="error-fix"/);
    });

    it('the fix the mismatch page names (the admin call) registers the URI', async () => {
      const sent = 'http://127.0.0.1:53682/callback';
      const refused = await page(authorizeQuery(sb(), { redirectUri: sent }));
      const adminUrl = /<code>POST ([^<]+)<\/code> and the body <code>([^<]+)<\/code>/.exec(refused.text)!;
      const body = adminUrl[2].replace(/&quot;/g, '"');
      const r = await call(adminUrl[1], { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      assert.equal(r.status, 200, r.text);
      assert.equal((await page(authorizeQuery(sb(), { redirectUri: sent }))).status, 200);
      assert.equal((await call(`${sb().info.adminUrl}/apps/other-app`, { method: 'POST', body: '{}' })).status, 400);
      const badFault = await call(`${sb().info.adminUrl}/faults`, { method: 'POST', body: JSON.stringify({ path: '/2/x', kind: 'nope' }) });
      assert.equal(badFault.status, 400);
      assert.match(badFault.json.error, /kind must be one of/);
    });

    it('an unregistered localhost URI is refused by default and accepted with the "no registration needed" switch', async () => {
      const loopback = 'http://127.0.0.1:53682/callback';
      assert.equal((await page(authorizeQuery(sb(), { redirectUri: loopback }))).status, 400);
      sb().admin.configure({ localhostNeedsNoRegistration: true });
      assert.equal((await page(authorizeQuery(sb(), { redirectUri: loopback }))).status, 200);
      assert.equal((await page(authorizeQuery(sb(), { redirectUri: 'https://example.com/cb' }))).status, 400, 'only localhost is exempt');
    });

    it('a state of 501 bytes (500 is accepted), counted in UTF-8 bytes', async () => {
      assert.equal((await page(authorizeQuery(sb(), { state: 'x'.repeat(500) }))).status, 200);
      const long = await page(authorizeQuery(sb(), { state: 'x'.repeat(501) }));
      assert.equal(long.status, 400);
      assert.match(long.text, /state.*too long.*501 bytes/);
      assert.equal((await page(authorizeQuery(sb(), { state: 'ü'.repeat(251) }))).status, 400, '251 × 2 bytes');
    });

    it('an empty scope= (leaving scope out is fine)', async () => {
      const r = await page(authorizeQuery(sb(), { scope: '' }));
      assert.equal(r.status, 400);
      assert.match(r.text, /scope.*must not be empty/);
      assert.equal((await page(authorizeQuery(sb(), {}))).status, 200);
    });

    it('a scope the app does not have, a bad token_access_type, a bad code_challenge_method', async () => {
      assert.equal((await page(authorizeQuery(sb(), { scope: 'files.permanent_delete' }))).status, 400);
      assert.equal((await page(authorizeQuery(sb(), { extra: { token_access_type: 'forever' } }))).status, 400);
      assert.equal((await page(authorizeQuery(sb(), { pkce: newPkce(), extra: { code_challenge_method: 'S512' } }))).status, 400);
    });
  });

  describe('the browser leg', () => {
    it('login → consent (stable ids, the requested scopes) → 302 to the redirect URI with code and state', async () => {
      const done = await authorize(sb(), { state: 'st-1', scope: 'files.metadata.read account_info.read' });
      assert.equal(done.status, 302);
      const to = new URL(done.headers.get('location')!);
      assert.equal(`${to.origin}${to.pathname}`, sb().info.callbackUrl);
      assert.equal(to.searchParams.get('state'), 'st-1');
      assert.ok(to.searchParams.get('code'));
    });

    it('the consent page lists exactly the requested scopes', async () => {
      const query = authorizeQuery(sb(), { scope: 'files.metadata.read' });
      const login = await call(`${sb().info.oauthBaseUrl}/oauth2/authorize/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ return_to: query, email: 'bob@example.com' }).toString(),
      });
      assert.match(login.text, /id="account-email">bob@example.com</);
      assert.match(login.text, /id="app-name">SignDesk Demo App</);
      assert.deepEqual([...login.text.matchAll(/data-scope="([^"]+)"/g)].map((m) => m[1]), ['files.metadata.read']);
    });

    it('a browser follows the forms: each action resolves, against the address that served its page, to a page that exists', async () => {
      // The consent page is served by the login POST (…/oauth2/authorize/login); a relative action there once
      // resolved to …/authorize/authorize/decide, a 404 every first-time browser sign-in hit.
      const query = authorizeQuery(sb(), { state: 'st-browser' });
      const start = `${sb().info.oauthBaseUrl}/oauth2/authorize?${query}`;
      const loginPage = await call(start);
      const formAction = (html: string, base: string) => new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&'), base).toString();
      const loginUrl = formAction(loginPage.text, start);
      const consent = await call(loginUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ return_to: query, email: 'alice@example.com' }).toString(),
      });
      assert.match(consent.text, /id="consent-form"/);
      const cookie = consent.headers.get('set-cookie')!.split(';')[0];
      const decideUrl = formAction(consent.text, loginUrl);
      const done = await call(decideUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
        body: new URLSearchParams({ return_to: query, decision: 'accept' }).toString(),
      });
      assert.equal(done.status, 302, `${decideUrl} answered ${done.status}`);
      assert.equal(new URL(done.headers.get('location')!).searchParams.get('state'), 'st-browser');
    });

    it('Cancel → access_denied with the state, merged into a redirect URI that has its own query', async () => {
      const withQuery = `${sb().info.callbackUrl}?from=test`;
      sb().admin.updateApp({ redirectUris: [withQuery] });
      const done = await authorize(sb(), { state: 'st-2', redirectUri: withQuery, decision: 'deny' });
      const to = new URL(done.headers.get('location')!);
      assert.equal(to.searchParams.get('from'), 'test');
      assert.equal(to.searchParams.get('error'), 'access_denied');
      assert.equal(to.searchParams.get('state'), 'st-2');
      assert.equal(to.searchParams.get('code'), null);
    });

    it('no redirect_uri: the code is shown on the page, and the token call then sends no redirect_uri', async () => {
      const pkce = newPkce();
      const done = await authorize(sb(), { redirectUri: null, pkce });
      assert.equal(done.status, 200);
      const code = /id="auth-code"[^>]*>([^<]+)</.exec(done.text)![1];
      const withUri = await tokenCall(sb(), { grant_type: 'authorization_code', code, client_id: sb().info.clientId, code_verifier: pkce.verifier, redirect_uri: sb().info.callbackUrl });
      assert.equal(withUri.status, 400);
      assert.equal(withUri.json.error, 'invalid_grant');
      // The failed attempt above did not use the code up.
      const ok = await tokenCall(sb(), { grant_type: 'authorization_code', code, client_id: sb().info.clientId, code_verifier: pkce.verifier });
      assert.equal(ok.status, 200, ok.text);
    });
  });

  describe('/oauth2/token', () => {
    async function codeFor(pkce: ReturnType<typeof newPkce> | null, offline = true): Promise<string> {
      const done = await authorize(sb(), { pkce, offline });
      return new URL(done.headers.get('location')!).searchParams.get('code')!;
    }
    const exchange = (code: string, extra: Record<string, string>) =>
      tokenCall(sb(), { grant_type: 'authorization_code', code, client_id: sb().info.clientId, redirect_uri: sb().info.callbackUrl, ...extra });

    it('PKCE (S256): the right verifier gets tokens with Dropbox\'s fields; no client secret needed', async () => {
      const pkce = newPkce();
      const r = await exchange(await codeFor(pkce), { code_verifier: pkce.verifier });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.token_type, 'bearer');
      assert.equal(r.json.expires_in, 14400);
      assert.match(r.json.access_token, /^sl\./);
      assert.ok(r.json.refresh_token);
      assert.equal(r.json.scope, 'account_info.read files.metadata.read files.content.read files.content.write');
      assert.match(r.json.account_id, /^dbid:/);
      assert.ok(r.json.uid);
    });

    it('PKCE: a wrong or missing verifier is invalid_grant', async () => {
      const pkce = newPkce();
      const code = await codeFor(pkce);
      assert.equal((await exchange(code, { code_verifier: newPkce().verifier })).json.error, 'invalid_grant');
      assert.equal((await exchange(code, {})).json.error, 'invalid_grant');
      assert.equal((await exchange(code, { code_verifier: pkce.verifier })).status, 200);
    });

    it('a code is single use and expires (sandbox clock)', async () => {
      const pkce = newPkce();
      const code = await codeFor(pkce);
      assert.equal((await exchange(code, { code_verifier: pkce.verifier })).status, 200);
      const again = await exchange(code, { code_verifier: pkce.verifier });
      assert.equal(again.status, 400);
      assert.equal(again.json.error, 'invalid_grant');
      const code2 = await codeFor(pkce);
      sb().admin.advanceClock(601_000);
      assert.equal((await exchange(code2, { code_verifier: pkce.verifier })).json.error, 'invalid_grant');
    });

    it('without PKCE the client secret is required (form body, query string or Basic)', async () => {
      assert.equal((await exchange(await codeFor(null), {})).json.error, 'invalid_request');
      assert.equal((await exchange(await codeFor(null), { client_secret: sb().info.clientSecret })).status, 200);
      const code = await codeFor(null);
      const q = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: sb().info.callbackUrl });
      const basic = Buffer.from(`${sb().info.clientId}:${sb().info.clientSecret}`).toString('base64');
      const r = await call(`${sb().info.apiBaseUrl}/oauth2/token?${q}`, { method: 'POST', headers: { Authorization: `Basic ${basic}` } });
      assert.equal(r.status, 200, r.text);
      assert.equal((await exchange(await codeFor(null), { client_secret: 'wrong' })).json.error, 'invalid_client');
    });

    it('online access gets no refresh token', async () => {
      const pkce = newPkce();
      const r = await exchange(await codeFor(pkce, false), { code_verifier: pkce.verifier });
      assert.equal(r.status, 200);
      assert.equal(r.json.refresh_token, undefined);
    });

    it('refresh with client_id alone (PKCE grant) never rotates: no refresh_token in the answer, the old one keeps working', async () => {
      const t = await signIn(sb());
      const refresh = () => tokenCall(sb(), { grant_type: 'refresh_token', refresh_token: t.refresh_token!, client_id: sb().info.clientId });
      const a = await refresh();
      assert.equal(a.status, 200, a.text);
      assert.equal(a.json.refresh_token, undefined);
      assert.notEqual(a.json.access_token, t.access_token);
      const b = await refresh();
      assert.equal(b.status, 200);
      // Both access tokens of the family work side by side.
      assert.equal((await rpc(sb(), 'users/get_current_account', a.json.access_token)).status, 200);
      assert.equal((await rpc(sb(), 'users/get_current_account', b.json.access_token)).status, 200);
      assert.equal(sb().admin.counters().token.refresh_token, 2);
    });

    it('a grant made with the secret cannot refresh without it: "No auth function available"', async () => {
      const code = await codeFor(null);
      const t = (await exchange(code, { client_secret: sb().info.clientSecret })).json;
      const r = await tokenCall(sb(), { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: sb().info.clientId });
      assert.equal(r.status, 400);
      assert.deepEqual(r.json, { error: 'invalid_request', error_description: 'No auth function available for given request' });
    });

    it('the SDK style: parameters in the query string, a JSON content type and no body', async () => {
      const t = await signIn(sb());
      const q = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.refresh_token!, client_id: sb().info.clientId });
      const r = await call(`${sb().info.apiBaseUrl}/oauth2/token?${q}`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
      assert.equal(r.status, 200, r.text);
    });
  });

  describe('expiry and revocation', () => {
    it('an access token expires after expires_in (sandbox clock): 401 expired_access_token, refresh gets a new one', async () => {
      const t = await signIn(sb());
      sb().admin.advanceClock(14_400_000);
      const r = await rpc(sb(), 'users/get_current_account', t.access_token);
      assert.equal(r.status, 401);
      assert.equal(r.json.error['.tag'], 'expired_access_token');
      assert.match(r.json.error_summary, /^expired_access_token\/\.+$/);
      const fresh = await tokenCall(sb(), { grant_type: 'refresh_token', refresh_token: t.refresh_token!, client_id: sb().info.clientId });
      assert.equal((await rpc(sb(), 'users/get_current_account', fresh.json.access_token)).status, 200);
    });

    it('the admin can force expiry for one user', async () => {
      const alice = await signIn(sb());
      const bob = await signIn(sb(), { email: 'bob@example.com' });
      assert.equal(sb().admin.expireAccessTokens({ email: 'alice@example.com' }), 1);
      assert.equal((await rpc(sb(), 'users/get_current_account', alice.access_token)).json.error['.tag'], 'expired_access_token');
      assert.equal((await rpc(sb(), 'users/get_current_account', bob.access_token)).status, 200);
    });

    it('/2/auth/token/revoke kills the family: this token, its siblings and the refresh token', async () => {
      const t = await signIn(sb());
      const other = await signIn(sb());
      const sibling = (await tokenCall(sb(), { grant_type: 'refresh_token', refresh_token: t.refresh_token!, client_id: sb().info.clientId })).json.access_token;
      const r = await rpc(sb(), 'auth/token/revoke', t.access_token);
      assert.equal(r.status, 200);
      assert.equal(r.text, 'null');
      assert.equal((await rpc(sb(), 'users/get_current_account', t.access_token)).json.error['.tag'], 'invalid_access_token');
      assert.equal((await rpc(sb(), 'users/get_current_account', sibling)).json.error['.tag'], 'invalid_access_token');
      const refreshed = await tokenCall(sb(), { grant_type: 'refresh_token', refresh_token: t.refresh_token!, client_id: sb().info.clientId });
      assert.equal(refreshed.status, 400);
      assert.equal(refreshed.json.error, 'invalid_grant');
      assert.equal((await rpc(sb(), 'users/get_current_account', other.access_token)).status, 200, 'another sign-in is another family');
    });
  });
});
