import assert from 'node:assert/strict';
import { AuthError, BadResponseError } from '../../../../src/core/errors';
import { EPOCH_THRESHOLD_SECONDS, expiresAtFrom, parseSignNowTokenResponse } from '../../../../src/providers/signNow/oauthClient';
import { authorize, useSignNowSandbox } from '../../../support/sandboxes/signNow';
import { signNowStack } from './support';

describe('signNow OAuth client', () => {
  describe('expires_in', () => {
    const now = 1_800_000_000_000;
    it('a lifetime (number or digit string) counts from now; an epoch time (≥ 10⁹ s) is the expiry itself', () => {
      assert.equal(expiresAtFrom(3600, now), now + 3_600_000);
      assert.equal(expiresAtFrom('2592000', now), now + 2_592_000_000);
      assert.equal(expiresAtFrom('1900000000', now), 1_900_000_000_000);
      assert.equal(expiresAtFrom(1_900_000_000, now), 1_900_000_000_000);
      assert.ok(EPOCH_THRESHOLD_SECONDS > 30 * 86400);
    });
    it('refuses missing, negative, non-numeric and past-epoch values', () => {
      for (const v of [undefined, -1, 0, 'soon', '12e3', '1500000000', NaN]) assert.throws(() => expiresAtFrom(v, now), BadResponseError, String(v));
    });
    it('a 200 carrying an error is an AuthError; HTML is a BadResponseError naming the setting', () => {
      assert.throws(() => parseSignNowTokenResponse({ error: 'invalid_grant' }, { now }), AuthError);
      assert.throws(() => parseSignNowTokenResponse('<html></html>', { now }), /API base URL/);
    });
  });

  describe('against the signNow sandbox', () => {
    const sandbox = useSignNowSandbox();
    const client = () => ({ clientId: sandbox().info.clientId, clientSecret: sandbox().info.clientSecret });

    it('authorizeUrl goes to /authorize with client_id, response_type=code, redirect_uri and state', () => {
      const url = new URL(signNowStack(sandbox()).oauth.authorizeUrl({ clientId: 'cid', state: 's1', redirectUri: 'http://127.0.0.1:53682/callback' }));
      assert.equal(url.pathname, '/authorize');
      assert.deepEqual(Object.fromEntries(url.searchParams), { client_id: 'cid', response_type: 'code', redirect_uri: 'http://127.0.0.1:53682/callback', state: 's1' });
    });

    it('exchanges a code with the Basic client token; the epoch expires_in becomes the right expiry', async () => {
      const { oauth } = signNowStack(sandbox());
      const code = (await authorize(sandbox(), { state: 'x' })).searchParams.get('code')!;
      const before = Date.now();
      const tokens = await oauth.exchangeCode({ ...client(), code, state: 'x' });
      assert.ok(Math.abs(tokens.expiresAt - (before + 2_592_000_000)) < 5000, String(tokens.expiresAt - before));
      assert.equal(tokens.origins?.api, new URL(sandbox().url).origin);
      assert.equal(tokens.origins?.oauth, new URL(sandbox().url).origin);
      assert.ok(Math.abs((await oauth.tokenSecondsLeft(tokens.accessToken)) - 2592000) < 5);
    });

    it('a spent code, a wrong secret and a spent refresh token (either error name) are AuthErrors', async () => {
      const { oauth } = signNowStack(sandbox());
      const code = (await authorize(sandbox())).searchParams.get('code')!;
      await assert.rejects(oauth.exchangeCode({ ...client(), clientSecret: 'wrong', code, state: '' }), (e) => e instanceof AuthError && e.errorName === 'invalid_client');
      const tokens = await oauth.exchangeCode({ ...client(), code, state: '' });
      await assert.rejects(oauth.exchangeCode({ ...client(), code, state: '' }), (e) => e instanceof AuthError && e.errorName === 'invalid_grant');
      const refreshed = await oauth.refresh({ ...client(), refreshToken: tokens.refreshToken });
      assert.notEqual(refreshed.refreshToken, tokens.refreshToken);
      assert.ok(refreshed.expiresAt > Date.now() + 2_500_000_000);
      await assert.rejects(oauth.refresh({ ...client(), refreshToken: tokens.refreshToken }), AuthError);
      sandbox().admin.configure({ spentRefreshTokenError: 'invalid_request' });
      // Either reading is named invalid_grant: the token manager's name for a refused refresh token.
      await assert.rejects(oauth.refresh({ ...client(), refreshToken: tokens.refreshToken }), (e) => e instanceof AuthError && e.errorName === 'invalid_grant');
    });

    it('the token check and revoke: invalid_token (1537) is an AuthError whatever status it comes with', async () => {
      const { oauth } = signNowStack(sandbox());
      const user = sandbox().info.users[0];
      for (const status of [401, 400]) {
        sandbox().admin.configure({ invalidTokenStatus: status });
        const tokens = await oauth.passwordGrant({ ...client(), username: user.email, password: user.password });
        sandbox().admin.expireAccessTokens({ accessToken: tokens.accessToken });
        await assert.rejects(oauth.tokenSecondsLeft(tokens.accessToken), (e) => e instanceof AuthError && e.errorName === 'invalid_token', `token check, ${status}`);
        await assert.rejects(oauth.revoke(tokens.accessToken), (e) => e instanceof AuthError && e.errorName === 'invalid_token', `revoke, ${status}`);
      }
    });

    it('password grant; revoke ends the token', async () => {
      const { oauth, service } = signNowStack(sandbox());
      const user = sandbox().info.users[0];
      const tokens = await oauth.passwordGrant({ ...client(), username: user.email, password: user.password });
      assert.equal((await service.getAccount(tokens.accessToken)).email, user.email);
      await oauth.revoke(tokens.accessToken);
      await assert.rejects(service.getAccount(tokens.accessToken), AuthError);
      await assert.rejects(oauth.passwordGrant({ ...client(), username: user.email, password: 'wrong' }), /Invalid credentials/);
    });
  });
});
