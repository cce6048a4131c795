// Reads Dropbox Sign error bodies: `{"error":{"error_msg","error_name","error_path"?}}` (API and, per
// the spec, the OAuth token endpoint), tolerating RFC 6749 `{"error":"invalid_grant","error_description"}`
// and HTML/garbage (returns undefined, and the HTTP layer falls back to a message from the status).
// The message is returned whole: the HTTP layer redacts it before clipping it (a clipped secret would
// no longer be recognised).
import type { ErrorBodyReader } from '../../core/http';
import { errorNameOf, jsonObjectOf, textOf } from '../errorBody';

export const readDropboxSignError: ErrorBodyReader = (_status, body) => {
  const parsed = jsonObjectOf(body);
  const error = parsed?.error;
  if (error !== null && typeof error === 'object') {
    const e = error as { error_msg?: unknown; error_name?: unknown };
    const result = { message: textOf(e.error_msg), errorName: errorNameOf(e.error_name) };
    return result.message || result.errorName ? result : undefined;
  }
  if (typeof error === 'string') {
    return { errorName: errorNameOf(error), message: textOf(parsed?.error_description) };
  }
  return undefined;
};
