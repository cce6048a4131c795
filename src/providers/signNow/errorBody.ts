// Reads signNow's four error body shapes (SignNow.NET ErrorResponse and its tests):
//   {"errors":[{"code":…,"message":"…"}]}   {"error":"…"[,"code":…]}   {"404":"…"}   {"error":[{"code","message"}]}
// An expired or unknown bearer token is {"error":"invalid_token","code":1537}: errorName `invalid_token`,
// which the API client treats as an auth error whatever the status. HTML or garbage → undefined.
import type { ErrorBodyReader } from '../../core/http';
import { errorNameOf, jsonObjectOf, textOf } from '../errorBody';
import { asAuthError } from '../tokenEndpoint';

/** signNow's code for an invalid or expired access token. */
export const INVALID_TOKEN_CODE = 1537;

/**
 * The error name of a body or entry: `invalid_token` for code 1537, else `name` (signNow's numeric codes
 * too) if it is an identifier the code can compare; anything else is dropped.
 */
function nameOf(code: unknown, name: unknown): string | undefined {
  if (Number(code) === INVALID_TOKEN_CODE) return 'invalid_token';
  return typeof name === 'number' && Number.isInteger(name) ? String(name) : errorNameOf(name);
}

function firstEntry(list: unknown[]): { message?: string; errorName?: string } | undefined {
  const e = list[0] as { code?: unknown; message?: unknown } | null | undefined;
  if (e === null || typeof e !== 'object') {
    return undefined;
  }
  const result = { message: textOf(e.message), errorName: nameOf(e.code, e.code) };
  return result.message || result.errorName ? result : undefined;
}

export const readSignNowError: ErrorBodyReader = (_status, body) => {
  const record = jsonObjectOf(body);
  const list = Array.isArray(record?.errors) ? record.errors : record?.error;
  if (Array.isArray(list)) {
    return firstEntry(list);
  }
  if (typeof record?.error === 'string') {
    // OAuth errors may carry a description; the bare name is no sentence for a user.
    return { errorName: nameOf(record.code, record.error), message: textOf(record.error_description) ?? textOf(record.message) };
  }
  if (typeof record?.['404'] === 'string') {
    return { errorName: 'not_found', message: textOf(record['404']) };
  }
  return undefined;
};

/**
 * signNow does not document the status of {"error":"invalid_token","code":1537}; by its name it is about
 * the token, so it is an AuthError (refresh once, then sign in again) whatever status it came with.
 */
export function invalidTokenAsAuthError(error: unknown): unknown {
  return asAuthError(error, ['invalid_token']);
}
