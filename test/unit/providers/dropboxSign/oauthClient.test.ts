import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { AuthError, BadResponseError, InvalidInputError, NetworkError } from '../../../../src/core/errors';
import { DropboxSignOAuthClient, parseTokenResponse } from '../../../../src/providers/dropboxSign/oauthClient';
import { example } from './examples';
import { FakeHttp, settings } from '../../../support/scriptedHttp';

const clock = { now: () => 1_000_000 };
const valid = { access_token: 'AT', token_type: 'Bearer', refresh_token: 'RT', expires_in: 3600 };

describe('parseTokenResponse', () => {
  it('accepts the spec examples', () => {
    const generated = example<{ access_token: string; refresh_token: string; state: string }>('OAuthTokenGenerateResponse');
    assert.deepEqual(parseTokenResponse(generated, { now: 0, expectedState: generated.state }), {
      accessToken: generated.access_token,
      refreshToken: generated.refresh_token,
      expiresAt: 86_400_000,
    });
    assert.equal(parseTokenResponse(example('OAuthTokenRefreshResponse'), { now: 5 }).expiresAt, 86_400_005);
  });

  it('parses raw bytes and reads scopes when present', () => {
    const tokens = parseTokenResponse(Buffer.from(JSON.stringify({ ...valid, scope: 'basic_account_info request_signature' })), { now: 0 });
    assert.deepEqual(tokens.scopes, ['basic_account_info', 'request_signature']);
  });

  const broken: Array<[string, unknown]> = [
    ['HTML', Buffer.from('<!DOCTYPE html><html>login</html>')],
    ['malformed JSON', '{"access_token":'],
    ['an array', []],
    ['null', null],
    ['missing access_token', { ...valid, access_token: undefined }],
    ['empty access_token', { ...valid, access_token: '' }],
    ['numeric access_token', { ...valid, access_token: 42 }],
    ['missing token_type', { ...valid, token_type: undefined }],
    ['non-bearer token_type', { ...valid, token_type: 'mac' }],
    ['missing refresh_token', { ...valid, refresh_token: undefined }],
    ['string expires_in', { ...valid, expires_in: '3600' }],
    ['zero expires_in', { ...valid, expires_in: 0 }],
    ['numeric state', { ...valid, state: 7 }],
  ];
  for (const [what, body] of broken) {
    it(`refuses ${what} with BadResponseError`, () => {
      assert.throws(() => parseTokenResponse(body, { now: 0 }), BadResponseError);
    });
  }

  it('refuses a state that differs from the one sent', () => {
    assert.throws(() => parseTokenResponse({ ...valid, state: 'other' }, { now: 0, expectedState: 'mine' }), /state does not match/);
    assert.doesNotThrow(() => parseTokenResponse({ ...valid, state: 'mine' }, { now: 0, expectedState: 'mine' }));
  });

  it('keeps the old refresh token when a refresh response omits it', () => {
    const tokens = parseTokenResponse({ ...valid, refresh_token: undefined }, { now: 0, fallbackRefreshToken: 'OLD' });
    assert.equal(tokens.refreshToken, 'OLD');
  });

  it('turns a 200 carrying an error into AuthError', () => {
    assert.throws(
      () => parseTokenResponse({ error: { error_msg: 'Invalid code', error_name: 'invalid_grant' } }, { now: 0 }),
      (error: unknown) => error instanceof AuthError && error.errorName === 'invalid_grant' && error.message === 'Invalid code',
    );
  });

  it('never puts token values in its messages', () => {
    try {
      parseTokenResponse({ ...valid, access_token: 'SECRET-AT', token_type: 'weird', refresh_token: 'SECRET-RT' }, { now: 0 });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof BadResponseError);
      assert.ok(!error.message.includes('SECRET'));
    }
  });
});

