// Reads signNow's four error body shapes (SignNow.NET ErrorResponse and its tests):
//   {"errors":[{"code":…,"message":"…"}]}   {"error":"…"[,"code":…]}   {"404":"…"}   {"error":[{"code","message"}]}
// An expired or unknown bearer token is {"error":"invalid_token","code":1537}: errorName `invalid_token`,
// which the API client treats as an auth error whatever the status. HTML or garbage → undefined.
import { AuthError, InvalidInputError } from '../../core/errors';
import type { ErrorBodyReader } from '../../core/http';

/** signNow's code for an invalid or expired access token. */
export const INVALID_TOKEN_CODE = 1537;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Error names are identifiers the code compares; anything else (prose, a pasted token) is dropped. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return String(value);
  }
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(value.trim()) ? value.trim() : undefined;
}

function firstEntry(list: unknown): { message?: string; errorName?: string } | undefined {
  if (!Array.isArray(list) || list.length === 0) {
    return undefined;
  }
  const e = list[0] as { code?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== 'object') {
    return undefined;
  }
  const result = { message: str(e.message), errorName: Number(e.code) === INVALID_TOKEN_CODE ? 'invalid_token' : nameOf(e.code) };
  return result.message || result.errorName ? result : undefined;
}

export const readSignNowError: ErrorBodyReader = (_status, body) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return undefined;
  }
  const record = parsed as Record<string, unknown>;
  if (Array.isArray(record.errors)) {
    return firstEntry(record.errors);
  }
  if (Array.isArray(record.error)) {
    return firstEntry(record.error);
  }
  if (typeof record.error === 'string') {
    const errorName = Number(record.code) === INVALID_TOKEN_CODE ? 'invalid_token' : nameOf(record.error);
    // OAuth errors may carry a description; the bare name is no sentence for a user.
    return { errorName, message: str(record.error_description) ?? str(record.message) };
  }
  if (typeof record['404'] === 'string') {
    return { errorName: 'not_found', message: str(record['404']) };
  }
  return undefined;
};

/**
 * signNow does not document the status of {"error":"invalid_token","code":1537}; by its name it is about
 * the token, so it is an AuthError (refresh once, then sign in again) whatever status it came with.
 */
export function invalidTokenAsAuthError(error: unknown): unknown {
  if (error instanceof InvalidInputError && error.errorName === 'invalid_token') {
    return new AuthError(error.message, { status: error.status, errorName: error.errorName, cause: error });
  }
  return error;
}
