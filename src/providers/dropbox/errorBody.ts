// Reads Dropbox's error bodies: 400 plain text; 401/409/429 JSON `{error_summary, error, user_message?}`
// (a Stone union: `{".tag":"path","path":{".tag":"not_found"}}`); the token endpoint's
// `{error, error_description}`. Never throws; HTML and garbage give undefined.
import type { ErrorBodyReader } from '../../core/http';

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

const SLOW_DOWN = 'Dropbox asks to slow down: too many requests.';

/** Sentences for the tags (joined with '/') a user can act on; the rest show Dropbox's own words or the summary. */
const SENTENCES = new Map(
  Object.entries({
    expired_access_token: 'The Dropbox access token has expired.',
    invalid_access_token: 'Dropbox no longer accepts this sign-in (it was revoked or is unknown).',
    user_suspended: 'This Dropbox account is suspended.',
    reset: 'The Dropbox folder listing has to start over.',
    email_not_verified: 'Dropbox makes links only for accounts with a verified email address: verify it in Dropbox first.',
    payload_too_large: 'The file is larger than Dropbox accepts in one upload (150 MiB).',
    'path/not_found': 'There is no such file or folder in Dropbox (any more).',
    'path/insufficient_space': 'The Dropbox account is out of space.',
    too_many_requests: SLOW_DOWN,
    too_many_write_operations: SLOW_DOWN,
  }),
);

function sentenceFor(tags: string[], requiredScope: string | undefined): string | undefined {
  const [first, second, third] = tags;
  if (first === 'missing_scope') {
    return `The Dropbox app lacks the "${requiredScope ?? 'needed'}" permission: tick it on the app's Permissions tab in the Dropbox App Console, then sign in again.`;
  }
  if (first === 'path' && second === 'conflict') return `Dropbox already has a ${third === 'folder' ? 'folder' : 'file'} there.`;
  return SENTENCES.get(first) ?? SENTENCES.get(`${first}/${second}`);
}

export const readDropboxError: ErrorBodyReader = (_status, body, contentType) => {
  const text = body.toString('utf8').trim();
  if (text === '' || /^</.test(text)) return undefined;
  let answer: { error?: unknown; error_summary?: unknown; error_description?: unknown; user_message?: { text?: unknown } } | null = null;
  try {
    answer = JSON.parse(text);
  } catch {
    // Not JSON: read below as plain text.
  }
  if (answer === null) {
    // Plain text (400s, some 429s and 5xx): Dropbox's own sentence.
    if (contentType !== undefined && !/^text\/plain/i.test(contentType)) return undefined;
    return { message: text.slice(0, 500) };
  }
  const { error } = answer;
  if (error !== null && typeof error === 'object') {
    const tags = tagsOf(error);
    const summary = typeof answer.error_summary === 'string' ? answer.error_summary : undefined;
    if (tags.length === 0 && !summary) return undefined;
    const scope = (error as { required_scope?: unknown }).required_scope;
    const requiredScope = typeof scope === 'string' ? scope : undefined;
    const userMessage = answer.user_message?.text;
    const message = typeof userMessage === 'string' ? userMessage : sentenceFor(tags, requiredScope) ?? (summary ? `Dropbox: ${summary.replace(/\/\.*$/, '')}` : undefined);
    return { errorName: tags.join('/') || undefined, scope: requiredScope, message };
  }
  // The token endpoint: {"error": "invalid_grant", "error_description": "…"}
  if (typeof error !== 'string') return undefined;
  return { errorName: error, message: typeof answer.error_description === 'string' ? answer.error_description : undefined };
};
