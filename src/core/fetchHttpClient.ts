// The HttpClient over node-fetch v2 — the only file that imports node-fetch.
//
// Errors: non-2xx → toHttpError (typed by status); no response / dropped connection → NetworkError;
// our timeout → NetworkError{timedOut:true}; the caller's signal → CancelledError; an answer over its
// size cap → ResponseTooLargeError; a redirect it does not follow → RedirectError (see redirects.ts).
// Retries: never for POST/PUT/DELETE (the server may have acted). A GET is retried once, at once,
// only when the connection was refused or reset before any response arrived.
import * as http from 'node:http';
import * as https from 'node:https';
import fetch, { type RequestInit } from 'node-fetch';
import { declaredIdentityLength, readCappedBody } from './cappedBody';
import { systemClock, type Clock } from './clock';
import { BadResponseError, CancelledError, NetworkError, ResponseTooLargeError, SignDeskError } from './errors';
import type { ErrorBodyReader, HttpBody, HttpClient, HttpRequest, HttpResponse, QueryValue, ResponseKind } from './http';
import { parseRateLimit, toHttpError } from './httpErrors';
import { bodyForLog, headersForLog } from './httpTrace';
import { noopLogger, redact, type Logger, type SecretSource } from './log';
import { encodeMultipart } from './multipart';
import { hostOf, isRedirectStatus, leavesOrigin, redirectTarget, withoutCredentials } from './redirects';

export const DEFAULT_TIMEOUT_MS = 30_000;

const MIB = 1024 * 1024;

/**
 * Size caps per kind of answer, counted after decompression. Data: a page of 100 signature requests with
 * every metadata field full is about 2 MB. File: signature services take files of up to about 40 MB each; a
 * merged PDF or a ZIP of several, or one as a base64 data URI (a third larger), stays under this.
 */
export const DEFAULT_RESPONSE_LIMITS: Readonly<Record<ResponseKind, number>> = { data: 8 * MIB, file: 150 * MIB };

/** Error and redirect answers are read only this far: the status decides, the body only adds the service's message. */
const ERROR_BODY_LIMIT = 64 * 1024;

export interface FetchHttpClientOptions {
  /** Whole-request timeout (connect + headers + body, every redirect included), default 30 s. */
  timeoutMs?: number;
  userAgent: string;
  /** The service these requests go to, named when its answer cannot be read (one client per service). */
  serviceLabel: string;
  readError: ErrorBodyReader;
  /** Live secrets: redacted from the service's error messages, which users read. */
  secrets?: SecretSource;
  logger?: Logger;
  clock?: Clock;
  /** Size caps per response kind (default DEFAULT_RESPONSE_LIMITS); tests set small ones. */
  responseLimits?: Partial<Record<ResponseKind, number>>;
  /** For tests: a fetch with node-fetch's signature. */
  fetchImpl?: typeof fetch;
}

const RETRYABLE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);
/** Failures that happened before any response arrived (only those may be retried). */
const failedBeforeResponse = new WeakSet<NetworkError>();

interface HopResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export class FetchHttpClient implements HttpClient {
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  private readonly limits: Record<ResponseKind, number>;

