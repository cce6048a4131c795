// The token endpoint's errors (RFC 6749 §5.2): each name and the status it is answered with, for every
// sandbox. A sandbox writes them in its service's body shape (Dropbox Sign: {error:{error_msg,error_name}};
// signNow: {error, error_description}).
import { ApiError } from './http';

export const OAUTH_TOKEN_ERROR_STATUS = {
  invalid_request: 400,
  // 401 when the client tried to authenticate (RFC 6749 §5.2).
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
} as const;

export type OAuthTokenErrorName = keyof typeof OAUTH_TOKEN_ERROR_STATUS;

/** A token endpoint error with its standard status; `errorPath` names the offending field where the service does. */
export function oauthTokenError(name: OAuthTokenErrorName, description: string, errorPath?: string): ApiError {
  return new ApiError(OAUTH_TOKEN_ERROR_STATUS[name], name, description, errorPath);
}
