// Reads Dropbox Sign error bodies: `{"error":{"error_msg","error_name","error_path"?}}` (API and, per
// the spec, the OAuth token endpoint), tolerating RFC 6749 `{"error":"invalid_grant","error_description"}`
// and HTML/garbage (returns undefined, and the HTTP layer falls back to a message from the status).
import type { ErrorBodyReader } from '../../core/http';

const MAX_MESSAGE_LENGTH = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : oneLine;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? clip(value) : undefined;
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
    const result = { message: str(e.error_msg), errorName: str(e.error_name) };
    return result.message || result.errorName ? result : undefined;
  }
  if (typeof error === 'string') {
    const description = (parsed as { error_description?: unknown }).error_description;
    return { errorName: str(error), message: str(description) };
  }
  return undefined;
};
