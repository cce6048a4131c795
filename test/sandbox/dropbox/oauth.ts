// OAuth 2 as Dropbox does it: /oauth2/authorize pages on the www host (login, consent, the code shown
// when no redirect_uri was sent) and POST /oauth2/token on the api host (authorization_code with a
// client secret or PKCE; refresh_token that never rotates).
import { createHash } from 'crypto';
import * as http from 'http';
import { parseCookies, readRaw, redirect, sendHtml } from '../kit/http';
import { randomToken } from '../kit/ids';
import { bump, DropboxContext } from './context';
import { DropboxHttpError } from './errors';
import { AuthCode, Grant } from './model';
import { codePage, consentPage, deniedPage, errorPage, loginPage, redirectMismatchPage } from './pages';

export const STATE_MAX_BYTES = 500;
const SESSION_COOKIE = 'dbx_sandbox_session';

interface AuthorizeRequest {
  clientId: string;
  redirectUri?: string;
  state?: string;
  scopes: string[];
  offline: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  forceReauthentication: boolean;
}

/** Is this redirect URI allowed for the app: registered exactly, or (switch) any localhost URI. */
export function redirectUriAllowed(ctx: DropboxContext, uri: string): boolean {
  if (ctx.store.app.redirectUris.includes(uri)) return true;
  if (!ctx.store.config.localhostNeedsNoRegistration) return false;
  try {
    const u = new URL(uri);
    return (u.protocol === 'http:' || u.protocol === 'https:') && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

/** Checks an authorize query; an error page (never a redirect) for anything wrong, as Dropbox does. */
function parseAuthorize(ctx: DropboxContext, q: URLSearchParams): AuthorizeRequest | { status: number; html: string } {
  const fail = (message: string) => ({ status: 400, html: errorPage('Error (400)', message) });
  const app = ctx.store.app;
  const clientId = q.get('client_id');
  if (!clientId) return fail('Missing client_id.');
  if (clientId !== app.clientId) return fail(`Invalid client_id: "${clientId}".`);
  const responseType = q.get('response_type');
  if (responseType !== 'code') return fail(`Invalid response_type: "${responseType ?? ''}". The sandbox supports "code".`);
  const redirectUri = q.get('redirect_uri') ?? undefined;
  if (redirectUri !== undefined && !redirectUriAllowed(ctx, redirectUri)) {
    return {
      status: 400,
      html: redirectMismatchPage({ appName: app.name, clientId: app.clientId, sent: redirectUri, registered: app.redirectUris, adminAppUrl: `${ctx.urls.adminUrl}/apps/${app.clientId}` }),
    };
  }
  const state = q.get('state') ?? undefined;
  if (state !== undefined && Buffer.byteLength(state, 'utf8') > STATE_MAX_BYTES) {
    return fail(`"state" is too long: ${Buffer.byteLength(state, 'utf8')} bytes; at most ${STATE_MAX_BYTES} are allowed.`);
  }
  const tokenAccessType = q.get('token_access_type') ?? 'online';
  if (!['online', 'offline', 'legacy'].includes(tokenAccessType)) return fail(`Invalid token_access_type: "${tokenAccessType}".`);
  let scopes = [...app.scopes];
  const scopeParam = q.get('scope');
  if (scopeParam !== null) {
    const asked = scopeParam.split(' ').filter(Boolean);
    if (asked.length === 0) return fail('Invalid scope: "scope" must not be empty; leave it out to get all of the app\'s permissions.');
    const unknown = asked.filter((s) => !app.scopes.includes(s));
    if (unknown.length) return fail(`Invalid scope: ${unknown.join(', ')} (not enabled on the app's Permissions tab).`);
    scopes = asked;
  }
  const include = q.get('include_granted_scopes');
  if (include !== null && include !== 'user') return fail(`Invalid include_granted_scopes: "${include}".`);
  const codeChallenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method') ?? undefined;
  if (method !== undefined && method !== 'S256' && method !== 'plain') return fail(`Invalid code_challenge_method: "${method}".`);
  if (method !== undefined && codeChallenge === undefined) return fail('code_challenge_method without code_challenge.');
  if (codeChallenge !== undefined && !/^[A-Za-z0-9\-._~]{43,128}$/.test(codeChallenge)) return fail('Invalid code_challenge: 43 to 128 characters of [A-Za-z0-9-._~].');
  return {
    clientId,
    redirectUri,
    state,
    scopes,
    offline: tokenAccessType === 'offline',
    codeChallenge,
    codeChallengeMethod: codeChallenge ? ((method ?? 'plain') as 'S256' | 'plain') : undefined,
    forceReauthentication: q.get('force_reauthentication') === 'true',
  };
}

function sessionEmail(ctx: DropboxContext, req: http.IncomingMessage): string | undefined {
  const sid = parseCookies(req)[SESSION_COOKIE];
  return sid ? ctx.store.sessions.get(sid) : undefined;
}

/** Requests under the www host's /oauth2/authorize. */
export async function handleAuthorize(ctx: DropboxContext, req: http.IncomingMessage, res: http.ServerResponse, sub: string, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const form = method === 'POST' ? new URLSearchParams((await readRaw(req)).toString('utf8')) : url.searchParams;
  const query = sub === '' ? url.search.replace(/^\?/, '') : (form.get('return_to') ?? '');
  const parsed = parseAuthorize(ctx, new URLSearchParams(query));
  if ('html' in parsed) return sendHtml(res, parsed.status, parsed.html);
  const users = ctx.store.users.map((u) => u.email);
  const app = ctx.store.app;

  if (sub === '/logout') {
    const sid = parseCookies(req)[SESSION_COOKIE];
    if (sid) ctx.store.sessions.delete(sid);
    return sendHtml(res, 200, loginPage({ query, appName: app.name, users }), { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0` });
  }
  if (sub === '/login' && method === 'POST') {
    const email = (form.get('email') ?? '').trim();
    const user = ctx.store.user(email);
    if (!user) return sendHtml(res, 200, loginPage({ query, appName: app.name, users, error: `No sandbox account for "${email}".` }));
    const sid = randomToken(18);
    ctx.store.sessions.set(sid, user.email);
    return sendHtml(res, 200, consentPage({ query, appName: app.name, email: user.email, scopes: parsed.scopes }), {
      'Set-Cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`,
    });
  }
  const email = sessionEmail(ctx, req);
  if (sub === '/decide' && method === 'POST') {
    if (!email) return sendHtml(res, 200, loginPage({ query, appName: app.name, users }));
    return decide(ctx, res, parsed, email, form.get('decision') === 'accept');
  }
  if (sub !== '' || method !== 'GET') return sendHtml(res, 404, errorPage('Not found', 'No such page.'));
  if (!email || parsed.forceReauthentication) return sendHtml(res, 200, loginPage({ query, appName: app.name, users }));
  sendHtml(res, 200, consentPage({ query, appName: app.name, email, scopes: parsed.scopes }));
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

function decide(ctx: DropboxContext, res: http.ServerResponse, a: AuthorizeRequest, email: string, accepted: boolean): void {
  const app = ctx.store.app;
  if (!accepted) {
    if (!a.redirectUri) return sendHtml(res, 200, deniedPage(app.name));
    return redirect(
      res,
      withParams(a.redirectUri, { error: 'access_denied', error_description: 'The user chose not to give your app access to their Dropbox account.', state: a.state }),
    );
  }
  const code: AuthCode = {
    code: randomToken(32),
    clientId: a.clientId,
    email,
    redirectUri: a.redirectUri,
    codeChallenge: a.codeChallenge,
    codeChallengeMethod: a.codeChallengeMethod,
    scopes: a.scopes,
    offline: a.offline,
    expiresAtMs: ctx.store.clock.nowMs() + ctx.store.config.codeTtlSeconds * 1000,
    used: false,
  };
  ctx.store.codes.set(code.code, code);
  if (!a.redirectUri) return sendHtml(res, 200, codePage({ appName: app.name, code: code.code }));
  redirect(res, withParams(a.redirectUri, { code: code.code, state: a.state }));
}

// ---- POST /oauth2/token ----

function tokenError(error: string, description: string, status = 400): DropboxHttpError {
  return new DropboxHttpError(status, { error, error_description: description });
}

/** Parameters from the query string and a form body (the JS SDK sends them in the query string). */
async function tokenParams(req: http.IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  const raw = await readRaw(req);
  if (raw.length === 0) return params;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw tokenError('invalid_request', 'The request body must be form-encoded (application/x-www-form-urlencoded).');
  }
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) params.set(k, v);
  return params;
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export async function handleToken(ctx: DropboxContext, req: http.IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  if (req.method !== 'POST') throw tokenError('invalid_request', 'Use POST.');
  const p = await tokenParams(req, url);
  const grantType = p.get('grant_type') ?? '';
  bump(ctx.counters.token, grantType || '(none)');
  let clientId = p.get('client_id') ?? undefined;
  let clientSecret = p.get('client_secret') ?? undefined;
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    clientId = decoded.slice(0, i < 0 ? undefined : i);
    clientSecret = i < 0 ? undefined : decoded.slice(i + 1);
  }
  const app = ctx.store.app;
  if (!clientId) throw tokenError('invalid_request', 'No auth function available for given request');
  if (clientId !== app.clientId || (clientSecret !== undefined && clientSecret !== app.clientSecret)) {
    throw tokenError('invalid_client', 'Invalid client_id or client_secret', basic ? 401 : 400);
  }
  const body = grantType === 'authorization_code' ? exchangeCode(ctx, p, clientSecret !== undefined) : grantType === 'refresh_token' ? refresh(ctx, p, clientSecret !== undefined) : undefined;
  if (!body) throw tokenError('unsupported_grant_type', `grant_type must be authorization_code or refresh_token, not "${grantType}".`);
  bump(ctx.counters.tokenIssued, grantType);
  return body;
}

function exchangeCode(ctx: DropboxContext, p: URLSearchParams, hasSecret: boolean): Record<string, unknown> {
  const codeText = p.get('code');
  if (!codeText) throw tokenError('invalid_request', 'No "code" given.');
  const code = ctx.store.codes.get(codeText);
  if (!code || code.used || code.expiresAtMs <= ctx.store.clock.nowMs() || code.clientId !== ctx.store.app.clientId) {
    throw tokenError('invalid_grant', "code doesn't exist or has expired");
  }
  const redirectUri = p.get('redirect_uri') ?? undefined;
  if (redirectUri !== code.redirectUri) throw tokenError('invalid_grant', 'redirect_uri mismatch');
  const verifier = p.get('code_verifier') ?? undefined;
  if (code.codeChallenge) {
    if (!verifier) throw tokenError('invalid_grant', 'code_verifier is required: the authorization used a code_challenge');
    const expected = code.codeChallengeMethod === 'S256' ? pkceChallenge(verifier) : verifier;
    if (expected !== code.codeChallenge) throw tokenError('invalid_grant', 'invalid code verifier');
  } else if (!hasSecret) {
    throw tokenError('invalid_request', 'No auth function available for given request');
  }
  code.used = true;
  const grant: Grant = {
    id: randomToken(12),
    clientId: code.clientId,
    email: code.email,
    scopes: code.scopes,
    pkce: Boolean(code.codeChallenge) && !hasSecret,
    refreshToken: code.offline ? randomToken(48) : undefined,
    revoked: false,
  };
  ctx.store.grants.set(grant.id, grant);
  const access = ctx.store.newAccessToken(grant);
  const user = ctx.store.user(code.email)!;
  return {
    access_token: access.token,
    token_type: 'bearer',
    expires_in: ctx.store.config.expiresIn,
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
    scope: grant.scopes.join(' '),
    uid: user.namespaceId,
    account_id: user.accountId,
  };
}

function refresh(ctx: DropboxContext, p: URLSearchParams, hasSecret: boolean): Record<string, unknown> {
  const refreshToken = p.get('refresh_token');
  if (!refreshToken) throw tokenError('invalid_request', 'No "refresh_token" given.');
  const grant = ctx.store.grantByRefreshToken(refreshToken);
  if (!grant || grant.revoked || grant.clientId !== ctx.store.app.clientId) throw tokenError('invalid_grant', 'refresh token is invalid or revoked');
  // A grant made with the app secret must refresh with it; a PKCE grant refreshes with client_id alone.
  if (!grant.pkce && !hasSecret) throw tokenError('invalid_request', 'No auth function available for given request');
  let scopes = grant.scopes;
  const scopeParam = p.get('scope');
  if (scopeParam !== null) {
    const asked = scopeParam.split(' ').filter(Boolean);
    if (asked.length === 0 || asked.some((s) => !grant.scopes.includes(s))) throw tokenError('invalid_scope', 'The requested scope is not a subset of the granted scopes.');
    scopes = asked;
  }
  const access = ctx.store.newAccessToken(grant, scopes);
  // No refresh_token in the answer: Dropbox refresh tokens do not rotate.
  return { access_token: access.token, token_type: 'bearer', expires_in: ctx.store.config.expiresIn };
}