  constructor(private readonly options: FetchHttpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.logger = options.logger ?? noopLogger;
    this.clock = options.clock ?? systemClock;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.limits = { ...DEFAULT_RESPONSE_LIMITS, ...options.responseLimits };
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.attempt(req);
    } catch (error) {
      if (req.method === 'GET' && isRetryableConnectionError(error)) {
        this.logger.debug(`GET ${redact(stripQuery(req.url))}: connection failed before any response; retrying once`);
        return this.attempt(req);
      }
      throw error;
    }
  }

  private async attempt(req: HttpRequest): Promise<HttpResponse> {
    if (req.signal?.aborted) {
      throw new CancelledError();
    }
    const { body, contentType } = encodeBody(req.body);
    let headers: Record<string, string> = { 'User-Agent': this.options.userAgent };
    if (contentType) {
      headers['Content-Type'] = contentType;
    }
    Object.assign(headers, req.headers);
    const kind = req.responseKind ?? 'data';

    // One timeout and one cancel for the whole request; each hop (redirect) gets its own connection abort.
    const overall = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      overall.abort();
    }, req.timeoutMs ?? this.timeoutMs);
    const onCallerAbort = () => overall.abort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const started = this.clock.now();
    const elapsed = () => `${this.clock.now() - started} ms`;
    let url = buildUrl(req.url, req.query);
    const hopState = { status: undefined as number | undefined, dropped: false };
    try {
      for (let followed = 0; ; followed += 1) {
        const logUrl = redact(url);
        if (this.logger.isTraceEnabled?.() === true) {
          this.logger.trace(`${req.method} ${logUrl} request headers ${headersForLog(headers)}, body ${bodyForLog(body, contentType)}`);
        }
        const hop = await this.hop(req.method, url, headers, body, kind, overall.signal, hopState);
        this.logger.debug(`${req.method} ${logUrl} → ${hop.status} (${elapsed()}, ${hop.body.length} bytes)`);
        if (this.logger.isTraceEnabled?.() === true) {
          this.logger.trace(`${req.method} ${logUrl} response body ${bodyForLog(hop.body, hop.headers['content-type'])}`);
        }
        const location = hop.headers.location;
        if (isRedirectStatus(hop.status) && location !== undefined) {
          const next = redirectTarget(req.method, url, hop.status, location, followed);
          if (leavesOrigin(url, next)) {
            headers = withoutCredentials(headers);
          }
          url = next;
          continue;
        }
        if (hop.status < 200 || hop.status > 299) {
          throw toHttpError(hop.status, hop.body, hop.headers, this.options.readError, this.clock, this.options.secrets?.values());
        }
        return makeResponse(hop.status, hop.headers, hop.body, parseRateLimit(hop.headers, this.clock), this.options.serviceLabel);
      }
    } catch (error) {
      if (error instanceof SignDeskError) {
        throw error;
      }
      const mapped = this.mapFailure(error, url, req.signal?.aborted === true, timedOut && !hopState.dropped, hopState.status);
      this.logger.debug(`${req.method} ${redact(url)} failed after ${elapsed()}: ${mapped.name}: ${mapped.message}`);
      throw mapped;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** One request/response, redirects not followed, the body read up to its cap. */
  private async hop(
    method: HttpRequest['method'],
    url: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    kind: ResponseKind,
    overall: AbortSignal,
    state: { status: number | undefined; dropped: boolean },
  ): Promise<HopResult> {
    const connection = new AbortController();
    const abortConnection = () => connection.abort();
    overall.addEventListener('abort', abortConnection, { once: true });
    if (overall.aborted) {
      connection.abort();
    }
    let stoppedReading = false;
    const onDropped = () => {
      if (!stoppedReading) {
        state.dropped = true;
        connection.abort();
      }
    };
    state.status = undefined;
    try {
      const init: RequestInit = {
        method,
        headers,
        body,
        redirect: 'manual',
        // node-fetch declares its own AbortSignal type; the platform one is what it checks for at runtime.
        signal: connection.signal as unknown as RequestInit['signal'],
        agent: (parsed) => watchingAgent(parsed.protocol === 'https:' ? https.globalAgent : http.globalAgent, onDropped),
      };
      const res = await this.fetchImpl(url, init);
      state.status = res.status;
      const responseHeaders = headersToRecord(res.headers);
      const ok = res.status >= 200 && res.status <= 299;
      const limitBytes = ok ? this.limits[kind] : ERROR_BODY_LIMIT;
      const responseBody = await readCappedBody(res.body, declaredIdentityLength(responseHeaders), {
        limitBytes,
        truncate: !ok,
        stop: () => {
          stoppedReading = true;
          connection.abort();
        },
        tooLarge: () => tooLargeError(url, kind, limitBytes, res.status),
      });
      return { status: res.status, headers: responseHeaders, body: responseBody };
    } finally {
      overall.removeEventListener('abort', abortConnection);
    }
  }

  private mapFailure(
    error: unknown,
    url: string,
    cancelled: boolean,
    timedOut: boolean,
    status: number | undefined,
  ): SignDeskError {
    const host = hostOf(url);
    if (cancelled) {
      return new CancelledError(undefined, { cause: error });
    }
    if (timedOut) {
      return new NetworkError(`${host} did not answer in time.`, { timedOut: true, cause: error });
    }
    if (status !== undefined && isDecompressionError(error)) {
      // zlib refused the body: the answer is broken, not the connection.
      return new BadResponseError(`${host} sent a compressed answer SignDesk could not decompress.`, { status, cause: error });
    }
    const code = errorCode(error);
    const what = status === undefined ? `Could not reach ${host}` : `The connection to ${host} dropped`;
    const failure = new NetworkError(`${what}${code ? ` (${code})` : ''}.`, { errorName: code, cause: error });
    if (status === undefined) {
      failedBeforeResponse.add(failure);
    }
    return failure;
  }
}

