// Dropbox's OAuth client for an app without a secret: authorize with PKCE (S256) and offline access,
// exchange the code with the verifier, refresh with client_id alone (the refresh token never rotates),
// revoke the whole token family on sign-out.
import { systemClock, type Clock } from '../../core/clock';
import { AuthError, BadResponseError, InvalidInputError } from '../../core/errors';
import type { HttpClient, HttpResponse } from '../../core/http';
import type { TokenSet } from '../../model/tokens';
import { dropboxAuthorizeUrl, dropboxRpcUrl, dropboxTokenOrigins, dropboxTokenUrl, type DropboxAuthorizeParams, type DropboxSettings } from './endpoints';

/** Token-endpoint errors that mean "this code or grant is no good": sign in again. */
const AUTH_ERROR_NAMES = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

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

function bad(detail: string): BadResponseError {
  return new BadResponseError(`Dropbox sent an unexpected sign-in response (${detail}).`);
}

/**
 * Checks a token answer. `fallbackRefreshToken`: refresh answers carry none (Dropbox does not rotate), so
 * the one used stays. Without it a refresh token is required (SignDesk always asks for offline access).
 */
export function parseDropboxTokenResponse(response: HttpResponse, now: number, fallbackRefreshToken?: string): DropboxTokenSet {
  if (/^\s*</.test(response.text())) throw bad('a web page instead of data; check the Dropbox API base URL setting');
  let record: Record<string, unknown>;
  try {
    record = response.json<Record<string, unknown>>();
  } catch {
    throw bad('malformed JSON');
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw bad('not a JSON object');
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = record;
  if (typeof accessToken !== 'string' || accessToken === '') throw bad('access_token missing');
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') throw bad('token_type is not bearer');
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) throw bad('expires_in missing or not a positive number');
  const refreshToken = typeof record.refresh_token === 'string' && record.refresh_token !== '' ? record.refresh_token : fallbackRefreshToken;
  if (refreshToken === undefined) throw bad('no refresh_token: offline access was not granted');
  const tokens: DropboxTokenSet = { accessToken, refreshToken, expiresAt: now + expiresIn * 1000 };
  if (typeof record.scope === 'string' && record.scope.trim() !== '') tokens.scopes = record.scope.split(/\s+/).filter(Boolean);
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
    const settings = this.settings();
    const form: Record<string, string> = { grant_type: 'authorization_code', code: params.code, client_id: params.clientId, code_verifier: params.codeVerifier };
    if (params.redirectUri !== undefined) form.redirect_uri = params.redirectUri;
    const response = await this.tokenCall(settings, form, signal);
    return { ...parseDropboxTokenResponse(response, this.clock.now()), origins: dropboxTokenOrigins(settings) };
  }

  /** A new access token; the refresh token stays the same (Dropbox never rotates it). */
  async refresh(params: { clientId: string; refreshToken: string }, signal?: AbortSignal): Promise<DropboxTokenSet> {
    const settings = this.settings();
    const response = await this.tokenCall(settings, { grant_type: 'refresh_token', refresh_token: params.refreshToken, client_id: params.clientId }, signal);
    return { ...parseDropboxTokenResponse(response, this.clock.now(), params.refreshToken), origins: dropboxTokenOrigins(settings) };
  }

  /** `/2/auth/token/revoke`: this access token, its refresh token and their siblings stop working. */
  async revoke(accessToken: string, signal?: AbortSignal): Promise<void> {
    await this.http.request({ method: 'POST', url: dropboxRpcUrl(this.settings(), 'auth/token/revoke'), headers: { Authorization: `Bearer ${accessToken}` }, signal });
  }

  private async tokenCall(settings: DropboxSettings, form: Record<string, string>, signal: AbortSignal | undefined): Promise<HttpResponse> {
    try {
      return await this.http.request({ method: 'POST', url: dropboxTokenUrl(settings), body: { form }, headers: { Accept: 'application/json' }, signal });
    } catch (error) {
      // A used, expired or revoked code or refresh token answers 400 invalid_grant: sign in again.
      if (error instanceof InvalidInputError && error.errorName && AUTH_ERROR_NAMES.has(error.errorName)) {
        throw new AuthError(error.message, { status: error.status, errorName: error.errorName, cause: error });
      }
      throw error;
    }
  }
}
