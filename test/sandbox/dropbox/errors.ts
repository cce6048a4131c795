// Dropbox's error envelopes: 400 plain text, 401 tagged AuthError JSON, 409 the route's error union with
// `error_summary`, 429 RateLimitError (JSON or plain text) with Retry-After.
import * as http from 'http';

export type Tagged = { '.tag': string; [k: string]: unknown };

/** An answer that ends a request early; `body` is text (plain) or an object (JSON). */
export class DropboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string | object,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

/** 400: a plain-text message naming the route, as Dropbox's API servers write it. */
export function badInput(route: string | undefined, message: string): DropboxHttpError {
  return new DropboxHttpError(400, route ? `Error in call to API function "${route}": ${message}` : message);
}

/**
 * `path/not_found/..`: the tags down the union, then a run of dots. Dropbox varies the dots so that
 * clients parse `error` instead of matching the summary; the sandbox does the same.
 */
export function errorSummary(error: Tagged): string {
  const tags: string[] = [];
  let node: unknown = error;
  while (node && typeof node === 'object' && typeof (node as Tagged)['.tag'] === 'string') {
    const t = node as Tagged;
    tags.push(t['.tag']);
    const inner = t[t['.tag']];
    // A union member whose value is a struct has its fields beside `.tag`: follow the first tagged one.
    node = inner && typeof inner === 'object' ? inner : Object.values(t).find((v) => v && typeof v === 'object' && '.tag' in (v as object));
  }
  return `${tags.join('/')}/${'.'.repeat(2 + Math.floor(Math.random() * 3))}`;
}

/** 401 with an AuthError (`expired_access_token`, `invalid_access_token`, `missing_scope`…). */
export function authError(tag: string, extra: Record<string, unknown> = {}): DropboxHttpError {
  const error: Tagged = { '.tag': tag, ...extra };
  return new DropboxHttpError(401, { error_summary: errorSummary(error), error }, { 'WWW-Authenticate': 'Bearer' });
}

/** 409 with the route's error union. */
export function routeError(error: Tagged, userMessage?: string): DropboxHttpError {
  return new DropboxHttpError(409, {
    error_summary: errorSummary(error),
    error,
    ...(userMessage ? { user_message: { locale: 'en', text: userMessage } } : {}),
  });
}

export const lookupError = (tag: string): Tagged => ({ '.tag': 'path', path: { '.tag': tag } });

/** 429: RateLimitError JSON, or Dropbox's plain-text variant; both with Retry-After. */
export function rateLimited(reason: 'too_many_requests' | 'too_many_write_operations', retryAfter: number, plainText: boolean): DropboxHttpError {
  const headers = { 'Retry-After': String(retryAfter) };
  if (plainText) return new DropboxHttpError(429, 'Too many requests. Please try again later.', headers);
  const error = { reason: { '.tag': reason }, retry_after: retryAfter };
  return new DropboxHttpError(429, { error_summary: `${reason}/...`, error }, headers);
}

/** Header values must be ASCII: everything from U+007F up is written as \uXXXX (as Dropbox and its SDKs do). */
export function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendDropboxError(res: http.ServerResponse, e: DropboxHttpError): void {
  const isText = typeof e.body === 'string';
  const text = isText ? (e.body as string) : JSON.stringify(e.body);
  res.writeHead(e.status, {
    'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...e.headers,
  });
  res.end(text);
}

export function sendDropboxJson(res: http.ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
