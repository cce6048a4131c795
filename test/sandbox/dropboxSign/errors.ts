// Dropbox Sign's error body (the spec's ErrorResponse: {error:{error_msg,error_name[,error_path]}}) and the
// bodies of the kit's faults in that shape.
import * as http from 'http';
import { ApiError, sendJson } from '../kit/http';
import { FaultBodies } from '../kit/faults';
import { RateDecision } from '../kit/rateLimit';

export const forbidden = (msg: string) => new ApiError(403, 'forbidden', msg);
export const unauthorized = (msg = 'Unauthorized user. No credentials supplied.') => new ApiError(401, 'unauthorized', msg);

export function errorBody(e: ApiError): unknown {
  return { error: { error_msg: e.message, error_name: e.errorName, ...(e.errorPath ? { error_path: e.errorPath } : {}) } };
}

export function sendError(res: http.ServerResponse, e: ApiError, headers: Record<string, string> = {}): void {
  sendJson(res, e.status, errorBody(e), { ...e.headers, ...headers });
}

export const FAULT_BODIES: FaultBodies = {
  serverError: { error: { error_msg: 'Internal server error (sandbox fault).', error_name: 'internal_error' } },
  unauthorized: { error: { error_msg: 'Access token expired.', error_name: 'unauthorized' } },
  malformedJson: '{"signature_request": {"signature_request_id": "',
};

/** Dropbox Sign's rate-limit headers, sent on every authenticated /v3 answer. */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  return { 'X-RateLimit-Limit': String(d.limit), 'X-RateLimit-Remaining': String(d.remaining), 'X-Ratelimit-Reset': String(d.resetSeconds) };
}
