// signNow's token endpoint (POST /oauth2/token: authorization_code, password and refresh_token grants),
// token verification (GET /oauth2/token), revocation (POST /oauth2/terminate) and bearer checks.
import * as http from 'http';
import { randomHex } from '../kit/ids';
import { readBody, sendJson } from '../kit/http';
import { SnContext } from './context';
import { SnAccessToken, SnApp, SnUser } from './model';
import { INVALID_TOKEN_BODY, apiError, oauthError, snError } from './errors';

export const GRANT_TYPES = ['authorization_code', 'password', 'refresh_token'] as const;

/** base64(client_id:client_secret): the "Basic Authorization token" signNow's dashboard shows per app. */
export function basicToken(app: { clientId: string; clientSecret: string }): string {
  return Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64');
}

/** The app the request authenticates as: the Basic header, or (switch) client_id/client_secret in the body. */
function clientOf(ctx: SnContext, req: http.IncomingMessage, body: Record<string, unknown>): SnApp {
  const auth = req.headers.authorization ?? '';
  const m = /^Basic\s+(\S+)$/i.exec(auth);
  let id: string | undefined;
  let secret: string | undefined;
  if (m) {
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) [id, secret] = [decoded.slice(0, i), decoded.slice(i + 1)];
  } else if (ctx.store.config.clientCredentialsInBody && typeof body.client_id === 'string') {
    [id, secret] = [body.client_id, typeof body.client_secret === 'string' ? body.client_secret : ''];
  }
  const app = ctx.store.state.apps.find((a) => a.clientId === id);
  if (!app || app.clientSecret !== secret) throw oauthError('invalid_client');
  return app;
}

const SCOPE = /^[\w*/:. -]{1,200}$/;

export interface TokenResponse {
  expires_in: number | string;
  token_type: 'bearer';
  access_token: string;
  refresh_token: string;
  scope: string;
  last_login: number;
}

function issue(ctx: SnContext, app: SnApp, user: SnUser, scope: string, lifetime: number, epochExpiresIn: boolean): TokenResponse {
  const now = ctx.store.now();
  const access: SnAccessToken = { token: randomHex(32), userId: user.id, clientId: app.clientId, scope, expiresAt: now + lifetime, refreshToken: randomHex(32) };
  ctx.store.state.accessTokens.push(access);
  ctx.store.state.refreshTokens.push({ token: access.refreshToken, userId: user.id, clientId: app.clientId, scope, spent: false });
  return {
    expires_in: epochExpiresIn ? String(now + lifetime) : lifetime,
    token_type: 'bearer',
    access_token: access.token,
    refresh_token: access.refreshToken,
    scope,
    last_login: 1,
  };
}

