// signNow's OAuth token endpoint (POST /oauth2/token on the API host): code exchange, refresh and the
// password grant, all form-encoded with `Authorization: Basic base64(client_id:client_secret)` (computed
// per call, never stored). Also token verification (GET /oauth2/token) and revocation (POST /oauth2/terminate).
import { systemClock, type Clock } from '../../core/clock';
import { InvalidInputError } from '../../core/errors';
import type { HttpClient, HttpResponse } from '../../core/http';
import type { Account } from '../../model/account';
import type { SecretSource } from '../../core/log';
import type { AuthorizeUrlParams, CodeExchangeParams, OAuthTokenClient, PasswordGrantParams, RefreshParams, TokenSet } from '../../model/tokens';
import { unexpected } from '../errorBody';
import { AUTH_ERROR_NAMES, asAuthError, refusedSignIn, tokenAnswerObject, tokenRequest, tokenSetOf } from '../tokenEndpoint';
import { apiHostTokenOrigins, apiUrl } from '../urls';
import { authorizeUrl, type SignNowSettings } from './endpoints';
import { SignNowApi } from './apiClient';
import { numberOf, toAccount } from './mapping';

/** Token-endpoint errors that mean "these credentials or this grant are no good": sign in (or configure) again. */
const SIGN_IN_AGAIN = [...AUTH_ERROR_NAMES, 'invalid_token', 'access_denied'];

/**
 * `expires_in` values from this size on are epoch seconds, not lifetimes: signNow answers the code grant
 * with the absolute expiry time (a string), the other grants with seconds. 10⁹ s of lifetime would be
 * 31 years; as a time it is 2001.
 */
export const EPOCH_THRESHOLD_SECONDS = 1e9;

export interface ParseSignNowTokenOptions {
  /** ms epoch the response arrived. */
  now: number;
  /** Refresh responses that omit refresh_token keep the old one. */
  fallbackRefreshToken?: string;
  secrets?: SecretSource;
}

const bad = unexpected('signNow');

/** `expires_in` as a number or a digit string, a lifetime or an epoch time → ms epoch of expiry. */
export function expiresAtFrom(expiresIn: unknown, now: number): number {
  const value = numberOf(expiresIn);
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw bad('expires_in missing or not a positive number');
  }
  if (value >= EPOCH_THRESHOLD_SECONDS) {
    const at = value * 1000;
    if (at <= now) {
      throw bad('expires_in names a time in the past');
    }
    return at;
  }
  return now + value * 1000;
}

/** Validates a token response (raw body or parsed JSON); an error body in a 200 is an AuthError. */
export function parseSignNowTokenResponse(body: unknown, options: ParseSignNowTokenOptions): TokenSet {
  const record = tokenAnswerObject(body, bad, 'API base URL');
  if ((record.error !== undefined || record.errors !== undefined) && record.access_token === undefined) {
    throw refusedSignIn('signNow', typeof record.error === 'string' ? record.error : undefined, record.error_description, options.secrets);
  }
  return tokenSetOf(record, { bad, now: options.now, fallbackRefreshToken: options.fallbackRefreshToken, expiresAt: expiresAtFrom });
}

export class SignNowOAuthClient implements OAuthTokenClient {
  /** The token check, the revoke and whose a new token is go through the API client (same auth error rules). */
  private readonly api: SignNowApi;

  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => SignNowSettings,
    private readonly clock: Clock = systemClock,
    private readonly secrets?: SecretSource,
  ) {
    this.api = new SignNowApi(http, settings);
  }

  authorizeUrl(params: AuthorizeUrlParams): string {
    return authorizeUrl(this.settings().oauthBaseUrl, params);
  }

  /** signNow's token request carries no redirect_uri and no state: the Basic client token identifies the app. */
  exchangeCode(params: CodeExchangeParams, signal?: AbortSignal): Promise<TokenSet> {
    return this.tokenGrant(params, 'to finish the sign-in', { grant_type: 'authorization_code', code: params.code }, signal);
  }

  refresh(params: RefreshParams, signal?: AbortSignal): Promise<TokenSet> {
    return this.tokenGrant(params, 'to refresh a sign-in', { grant_type: 'refresh_token', refresh_token: params.refreshToken }, signal);
  }

  /** The password grant: the password goes into this one request and nowhere else. */
  passwordGrant(params: PasswordGrantParams, signal?: AbortSignal): Promise<TokenSet> {
    return this.tokenGrant(params, 'for a password sign-in', { grant_type: 'password', username: params.username, password: params.password, scope: '*' }, signal);
  }

  /** GET /oauth2/token: the seconds the access token has left (signNow sends them as a string). */
  async tokenSecondsLeft(accessToken: string, signal?: AbortSignal): Promise<number> {
    const value = (await this.api.tokenCheck(accessToken, signal)).expires_in;
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw bad('expires_in of the token check is not a number of seconds');
    }
    return seconds;
  }

  /** POST /oauth2/terminate (what signNow's own MCP server calls): any 2xx is a revoked token. */
  revoke(accessToken: string, signal?: AbortSignal): Promise<void> {
    return this.api.terminate(accessToken, signal);
  }

  /** Whose the token is (GET /user). */
  async getAccount(accessToken: string, signal?: AbortSignal): Promise<Account> {
    return toAccount(await this.api.getUser(accessToken, signal));
  }

  /**
   * A grant at POST /oauth2/token with the client as `Authorization: Basic` (every grant needs it, `purpose`
   * says for what). A new sign-in's tokens carry the origins they are for; a refresh answer keeps the refresh
   * token it used when it names none.
   */
  private async tokenGrant(client: { clientId?: string; clientSecret?: string }, purpose: string, form: Record<string, string>, signal: AbortSignal | undefined): Promise<TokenSet> {
    if (client.clientId === undefined || client.clientSecret === undefined) {
      throw new InvalidInputError(`signNow needs the app’s client ID and secret ${purpose}.`);
    }
    const settings = this.settings();
    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    const refreshToken = form.grant_type === 'refresh_token' ? form.refresh_token : undefined;
    let response: HttpResponse;
    try {
      response = await tokenRequest(this.http, apiUrl(settings.apiBaseUrl, 'oauth2/token'), { form }, signal, { headers: { Authorization: `Basic ${basic}` }, names: SIGN_IN_AGAIN });
    } catch (error) {
      // A spent refresh token answers 400 invalid_grant or invalid_request (undocumented which): both are
      // named invalid_grant, the name the token manager knows a refused refresh token by (another window
      // may have rotated it: it then waits for that window's tokens instead of signing the user out).
      // A spent code or a wrong client: sign in (or configure) again (tokenRequest).
      throw refreshToken === undefined ? error : asAuthError(error, ['invalid_request'], 'invalid_grant');
    }
    const tokens = parseSignNowTokenResponse(response.body, { now: this.clock.now(), fallbackRefreshToken: refreshToken, secrets: this.secrets });
    return refreshToken === undefined ? { ...tokens, origins: apiHostTokenOrigins(settings) } : tokens;
  }
}
