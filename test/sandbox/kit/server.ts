// The HTTP side every sandbox shares: loopback only, one handler per request, injected faults first,
// every exchange recorded for the contract tests, and a clean close.
import * as http from 'http';
import { ApiError } from './http';
import { ActiveFault, FaultBodies, FaultKind, Faults, serveFault } from './faults';

export interface Exchange {
  method: string;
  /** path without query, e.g. /v3/signature_request/list */
  path: string;
  query: string;
  /** the spec operation, where the service knows it */
  operationId?: string;
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
  /** set when the response was an injected fault (not expected to follow the spec) */
  fault?: FaultKind;
}

/** Answers one request; `exchange` is where to note the operation (undefined when nobody records). */
export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, exchange: Partial<Exchange> | undefined) => Promise<void>;

export interface HttpSandboxOptions {
  host: string;
  /** 0 = any free port */
  port: number;
  onExchange?: (exchange: Exchange) => void;
  /** writes the service's error body for an ApiError that escaped the handler (500 for anything else) */
  sendError: (res: http.ServerResponse, e: ApiError) => void;
}

export interface HttpSandbox {
  /** http://host:port */
  baseUrl: string;
  port: number;
  /** timers of `delay` faults, cleared on close */
  timers: Set<NodeJS.Timeout>;
  /** starts serving (requests before this answer 503): the handler usually needs `baseUrl` first */
  serve(handler: RequestHandler): void;
  close(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function startHttpSandbox(options: HttpSandboxOptions): Promise<HttpSandbox> {
  if (!isLoopbackHost(options.host)) throw new Error(`the sandbox listens on loopback only (got host ${options.host})`);
  const timers = new Set<NodeJS.Timeout>();
  let handler: RequestHandler | undefined;
  let baseUrl = '';
  const server = http.createServer((req, res) => {
    if (!handler) {
      res.writeHead(503).end();
      return;
    }
    const url = new URL(req.url ?? '/', baseUrl);
    const exchange = options.onExchange ? record(req, res, url, options.onExchange) : undefined;
    handler(req, res, url, exchange).catch((e: unknown) => {
      // An ApiError is an answer (the service's error body); anything else is a sandbox bug worth a stack.
      if (e instanceof ApiError && !res.headersSent) return options.sendError(res, e);
      process.stderr.write(`sandbox: ${req.method} ${url.pathname} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      if (!res.headersSent) options.sendError(res, new ApiError(500, 'internal_error', 'Sandbox internal error.'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  baseUrl = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    baseUrl,
    port,
    timers,
    serve: (h) => (handler = h),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Serves the first injected fault matching this request, if any. Resolves true when the request should
 * then be handled normally (no fault, or a `delay` that has passed), false when the fault was the answer.
 */
export async function applyFault(
  faults: Faults,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  opts: { defaultDelayMs: number; timers: Set<NodeJS.Timeout>; bodies: FaultBodies; exchange?: Partial<Exchange> },
): Promise<boolean> {
  const fault: ActiveFault | undefined = faults.take(req.method ?? 'GET', url.pathname);
  if (!fault) return true;
  if (opts.exchange) opts.exchange.fault = fault.kind;
  const proceed = await serveFault(fault, req, res, opts.defaultDelayMs, opts.timers, opts.bodies);
  if (proceed && opts.exchange) opts.exchange.fault = undefined;
  return proceed;
}

/** Wraps the response so the whole exchange (status, headers, body) reaches `sink` when it ends. */
function record(req: http.IncomingMessage, res: http.ServerResponse, url: URL, sink: (e: Exchange) => void): Partial<Exchange> {
  const exchange: Partial<Exchange> = { method: req.method ?? 'GET', path: url.pathname, query: url.search };
  const chunks: Buffer[] = [];
  // Headers given to writeHead are not visible through getHeaders(), so collect them here.
  const headers: http.OutgoingHttpHeaders = {};
  type Fn = (...args: unknown[]) => unknown;
  const patch = (name: 'writeHead' | 'write' | 'end', before: (args: unknown[]) => void) => {
    const original = (res[name] as Fn).bind(res);
    (res as unknown as Record<string, Fn>)[name] = (...args: unknown[]) => {
      before(args);
      return original(...args);
    };
  };
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  patch('writeHead', (args) => {
    const h = args.slice(1).find((x) => x && typeof x === 'object');
    if (h) for (const [k, v] of Object.entries(h as Record<string, unknown>)) headers[k.toLowerCase()] = v as string;
  });
  patch('write', (args) => keep(args[0], args[1]));
  patch('end', (args) => keep(args[0], args[1]));
  res.on('finish', () => {
    sink({ ...(exchange as Exchange), status: res.statusCode, headers: { ...res.getHeaders(), ...headers }, body: Buffer.concat(chunks) });
  });
  return exchange;
}
