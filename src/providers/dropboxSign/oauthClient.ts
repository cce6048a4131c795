// Dropbox Sign's OAuth token endpoint: code exchange and refresh. Bodies are JSON, as the spec's
// OAuthTokenGenerateRequest / OAuthTokenRefreshRequest operations declare (application/json).
import { systemClock, type Clock } from '../../core/clock';
import { InvalidInputError } from '../../core/errors';
import type { HttpClient } from '../../core/http';
import type { SecretSource } from '../../core/log';
import type {
  AuthorizeUrlParams,
  CodeExchangeParams,
  OAuthTokenClient,
  RefreshParams,
  TokenSet,
} from '../../model/tokens';
import type { Account } from '../../model/account';
import { tokenOrigins } from '../../model/serviceSettings';
import { unexpected } from '../errorBody';
import { refusedSignIn, tokenAnswerObject, tokenRequest, tokenSetOf } from '../tokenEndpoint';
import { DropboxSignApi } from './apiClient';
import { authorizeUrl, refreshUrl, tokenUrl, type DropboxSignSettings } from './endpoints';
import { mapAccount } from './mapping';
import type { OAuthTokenGenerateRequest, OAuthTokenRefreshRequest } from './types';

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

const bad = unexpected('Dropbox Sign');

/**
 * Validates a token response (providers/tokenEndpoint.ts checks the tokens), and the state, if echoed,
 * against the one sent. Accepts the raw body (Buffer/string: HTML or bad JSON → BadResponseError) or parsed
 * JSON. A 200 that carries `{error:…}` is an error answer in disguise → AuthError.
 */
export function parseTokenResponse(body: unknown, options: ParseTokenOptions): TokenSet {
  const record = tokenAnswerObject(body, bad, 'OAuth base URL');
  if (record.error !== undefined && record.access_token === undefined) {
    const error = record.error as { error_msg?: unknown; error_name?: unknown } | string | null;
    if (typeof error === 'string') throw refusedSignIn('Dropbox Sign', error, undefined);
    throw refusedSignIn('Dropbox Sign', typeof error?.error_name === 'string' ? error.error_name : undefined, error?.error_msg, options.secrets);
  }
  const tokens = tokenSetOf(record, { bad, now: options.now, fallbackRefreshToken: options.fallbackRefreshToken });
  const state = record.state;
  if (state !== undefined && state !== null) {
    if (typeof state !== 'string') {
      throw bad('state is not a string');
    }
    if (options.expectedState !== undefined && state !== options.expectedState) {
      throw bad('state does not match the sign-in attempt');
    }
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
    const response = await tokenRequest(this.http, tokenUrl(settings.oauthBaseUrl), { json: body }, signal);
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
    const response = await tokenRequest(this.http, refreshUrl(this.settings().oauthBaseUrl), { json: body }, signal);
    return parseTokenResponse(response.body, { now: this.clock.now(), fallbackRefreshToken: params.refreshToken, secrets: this.secrets });
  }

  /** Whose the token is (GET /account). */
  async getAccount(accessToken: string, signal?: AbortSignal): Promise<Account> {
    return mapAccount((await new DropboxSignApi(this.http, this.settings).getAccount(accessToken, signal)).account);
  }
}
