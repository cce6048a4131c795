// Typed errors shared by every layer. Messages are written to be shown to a user as-is: they never
// contain tokens, codes or secrets, and include the service's own message (error_msg) when it sent one.

export type SignDeskErrorKind =
  | 'auth'
  | 'notFound'
  | 'conflict'
  | 'rateLimit'
  | 'server'
  | 'network'
  | 'cancelled'
  | 'invalidInput'
  | 'badResponse';

export interface SignDeskErrorOptions {
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** The service's machine-readable error name, e.g. `exceeded_rate`, `invalid_grant`. */
  errorName?: string;
  cause?: unknown;
}

export abstract class SignDeskError extends Error {
  abstract readonly kind: SignDeskErrorKind;
  readonly status?: number;
  readonly errorName?: string;

  constructor(message: string, options: SignDeskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.errorName = options.errorName;
  }
}

/** 401/403: the token (or API key, or app credentials) was refused. `errorName` says why, e.g. `invalid_grant`. */
export class AuthError extends SignDeskError {
  readonly kind = 'auth' as const;
}

/**
 * Error names of a 401/403 saying the token lacks a scope: Dropbox's `missing_scope`, OAuth bearer's
 * (RFC 6750) `insufficient_scope`, signNow's `invalid_scope`.
 */
export const MISSING_SCOPE_NAMES: ReadonlySet<string> = new Set(['missing_scope', 'insufficient_scope', 'invalid_scope']);

/**
 * The token lacks a scope (`scope`, when the service named it). A refresh brings the same scopes, so only
 * signing in again (a new consent) helps; the stored session stays as it is.
 */
export class MissingScopeError extends AuthError {
  readonly scope?: string;

  constructor(message: string, options: SignDeskErrorOptions & { scope?: string } = {}) {
    super(message, options);
    this.scope = options.scope;
  }
}

/** 404/410: the thing is gone or never existed. */
export class NotFoundError extends SignDeskError {
  readonly kind = 'notFound' as const;
}

/** 409: the service cannot do it right now, e.g. the files are still being prepared. */
export class ConflictError extends SignDeskError {
  readonly kind = 'conflict' as const;
}

export interface RateLimitErrorOptions extends SignDeskErrorOptions {
  resetAt?: Date;
  limit?: number;
  remaining?: number;
}

/** 429: too many requests; `resetAt` says when trying again makes sense (if the service told us). */
export class RateLimitError extends SignDeskError {
  readonly kind = 'rateLimit' as const;
  readonly resetAt?: Date;
  readonly limit?: number;
  readonly remaining?: number;

  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, options);
    this.resetAt = options.resetAt;
    this.limit = options.limit;
    this.remaining = options.remaining;
  }
}

/** 5xx: the service failed. */
export class ServerError extends SignDeskError {
  readonly kind = 'server' as const;
}

export interface NetworkErrorOptions extends SignDeskErrorOptions {
  timedOut?: boolean;
}

/** No (complete) response: connection refused/reset/dropped, DNS failure, or our timeout fired. */
export class NetworkError extends SignDeskError {
  readonly kind = 'network' as const;
  readonly timedOut: boolean;

  constructor(message: string, options: NetworkErrorOptions = {}) {
    super(message, options);
    this.timedOut = options.timedOut ?? false;
  }
}

/** The caller aborted (e.g. Cancel on a progress notification). Not a failure: usually shown to nobody. */
export class CancelledError extends SignDeskError {
  readonly kind = 'cancelled' as const;

  constructor(message = 'The operation was cancelled.', options: SignDeskErrorOptions = {}) {
    super(message, options);
  }
}

/** 400/422 from the service, or input we refused before sending anything. */
export class InvalidInputError extends SignDeskError {
  readonly kind = 'invalidInput' as const;
}

/** A setting holds a value SignDesk refuses to use (e.g. a base URL that is not https); nothing was sent. */
export class SettingsError extends InvalidInputError {}

/** A 2xx (or an error) whose body is not what we expected: HTML, malformed JSON, missing fields, wrong types. */
export class BadResponseError extends SignDeskError {
  readonly kind = 'badResponse' as const;
}

/**
 * An answer larger than SignDesk reads for its kind (data or a file). Reading stopped as soon as the
 * decompressed size crossed `limitBytes`; nothing of it is used.
 */
export class ResponseTooLargeError extends BadResponseError {
  readonly limitBytes: number;

  constructor(message: string, options: SignDeskErrorOptions & { limitBytes: number }) {
    super(message, { errorName: 'response_too_large', ...options });
    this.limitBytes = options.limitBytes;
  }
}

/**
 * A redirect SignDesk does not follow: any redirect of a request that sends data (POST/PUT/DELETE
 * could carry secrets to another host), a loop, a downgrade to http, or an unusable Location.
 * `target` is the origin it pointed to (never its path or query, which may hold a code).
 */
export class RedirectError extends BadResponseError {
  readonly target?: string;

  constructor(message: string, options: SignDeskErrorOptions & { target?: string }) {
    super(message, { errorName: 'redirect', ...options });
    this.target = options.target;
  }
}

export function isSignDeskError(error: unknown): error is SignDeskError {
  return error instanceof SignDeskError;
}