export async function tokenEndpoint(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = (await readBody(req)).value;
  const grant = typeof body.grant_type === 'string' ? body.grant_type : '';
  ctx.counters.bump(ctx.counters.token, grant || '(none)');
  const app = clientOf(ctx, req, body);
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const scope = str('scope') ?? '*';
  if (!SCOPE.test(scope)) throw oauthError('invalid_scope', 'The requested scope is invalid.');
  const expiration = str('expiration_time');
  const lifetime = expiration !== undefined && expiration !== '' ? Number(expiration) : ctx.store.config.expiresIn;
  if (!Number.isInteger(lifetime) || lifetime <= 0) throw oauthError('invalid_request', 'expiration_time must be a positive number of seconds.');
  const now = ctx.store.now();
  let answer: TokenResponse;
  switch (grant) {
    case 'password': {
      const username = str('username');
      const password = str('password');
      if (!username || password === undefined) throw oauthError('invalid_request', 'username and password are required.');
      const user = ctx.store.userByEmail(username);
      if (!user) throw oauthError('invalid_request', 'Unknown login.');
      if (user.password !== password) throw apiError(400, 65536, 'Invalid credentials.');
      answer = issue(ctx, app, user, scope, lifetime, false);
      break;
    }
    case 'authorization_code': {
      const code = ctx.store.state.codes.find((c) => c.code === str('code'));
      if (!str('code')) throw oauthError('invalid_request', 'code is required.');
      if (!code || code.used || code.expiresAt <= now || code.clientId !== app.clientId) throw oauthError('invalid_grant', 'Invalid authorization code.');
      code.used = true;
      const user = ctx.store.user(code.userId)!;
      answer = issue(ctx, app, user, code.scope, lifetime, ctx.store.config.codeGrantExpiresInEpoch);
      break;
    }
    case 'refresh_token': {
      const given = str('refresh_token');
      if (!given) throw oauthError('invalid_request', 'refresh_token is required.');
      const rt = ctx.store.state.refreshTokens.find((t) => t.token === given && t.clientId === app.clientId);
      if (!rt || rt.spent) throw oauthError(ctx.store.config.spentRefreshTokenError, 'Invalid refresh token.');
      const user = ctx.store.user(rt.userId)!;
      if (ctx.store.config.rotateRefreshTokens) {
        rt.spent = true;
        answer = issue(ctx, app, user, str('scope') ?? rt.scope, lifetime, false);
      } else {
        answer = issue(ctx, app, user, str('scope') ?? rt.scope, lifetime, false);
        // Without rotation the same refresh token stays: drop the new one, hand back the old.
        ctx.store.state.refreshTokens.pop();
        ctx.store.state.accessTokens[ctx.store.state.accessTokens.length - 1].refreshToken = rt.token;
        answer.refresh_token = rt.token;
      }
      break;
    }
    case '':
      throw oauthError('invalid_request', 'grant_type is required.');
    default:
      throw oauthError('unsupported_grant_type', `Unsupported grant_type ${grant}.`);
  }
  ctx.counters.bump(ctx.counters.tokenIssued, grant);
  ctx.store.save();
  sendJson(res, 200, answer);
}

/** The bearer token's record, or the invalid_token error (unknown, expired or revoked). */
export function bearer(ctx: SnContext, req: http.IncomingMessage): { token: SnAccessToken; user: SnUser } {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const token = m ? ctx.store.state.accessTokens.find((t) => t.token === m[1]) : undefined;
  const user = token && token.expiresAt > ctx.store.now() ? ctx.store.user(token.userId) : undefined;
  if (!token || !user) throw snError(ctx.store.config.invalidTokenStatus, INVALID_TOKEN_BODY, 'invalid_token');
  return { token, user };
}

/** GET /oauth2/token: the token, its scope and the seconds it has left (a string, as the docs show). */
export function verifyToken(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { token } = bearer(ctx, req);
  sendJson(res, 200, { access_token: token.token, scope: token.scope, expires_in: String(token.expiresAt - ctx.store.now()), token_type: 'bearer' });
}

/** POST /oauth2/terminate (what the official MCP server calls to revoke): the token and its refresh token die. */
export function terminateToken(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { token } = bearer(ctx, req);
  token.expiresAt = Math.min(token.expiresAt, ctx.store.now());
  const rt = ctx.store.state.refreshTokens.find((t) => t.token === token.refreshToken);
  if (rt) rt.spent = true;
  ctx.store.save();
  sendJson(res, 200, { status: 'success' });
}

/** Makes access tokens expire now; returns how many were live. */
export function expireAccessTokens(ctx: SnContext, sel: { accessToken?: string; email?: string; all?: boolean }): number {
  const now = ctx.store.now();
  const user = sel.email ? ctx.store.userByEmail(sel.email) : undefined;
  let n = 0;
  for (const t of ctx.store.state.accessTokens) {
    if (t.expiresAt <= now) continue;
    if (sel.all || (sel.accessToken && t.token === sel.accessToken) || (user && t.userId === user.id)) {
      t.expiresAt = now;
      n++;
    }
  }
  return n;
}
