// Dropbox's OAuth client for an app without a secret: authorize with PKCE (S256) and offline access,
// exchange the code with the verifier, refresh with client_id alone (the refresh token never rotates),
// revoke the whole token family on sign-out.
import { systemClock, type Clock } from '../../core/clock';
import type { HttpClient, HttpResponse } from '../../core/http';
import type { TokenSet } from '../../model/tokens';
import { unexpected } from '../errorBody';
import { tokenAnswerObject, tokenRequest, tokenSetOf } from '../tokenEndpoint';
import { apiHostTokenOrigins } from '../urls';
import { dropboxAuthorizeUrl, dropboxRpcUrl, dropboxTokenUrl, type DropboxAuthorizeParams, type DropboxSettings } from './endpoints';

export interface DropboxCodeExchange {
  clientId: string;
  code: string;
  codeVerifier: string;
  /** exactly the redirect_uri sent to authorize; undefined when none was (manual mode) */
  redirectUri?: string;
}

export interface DropboxTokenSet extends TokenSet {
  accountId?: string;
}

const bad = unexpected('Dropbox');

/**
 * Checks a token answer. `fallbackRefreshToken`: refresh answers carry none (Dropbox does not rotate), so
 * the one used stays. Without it a refresh token is required (SignDesk always asks for offline access).
 */
export function parseDropboxTokenResponse(response: HttpResponse, now: number, fallbackRefreshToken?: string): DropboxTokenSet {
  const record = tokenAnswerObject(response.body, bad, 'Dropbox API base URL');
  const tokens: DropboxTokenSet = tokenSetOf(record, { bad, now, fallbackRefreshToken, noRefreshToken: 'no refresh_token: offline access was not granted' });
  if (typeof record.account_id === 'string') tokens.accountId = record.account_id;
  return tokens;
}

export class DropboxOAuthClient {
  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => DropboxSettings,
    private readonly clock: Clock = systemClock,
  ) {}

  authorizeUrl(params: DropboxAuthorizeParams): string {
    return dropboxAuthorizeUrl(this.settings(), params);
  }

  async exchangeCode(params: DropboxCodeExchange, signal?: AbortSignal): Promise<DropboxTokenSet> {
    const form: Record<string, string> = { grant_type: 'authorization_code', code: params.code, client_id: params.clientId, code_verifier: params.codeVerifier };
    if (params.redirectUri !== undefined) form.redirect_uri = params.redirectUri;
    return this.tokens(form, signal);
  }

  /** A new access token; the refresh token stays the same (Dropbox never rotates it). */
  refresh(params: { clientId: string; refreshToken: string }, signal?: AbortSignal): Promise<DropboxTokenSet> {
    return this.tokens({ grant_type: 'refresh_token', refresh_token: params.refreshToken, client_id: params.clientId }, signal, params.refreshToken);
  }

  /** `/2/auth/token/revoke`: this access token, its refresh token and their siblings stop working. */
  async revoke(accessToken: string, signal?: AbortSignal): Promise<void> {
    await this.http.request({ method: 'POST', url: dropboxRpcUrl(this.settings(), 'auth/token/revoke'), headers: { Authorization: `Bearer ${accessToken}` }, signal });
  }

  /** The token endpoint's answer to `form`, with the origins the tokens are for (`fallbackRefreshToken`: a refresh's). */
  private async tokens(form: Record<string, string>, signal: AbortSignal | undefined, fallbackRefreshToken?: string): Promise<DropboxTokenSet> {
    const settings = this.settings();
    const response = await tokenRequest(this.http, dropboxTokenUrl(settings), { form }, signal);
    return { ...parseDropboxTokenResponse(response, this.clock.now(), fallbackRefreshToken), origins: apiHostTokenOrigins(settings) };
  }
}
