// The HTTP seam: everything above src/core talks to an HttpClient, never to fetch directly.
// The node-fetch implementation lives in fetchHttpClient.ts; tests inject fakes.

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  resetAt?: Date;
}

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * What a response is expected to be, which picks its size cap: `data` (JSON or text, the default) or
 * `file` (a document download, or JSON carrying one).
 */
export type ResponseKind = 'data' | 'file';

export type QueryValue = string | number | boolean | undefined | Array<string | number>;

export type HttpBody =
  | { json: unknown }
  | { form: Record<string, string> }
  | { multipart: { fields: Array<[string, string]>; files: MultipartFile[] } }
  /** Bytes sent as they are (Dropbox's upload style: the arguments travel in a header). */
  | { bytes: Buffer; contentType: string };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL; may already carry a query string (query entries are appended). */
  url: string;
  /** undefined values are skipped; arrays repeat the key (`k=a&k=b`). */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: HttpBody;
  /** Overrides the client's default timeout. */
  timeoutMs?: number;
  /** Caller cancellation (e.g. Cancel on a progress notification) → CancelledError. */
  signal?: AbortSignal;
  /** Size cap of the answer (default `data`); a larger answer → ResponseTooLargeError. */
  responseKind?: ResponseKind;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
  rateLimit?: RateLimitInfo;
  text(): string;
  /** Parses the body as JSON; throws BadResponseError when it is not JSON. */
  json<T = unknown>(): T;
}

export interface HttpClient {
  /**
   * Resolves only for 2xx. Otherwise throws a typed error from ./errors: the status→error mapping
   * (AuthError, NotFoundError, ConflictError, RateLimitError, ServerError, InvalidInputError),
   * NetworkError (no response / timeout), CancelledError (req.signal aborted),
   * ResponseTooLargeError (over the cap for req.responseKind), RedirectError (a redirect it does not follow:
   * every redirect of a non-GET; for a GET a loop, an https→http downgrade or a bad Location).
   * A GET follows up to a few redirects, and never carries Authorization to another origin.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
}

/**
 * Reads the service's message and error name (and the scope a token lacks) out of an error body. Service-specific
 * (providers supply it); must never throw and must tolerate HTML or garbage.
 */
export type ErrorBodyReader = (
  status: number,
  body: Buffer,
  contentType: string | undefined,
) => { message?: string; errorName?: string; scope?: string } | undefined;
