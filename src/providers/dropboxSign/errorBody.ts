// Reads Dropbox Sign error bodies: `{"error":{"error_msg","error_name","error_path"?}}` (API and, per
// the spec, the OAuth token endpoint), tolerating RFC 6749 `{"error":"invalid_grant","error_description"}`
// and HTML/garbage (returns undefined, and the HTTP layer falls back to a message from the status).
// The message is returned whole: the HTTP layer redacts it before clipping it (a clipped secret would
// no longer be recognised).
import type { ErrorBodyReader } from '../../core/http';

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Error names are identifiers the code compares; anything else (prose, a pasted token) is dropped. */
function errorNameOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(value.trim()) ? value.trim() : undefined;
}

export const readDropboxSignError: ErrorBodyReader = (_status, body) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') {
    return undefined;
  }
  const error = (parsed as { error?: unknown }).error;
  if (error !== null && typeof error === 'object') {
    const e = error as { error_msg?: unknown; error_name?: unknown };
    const result = { message: str(e.error_msg), errorName: errorNameOf(e.error_name) };
    return result.message || result.errorName ? result : undefined;
  }
  if (typeof error === 'string') {
    const description = (parsed as { error_description?: unknown }).error_description;
    return { errorName: errorNameOf(error), message: str(description) };
  }
  return undefined;
};
