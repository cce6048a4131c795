// The official Dropbox JavaScript SDK (npm `dropbox`) against the sandbox, as a client would use it.
// The SDK always builds https URLs from a `domain` (meta-<domain> for the pages, api-<domain> for the API,
// api-content-<domain> for content); its `fetch` option is where a client swaps those hosts for the
// sandbox's bases. Nothing else about the SDK is changed. On Node the SDK (10.34, the last release that
// runs on Node 20) reads downloads with node-fetch's `res.buffer()`, so the swapped fetch is node-fetch, the
// SDK's own dependency, as a Node client of this SDK uses it.
import assert from 'node:assert/strict';
import nodeFetch from 'node-fetch';
import { Dropbox, DropboxAuth, DropboxResponseError } from 'dropbox';
import { DropboxSandbox } from '../../../sandbox/dropbox/server';
import { call, useDropboxSandbox } from '../../../support/sandboxes/dropbox';

const DOMAIN = 'dbx.sandbox.test';

function hostSwappingFetch(sb: DropboxSandbox, seen: string[]): (...args: Parameters<typeof nodeFetch>) => ReturnType<typeof nodeFetch> {
  const bases: Record<string, string> = {
    [`meta-${DOMAIN}`]: sb.info.oauthBaseUrl,
    [`api-${DOMAIN}`]: sb.info.apiBaseUrl,
    [`api-content-${DOMAIN}`]: sb.info.contentBaseUrl,
  };
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : 'href' in input ? input.href : input.url);
    const base = bases[url.host];
    assert.ok(base, `the SDK called an unexpected host: ${url.host}`);
    seen.push(`${url.host}${url.pathname}`);
    return nodeFetch(`${base}${url.pathname}${url.search}`, init);
  };
}

describe('Dropbox sandbox: the official Dropbox JavaScript SDK', function () {
  this.timeout(10_000);
  const sb = useDropboxSandbox();

  /** The SDK's PKCE sign-in: its authorization URL, the sandbox's pages, its code exchange. */
  async function sdkSignIn(seen: string[]): Promise<{ auth: DropboxAuth; dbx: Dropbox }> {
    const doFetch = hostSwappingFetch(sb(), seen);
    const auth = new DropboxAuth({ clientId: sb().info.clientId, fetch: doFetch, domain: DOMAIN });
    const authUrl = String(await auth.getAuthenticationUrl(sb().info.callbackUrl, 'sdk-state', 'code', 'offline', undefined, 'none', true));
    const u = new URL(authUrl);
    assert.equal(`${u.host}${u.pathname}`, `meta-${DOMAIN}/oauth2/authorize`);
    assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
    // The browser's part: open the authorize page on the sandbox, sign in, allow.
    const query = u.search.slice(1);
    const login = await call(`${sb().info.oauthBaseUrl}/oauth2/authorize/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ return_to: query, email: 'alice@example.com' }).toString(),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const decided = await call(`${sb().info.oauthBaseUrl}/oauth2/authorize/decide`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ return_to: query, decision: 'accept' }).toString(),
    });
    const back = new URL(decided.headers.get('location')!);
    assert.equal(back.searchParams.get('state'), 'sdk-state');
    const tokens = await auth.getAccessTokenFromCode(sb().info.callbackUrl, back.searchParams.get('code')!);
    const result = tokens.result as { access_token: string; refresh_token: string; expires_in: number };
    assert.ok(result.refresh_token);
    auth.setAccessToken(result.access_token);
    auth.setRefreshToken(result.refresh_token);
    auth.setAccessTokenExpiresAt(new Date(Date.now() + result.expires_in * 1000));
    return { auth, dbx: new Dropbox({ auth }) };
  }

  it('signs in with the SDK\'s PKCE helper, then lists, uploads, downloads and gets a temporary link', async () => {
    const seen: string[] = [];
    const { dbx } = await sdkSignIn(seen);

    const account = await dbx.usersGetCurrentAccount();
    assert.equal(account.result.email, 'alice@example.com');

    const first = await dbx.filesListFolder({ path: '/Scans', limit: 5 });
    const names = first.result.entries.map((e) => e.name);
    let page = first.result;
    while (page.has_more) {
      page = (await dbx.filesListFolderContinue({ cursor: page.cursor })).result;
      names.push(...page.entries.map((e) => e.name));
    }
    assert.equal(names.length, 12);

    const up = await dbx.filesUpload({ path: '/SignDesk/Vertrag für Müller (signiert).pdf', contents: Buffer.from('%PDF-1.4 signed'), mode: { '.tag': 'add' }, autorename: true });
    assert.equal(up.result.name, 'Vertrag für Müller (signiert).pdf');

    const down = await dbx.filesDownload({ path: '/SignDesk/Vertrag für Müller (signiert).pdf' });
    const downloaded = down.result as typeof down.result & { fileBinary: Buffer };
    assert.equal(downloaded.name, 'Vertrag für Müller (signiert).pdf');
    assert.equal(downloaded.fileBinary.toString(), '%PDF-1.4 signed');

    const link = await dbx.filesGetTemporaryLink({ path: '/Contracts/NDA Acme.pdf' });
    const fetched = await call(link.result.link);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.subarray(0, 5).toString(), '%PDF-');

    assert.deepEqual([...new Set(seen.map((s) => s.split('/')[0]))].sort(), [`api-${DOMAIN}`, `api-content-${DOMAIN}`].sort());
  });

  it('refreshes by itself when the access token is due (client_id only, the refresh token kept)', async () => {
    const { auth, dbx } = await sdkSignIn([]);
    const refreshToken = auth.getRefreshToken();
    sb().admin.expireAccessTokens({ all: true });
    auth.setAccessTokenExpiresAt(new Date(Date.now() - 1000));
    const account = await dbx.usersGetCurrentAccount();
    assert.equal(account.result.email, 'alice@example.com');
    assert.equal(auth.getRefreshToken(), refreshToken);
    assert.equal(sb().admin.counters().tokenIssued.refresh_token, 1);
  });

  it('surfaces a 409 as a DropboxResponseError carrying the error union and error_summary', async () => {
    const { dbx } = await sdkSignIn([]);
    await assert.rejects(dbx.filesGetMetadata({ path: '/nope.pdf' }), (e: unknown) => {
      assert.ok(e instanceof DropboxResponseError);
      const err = e as DropboxResponseError<{ error_summary: string; error: { '.tag': string } }>;
      assert.equal(err.status, 409);
      assert.match(err.error.error_summary, /^path\/not_found\//);
      return true;
    });
  });
});
