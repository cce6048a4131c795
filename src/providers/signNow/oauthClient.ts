// signNow's OAuth token endpoint (POST /oauth2/token on the API host): code exchange, refresh and the
// password grant, all form-encoded with `Authorization: Basic base64(client_id:client_secret)` (computed
// per call, never stored). Also token verification (GET /oauth2/token) and revocation (POST /oauth2/terminate).
import { systemClock, type Clock } from '../../core/clock';
import { AuthError, InvalidInputError } from '../../core/errors';
import type { HttpClient, HttpResponse } from '../../core/http';
import { userFacingText, type SecretSource } from '../../core/log';
import type { AuthorizeUrlParams, CodeExchangeParams, OAuthTokenClient, PasswordGrantParams, RefreshParams, TokenSet } from '../../model/tokens';
import { unexpected } from '../errorBody';
import { AUTH_ERROR_NAMES, asAuthError, tokenAnswerObject, tokenRequest, tokenSetOf } from '../tokenEndpoint';
import { apiUrl, authorizeUrl, tokenOrigins, type SignNowSettings } from './endpoints';
import { invalidTokenAsAuthError } from './errorBody';

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
  const value = typeof expiresIn === 'string' && /^\s*\d{1,12}\s*$/.test(expiresIn) ? Number(expiresIn) : expiresIn;
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
    const name = typeof record.error === 'string' ? record.error : undefined;
    const description = typeof record.error_description === 'string' ? userFacingText(record.error_description, options.secrets?.values()) : '';
    throw new AuthError(description || 'signNow refused the sign-in.', { errorName: name });
  }
  return tokenSetOf(record, { bad, now: options.now, fallbackRefreshToken: options.fallbackRefreshToken, expiresAt: expiresAtFrom });
}

export class SignNowOAuthClient implements OAuthTokenClient {
  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => SignNowSettings,
    private readonly clock: Clock = systemClock,
    private readonly secrets?: SecretSource,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return authorizeUrl(this.settings().oauthBaseUrl, params);
  }

  /** signNow's token request carries no redirect_uri and no state: the Basic client token identifies the app. */
  async exchangeCode(params: CodeExchangeParams, signal?: AbortSignal): Promise<TokenSet> {
    if (params.clientSecret === undefined) {
      throw new InvalidInputError('signNow needs the app’s client ID and secret to finish the sign-in.');
    }
    const settings = this.settings();
    const response = await this.token({ clientId: params.clientId, clientSecret: params.clientSecret }, { grant_type: 'authorization_code', code: params.code }, signal);
    return { ...parseSignNowTokenResponse(response.body, { now: this.clock.now(), secrets: this.secrets }), origins: tokenOrigins(settings) };
  }

  async refresh(params: RefreshParams, signal?: AbortSignal): Promise<TokenSet> {
    if (params.clientId === undefined || params.clientSecret === undefined) {
      throw new InvalidInputError('signNow needs the app’s client ID and secret to refresh a sign-in.');
    }
    const response = await this.token({ clientId: params.clientId, clientSecret: params.clientSecret }, { grant_type: 'refresh_token', refresh_token: params.refreshToken }, signal);
    return parseSignNowTokenResponse(response.body, { now: this.clock.now(), fallbackRefreshToken: params.refreshToken, secrets: this.secrets });
  }

  /** The password grant: the password goes into this one request and nowhere else. */
  async passwordGrant(params: PasswordGrantParams, signal?: AbortSignal): Promise<TokenSet> {
    if (params.clientSecret === undefined) {
      throw new InvalidInputError('signNow needs the app’s client ID and secret for a password sign-in.');
    }
    const settings = this.settings();
    const response = await this.token({ clientId: params.clientId, clientSecret: params.clientSecret }, { grant_type: 'password', username: params.username, password: params.password, scope: '*' }, signal);
    return { ...parseSignNowTokenResponse(response.body, { now: this.clock.now(), secrets: this.secrets }), origins: tokenOrigins(settings) };
  }

  /** GET /oauth2/token: the seconds the access token has left (signNow sends them as a string). */
  tokenSecondsLeft(accessToken: string, signal?: AbortSignal): Promise<number> {
    return this.secondsLeft(accessToken, signal);
  }

  async secondsLeft(accessToken: string, signal?: AbortSignal): Promise<number> {
    const response = await this.http
      .request({ method: 'GET', url: apiUrl(this.settings().apiBaseUrl, 'oauth2/token'), headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }, signal })
      .catch((error: unknown) => Promise.reject(invalidTokenAsAuthError(error)));
    const value = response.json<{ expires_in?: unknown }>().expires_in;
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw bad('expires_in of the token check is not a number of seconds');
    }
    return seconds;
  }

  /** POST /oauth2/terminate (what signNow's own MCP server calls): any 2xx is a revoked token. */
  async revoke(accessToken: string, signal?: AbortSignal): Promise<void> {
    await this.http
      .request({ method: 'POST', url: apiUrl(this.settings().apiBaseUrl, 'oauth2/terminate'), headers: { Authorization: `Bearer ${accessToken}` }, body: { json: {} }, signal })
      .catch((error: unknown) => Promise.reject(invalidTokenAsAuthError(error)));
  }

  private token(client: { clientId: string; clientSecret: string }, form: Record<string, string>, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    const request = tokenRequest(
      this.http,
      { method: 'POST', url: apiUrl(this.settings().apiBaseUrl, 'oauth2/token'), headers: { Authorization: `Basic ${basic}`, Accept: 'application/json' }, body: { form }, signal },
      SIGN_IN_AGAIN,
    );
    // A spent refresh token answers 400 invalid_grant or invalid_request (undocumented which): both are
    // named invalid_grant, the name the token manager knows a refused refresh token by (another window
    // may have rotated it: it then waits for that window's tokens instead of signing the user out).
    // A spent code or a wrong client: sign in (or configure) again (tokenRequest).
    return form.grant_type === 'refresh_token' ? request.catch((error: unknown) => Promise.reject(asAuthError(error, ['invalid_request'], 'invalid_grant'))) : request;
  }
}
