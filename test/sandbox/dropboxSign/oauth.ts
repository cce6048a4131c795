// OAuth endpoints: the browser pages (authorize → login → consent → callback) and POST /oauth/token.
import * as http from 'http';
import type { OAuthTokenGenerateRequest, OAuthTokenRefreshRequest } from '../../../src/providers/dropboxSign/types';
import { SandboxContext } from './context';
import { ApiApp } from './model';
import { ApiError, parseCookies, readBody, redirect, sendHtml, sendJson } from '../kit/http';
import { sendError } from './errors';
import { consentPage, errorPage, loginPage, redirectMismatchPage, unconfirmedPage } from './pages';
import { confirmAccount, exchangeCode, issueCode, refresh } from './tokens';
import { findOperation } from '../kit/openapi';
import { validateBody } from '../kit/validation';
import { randomToken } from '../kit/ids';
import { SEED_USERS } from './seed';
import { oauthTokenError } from '../kit/oauthErrors';

export const SESSION_COOKIE = 'dbs_sandbox_sid';

export async function handleOAuth(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /oauth/authorize':
      return authorizePage(ctx, req, res, url.searchParams);
    case 'POST /oauth/authorize':
      return decide(ctx, req, res);
    case 'POST /oauth/login':
      return login(ctx, req, res);
    case 'POST /oauth/confirm':
      return confirmEmail(ctx, req, res);
    case 'GET /oauth/logout':
      return logout(ctx, req, res, url.searchParams);
    case 'POST /oauth/token':
      return token(ctx, req, res);
    default:
      return sendError(res, new ApiError(404, 'not_found', 'Not found.'));
  }
}

interface AuthorizeParams {
  app: ApiApp;
  state: string;
  redirectUri?: string;
}

/** Why the authorize parameters were refused; `redirectMismatch` when redirect_uri is not the registered callback. */
interface AuthorizeProblem {
  error: string;
  redirectMismatch?: { app: ApiApp; sent: string };
}

/** Checks the authorize parameters; problems get an error page, never a redirect. */
function checkAuthorize(ctx: SandboxContext, params: URLSearchParams | Record<string, string | undefined>): AuthorizeParams | AuthorizeProblem {
  const get = (k: string) => (params instanceof URLSearchParams ? (params.get(k) ?? undefined) : params[k]);
  const app = ctx.store.app(get('client_id'));
  if (!app) return { error: 'Unknown client_id: no API app is registered with this client id.' };
  const redirectUri = get('redirect_uri');
  if (redirectUri !== undefined && redirectUri !== app.callbackUrl && !app.acceptAnyRedirectUri) {
    return { error: 'redirect_uri does not match the OAuth callback URL registered for this app.', redirectMismatch: { app, sent: redirectUri } };
  }
  if ((get('response_type') ?? 'code') !== 'code') return { error: 'Unsupported response_type: use response_type=code.' };
  const state = get('state');
  if (!state) return { error: 'Missing state parameter.' };
  return { app, state, redirectUri };
}

function sendAuthorizeProblem(ctx: SandboxContext, res: http.ServerResponse, problem: AuthorizeProblem): void {
  const mismatch = problem.redirectMismatch;
  if (!mismatch) return sendHtml(res, 400, errorPage('Authorization error', problem.error));
  sendHtml(
    res,
    400,
    redirectMismatchPage({
      message: problem.error,
      appName: mismatch.app.name,
      clientId: mismatch.app.clientId,
      sent: mismatch.sent,
      registered: mismatch.app.callbackUrl,
      adminAppUrl: `${ctx.urls.baseUrl}/_admin/apps/${encodeURIComponent(mismatch.app.clientId)}`,
    }),
  );
}

function sessionAccount(ctx: SandboxContext, req: http.IncomingMessage) {
  const sid = parseCookies(req)[SESSION_COOKIE];
  const session = sid ? ctx.store.state.sessions.find((s) => s.sid === sid) : undefined;
  return session ? ctx.store.account(session.accountId) : undefined;
}

function authorizePage(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
  const checked = checkAuthorize(ctx, query);
  if ('error' in checked) return sendAuthorizeProblem(ctx, res, checked);
  const returnTo = `/oauth/authorize?${query.toString()}`;
  const account = sessionAccount(ctx, req);
  if (!account) {
    return sendHtml(res, 200, loginPage({ action: '/oauth/login', returnTo, appName: checked.app.name, users: SEED_USERS }));
  }
  if (!account.confirmed) return sendHtml(res, 200, unconfirmedPage({ action: '/oauth/confirm', returnTo, email: account.email }));
  const hidden: Record<string, string> = { response_type: 'code', client_id: checked.app.clientId, state: checked.state };
  if (checked.redirectUri !== undefined) hidden.redirect_uri = checked.redirectUri;
  sendHtml(
    res,
    200,
    consentPage({
      action: '/oauth/authorize',
      appName: checked.app.name,
      email: account.email,
      scopes: checked.app.scopes,
      hidden,
      switchUrl: `/oauth/logout?return_to=${encodeURIComponent(returnTo)}`,
    }),
  );
}

