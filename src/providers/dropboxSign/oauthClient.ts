// Dropbox Sign's OAuth token endpoint: code exchange and refresh. Bodies are JSON, as the spec's
// OAuthTokenGenerateRequest / OAuthTokenRefreshRequest operations declare (application/json).
import { systemClock, type Clock } from '../../core/clock';
import { AuthError, BadResponseError, InvalidInputError } from '../../core/errors';
import type { HttpClient, HttpResponse } from '../../core/http';
import { userFacingText, type SecretSource } from '../../core/log';
import type {
  AuthorizeUrlParams,
  CodeExchangeParams,
  OAuthTokenClient,
  RefreshParams,
  TokenSet,
} from '../../model/tokens';
import { authorizeUrl, refreshUrl, tokenOrigins, tokenUrl, type DropboxSignSettings } from './endpoints';
import type { OAuthTokenGenerateRequest, OAuthTokenRefreshRequest } from './types';

/** Token-endpoint error names that mean "these credentials/grant are no good": sign in (or configure) again. */
const AUTH_ERROR_NAMES = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

export interface ParseTokenOptions {
  /** ms epoch the response arrived, for expiresAt. */
  now: number;
  /** The state we sent; a different echoed state is refused. */
  expectedState?: string;
  /** Refresh responses may omit refresh_token (then the old one stays valid). */
  fallbackRefreshToken?: string;
  /** Live secrets, redacted from the service's words before they go into a message for the user. */
  secrets?: SecretSource;
}

function bad(detail: string): BadResponseError {
  return new BadResponseError(`Dropbox Sign sent an unexpected sign-in response (${detail}).`);
}

/**
 * Validates a token response: access_token, token_type and refresh_token non-empty strings,
 * expires_in a positive number (seconds), state (if echoed) equal to the one sent.
 * Accepts the raw body (Buffer/string: HTML or bad JSON → BadResponseError) or parsed JSON.
 * A 200 that carries `{error:…}` is an error answer in disguise → AuthError.
 */
export function parseTokenResponse(body: unknown, options: ParseTokenOptions): TokenSet {
  let value = body;
  if (Buffer.isBuffer(value) || typeof value === 'string') {
    const text = value.toString();
    if (/^\s*</.test(text)) {
      throw bad('a web page instead of data; check the OAuth base URL setting');
    }
    try {
      value = JSON.parse(text);
    } catch {
      throw bad('malformed JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw bad('not a JSON object');
  }
  const record = value as Record<string, unknown>;
  if (record.error !== undefined && record.access_token === undefined) {
    const error = record.error as { error_msg?: unknown; error_name?: unknown } | string;
    const errorName = typeof error === 'string' ? error : typeof error?.error_name === 'string' ? error.error_name : undefined;
    const message = typeof error === 'object' && typeof error?.error_msg === 'string' ? error.error_msg : undefined;
    const shown = message === undefined ? '' : userFacingText(message, options.secrets?.values());
    throw new AuthError(shown || 'Dropbox Sign refused the sign-in.', { errorName });
  }

  const accessToken = record.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw bad('access_token missing or not a string');
  }
  if (typeof record.token_type !== 'string' || record.token_type === '') {
    throw bad('token_type missing or not a string');
  }
  if (record.token_type.toLowerCase() !== 'bearer') {
    throw bad(`token_type "${userFacingText(record.token_type, options.secrets?.values(), 20)}" is not Bearer`);
  }
  let refreshToken = record.refresh_token;
  if (refreshToken === undefined || refreshToken === null) {
    refreshToken = options.fallbackRefreshToken;
  }
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    throw bad('refresh_token missing or not a string');
  }
  const expiresIn = record.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw bad('expires_in missing or not a positive number');
  }
  const state = record.state;
  if (state !== undefined && state !== null) {
    if (typeof state !== 'string') {
      throw bad('state is not a string');
    }
    if (options.expectedState !== undefined && state !== options.expectedState) {
      throw bad('state does not match the sign-in attempt');
    }
  }
  const tokens: TokenSet = { accessToken, refreshToken, expiresAt: options.now + expiresIn * 1000 };
  if (typeof record.scope === 'string' && record.scope.trim() !== '') {
    tokens.scopes = record.scope.split(/[\s,]+/).filter((scope) => scope !== '');
  }
  return tokens;
}

export class DropboxSignOAuthClient implements OAuthTokenClient {
  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => DropboxSignSettings,
    private readonly clock: Clock = systemClock,
    /** Live secrets (SecretRegistry): the service's words in error messages are redacted with them. */
    private readonly secrets?: SecretSource,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return authorizeUrl(this.settings().oauthBaseUrl, params);
  }

  /** The tokens carry `origins`: the servers they came from and are for, as configured for this exchange. */
  async exchangeCode(params: CodeExchangeParams, signal?: AbortSignal): Promise<TokenSet> {
    if (params.clientSecret === undefined) {
      throw new InvalidInputError('Dropbox Sign needs the app’s client secret to finish the sign-in.');
    }
    const settings = this.settings();
    const body: OAuthTokenGenerateRequest = {
      client_id: params.clientId,
      client_secret: params.clientSecret,
      code: params.code,
      grant_type: 'authorization_code',
      state: params.state,
    };
    const response = await this.post(tokenUrl(settings.oauthBaseUrl), body, signal);
    const tokens = parseTokenResponse(response.body, { now: this.clock.now(), expectedState: params.state, secrets: this.secrets });
    return { ...tokens, origins: tokenOrigins(settings) };
  }

  async refresh(params: RefreshParams, signal?: AbortSignal): Promise<TokenSet> {
    const body: OAuthTokenRefreshRequest = { grant_type: 'refresh_token', refresh_token: params.refreshToken };
    if (params.clientId !== undefined) {
      body.client_id = params.clientId;
    }
    if (params.clientSecret !== undefined) {
      body.client_secret = params.clientSecret;
    }
    const response = await this.post(refreshUrl(this.settings().oauthBaseUrl), body, signal);
    return parseTokenResponse(response.body, { now: this.clock.now(), fallbackRefreshToken: params.refreshToken, secrets: this.secrets });
  }

  private async post(url: string, json: unknown, signal: AbortSignal | undefined): Promise<HttpResponse> {
    try {
      return await this.http.request({ method: 'POST', url, body: { json }, headers: { Accept: 'application/json' }, signal });
    } catch (error) {
      // RFC 6749 answers a bad/used code or refresh token with 400 invalid_grant: for us that is an
      // auth failure (sign in again), not a bug in our input.
      if (error instanceof InvalidInputError && error.errorName && AUTH_ERROR_NAMES.has(error.errorName)) {
        throw new AuthError(error.message, { status: error.status, errorName: error.errorName, cause: error });
      }
      throw error;
    }
  }
}