/**
 * node-fetch v2 notices a connection dropped mid-body only for chunked responses; with a
 * Content-Length the body just never ends (until our timeout). This per-request view of the shared
 * agent (same pool, keep-alive intact) watches the response and reports a close before completion.
 */
function watchingAgent(shared: http.Agent, onDropped: () => void): http.Agent {
  const agent = Object.create(shared) as http.Agent & {
    addRequest(req: http.ClientRequest, options: unknown): void;
  };
  const sharedWithInternals = shared as typeof agent;
  agent.addRequest = (req, options) => {
    req.once('response', (incoming: http.IncomingMessage) => {
      incoming.once('close', () => {
        if (!incoming.complete) {
          onDropped();
        }
      });
    });
    sharedWithInternals.addRequest(req, options);
  };
  return agent;
}

const SIZE_WORDS: Record<ResponseKind, string> = { data: 'an answer', file: 'a file' };

function formatBytes(bytes: number): string {
  return bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

function tooLargeError(url: string, kind: ResponseKind, limitBytes: number, status: number): ResponseTooLargeError {
  return new ResponseTooLargeError(
    `${hostOf(url)} sent ${SIZE_WORDS[kind]} larger than SignDesk accepts (${formatBytes(limitBytes)}), so SignDesk stopped reading it.`,
    { status, limitBytes },
  );
}

function isRetryableConnectionError(error: unknown): boolean {
  return (
    error instanceof NetworkError &&
    failedBeforeResponse.has(error) &&
    error.errorName !== undefined &&
    RETRYABLE_CONNECTION_CODES.has(error.errorName)
  );
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : undefined;
}

/** zlib's codes (Z_DATA_ERROR…) and brotli's (ERR__ERROR_FORMAT_PADDING_1, ERR_BROTLI_…). */
function isDecompressionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(Z_|ERR__ERROR_|ERR_BROTLI)/.test(code);
}

function stripQuery(url: string): string {
  return url.split(/[?#]/)[0];
}

export function buildUrl(base: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) {
    return base;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const encoded = params.toString();
  if (encoded === '') {
    return base;
  }
  const [withoutHash, hash] = splitOnce(base, '#');
  const separator = withoutHash.includes('?') ? (/[?&]$/.test(withoutHash) ? '' : '&') : '?';
  return `${withoutHash}${separator}${encoded}${hash === undefined ? '' : `#${hash}`}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function encodeBody(body: HttpBody | undefined): { body?: Buffer; contentType?: string } {
  if (!body) {
    return {};
  }
  if ('json' in body) {
    return { body: Buffer.from(JSON.stringify(body.json), 'utf8'), contentType: 'application/json' };
  }
  if ('form' in body) {
    return {
      body: Buffer.from(new URLSearchParams(body.form).toString(), 'utf8'),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if ('bytes' in body) {
    return { body: body.bytes, contentType: body.contentType };
  }
  const encoded = encodeMultipart(body.multipart.fields, body.multipart.files);
  return { body: encoded.body, contentType: encoded.contentType };
}

function headersToRecord(headers: { forEach(cb: (value: string, name: string) => void): void }): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}

/** Builds an HttpResponse; exported so fakes in other tests produce the same behaviour. */
export function makeResponse(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  rateLimit?: HttpResponse['rateLimit'],
  /** Named when the body is not the JSON asked for. */
  serviceLabel = 'The service',
): HttpResponse {
  return {
    status,
    headers,
    body,
    rateLimit,
    text: () => body.toString('utf8'),
    json<T = unknown>(): T {
      const text = body.toString('utf8');
      try {
        return JSON.parse(text) as T;
      } catch {
        const contentType = headers['content-type'];
        const looksHtml = /^\s*</.test(text);
        // The content type is for the log (describeError prints the cause), not for the user.
        const detail = new Error(`unparsable JSON body${contentType ? ` (content type ${contentType.split(';')[0]})` : ''}`);
        throw new BadResponseError(
          looksHtml
            ? 'The service answered with a web page instead of data. Check the API base URL setting.'
            : `${serviceLabel} sent an answer SignDesk could not read.`,
          { status, cause: detail },
        );
      }
    },
  };
}
