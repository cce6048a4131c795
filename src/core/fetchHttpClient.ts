// The HttpClient over node-fetch v2 — the only file that imports node-fetch.
//
// Errors: non-2xx → toHttpError (typed by status); no response / dropped connection → NetworkError;
// our timeout → NetworkError{timedOut:true}; the caller's signal → CancelledError.
// Retries: never for POST/PUT/DELETE (the server may have acted). A GET is retried once, at once,
// only when the connection was refused or reset before any response arrived.
import * as http from 'node:http';
import * as https from 'node:https';
import fetch, { type RequestInit } from 'node-fetch';
import { systemClock, type Clock } from './clock';
import { BadResponseError, CancelledError, NetworkError, SignDeskError } from './errors';
import type { ErrorBodyReader, HttpBody, HttpClient, HttpRequest, HttpResponse, QueryValue } from './http';
import { parseRateLimit, toHttpError } from './httpErrors';
import { bodyForLog, headersForLog } from './httpTrace';
import { noopLogger, redact, type Logger } from './log';
import { encodeMultipart } from './multipart';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface FetchHttpClientOptions {
  /** Whole-request timeout (connect + headers + body), default 30 s. */
  timeoutMs?: number;
  userAgent: string;
  readError: ErrorBodyReader;
  logger?: Logger;
  clock?: Clock;
  /** For tests: a fetch with node-fetch's signature. */
  fetchImpl?: typeof fetch;
}

const RETRYABLE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);
/** Failures that happened before any response arrived (only those may be retried). */
const failedBeforeResponse = new WeakSet<NetworkError>();

export class FetchHttpClient implements HttpClient {
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: FetchHttpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.logger = options.logger ?? noopLogger;
    this.clock = options.clock ?? systemClock;
    this.fetchImpl = options.fetchImpl ?? fetch;
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
    const url = buildUrl(req.url, req.query);
    const logUrl = redact(url);
    const { body, contentType } = encodeBody(req.body);
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent };
    if (contentType) {
      headers['Content-Type'] = contentType;
    }
    Object.assign(headers, req.headers);

    const tracing = this.logger.isTraceEnabled?.() === true;
    if (tracing) {
      this.logger.trace(`${req.method} ${logUrl} request headers ${headersForLog(headers)}, body ${bodyForLog(body, contentType)}`);
    }

    const controller = new AbortController();
    let timedOut = false;
    let dropped = false;
    const onDropped = () => {
      dropped = true;
      controller.abort();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, req.timeoutMs ?? this.timeoutMs);
    const onCallerAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const started = this.clock.now();
    const elapsed = () => `${this.clock.now() - started} ms`;
    let status: number | undefined;
    try {
      const init: RequestInit = {
        method: req.method,
        headers,
        body,
        // node-fetch declares its own AbortSignal type; the platform one is what it checks for at runtime.
        signal: controller.signal as unknown as RequestInit['signal'],
        agent: (parsed) => watchingAgent(parsed.protocol === 'https:' ? https.globalAgent : http.globalAgent, onDropped),
      };
      const res = await this.fetchImpl(url, init);
      status = res.status;
      const responseBody = Buffer.from(await res.arrayBuffer());
      const responseHeaders = headersToRecord(res.headers);
      this.logger.debug(`${req.method} ${logUrl} → ${res.status} (${elapsed()}, ${responseBody.length} bytes)`);
      if (tracing) {
        this.logger.trace(`${req.method} ${logUrl} response body ${bodyForLog(responseBody, responseHeaders['content-type'])}`);
      }
      if (res.status < 200 || res.status > 299) {
        throw toHttpError(res.status, responseBody, responseHeaders, this.options.readError, this.clock);
      }
      return makeResponse(res.status, responseHeaders, responseBody, parseRateLimit(responseHeaders, this.clock));
    } catch (error) {
      if (error instanceof SignDeskError) {
        throw error;
      }
      const mapped = this.mapFailure(error, url, req.signal?.aborted === true, timedOut && !dropped, status);
      this.logger.debug(`${req.method} ${logUrl} failed after ${elapsed()}: ${mapped.name}: ${mapped.message}`);
      throw mapped;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
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
            : 'Dropbox Sign sent an answer SignDesk could not read.',
          { status, cause: detail },
        );
      }
    },
  };
}