/** Only ever redirect back into the authorize page (no open redirect through return_to). */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/oauth/authorize?') ? value : '/';
}

async function formOf(req: http.IncomingMessage): Promise<Record<string, string | undefined>> {
  const body = await readBody(req);
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(body.value)) if (typeof v === 'string') out[k] = v;
  return out;
}

async function login(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const form = await formOf(req);
  const returnTo = safeReturnTo(form.return_to);
  const account = ctx.store.accountByEmail(form.email);
  if (!account) {
    const appName = ctx.store.app(new URLSearchParams(returnTo.split('?')[1] ?? '').get('client_id'))?.name ?? 'the app';
    return sendHtml(
      res,
      200,
      loginPage({ action: '/oauth/login', returnTo, appName, users: SEED_USERS, email: form.email, error: 'No Dropbox Sign account uses this email address.' }),
    );
  }
  const sid = randomToken(24);
  ctx.store.state.sessions.push({ sid, accountId: account.accountId });
  ctx.store.save();
  redirect(res, returnTo, 303, { 'Set-Cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax` });
}

async function confirmEmail(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const form = await formOf(req);
  const account = sessionAccount(ctx, req);
  if (!account || account.email.toLowerCase() !== (form.email ?? '').toLowerCase()) {
    return sendHtml(res, 400, errorPage('Confirmation error', 'Sign in with this account first.'));
  }
  confirmAccount(ctx.store, account);
  ctx.store.save();
  redirect(res, safeReturnTo(form.return_to), 303);
}

function logout(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
  const sid = parseCookies(req)[SESSION_COOKIE];
  ctx.store.state.sessions = ctx.store.state.sessions.filter((s) => s.sid !== sid);
  ctx.store.save();
  redirect(res, safeReturnTo(query.get('return_to')), 303, { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` });
}

async function decide(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const form = await formOf(req);
  const checked = checkAuthorize(ctx, form);
  if ('error' in checked) return sendAuthorizeProblem(ctx, res, checked);
  const account = sessionAccount(ctx, req);
  if (!account) return sendHtml(res, 400, errorPage('Authorization error', 'Your sandbox session has ended: start the authorization again.'));
  const target = new URL(checked.redirectUri ?? checked.app.callbackUrl);
  if (form.decision === 'accept') {
    if (!account.confirmed) return sendHtml(res, 400, errorPage('Authorization error', 'Confirm your email address first.'));
    // Authorizing the app is the second half of the account-creation flow: pending grants become active.
    for (const g of ctx.store.state.grants) if (g.accountId === account.accountId && g.clientId === checked.app.clientId) g.active = true;
    target.searchParams.set('code', issueCode(ctx.store, checked.app, account, checked.state));
    target.searchParams.set('state', checked.state);
  } else if (form.decision === 'deny') {
    target.searchParams.set('state', checked.state);
    if (ctx.store.config.denyWithError) target.searchParams.set('error', 'access_denied');
  } else {
    return sendHtml(res, 400, errorPage('Authorization error', 'Choose Accept or Deny.'));
  }
  ctx.store.save();
  redirect(res, target.toString(), 302);
}

async function token(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const body = await readBody(req);
    const grantType = typeof body.value.grant_type === 'string' ? body.value.grant_type : '(missing)';
    ctx.counters.bump(ctx.counters.token, grantType);
    // grant_type picks the operation; the spec's `?refresh` marker is accepted but not required.
    const query = new URLSearchParams(grantType === 'refresh_token' ? 'refresh' : '');
    const { op } = findOperation(ctx.spec, 'post', '/oauth/token', query)!;
    if (grantType === 'refresh_token') {
      const b = validateBody<OAuthTokenRefreshRequest>(ctx.spec, op, body);
      const out = refresh(ctx.store, b);
      ctx.counters.bump(ctx.counters.tokenIssued, grantType);
      ctx.store.save();
      return sendJson(res, 200, out);
    }
    const b = validateBody<OAuthTokenGenerateRequest>(ctx.spec, op, body);
    if (b.grant_type !== 'authorization_code') throw oauthTokenError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.', 'grant_type');
    const out = exchangeCode(ctx.store, b);
    ctx.counters.bump(ctx.counters.tokenIssued, grantType);
    ctx.store.save();
    sendJson(res, 200, out);
  } catch (e) {
    if (e instanceof ApiError) return sendError(res, e);
    throw e;
  }
}
