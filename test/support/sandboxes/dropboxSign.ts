// Test helpers: an in-process sandbox whose every response is checked against the spec, and small
// HTTP helpers (global fetch, redirects not followed) for the API, the token endpoint and the OAuth pages.
import assert from 'node:assert/strict';
import { Exchange, Sandbox, SandboxOptions, startSandbox } from '../../sandbox/dropboxSign/server';
import { newSession, type StoredSession } from '../../../src/auth/session';
import { contractViolation } from './dropboxSignSpec';
import { recordExchanges, reply, useOneSandbox, type Reply } from './common';

export interface TestSandbox extends Sandbox {
  exchanges: Exchange[];
  /** spec violations seen since the last reset */
  violations: string[];
}

/** Exchanges checked in this mocha process, across all sandboxes (the contract suite reports it). */
export const checkedExchanges: Exchange[] = [];

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const checked = recordExchanges(contractViolation, (e) => {
    checkedExchanges.push(e);
    options.onExchange?.(e);
  });
  const sb = await startSandbox({ ...options, onExchange: checked.onExchange });
  return Object.assign(sb, { exchanges: checked.exchanges, violations: checked.violations });
}

/**
 * Mocha wiring: one sandbox per suite, reset to the seed before each test, and after each test an
 * assertion that every response it caused follows the spec.
 */
export function useSandbox(options: SandboxOptions = {}): () => TestSandbox {
  return useOneSandbox(() => startTestSandbox(options), {
    startTimeoutMs: 20_000, // the first start parses the 14k-line spec
    reset: (sb) => {
      sb.admin.reset(options.config);
      sb.violations.length = 0;
    },
    afterEachTest: (sb) => assert.deepEqual(sb.violations.splice(0), [], 'sandbox responses that do not follow the spec'),
  });
}

export const basic = (apiKey: string) => `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
export const bearer = (token: string) => `Bearer ${token}`;

export type { Reply } from './common';

export async function get(sb: Sandbox, path: string, auth?: string): Promise<Reply> {
  return reply(await fetch(sb.url + path, { headers: auth ? { Authorization: auth } : {}, redirect: 'manual' }));
}

export async function postJson(sb: Sandbox, path: string, body: unknown, auth?: string): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (auth) headers.Authorization = auth;
  return reply(await fetch(sb.url + path, { method: 'POST', headers, body: JSON.stringify(body), redirect: 'manual' }));
}

export async function postForm(sb: Sandbox, path: string, fields: Record<string, string>, auth?: string, cookie?: string): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (auth) headers.Authorization = auth;
  if (cookie) headers.Cookie = cookie;
  return reply(await fetch(sb.url + path, { method: 'POST', headers, body: new URLSearchParams(fields).toString(), redirect: 'manual' }));
}

export async function postMultipart(sb: Sandbox, path: string, form: FormData, auth?: string): Promise<Reply> {
  return reply(await fetch(sb.url + path, { method: 'POST', headers: auth ? { Authorization: auth } : {}, body: form, redirect: 'manual' }));
}

/** Runs the browser leg of OAuth with plain HTTP: authorize → login → consent → decision. Returns the redirect. */
export async function authorize(
  sb: Sandbox,
  opts: { email: string; state: string; clientId?: string; redirectUri?: string; decision?: 'accept' | 'deny' },
): Promise<URL> {
  const q = new URLSearchParams({ response_type: 'code', client_id: opts.clientId ?? sb.info.clientId, state: opts.state });
  if (opts.redirectUri !== undefined) q.set('redirect_uri', opts.redirectUri);
  const authorizePath = `/oauth/authorize?${q}`;
  const login = await postForm(sb, '/oauth/login', { email: opts.email, return_to: authorizePath });
  assert.equal(login.status, 303, login.text);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const consent = await reply(await fetch(sb.url + authorizePath, { headers: { Cookie: cookie }, redirect: 'manual' }));
  assert.equal(consent.status, 200);
  assert.match(consent.text, /id="accept"/);
  const fields: Record<string, string> = { response_type: 'code', client_id: opts.clientId ?? sb.info.clientId, state: opts.state, decision: opts.decision ?? 'accept' };
  if (opts.redirectUri !== undefined) fields.redirect_uri = opts.redirectUri;
  const decided = await postForm(sb, '/oauth/authorize', fields, undefined, cookie);
  assert.equal(decided.status, 302, decided.text);
  return new URL(decided.headers.get('location')!);
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  state?: string | null;
}

/** Authorizes as `email` through the app and exchanges the code: a signed-in token set. */
export async function signIn(sb: Sandbox, email: string, app: { clientId: string; clientSecret: string } = sb.info): Promise<Tokens> {
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const target = await authorize(sb, { email, state, clientId: app.clientId });
  const code = target.searchParams.get('code');
  assert.ok(code, `no code in ${target}`);
  const res = await postJson(sb, '/oauth/token', { grant_type: 'authorization_code', client_id: app.clientId, client_secret: app.clientSecret, code, state });
  assert.equal(res.status, 200, res.text);
  return res.json as Tokens;
}

/** Signs `email` in through the sandbox's OAuth pages and returns the session SignDesk would store. */
export async function signedInSession(sb: Sandbox, email: string, scopes: string[] = []): Promise<StoredSession> {
  const tokens = await signIn(sb, email);
  const account = sb.admin.state().accounts.find((a) => a.email === email);
  assert.ok(account, `no sandbox account ${email}`);
  const expiresAt = Date.now() + tokens.expires_in * 1000;
  return newSession(
    'dropboxSign',
    { id: account.accountId, email: account.email },
    { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt, scopes },
    'active',
    Date.now(),
  );
}
