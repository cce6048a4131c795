// signNow's four error body shapes, and which answer uses which:
//   1. {"errors":[{"code":…,"message":"…"}]}   the usual API error (validation, not found, conflicts)
//   2. {"error":"…"[,"code":…]}                OAuth errors (invalid_client, invalid_grant, …) and
//                                              {"error":"invalid_token","code":1537} for a bad bearer token
//   3. {"404":"…"}                             a path signNow has no route for
//   4. {"error":[{"code":"HY000","message":"…"}]}  internal errors (the server_error fault)
import * as http from 'http';
import { ApiError, sendJson } from '../kit/http';
import { FaultBodies } from '../kit/faults';
import { OAUTH_TOKEN_ERROR_STATUS, type OAuthTokenErrorName } from '../kit/oauthErrors';

/** An error with the exact signNow body to send. */
export class SnApiError extends ApiError {
  constructor(status: number, readonly body: unknown, name: string) {
    super(status, name, JSON.stringify(body));
  }
}

export const snError = (status: number, body: unknown, name = 'sn_error') => new SnApiError(status, body, name);

/** Shape 1. */
export const apiError = (status: number, code: number | string, message: string) => snError(status, { errors: [{ code, message }] }, 'errors');
/** Shape 2, OAuth. */
export const oauthError = (error: OAuthTokenErrorName, description?: string) =>
  snError(OAUTH_TOKEN_ERROR_STATUS[error], { error, ...(description ? { error_description: description } : {}) }, error);
/** Shape 3. */
export const noRoute = (path: string) => snError(404, { '404': `Unable to find a route to match the URI: ${path.replace(/^\//, '')}` }, 'no_route');
/** Shape 4. */
export const internalError = () => snError(500, { error: [{ code: 'HY000', message: 'Internal Api Error' }] }, 'internal');

export const INVALID_TOKEN_BODY = { error: 'invalid_token', code: 1537 };

export const documentNotFound = () => apiError(404, 65582, 'Document not found');
export const badRequest = (message: string, code: number = 65536) => apiError(400, code, message);

/** The body for an ApiError: its own signNow body, or shape 1 for kit errors (malformed bodies and such). */
export function snErrorBody(e: ApiError): unknown {
  if (e instanceof SnApiError) return e.body;
  if (e.status >= 500) return { error: [{ code: 'HY000', message: e.message }] };
  return { errors: [{ code: 65536, message: e.message }] };
}

export function sendSnError(res: http.ServerResponse, e: ApiError): void {
  sendJson(res, e.status, snErrorBody(e), e.headers);
}

export const SN_FAULT_BODIES: FaultBodies = {
  serverError: { error: [{ code: 'HY000', message: 'Internal Api Error' }] },
  unauthorized: INVALID_TOKEN_BODY,
  malformedJson: '{"id":"',
};