describe('DropboxSignOAuthClient', () => {
  it('builds the authorize URL from the current settings', () => {
    const client = new DropboxSignOAuthClient(new FakeHttp(), settings, clock);
    assert.equal(
      client.authorizeUrl({ clientId: 'cid', state: 'st' }),
      'https://app.example.test/oauth/authorize?response_type=code&client_id=cid&state=st',
    );
  });

  it('exchanges a code: POST JSON to /oauth/token, no Authorization header', async () => {
    const http = new FakeHttp().reply({ json: { ...valid, state: 'st' } });
    const client = new DropboxSignOAuthClient(http, settings, clock);
    const tokens = await client.exchangeCode({ clientId: 'cid', clientSecret: 'sec', code: 'c0de', state: 'st' });
    // The tokens remember the servers they came from and are for: SignDesk sends them nowhere else.
    const origins = { oauth: 'https://app.example.test', api: 'https://api.example.test' };
    assert.deepEqual(tokens, { accessToken: 'AT', refreshToken: 'RT', expiresAt: 1_000_000 + 3_600_000, origins });
    const req = http.last;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, 'https://app.example.test/oauth/token');
    assert.deepEqual(req.body, {
      json: { client_id: 'cid', client_secret: 'sec', code: 'c0de', grant_type: 'authorization_code', state: 'st' },
    });
    assert.equal(req.headers?.Authorization, undefined);
  });

  it('passes the caller signal through', async () => {
    const http = new FakeHttp().reply({ json: valid });
    const signal = new AbortController().signal;
    await new DropboxSignOAuthClient(http, settings, clock).refresh({ refreshToken: 'RT' }, signal);
    assert.equal(http.last.signal, signal);
  });

  it('refreshes: POST JSON to /oauth/token?refresh, client credentials only when given', async () => {
    const http = new FakeHttp().reply({ json: { ...valid, access_token: 'AT2' } }, { json: valid });
    const client = new DropboxSignOAuthClient(http, settings, clock);
    assert.equal((await client.refresh({ refreshToken: 'RT' })).accessToken, 'AT2');
    assert.equal(http.last.url, 'https://app.example.test/oauth/token?refresh');
    assert.deepEqual(http.last.body, { json: { grant_type: 'refresh_token', refresh_token: 'RT' } });
    await client.refresh({ refreshToken: 'RT', clientId: 'cid', clientSecret: 'sec' });
    assert.deepEqual(http.last.body, {
      json: { grant_type: 'refresh_token', refresh_token: 'RT', client_id: 'cid', client_secret: 'sec' },
    });
  });

  it('turns 400 invalid_grant / invalid_client into AuthError, other 400s stay InvalidInputError', async () => {
    const http = new FakeHttp().reply(
      new InvalidInputError('Refresh token revoked', { status: 400, errorName: 'invalid_grant' }),
      new InvalidInputError('Bad client', { status: 400, errorName: 'invalid_client' }),
      new InvalidInputError('grant_type missing', { status: 400, errorName: 'invalid_request' }),
    );
    const client = new DropboxSignOAuthClient(http, settings, clock);
    await assert.rejects(
      client.refresh({ refreshToken: 'RT' }),
      (e: unknown) => e instanceof AuthError && e.errorName === 'invalid_grant' && e.status === 400 && e.message === 'Refresh token revoked',
    );
    await assert.rejects(client.refresh({ refreshToken: 'RT' }), AuthError);
    await assert.rejects(client.refresh({ refreshToken: 'RT' }), InvalidInputError);
  });

  it('lets other errors through unchanged', async () => {
    const failure = new NetworkError('down');
    const http = new FakeHttp().reply(failure);
    await assert.rejects(new DropboxSignOAuthClient(http, settings, clock).refresh({ refreshToken: 'RT' }), (e) => e === failure);
  });

  it('refuses an HTML 200 from a misconfigured base URL', async () => {
    const http = new FakeHttp().reply({ body: '<html>Sign in</html>', headers: { 'content-type': 'text/html' } });
    await assert.rejects(
      new DropboxSignOAuthClient(http, settings, clock).exchangeCode({ clientId: 'c', clientSecret: 's', code: 'x', state: 'y' }),
      (e: unknown) => e instanceof BadResponseError && /web page/.test(e.message),
    );
  });
});
