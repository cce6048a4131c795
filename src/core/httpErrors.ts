// The one mapping from an HTTP status (+ body, + headers) to a typed error, and rate-limit header parsing.
// Pure functions: the fetch client uses them, and fakes in tests can too.
import { systemClock, type Clock } from './clock';
import {
  AuthError,
  BadResponseError,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RateLimitError,
  ServerError,
  type SignDeskError,
} from './errors';
import type { ErrorBodyReader, RateLimitInfo } from './http';

/** Header lookup that does not care about case (`X-Ratelimit-Reset` vs `X-RateLimit-Reset`). */
function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) {
      return value;
    }
  }
  return undefined;
}

function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) {
    return undefined;
  }
  return Number.parseInt(value, 10);
}

/**
 * X-RateLimit-Limit, X-RateLimit-Remaining, X-Ratelimit-Reset (epoch seconds), any case.
 * On a 429 without a reset header, `Retry-After` (seconds or an HTTP date) gives `resetAt`.
 * Returns undefined when none is present.
 */
export function parseRateLimit(headers: Record<string, string>, clock: Clock = systemClock): RateLimitInfo | undefined {
  const info: RateLimitInfo = {};
  const limit = nonNegativeInt(header(headers, 'x-ratelimit-limit'));
  const remaining = nonNegativeInt(header(headers, 'x-ratelimit-remaining'));
  const reset = nonNegativeInt(header(headers, 'x-ratelimit-reset'));
  if (limit !== undefined) {
    info.limit = limit;
  }
  if (remaining !== undefined) {
    info.remaining = remaining;
  }
  if (reset !== undefined) {
    info.resetAt = new Date(reset * 1000);
  } else {
    const retryAfter = header(headers, 'retry-after');
    const seconds = nonNegativeInt(retryAfter);
    if (seconds !== undefined) {
      info.resetAt = new Date(clock.now() + seconds * 1000);
    } else if (retryAfter !== undefined && !Number.isNaN(Date.parse(retryAfter))) {
      info.resetAt = new Date(Date.parse(retryAfter));
    }
  }
  return Object.keys(info).length > 0 ? info : undefined;
}

function safeRead(
  readError: ErrorBodyReader,
  status: number,
  body: Buffer,
  contentType: string | undefined,
): { message?: string; errorName?: string } {
  try {
    return readError(status, body, contentType) ?? {};
  } catch {
    return {}; // a reader must not throw, but a broken one must not hide the real error either
  }
}

/**
 * Maps a non-2xx response to a typed error (the ONLY such mapping):
 * 401/403 → AuthError; 404/410 → NotFoundError; 409 → ConflictError; 429 → RateLimitError (with
 * limit/remaining/resetAt); 5xx → ServerError; 400/422 and every other 4xx (e.g. 402 payment/plan
 * limits) → InvalidInputError; anything else (1xx/3xx that reached us) → BadResponseError.
 * The message is the service's error_msg when the reader found one, else a plain default.
 */
export function toHttpError(
  status: number,
  body: Buffer,
  headers: Record<string, string>,
  readError: ErrorBodyReader,
  clock: Clock = systemClock,
): SignDeskError {
  const { message: serviceMessage, errorName } = safeRead(readError, status, body, header(headers, 'content-type'));
  const options = { status, errorName };
  const message = (fallback: string) => serviceMessage ?? `${fallback} (HTTP ${status}).`;

  if (status === 401 || status === 403) {
    return new AuthError(message('The service refused the sign-in or access token'), options);
  }
  if (status === 404 || status === 410) {
    return new NotFoundError(message(status === 410 ? 'It no longer exists' : 'Not found'), options);
  }
  if (status === 409) {
    return new ConflictError(message('The service cannot do this right now; try again shortly'), options);
  }
  if (status === 429) {
    return new RateLimitError(message('Too many requests'), { ...options, ...parseRateLimit(headers, clock) });
  }
  if (status >= 500 && status <= 599) {
    return new ServerError(message('The service had a problem'), options);
  }
  if (status >= 400 && status <= 499) {
    return new InvalidInputError(message('The service rejected the request'), options);
  }
  return new BadResponseError(`Unexpected response status (HTTP ${status}).`, options);
}
