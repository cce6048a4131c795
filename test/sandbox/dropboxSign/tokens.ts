// OAuth grants, codes and tokens: issuing, exchanging, refreshing (with rotation) and checking.
import type { OAuthTokenResponse } from '../../../src/providers/dropboxSign/types';
import { AccessToken, Account, ApiApp, Grant } from './model';
import { Store } from './store';
import { ApiError } from '../kit/http';
import { oauthTokenError } from '../kit/oauthErrors';
import { randomHex, randomToken } from '../kit/ids';

export const invalidGrant = (msg: string) => oauthTokenError('invalid_grant', msg);
export const invalidClient = (msg = 'Invalid client credentials.') => oauthTokenError('invalid_client', msg);

export function issueCode(store: Store, app: ApiApp, account: Account, state: string): string {
  const code = randomHex(8);
  store.state.codes.push({
    code,
    clientId: app.clientId,
    accountId: account.accountId,
    state,
    scopes: [...app.scopes],
    expiresAt: store.clock.nowSeconds() + store.config.codeTtlSeconds,
    used: false,
  });
  return code;
}

function findOrCreateGrant(store: Store, accountId: string, clientId: string, scopes: string[], active: boolean): Grant {
  let grant = store.state.grants.find((g) => g.accountId === accountId && g.clientId === clientId);
  if (!grant) {
    grant = { grantId: randomHex(12), accountId, clientId, scopes, active };
    store.state.grants.push(grant);
  } else {
    grant.scopes = scopes;
    grant.active = grant.active || active;
  }
  return grant;
}

export function issueTokens(store: Store, grant: Grant, state?: string): OAuthTokenResponse {
  const access: AccessToken = { token: randomToken(32), grantId: grant.grantId, expiresAt: store.clock.nowSeconds() + store.config.expiresIn };
  const refresh = randomToken(32);
  store.state.accessTokens.push(access);
  store.state.refreshTokens.push({ token: refresh, grantId: grant.grantId, used: false });
  return {
    access_token: access.token,
    token_type: 'Bearer',
    refresh_token: refresh,
    expires_in: store.config.expiresIn,
    ...(state !== undefined ? { state } : {}),
  };
}

function checkClient(store: Store, clientId: string | undefined, clientSecret: string | undefined): ApiApp {
  const app = store.app(clientId);
  if (!app || app.clientSecret !== clientSecret) throw invalidClient();
  return app;
}

/** grant_type=authorization_code: codes are single use, expire, and are bound to the client and state. */
export function exchangeCode(store: Store, body: { client_id: string; client_secret: string; code: string; state: string }): OAuthTokenResponse {
  const app = checkClient(store, body.client_id, body.client_secret);
  const code = store.state.codes.find((c) => c.code === body.code);
  if (!code || code.used) throw invalidGrant('Invalid or already used authorization code.');
  if (code.expiresAt <= store.clock.nowSeconds()) throw invalidGrant('The authorization code has expired.');
  if (code.clientId !== app.clientId) throw invalidGrant('The authorization code was issued to another client.');
  if (code.state !== body.state) throw invalidGrant('The state does not match the authorization request.');
  code.used = true;
  const grant = findOrCreateGrant(store, code.accountId, app.clientId, code.scopes, true);
  return issueTokens(store, grant, body.state);
}

/** grant_type=refresh_token: client credentials are checked when sent; rotation retires the old token. */
export function refresh(store: Store, body: { refresh_token: string; client_id?: string; client_secret?: string }): OAuthTokenResponse {
  const rt = store.state.refreshTokens.find((t) => t.token === body.refresh_token);
  if (!rt || rt.used) throw invalidGrant('Invalid or already used refresh token.');
  const grant = store.state.grants.find((g) => g.grantId === rt.grantId);
  if (!grant) throw invalidGrant('The authorization behind this refresh token was revoked.');
  if (body.client_id !== undefined || body.client_secret !== undefined) {
    const app = checkClient(store, body.client_id, body.client_secret);
    if (app.clientId !== grant.clientId) throw invalidGrant('The refresh token was issued to another client.');
  }
  if (store.config.rotateRefreshTokens) {
    rt.used = true;
    return issueTokens(store, grant);
  }
  const access: AccessToken = { token: randomToken(32), grantId: grant.grantId, expiresAt: store.clock.nowSeconds() + store.config.expiresIn };
  store.state.accessTokens.push(access);
  return { access_token: access.token, token_type: 'Bearer', refresh_token: rt.token, expires_in: store.config.expiresIn };
}

/** The account-creation flow's oauth_data: tokens that only work once the account is confirmed. */
export function issuePendingTokens(store: Store, app: ApiApp, account: Account): OAuthTokenResponse {
  const grant = findOrCreateGrant(store, account.accountId, app.clientId, [...app.scopes], false);
  return issueTokens(store, grant);
}

export interface TokenCheck {
  grant: Grant;
  account: Account;
}

export function checkAccessToken(store: Store, token: string): TokenCheck {
  const at = store.state.accessTokens.find((t) => t.token === token);
  if (!at) throw new ApiError(401, 'unauthorized', 'Invalid access token.');
  if (at.expiresAt <= store.clock.nowSeconds()) throw new ApiError(401, 'unauthorized', 'Access token expired.');
  const grant = store.state.grants.find((g) => g.grantId === at.grantId);
  const account = grant && store.account(grant.accountId);
  if (!grant || !account) throw new ApiError(401, 'unauthorized', 'Invalid access token.');
  if (!grant.active || !account.confirmed) {
    throw new ApiError(403, 'forbidden', 'This account has not been confirmed yet: confirm the email from Dropbox Sign, then authorize the app.');
  }
  return { grant, account };
}

/** Confirming an account (its email link) also activates its pending app authorizations. */
export function confirmAccount(store: Store, account: Account): void {
  account.confirmed = true;
  for (const g of store.state.grants) if (g.accountId === account.accountId) g.active = true;
}

/** Admin: make access tokens expire now (by token, by account email, or all). Returns how many. */
export function expireAccessTokens(store: Store, sel: { accessToken?: string; email?: string; all?: boolean }): number {
  const now = store.clock.nowSeconds();
  const account = sel.email ? store.accountByEmail(sel.email) : undefined;
  const grantIds = new Set(store.state.grants.filter((g) => account && g.accountId === account.accountId).map((g) => g.grantId));
  let n = 0;
  for (const t of store.state.accessTokens) {
    if (t.expiresAt <= now) continue;
    if (sel.all || t.token === sel.accessToken || grantIds.has(t.grantId)) {
      t.expiresAt = now;
      n++;
    }
  }
  return n;
}
