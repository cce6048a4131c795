// What the services' OAuth token endpoints have in common (RFC 6749), written once for every provider:
// reading a token answer, and treating a refused code, grant or client as "sign in again". Each provider
// passes its own words (`bad`) and quirks (how it states expires_in, which error names it uses).
import { AuthError, InvalidInputError, type BadResponseError } from '../core/errors';
import type { HttpBody, HttpClient, HttpResponse } from '../core/http';
import { userFacingText, type SecretSource } from '../core/log';
import type { TokenSet } from '../model/tokens';
import { isJsonObject } from './errorBody';

/** Token-endpoint error names that mean "these credentials or this grant are no good": sign in (or configure) again. */
export const AUTH_ERROR_NAMES: readonly string[] = ['invalid_grant', 'invalid_client', 'unauthorized_client'];

/** An InvalidInputError named one of `names` as an AuthError (named `as`, default its own name); others as they are. */
export function asAuthError(error: unknown, names: readonly string[] = AUTH_ERROR_NAMES, as?: string): unknown {
  if (error instanceof InvalidInputError && error.errorName && names.includes(error.errorName)) {
    return new AuthError(error.message, { status: error.status, errorName: as ?? error.errorName, cause: error });
  }
  return error;
}

/**
 * POST `body` to a token endpoint, asking for JSON. RFC 6749 answers a bad, used or expired code or refresh
 * token (or a wrong client) with 400 and one of `names`: for SignDesk that is an auth failure (sign in again),
 * not a bug in its input. `headers`: the service's client authentication, if it takes it there.
 */
export async function tokenRequest(
  http: HttpClient,
  url: string,
  body: HttpBody,
  signal: AbortSignal | undefined,
  options: { headers?: Record<string, string>; names?: readonly string[] } = {},
): Promise<HttpResponse> {
  try {
    return await http.request({ method: 'POST', url, body, headers: { ...options.headers, Accept: 'application/json' }, signal });
  } catch (error) {
    throw asAuthError(error, options.names);
  }
}

/**
 * A 200 carrying an error instead of tokens is a refusal in disguise: an AuthError with the service's words,
 * redacted with the live `secrets` before a user sees them, or else `<label> refused the sign-in.`
 */
export function refusedSignIn(label: string, errorName: string | undefined, message: unknown, secrets?: SecretSource): AuthError {
  const shown = typeof message === 'string' ? userFacingText(message, secrets?.values()) : '';
  return new AuthError(shown || `${label} refused the sign-in.`, { errorName });
}

/** The answer's JSON object, from raw bytes, text or parsed JSON; a web page names the base URL `setting` to check. */
export function tokenAnswerObject(body: unknown, bad: (detail: string) => BadResponseError, setting: string): Record<string, unknown> {
  let value = body;
  if (Buffer.isBuffer(value) || typeof value === 'string') {
    const text = value.toString();
    if (/^\s*</.test(text)) throw bad(`a web page instead of data; check the ${setting} setting`);
    try {
      value = JSON.parse(text);
    } catch {
      throw bad('malformed JSON');
    }
  }
  if (!isJsonObject(value)) throw bad('not a JSON object');
  return value;
}

export interface TokenAnswerRules {
  bad(detail: string): BadResponseError;
  /** ms epoch the answer arrived. */
  now: number;
  /** A refresh answer without refresh_token keeps this one. */
  fallbackRefreshToken?: string;
  /** The detail when there is no refresh token at all. */
  noRefreshToken?: string;
  /** expires_in as sent → ms epoch of expiry; by default a positive number of seconds from `now`. */
  expiresAt?(expiresIn: unknown, now: number): number;
}

/** Checks a token answer: a non-empty Bearer access token, a refresh token (or the fallback), its lifetime, its scopes. */
export function tokenSetOf(record: Record<string, unknown>, rules: TokenAnswerRules): TokenSet {
  const { bad, now } = rules;
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn, scope } = record;
  if (typeof accessToken !== 'string' || accessToken === '') throw bad('access_token missing or not a string');
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') throw bad('token_type is not bearer');
  const refreshToken = record.refresh_token ?? rules.fallbackRefreshToken;
  if (typeof refreshToken !== 'string' || refreshToken === '') throw bad(rules.noRefreshToken ?? 'refresh_token missing or not a string');
  let expiresAt: number;
  if (rules.expiresAt) {
    expiresAt = rules.expiresAt(expiresIn, now);
  } else if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) {
    expiresAt = now + expiresIn * 1000;
  } else {
    throw bad('expires_in missing or not a positive number');
  }
  const tokens: TokenSet = { accessToken, refreshToken, expiresAt };
  if (typeof scope === 'string' && scope.trim() !== '') tokens.scopes = scope.split(/[\s,]+/).filter(Boolean);
  return tokens;
}
