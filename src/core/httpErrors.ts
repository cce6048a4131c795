// The one mapping from an HTTP status (+ body, + headers) to a typed error, and rate-limit header parsing.
// Pure functions: the fetch client uses them, and fakes in tests can too.
import { systemClock, type Clock } from './clock';
import {
  AuthError,
  BadResponseError,
  ConflictError,
  InvalidInputError,
  MISSING_SCOPE_NAMES,
  MissingScopeError,
  NotFoundError,
  RateLimitError,
  ServerError,
  type SignDeskError,
} from './errors';
import type { ErrorBodyReader, RateLimitInfo } from './http';
import { userFacingText } from './log';

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

/**
 * How far from now a reset time is believed. The services count in windows of a minute or so, so a reset more
 * than an hour away is a unit mistake (milliseconds sent as seconds lands in the year 55,000) or garbage:
 * it is ignored, and callers fall back to their own short wait, after which the next answer brings
 * fresh headers. Honouring it, even clamped, would block every list call for an hour on bad data.
 * A reset up to an hour in the past (clock skew) counts as "now"; older ones are ignored too.
 */
export const RATE_LIMIT_HORIZON_MS = 60 * 60_000;

/** A count: digits only (no sign, fraction or exponent), at most 9 of them. */
function count(value: string | undefined): number | undefined {
  return value !== undefined && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : undefined;
}

/** Epoch values from 1e11 on are milliseconds: as seconds they would lie beyond the year 5000. */
const EPOCH_MS_THRESHOLD = 1e11;

/** X-Ratelimit-Reset: epoch seconds (a fraction allowed), or epoch milliseconds recognised by size. */
function resetFromEpoch(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,16}(\.\d{1,9})?\s*$/.test(value)) {
    return undefined;
  }
  const epoch = Number(value);
  return epoch >= EPOCH_MS_THRESHOLD ? epoch : epoch * 1000;
}

/** Retry-After: delay-seconds (digits only) or an HTTP date. */
function resetFromRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const seconds = count(value);
  if (seconds !== undefined) {
    return now + seconds * 1000;
  }
  // An HTTP date names a weekday or month; Date.parse alone would also take "12" or "-1".
  return /[a-z]{3}/i.test(value) ? Date.parse(value) : undefined;
}

/** The reset time if it is believable (see RATE_LIMIT_HORIZON_MS), never before now. */
function believableReset(at: number | undefined, now: number): Date | undefined {
  if (at === undefined || !Number.isFinite(at) || at > now + RATE_LIMIT_HORIZON_MS || at < now - RATE_LIMIT_HORIZON_MS) {
    return undefined;
  }
  return new Date(Math.max(at, now));
}

/**
 * X-RateLimit-Limit, X-RateLimit-Remaining, X-Ratelimit-Reset (epoch seconds), any case, each checked:
 * counts are whole numbers (limit above 0, remaining not above limit), the reset believable (see
 * RATE_LIMIT_HORIZON_MS). Without a usable reset, `Retry-After` (seconds or an HTTP date) gives `resetAt`,
 * under the same rule. Values that fail a check are left out; undefined when nothing is usable.
 */
export function parseRateLimit(headers: Record<string, string>, clock: Clock = systemClock): RateLimitInfo | undefined {
  const now = clock.now();
  const info: RateLimitInfo = {};
  const limit = count(header(headers, 'x-ratelimit-limit'));
  const remaining = count(header(headers, 'x-ratelimit-remaining'));
  if (limit !== undefined && limit > 0) {
    info.limit = limit;
  }
  // More left than the limit allows: one of the two is wrong, and "how many are left" is the one acted on.
  if (remaining !== undefined && (info.limit === undefined || remaining <= info.limit)) {
    info.remaining = remaining;
  }
  const resetAt =
    believableReset(resetFromEpoch(header(headers, 'x-ratelimit-reset')), now) ??
    believableReset(resetFromRetryAfter(header(headers, 'retry-after'), now), now);
  if (resetAt !== undefined) {
    info.resetAt = resetAt;
  }
  return Object.keys(info).length > 0 ? info : undefined;
}

function safeRead(
  readError: ErrorBodyReader,
  status: number,
  body: Buffer,
  contentType: string | undefined,
): NonNullable<ReturnType<ErrorBodyReader>> {
  try {
    return readError(status, body, contentType) ?? {};
  } catch {
    return {}; // a reader must not throw, but a broken one must not hide the real error either
  }
}

/**
 * Maps a non-2xx response to a typed error (the ONLY such mapping):
 * 401/403 → AuthError (MissingScopeError when the body says a scope is missing); 404/410 → NotFoundError; 409 → ConflictError; 429 → RateLimitError (with
 * limit/remaining/resetAt); 5xx → ServerError; 400/422 and every other 4xx (e.g. 402 payment/plan
 * limits) → InvalidInputError; anything else (1xx/3xx that reached us) → BadResponseError.
 * The message is the service's error_msg when the reader found one, else a plain default. Messages are
 * shown to users, so the service's text is redacted (with `secrets`, the live ones) and then clipped.
 */
export function toHttpError(
  status: number,
  body: Buffer,
  headers: Record<string, string>,
  readError: ErrorBodyReader,
  clock: Clock = systemClock,
  secrets?: Iterable<string>,
): SignDeskError {
  const { message: rawMessage, errorName, scope: rawScope } = safeRead(readError, status, body, header(headers, 'content-type'));
  // A scope is an identifier the user is told to allow; anything else is not shown.
  const scope = rawScope !== undefined && /^[\w.:/-]{1,100}$/.test(rawScope) ? rawScope : undefined;
  const serviceMessage = rawMessage === undefined ? undefined : userFacingText(rawMessage, secrets) || undefined;
  const options = { status, errorName };
  const message = (fallback: string) => serviceMessage ?? `${fallback} (HTTP ${status}).`;

  if ((status === 401 || status === 403) && errorName !== undefined && MISSING_SCOPE_NAMES.has(errorName)) {
    return new MissingScopeError(message(`The sign-in lacks the ${scope ? `“${scope}” ` : ''}permission this needs`), { ...options, scope });
  }
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
