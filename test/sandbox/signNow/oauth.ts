// signNow's browser side of OAuth: GET /authorize (also at /proxy/index.php/authorize, the older form the
// .NET SDK builds) → login (email and password) → consent → 302 to the redirect URI with `code` (and
// `state`, see config.echoState). Problems with the parameters get an error page, never a redirect.
import * as http from 'http';
import { randomToken } from '../kit/ids';
import { parseCookies, readBody, redirect, sendHtml } from '../kit/http';
import { consentPage, errorPage, loginPage } from '../kit/pages';
import { SnContext } from './context';
import { SnApp, SnUser } from './model';
import { SN_SEED_USERS } from './seed';

export const SERVICE_NAME = 'signNow';
export const SESSION_COOKIE = 'sn_sandbox_sid';
export const AUTHORIZE_PATHS = ['/authorize', '/proxy/index.php/authorize'];

const SCOPE_TEXT: Record<string, string> = { '*': 'Full access to your signNow account: documents, invites and your profile' };

interface AuthorizeParams {
  app: SnApp;
  redirectUri: string;
  state?: string;
  scope: string;
}

function checkAuthorize(ctx: SnContext, get: (k: string) => string | undefined): AuthorizeParams | { error: string } {
  const app = ctx.store.state.apps.find((a) => a.clientId === get('client_id'));
  if (!app) return { error: 'Unknown client_id: no application is registered with this client id.' };
  if (get('response_type') !== 'code') return { error: 'Unsupported or missing response_type: use response_type=code.' };
  const sent = get('redirect_uri');
  const redirectUri = sent ?? app.redirectUris[0];
  if (!redirectUri) return { error: 'Missing redirect_uri and the application has none registered.' };
  if (sent !== undefined && ctx.store.config.redirectUriRule === 'exact' && !app.redirectUris.includes(sent)) {
    return { error: `redirect_uri ${sent} is not registered for this application (registered: ${app.redirectUris.join(', ') || 'none'}).` };
  }
  try {
    new URL(redirectUri);
  } catch {
    return { error: 'redirect_uri is not a valid URL.' };
  }
  return { app, redirectUri, state: get('state'), scope: get('scope') || '*' };
}

function sessionUser(ctx: SnContext, req: http.IncomingMessage): SnUser | undefined {
  const sid = parseCookies(req)[SESSION_COOKIE];
  const session = sid ? ctx.store.state.sessions.find((s) => s.id === sid) : undefined;
  return session ? ctx.store.user(session.userId) : undefined;
}

export async function handleAuthorize(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
  const route = `${req.method} ${url.pathname}`;
  if (req.method === 'GET' && AUTHORIZE_PATHS.includes(url.pathname)) {
    authorizePage(ctx, req, res, url);
    return true;
  }
  if (route === 'POST /authorize') {
    await decide(ctx, req, res);
    return true;
  }
  if (route === 'POST /authorize/login') {
    await login(ctx, req, res);
    return true;
  }
  if (route === 'GET /authorize/logout') {
    const sid = parseCookies(req)[SESSION_COOKIE];
    ctx.store.state.sessions = ctx.store.state.sessions.filter((s) => s.id !== sid);
    redirect(res, safeReturnTo(url.searchParams.get('return_to')), 302, { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0` });
    return true;
  }
  return false;
}

/** Only this sandbox's own authorize page is a place to return to. */
function safeReturnTo(value: string | null | undefined): string {
  return value && AUTHORIZE_PATHS.some((p) => value.startsWith(`${p}?`)) ? value : '/authorize';
}

function authorizePage(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const checked = checkAuthorize(ctx, (k) => url.searchParams.get(k) ?? undefined);
  if ('error' in checked) return sendHtml(res, 400, errorPage(SERVICE_NAME, 'Authorization error', checked.error));
  const returnTo = `${url.pathname}${url.search}`;
  const user = sessionUser(ctx, req);
  if (!user) return sendHtml(res, 200, loginPage(SERVICE_NAME, { action: '/authorize/login', returnTo, appName: checked.app.name, users: SN_SEED_USERS.map((u) => `${u.email} / ${u.password}`), withPassword: true }));
  const hidden: Record<string, string> = { client_id: checked.app.clientId, redirect_uri: checked.redirectUri, scope: checked.scope };
  if (checked.state !== undefined) hidden.state = checked.state;
  sendHtml(
    res,
    200,
    consentPage(SERVICE_NAME, {
      action: '/authorize',
      appName: checked.app.name,
      email: user.email,
      scopes: checked.scope.split(/\s+/).map((id) => ({ id, text: SCOPE_TEXT[id] ?? id })),
      hidden,
      switchUrl: `/authorize/logout?return_to=${encodeURIComponent(returnTo)}`,
    }),
  );
}

async function login(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = (await readBody(req)).value as Record<string, string | undefined>;
  const returnTo = safeReturnTo(body.return_to);
  const user = ctx.store.userByEmail(body.email);
  if (!user || user.password !== body.password) {
    const app = ctx.store.state.apps.find((a) => a.clientId === new URL(returnTo, ctx.urls.baseUrl).searchParams.get('client_id'));
    return sendHtml(
      res,
      200,
      loginPage(SERVICE_NAME, {
        action: '/authorize/login',
        returnTo,
        appName: app?.name ?? 'the application',
        users: SN_SEED_USERS.map((u) => `${u.email} / ${u.password}`),
        withPassword: true,
        email: body.email,
        error: 'Invalid credentials.',
      }),
    );
  }
  const sid = randomToken(24);
  ctx.store.state.sessions.push({ id: sid, userId: user.id });
  ctx.store.save();
  redirect(res, returnTo, 303, { 'Set-Cookie': `${SESSION_COOKIE}=${encodeURIComponent(sid)}; Path=/; HttpOnly; SameSite=Lax` });
}

async function decide(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = (await readBody(req)).value as Record<string, string | undefined>;
  const checked = checkAuthorize(ctx, (k) => (k === 'response_type' ? 'code' : body[k]));
  if ('error' in checked) return sendHtml(res, 400, errorPage(SERVICE_NAME, 'Authorization error', checked.error));
  const user = sessionUser(ctx, req);
  if (!user) return sendHtml(res, 400, errorPage(SERVICE_NAME, 'Authorization error', 'Your session ended: start the sign-in again.'));
  const target = new URL(checked.redirectUri);
  if (body.decision === 'accept') {
    const code = randomToken(32);
    ctx.store.state.codes.push({
      code,
      clientId: checked.app.clientId,
      userId: user.id,
      redirectUri: checked.redirectUri,
      scope: checked.scope,
      expiresAt: ctx.store.now() + ctx.store.config.codeTtlSeconds,
      used: false,
    });
    target.searchParams.set('code', code);
  } else {
    target.searchParams.set('error', 'access_denied');
  }
  if (checked.state !== undefined && ctx.store.config.echoState) target.searchParams.set('state', checked.state);
  ctx.store.save();
  redirect(res, target.toString());
}
