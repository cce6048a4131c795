// Reads Dropbox's error bodies: 400 plain text; 401/409/429 JSON `{error_summary, error, user_message?}`
// (a Stone union: `{".tag":"path","path":{".tag":"not_found"}}`); the token endpoint's
// `{error, error_description}`. Never throws; HTML and garbage give undefined.
import type { ErrorBodyReader } from '../../core/http';
import { jsonObjectOf } from '../errorBody';

export interface DropboxErrorBody {
  /** the tags down the union: ['path', 'not_found'] (read from `error`, not from the summary's dots) */
  tags: string[];
  error: unknown;
  summary?: string;
  userMessage?: string;
  /** 401 missing_scope: the scope the route needs */
  requiredScope?: string;
  /** 429: seconds, from the body (the Retry-After header says the same) */
  retryAfter?: number;
}

function tagsOf(error: unknown): string[] {
  const tags: string[] = [];
  let node = error;
  for (let depth = 0; depth < 8 && node && typeof node === 'object'; depth++) {
    const record = node as Record<string, unknown>;
    const tag = record['.tag'];
    if (typeof tag !== 'string') {
      // RateLimitError is a struct: its `reason` is the union.
      node = record.reason;
      continue;
    }
    tags.push(tag);
    const inner = record[tag];
    node = inner && typeof inner === 'object' ? inner : Object.values(record).find((v) => v && typeof v === 'object' && '.tag' in (v as object));
  }
  return tags;
}

/** The structured part of a JSON error answer, or undefined for plain text, HTML and other shapes. */
export function parseDropboxError(body: Buffer | string): DropboxErrorBody | undefined {
  const record = jsonObjectOf(body);
  if (!record || typeof record.error !== 'object' || record.error === null) return undefined;
  const error = record.error as Record<string, unknown>;
  const userMessage = record.user_message as { text?: unknown } | undefined;
  return {
    tags: tagsOf(error),
    error,
    summary: typeof record.error_summary === 'string' ? record.error_summary : undefined,
    userMessage: typeof userMessage?.text === 'string' ? userMessage.text : undefined,
    requiredScope: typeof error.required_scope === 'string' ? error.required_scope : undefined,
    retryAfter: typeof error.retry_after === 'number' ? error.retry_after : undefined,
  };
}

/** Sentences for the tags a user can act on; the rest show Dropbox's own words or the summary. */
function sentenceFor(parsed: DropboxErrorBody): string | undefined {
  const [first, second, third] = parsed.tags;
  if (first === 'missing_scope') {
    return `The Dropbox app lacks the "${parsed.requiredScope ?? 'needed'}" permission: tick it on the app's Permissions tab in the Dropbox App Console, then sign in again.`;
  }
  if (first === 'expired_access_token') return 'The Dropbox access token has expired.';
  if (first === 'invalid_access_token') return 'Dropbox no longer accepts this sign-in (it was revoked or is unknown).';
  if (first === 'user_suspended') return 'This Dropbox account is suspended.';
  if (first === 'reset') return 'The Dropbox folder listing has to start over.';
  if (first === 'email_not_verified') return 'Dropbox makes links only for accounts with a verified email address: verify it in Dropbox first.';
  if (first === 'payload_too_large') return 'The file is larger than Dropbox accepts in one upload (150 MiB).';
  if (first === 'path' && second === 'not_found') return 'There is no such file or folder in Dropbox (any more).';
  if (first === 'path' && second === 'conflict') return `Dropbox already has a ${third === 'folder' ? 'folder' : 'file'} there.`;
  if (first === 'path' && second === 'insufficient_space') return 'The Dropbox account is out of space.';
  if (first === 'too_many_requests' || first === 'too_many_write_operations') return 'Dropbox asks to slow down: too many requests.';
  return undefined;
}

export const readDropboxError: ErrorBodyReader = (_status, body, contentType) => {
  const text = body.toString('utf8').trim();
  if (text === '' || /^</.test(text)) return undefined;
  const parsed = parseDropboxError(text);
  if (parsed && (parsed.tags.length > 0 || parsed.summary)) {
    const errorName = parsed.tags.join('/') || undefined;
    return { errorName, scope: parsed.requiredScope, message: parsed.userMessage ?? sentenceFor(parsed) ?? (parsed.summary ? `Dropbox: ${parsed.summary.replace(/\/\.*$/, '')}` : undefined) };
  }
  if (parsed) return undefined;
  // The token endpoint: {"error": "invalid_grant", "error_description": "…"}
  try {
    const token = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof token.error === 'string') {
      return { errorName: token.error, message: typeof token.error_description === 'string' ? token.error_description : undefined };
    }
    return undefined;
  } catch {
    // Plain text (400s, some 429s and 5xx): Dropbox's own sentence.
    if (contentType !== undefined && !/^text\/plain/i.test(contentType)) return undefined;
    return { message: text.slice(0, 500) };
  }
};
