// Test helpers for the signNow sandbox: an in-process sandbox whose every response is checked against
// signNow's shapes (shapes.ts), and the OAuth browser leg and token calls over plain HTTP.
import assert from 'node:assert/strict';
import { SignNowSandbox, SignNowSandboxOptions, startSignNowSandbox } from '../../sandbox/signNow/server';
import type { Exchange } from '../../sandbox/kit/server';
import { officialTypedefs, signNowContractViolation } from './signNowShapes';
import { recordExchanges, reply, useOneSandbox, type Reply } from './common';

export interface TestSignNowSandbox extends SignNowSandbox {
  exchanges: Exchange[];
  violations: string[];
}

const typedefs = officialTypedefs();

export async function startTestSignNowSandbox(options: SignNowSandboxOptions = {}): Promise<TestSignNowSandbox> {
  const checked = recordExchanges((e) => signNowContractViolation(typedefs, e));
  const sb = await startSignNowSandbox({ ...options, onExchange: checked.onExchange });
  return Object.assign(sb, { exchanges: checked.exchanges, violations: checked.violations });
}

/** One sandbox per suite, reset before each test; after each test every response must have followed the shapes. */
export function useSignNowSandbox(options: SignNowSandboxOptions = {}): () => TestSignNowSandbox {
  return useOneSandbox(() => startTestSignNowSandbox(options), {
    reset: (sb) => {
      sb.admin.reset(options.config);
      sb.violations.length = 0;
      sb.exchanges.length = 0;
    },
    afterEachTest: (sb) => assert.deepEqual(sb.violations.splice(0), [], 'signNow sandbox responses that do not follow the shapes'),
  });
}

export type { Reply } from './common';

export async function call(sb: SignNowSandbox, method: string, path: string, opts: { auth?: string; json?: unknown; form?: Record<string, string>; body?: FormData; cookie?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.auth) headers.Authorization = opts.auth;
  if (opts.cookie) headers.Cookie = opts.cookie;
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body) body = opts.body;
  return reply(await fetch(sb.url + path, { method, headers, body, redirect: 'manual' }));
}

export const bearer = (token: string) => `Bearer ${token}`;

/** The password grant: a token set for a seeded user. */
export async function passwordToken(sb: SignNowSandbox, user = sb.info.users[0]): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
  const res = await call(sb, 'POST', '/oauth2/token', { auth: `Basic ${sb.info.basicToken}`, form: { grant_type: 'password', username: user.email, password: user.password } });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

/** The browser leg: authorize → login → consent → decision. Returns where the browser is sent. */
export async function authorize(sb: SignNowSandbox, opts: { state?: string; redirectUri?: string; decision?: 'accept' | 'deny'; user?: { email: string; password: string } } = {}): Promise<URL> {
  const user = opts.user ?? sb.info.users[0];
  const q = new URLSearchParams({ client_id: sb.info.clientId, response_type: 'code', redirect_uri: opts.redirectUri ?? sb.info.callbackUrl });
  if (opts.state !== undefined) q.set('state', opts.state);
  const authorizePath = `/authorize?${q}`;
  const page = await call(sb, 'GET', authorizePath);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /id="login-form"/);
  const login = await call(sb, 'POST', '/authorize/login', { form: { email: user.email, password: user.password, return_to: authorizePath } });
  assert.equal(login.status, 303, login.text);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const consent = await call(sb, 'GET', login.headers.get('location')!, { cookie });
  assert.match(consent.text, /id="accept"/);
  const fields: Record<string, string> = { client_id: sb.info.clientId, redirect_uri: opts.redirectUri ?? sb.info.callbackUrl, scope: '*', decision: opts.decision ?? 'accept' };
  if (opts.state !== undefined) fields.state = opts.state;
  const decided = await call(sb, 'POST', '/authorize', { form: fields, cookie });
  assert.equal(decided.status, 302, decided.text);
  return new URL(decided.headers.get('location')!);
}

export async function codeGrant(sb: SignNowSandbox, code: string, auth = `Basic ${sb.info.basicToken}`): Promise<Reply> {
  return call(sb, 'POST', '/oauth2/token', { auth, form: { grant_type: 'authorization_code', code } });
}
