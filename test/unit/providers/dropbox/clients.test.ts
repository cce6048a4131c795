// The Dropbox OAuth and files clients against the Dropbox sandbox, over the real HTTP client.
import assert from 'node:assert/strict';
import { AuthError, BadResponseError, ConflictError, InvalidInputError, NetworkError, NotFoundError, RateLimitError } from '../../../../src/core/errors';
import { FetchHttpClient } from '../../../../src/core/fetchHttpClient';
import type { HttpClient } from '../../../../src/core/http';
import type { DropboxSettings } from '../../../../src/providers/dropbox/endpoints';
import { readDropboxError } from '../../../../src/providers/dropbox/errorBody';
import { DropboxFilesClient, isCursorReset, MAX_SIMPLE_UPLOAD_BYTES } from '../../../../src/providers/dropbox/filesClient';
import { DropboxOAuthClient } from '../../../../src/providers/dropbox/oauthClient';
import { decodeState, encodeState } from '../../../../src/auth/oauthState';
import { createPkcePair } from '../../../../src/providers/dropbox/pkce';
import { allowInBrowser, call, useDropboxSandbox } from '../../../support/sandboxes/dropbox';
import { CODESPACES_TARGET } from '../../../support/callbackTargets';

describe('Dropbox provider clients against the Dropbox sandbox', function () {
  this.timeout(10_000);
  const sb = useDropboxSandbox();
  const http: HttpClient = new FetchHttpClient({ serviceLabel: 'Dropbox', userAgent: 'SignDesk-test', readError: readDropboxError, timeoutMs: 3000 });
  const settings = (): DropboxSettings => ({ oauthBaseUrl: sb().info.oauthBaseUrl, apiBaseUrl: sb().info.apiBaseUrl, contentBaseUrl: sb().info.contentBaseUrl });
  const oauth = new DropboxOAuthClient(http, settings);
  const files = new DropboxFilesClient(http, settings);


  async function signIn(scopes?: string[]) {
    const pkce = createPkcePair();
    const redirectUri = sb().info.callbackUrl;
    const { location } = await allowInBrowser(sb(), oauth.authorizeUrl({ clientId: sb().info.clientId, state: 'st', codeChallenge: pkce.challenge, redirectUri, scopes }));
    return oauth.exchangeCode({ clientId: sb().info.clientId, code: location!.searchParams.get('code')!, codeVerifier: pkce.verifier, redirectUri });
  }

  describe('sign-in', () => {
    it('loopback mode: PKCE code exchange without a secret; the tokens say where they may go', async () => {
      const t = await signIn();
      assert.match(t.accessToken, /^sl\./);
      assert.ok(t.refreshToken);
      assert.ok(t.expiresAt > Date.now() + 14_000_000);
      assert.match(t.accountId!, /^dbid:/);
      assert.deepEqual(t.origins, { oauth: new URL(sb().info.apiBaseUrl).origin, api: new URL(sb().info.apiBaseUrl).origin });
      assert.equal((await files.getAccount(t.accessToken)).email, 'alice@example.com');
    });

    it('manual mode: no redirect_uri, the user pastes the code shown on the page', async () => {
      const pkce = createPkcePair();
      const { page } = await allowInBrowser(sb(), oauth.authorizeUrl({ clientId: sb().info.clientId, state: 'st', codeChallenge: pkce.challenge }));
      const code = /id="auth-code"[^>]*>([^<]+)</.exec(page)![1];
      const t = await oauth.exchangeCode({ clientId: sb().info.clientId, code, codeVerifier: pkce.verifier });
      assert.ok(t.refreshToken);
    });

    it('relay mode with a Codespaces-style target: the compact state passes Dropbox\'s limit and comes back intact', async () => {
      const pkce = createPkcePair();
      const state = encodeState('n0nce', CODESPACES_TARGET, 500);
      const { location } = await allowInBrowser(sb(), oauth.authorizeUrl({ clientId: sb().info.clientId, state, codeChallenge: pkce.challenge, redirectUri: sb().info.callbackUrl }));
      assert.deepEqual(decodeState(location!.searchParams.get('state')!), { nonce: 'n0nce', target: CODESPACES_TARGET });
    });

    it('a used code is an AuthError (invalid_grant): sign in again', async () => {
      const pkce = createPkcePair();
      const { location } = await allowInBrowser(sb(), oauth.authorizeUrl({ clientId: sb().info.clientId, state: 's', codeChallenge: pkce.challenge, redirectUri: sb().info.callbackUrl }));
      const params = { clientId: sb().info.clientId, code: location!.searchParams.get('code')!, codeVerifier: pkce.verifier, redirectUri: sb().info.callbackUrl };
      await oauth.exchangeCode(params);
      await assert.rejects(oauth.exchangeCode(params), (e: unknown) => e instanceof AuthError && e.errorName === 'invalid_grant');
    });

    it('refresh with client_id alone keeps the refresh token; revoke ends the family (refresh → AuthError)', async () => {
      const t = await signIn();
      const again = await oauth.refresh({ clientId: sb().info.clientId, refreshToken: t.refreshToken });
      assert.equal(again.refreshToken, t.refreshToken);
      assert.notEqual(again.accessToken, t.accessToken);
      await oauth.revoke(again.accessToken);
      await assert.rejects(files.getAccount(t.accessToken), (e: unknown) => e instanceof AuthError && e.errorName === 'invalid_access_token');
      await assert.rejects(oauth.refresh({ clientId: sb().info.clientId, refreshToken: t.refreshToken }), (e: unknown) => e instanceof AuthError && e.errorName === 'invalid_grant');
    });
  });

  describe('files', () => {
    let token: string;
    beforeEach(async () => {
      token = (await signIn()).accessToken;
    });

    it('lists the root ("" and "/" both mean it) and pages with the cursor', async () => {
      const root = await files.listFolder(token, '/');
      assert.ok(root.entries.some((e) => e.kind === 'folder' && e.name === 'Contracts'));
      const welcome = root.entries.find((e) => e.name === 'Welcome.pdf')!;
      assert.equal(welcome.kind, 'file');
      assert.ok(welcome.size! > 0);
      assert.ok(welcome.modifiedAt! > 0);
      let page = await files.listFolder(token, '/Scans', { limit: 5 });
      const names = page.entries.map((e) => e.name);
      while (page.hasMore) {
        page = await files.listFolderContinue(token, page.cursor);
        names.push(...page.entries.map((e) => e.name));
      }
      assert.equal(names.length, 12);
    });

    it('a reset cursor is recognisable, so the view can start over', async () => {
      const page = await files.listFolder(token, '/Scans', { limit: 5 });
      sb().admin.invalidateCursors();
      await assert.rejects(files.listFolderContinue(token, page.cursor), (e: unknown) => isCursorReset(e));
    });

    it('uploads with autorename (non-ASCII name), downloads the bytes back, and gets a link the sandbox serves', async () => {
      const bytes = Buffer.from('%PDF-1.4 signed copy');
      const first = await files.upload(token, '/SignDesk/Vertrag für Müller.pdf', bytes, { mode: 'add', autorename: true });
      const second = await files.upload(token, '/SignDesk/Vertrag für Müller.pdf', Buffer.from('%PDF-1.4 other'), { mode: 'add', autorename: true });
      assert.equal(first.name, 'Vertrag für Müller.pdf');
      assert.equal(second.name, 'Vertrag für Müller (1).pdf');
      const down = await files.download(token, first.path);
      assert.deepEqual(down.bytes, bytes);
      assert.equal(down.entry.id, first.id);
      const link = await files.temporaryLink(token, first.path);
      assert.ok(Math.abs(link.expiresAt - (Date.now() + 4 * 3600_000)) < 60_000);
      assert.deepEqual((await call(link.url)).body, bytes);
    });

    it('refuses an upload over 150 MiB before sending anything', async () => {
      const huge = { length: MAX_SIMPLE_UPLOAD_BYTES + 1 } as Buffer;
      const before = sb().admin.counters().http;
      await assert.rejects(files.upload(token, '/big.pdf', huge), (e: unknown) => e instanceof InvalidInputError && /150 MiB/.test((e as Error).message));
      assert.deepEqual(sb().admin.counters().http, before);
    });
  });

  describe('errors, as the typed errors the UI acts on', () => {
    let token: string;
    beforeEach(async () => {
      token = (await signIn()).accessToken;
    });

    it('expired token → AuthError expired_access_token (the token manager refreshes once)', async () => {
      sb().admin.expireAccessTokens({ all: true });
      await assert.rejects(files.listFolder(token, ''), (e: unknown) => e instanceof AuthError && e.errorName === 'expired_access_token');
    });

    it('missing scope → AuthError whose message names the permission to tick', async () => {
      const narrow = (await signIn(['files.metadata.read'])).accessToken;
      await assert.rejects(files.temporaryLink(narrow, '/Welcome.pdf'), (e: unknown) => e instanceof AuthError && e.errorName === 'missing_scope' && /files\.content\.read/.test((e as Error).message));
    });

    it('409 unions carry their tags: path/not_found, path/conflict/file', async () => {
      await assert.rejects(files.getMetadata(token, '/nope.pdf'), (e: unknown) => e instanceof ConflictError && e.errorName === 'path/not_found');
      await assert.rejects(files.upload(token, '/Welcome.pdf', Buffer.from('x'), { mode: 'add' }), (e: unknown) => e instanceof ConflictError && e.errorName === 'path/conflict/file');
    });

    it('429 with a long Retry-After (JSON and plain text) → RateLimitError with resetAt (shorter ones are waited out: retries.test.ts)', async () => {
      sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'too_many_requests', retryAfter: 90 });
      await assert.rejects(files.listFolder(token, ''), (e: unknown) => e instanceof RateLimitError && e.resetAt !== undefined && e.resetAt.getTime() > Date.now() + 80_000);
      sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'too_many_requests_text', retryAfter: 90 });
      await assert.rejects(files.listFolder(token, ''), (e: unknown) => e instanceof RateLimitError && e.resetAt !== undefined);
    });

    it('a download without Dropbox-API-Result, or cut off, is not taken for the file', async () => {
      sb().admin.injectFault({ path: '/2/files/download', kind: 'missing_api_result' });
      await assert.rejects(files.download(token, '/Welcome.pdf'), BadResponseError);
      sb().admin.injectFault({ path: '/2/files/download', kind: 'truncated_download' });
      await assert.rejects(files.download(token, '/Welcome.pdf'), (e: unknown) => e instanceof NetworkError || e instanceof BadResponseError);
    });

    it('an expired temporary link is 410 → NotFoundError when fetched through the client', async () => {
      const link = await files.temporaryLink(token, '/Welcome.pdf');
      sb().admin.advanceClock(4 * 3600_000);
      await assert.rejects(http.request({ method: 'GET', url: link.url }), NotFoundError);
    });
  });
});
