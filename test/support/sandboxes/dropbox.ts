// Test helpers for the Dropbox sandbox: one in-process sandbox per suite, reset to the seed before each
// test, and plain-HTTP helpers (global fetch, redirects not followed) for the pages, token endpoint and API.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { DropboxSandbox, DropboxSandboxOptions, startDropboxSandbox } from '../../sandbox/dropbox/server';
import { reply, useOneSandbox, type Reply } from './common';

export function useDropboxSandbox(options: DropboxSandboxOptions = {}): () => DropboxSandbox {
  return useOneSandbox(() => startDropboxSandbox(options), { reset: (sb) => sb.admin.reset(options.config) });
}

export type { Reply } from './common';

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  return reply(await fetch(url, { redirect: 'manual', ...init }));
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** An rpc call on the api host: JSON body (or none for Void routes). */
export function rpc(sb: DropboxSandbox, route: string, token: string, arg?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { ...bearer(token) };
  if (arg !== undefined) headers['Content-Type'] = 'application/json';
  return call(`${sb.info.apiBaseUrl}/2/${route}`, { method: 'POST', headers, body: arg === undefined ? undefined : JSON.stringify(arg) });
}

/** What the SDKs send: JSON with every character from U+007F up written as \uXXXX. */
export const headerJson = (v: unknown) => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function upload(sb: DropboxSandbox, token: string, arg: Record<string, unknown>, content: Buffer | string): Promise<Reply> {
  return call(`${sb.info.contentBaseUrl}/2/files/upload`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': headerJson(arg) },
    body: new Uint8Array(typeof content === 'string' ? Buffer.from(content) : content),
  });
}

export function download(sb: DropboxSandbox, token: string, arg: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Reply> {
  return call(`${sb.info.contentBaseUrl}/2/files/download`, { method: 'POST', headers: { ...bearer(token), 'Dropbox-API-Arg': headerJson(arg), ...headers } });
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function newPkce(): Pkce {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeOptions {
  email?: string;
  state?: string;
  redirectUri?: string | null;
  pkce?: Pkce | null;
  offline?: boolean;
  scope?: string;
  decision?: 'accept' | 'deny';
  extra?: Record<string, string>;
}

export function authorizeQuery(sb: DropboxSandbox, o: AuthorizeOptions): string {
  const q = new URLSearchParams({ client_id: sb.info.clientId, response_type: 'code' });
  if (o.redirectUri !== null) q.set('redirect_uri', o.redirectUri ?? sb.info.callbackUrl);
  if (o.state !== undefined) q.set('state', o.state);
  if (o.offline !== false) q.set('token_access_type', 'offline');
  if (o.scope !== undefined) q.set('scope', o.scope);
  if (o.pkce) {
    q.set('code_challenge', o.pkce.challenge);
    q.set('code_challenge_method', 'S256');
  }
  for (const [k, v] of Object.entries(o.extra ?? {})) q.set(k, v);
  return q.toString();
}

/**
 * The browser leg with plain HTTP: authorize → login → consent → decision. Returns the final answer:
 * a 302 to the redirect URI, or the page showing the code when no redirect_uri was sent.
 */
export async function authorize(sb: DropboxSandbox, o: AuthorizeOptions): Promise<Reply> {
  const query = authorizeQuery(sb, o);
  const page = await call(`${sb.info.oauthBaseUrl}/oauth2/authorize?${query}`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /id="login-form"/);
  return loginAndDecide(sb, query, o.email ?? 'alice@example.com', o.decision ?? 'accept');
}

/** The browser's part: log in on the sandbox page, then accept or deny; answers the decide POST. */
async function loginAndDecide(sb: DropboxSandbox, query: string, email: string, decision: 'accept' | 'deny'): Promise<Reply> {
  const login = await call(`${sb.info.oauthBaseUrl}/oauth2/authorize/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ return_to: query, email }).toString(),
  });
  assert.equal(login.status, 200, login.text);
  assert.match(login.text, /id="accept"/);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  return call(`${sb.info.oauthBaseUrl}/oauth2/authorize/decide`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ return_to: query, decision }).toString(),
  });
}

/** Plays the browser on an authorize URL a client built: alice logs in and allows. The redirect, or the code page. */
export async function allowInBrowser(sb: DropboxSandbox, authorizeUrl: string): Promise<{ location?: URL; page: string }> {
  const decided = await loginAndDecide(sb, new URL(authorizeUrl).search.slice(1), 'alice@example.com', 'accept');
  const location = decided.headers.get('location');
  return { location: location ? new URL(location) : undefined, page: decided.text };
}

export function tokenCall(sb: DropboxSandbox, params: Record<string, string>, init: RequestInit = {}): Promise<Reply> {
  return call(`${sb.info.apiBaseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
    ...init,
  });
}

export interface DropboxTokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
  scope: string;
  account_id: string;
  uid: string;
}

/** Signs in with PKCE and offline access, as SignDesk does. */
export async function signIn(sb: DropboxSandbox, o: AuthorizeOptions = {}): Promise<DropboxTokens> {
  const pkce = newPkce();
  const done = await authorize(sb, { pkce, state: 's', ...o });
  assert.equal(done.status, 302, done.text);
  const code = new URL(done.headers.get('location')!).searchParams.get('code')!;
  const res = await tokenCall(sb, { grant_type: 'authorization_code', code, client_id: sb.info.clientId, code_verifier: pkce.verifier, redirect_uri: sb.info.callbackUrl });
  assert.equal(res.status, 200, res.text);
  return res.json as DropboxTokens;
}
