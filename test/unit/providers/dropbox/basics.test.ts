import assert from 'node:assert/strict';
import { SettingsError } from '../../../../src/core/errors';
import { dropboxAuthorizeUrl, resolveDropboxSettings, DEFAULT_DROPBOX_SETTINGS } from '../../../../src/providers/dropbox/endpoints';
import { readDropboxError } from '../../../../src/providers/dropbox/errorBody';
import { headerSafeJson, MAX_SIMPLE_UPLOAD_BYTES } from '../../../../src/providers/dropbox/filesClient';
import { DROPBOX_MAX_UPLOAD_BYTES, dropbox } from '../../../../src/providers/dropbox/definition';
import { decodeState, encodeState } from '../../../../src/auth/oauthState';
import { createPkcePair, pkceChallenge } from '../../../../src/providers/dropbox/pkce';
import { CODESPACES_TARGET } from '../../../support/callbackTargets';

describe('Dropbox provider: PKCE, state, URLs, argument encoding, error bodies', () => {
  describe('PKCE', () => {
    it('S256 of the RFC 7636 example verifier', () => {
      assert.equal(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    });

    it('a fresh verifier is 43–128 unreserved characters, different each time', () => {
      const a = createPkcePair();
      assert.match(a.verifier, /^[A-Za-z0-9\-._~]{43,128}$/);
      assert.equal(a.challenge, pkceChallenge(a.verifier));
      assert.notEqual(createPkcePair().verifier, a.verifier);
    });
  });

  describe('state within Dropbox\'s 500 bytes', () => {
    const nonce = 'N'.repeat(43);
    it('a short relay target keeps the relay page\'s `<nonce>.<base64url>` form', () => {
      const state = encodeState(nonce, 'http://127.0.0.1:53682/callback', 500);
      assert.equal(state, `${nonce}.${Buffer.from('http://127.0.0.1:53682/callback').toString('base64url')}`);
      assert.deepEqual(decodeState(state), { nonce, target: 'http://127.0.0.1:53682/callback' });
      assert.deepEqual(decodeState(nonce), { nonce });
    });

    it('a Codespaces-style target that would pass 500 bytes plainly is compressed, and decodes back', () => {
      const plainLength = nonce.length + 1 + Buffer.from(CODESPACES_TARGET).toString('base64url').length;
      assert.ok(plainLength > 500, `the test target must be long enough (${plainLength})`);
      const state = encodeState(nonce, CODESPACES_TARGET, 500);
      assert.ok(Buffer.byteLength(state) <= 500, `${state.length}`);
      assert.match(state, /^N+~[A-Za-z0-9_-]+$/);
      assert.deepEqual(decodeState(state), { nonce, target: CODESPACES_TARGET });
    });

    it('a target too long even compressed is refused; garbage does not decode', () => {
      const random = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919) % 251)).toString('base64url');
      assert.throws(() => encodeState(nonce, `https://x.github.dev/?r=${random}`, 500), /too long/);
      for (const s of ['', 'a.b.c', 'n~!!', 'n~AAAA', 'a b']) assert.equal(decodeState(s), undefined, s);
    });
  });

  describe('URLs', () => {
    it('authorize: PKCE S256, offline, state; no redirect_uri in manual mode; no empty scope', () => {
      const u = new URL(dropboxAuthorizeUrl(DEFAULT_DROPBOX_SETTINGS, { clientId: 'k', state: 's', codeChallenge: 'c'.repeat(43), scopes: [] }));
      assert.equal(`${u.origin}${u.pathname}`, 'https://www.dropbox.com/oauth2/authorize');
      assert.deepEqual(Object.fromEntries(u.searchParams), {
        client_id: 'k',
        response_type: 'code',
        token_access_type: 'offline',
        code_challenge: 'c'.repeat(43),
        code_challenge_method: 'S256',
        state: 's',
      });
      const withUri = new URL(dropboxAuthorizeUrl(DEFAULT_DROPBOX_SETTINGS, { clientId: 'k', state: 's', codeChallenge: 'c', redirectUri: 'http://127.0.0.1:53682/callback', scopes: ['files.content.read'] }));
      assert.equal(withUri.searchParams.get('redirect_uri'), 'http://127.0.0.1:53682/callback');
      assert.equal(withUri.searchParams.get('scope'), 'files.content.read');
      assert.throws(() => dropboxAuthorizeUrl(DEFAULT_DROPBOX_SETTINGS, { clientId: 'k', state: 'x'.repeat(501), codeChallenge: 'c' }), /at most 500/);
    });

    it('base URL settings: defaults, trailing slashes, and no plain http off loopback', () => {
      assert.deepEqual(resolveDropboxSettings({}), DEFAULT_DROPBOX_SETTINGS);
      assert.equal(resolveDropboxSettings({ apiBaseUrl: 'http://127.0.0.1:8720/api/' }).apiBaseUrl, 'http://127.0.0.1:8720/api');
      assert.throws(() => resolveDropboxSettings({ contentBaseUrl: 'http://content.example.com' }), SettingsError);
    });
  });

  it('Dropbox-API-Arg JSON escapes everything from U+007F up', () => {
    const header = headerSafeJson({ path: '/Vertrag für Müller – 😀.pdf' });
    assert.doesNotMatch(header, /[^\x20-\x7e]/);
    assert.equal(header, '{"path":"/Vertrag f\\u00fcr M\\u00fcller \\u2013 \\ud83d\\ude00.pdf"}');
    assert.deepEqual(JSON.parse(header), { path: '/Vertrag für Müller – 😀.pdf' });
  });

  describe('error bodies', () => {
    const read = (status: number, body: string, type = 'application/json') => readDropboxError(status, Buffer.from(body), type);
    it('400 plain text: Dropbox\'s sentence', () => {
      assert.deepEqual(read(400, 'Error in call to API function "files/list_folder": request body: path: Specify the root folder as an empty string rather than as "/".', 'text/plain; charset=utf-8'), {
        message: 'Error in call to API function "files/list_folder": request body: path: Specify the root folder as an empty string rather than as "/".',
      });
    });

    it('401: the AuthError tag; missing_scope names the scope to tick', () => {
      assert.equal(read(401, '{"error_summary":"expired_access_token/..","error":{".tag":"expired_access_token"}}')!.errorName, 'expired_access_token');
      const scope = read(401, '{"error_summary":"missing_scope/...","error":{".tag":"missing_scope","required_scope":"files.content.write"}}')!;
      assert.equal(scope.errorName, 'missing_scope');
      assert.match(scope.message!, /"files\.content\.write" permission.*Permissions tab.*App Console/);
    });

    it('409: the union\'s tags (not the summary\'s dots); user_message wins when Dropbox sends one', () => {
      assert.equal(read(409, '{"error_summary":"path/not_found/....","error":{".tag":"path","path":{".tag":"not_found"}}}')!.errorName, 'path/not_found');
      const conflict = read(409, '{"error_summary":"path/conflict/file/.","error":{".tag":"path","reason":{".tag":"conflict","conflict":{".tag":"file"}},"upload_session_id":"x"}}')!;
      assert.equal(conflict.errorName, 'path/conflict/file');
      assert.equal(read(409, '{"error_summary":"reset/..","error":{".tag":"reset"}}')!.errorName, 'reset');
      assert.equal(read(409, '{"error_summary":"other/..","error":{".tag":"other"},"user_message":{"locale":"en","text":"Try later."}}')!.message, 'Try later.');
    });

    it('429 JSON (the reason is a struct field) and plain text', () => {
      assert.equal(read(429, '{"error_summary":"too_many_requests/..","error":{"reason":{".tag":"too_many_requests"},"retry_after":3}}')!.errorName, 'too_many_requests');
      assert.deepEqual(read(429, 'Too many requests', 'text/plain'), { message: 'Too many requests' });
    });

    it('the token endpoint\'s {error, error_description}; HTML and garbage give nothing', () => {
      assert.deepEqual(read(400, '{"error":"invalid_grant","error_description":"refresh token is invalid or revoked"}'), { errorName: 'invalid_grant', message: 'refresh token is invalid or revoked' });
      for (const body of ['<html>502</html>', '', '{"error":{}}', '[]']) assert.equal(read(500, body), undefined, body);
      assert.equal(read(502, 'bad gateway', 'text/html'), undefined);
    });
  });

  it('the definition (which loads no client at activation) states the files client’s upload limit, and reads errors as errorBody does', () => {
    assert.equal(DROPBOX_MAX_UPLOAD_BYTES, MAX_SIMPLE_UPLOAD_BYTES);
    const body = Buffer.from(JSON.stringify({ error_summary: 'path/not_found/..', error: { '.tag': 'path' } }));
    assert.deepEqual(dropbox.readError(409, body, 'application/json'), readDropboxError(409, body, 'application/json'));
  });
});
