// Faults on demand: the next N requests to a path get a failure instead of (or before) the real answer.
import * as http from 'http';

export const FAULT_KINDS = ['server_error', 'html_503', 'delay', 'malformed_json', 'unauthorized', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Short aliases accepted by the admin endpoint. */
const ALIASES: Record<string, FaultKind> = { '500': 'server_error', '503': 'html_503', '401': 'unauthorized', malformed: 'malformed_json', timeout: 'delay' };

/** What a service answers for the faults that have a body (each service writes its own error shape). */
export interface FaultBodies {
  /** JSON body of the 500 */
  serverError: unknown;
  /** JSON body of the 401 (as for an expired token) */
  unauthorized: unknown;
  /** a truncated JSON text served with 200 */
  malformedJson: string;
}

export interface FaultSpec {
  /** request path (e.g. `/v3/signature_request/list`, `/oauth/token`); a trailing `*` matches a prefix */
  path: string;
  method?: string;
  kind: FaultKind;
  /** how many matching requests get it (default 1) */
  count?: number;
  /** for `delay`: how long before the normal answer (default: config.faultDelayMs) */
  delayMs?: number;
}

/** What every sandbox's fault spec has; a service adds its own kinds and fields. */
export interface FaultFields {
  path: string;
  method?: string;
  kind: string;
  count?: number;
  delayMs?: number;
}

/** A fault waiting to be served, with how many more requests get it. */
export type Active<F extends FaultFields> = F & { remaining: number };
export type ActiveFault = Active<FaultSpec>;

/** The path, method, kind, count and delay of an admin request, checked; `kinds` are the service's own. */
export function normalizeFaultFields<K extends string>(input: Record<string, unknown>, kinds: readonly K[], aliases: Record<string, K> = {}): FaultFields & { kind: K } {
  const kind = aliases[String(input.kind)] ?? (String(input.kind) as K);
  if (!kinds.includes(kind)) throw new Error(`kind must be one of ${[...kinds, ...Object.keys(aliases)].join(', ')}`);
  if (typeof input.path !== 'string' || !input.path.startsWith('/')) throw new Error('path must be a string starting with /');
  const count = input.count === undefined ? 1 : Number(input.count);
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const delayMs = input.delayMs === undefined ? undefined : Number(input.delayMs);
  if (delayMs !== undefined && !(delayMs >= 0)) throw new Error('delayMs must be a number >= 0');
  return { path: input.path, method: typeof input.method === 'string' ? input.method.toUpperCase() : undefined, kind, count, delayMs };
}

export function normalizeFault(input: Record<string, unknown>): FaultSpec {
  return normalizeFaultFields(input, FAULT_KINDS, ALIASES);
}

/** The faults injected and not yet served, in order, and how many of each kind were served. */
export class FaultQueue<F extends FaultFields> {
  active: Array<Active<F>> = [];
  /** how many requests got each kind of fault */
  served: Record<string, number> = {};

  add(f: F): void {
    this.active.push({ ...f, count: f.count ?? 1, remaining: f.count ?? 1 });
  }

  clear(): void {
    this.active = [];
  }

  /** Consumes and returns the first fault matching this request (under any of its path spellings), if any. */
  take(method: string, paths: string | readonly string[]): Active<F> | undefined {
    const spellings = typeof paths === 'string' ? [paths] : paths;
    const i = this.active.findIndex(
      (f) => (!f.method || f.method === method) && spellings.some((p) => (f.path.endsWith('*') ? p.startsWith(f.path.slice(0, -1)) : f.path === p)),
    );
    if (i < 0) return undefined;
    const f = this.active[i];
    if (--f.remaining <= 0) this.active.splice(i, 1);
    this.served[f.kind] = (this.served[f.kind] ?? 0) + 1;
    return f;
  }
}

/** The faults of a sandbox whose kinds are the kit's. */
export class Faults extends FaultQueue<FaultSpec> {}

/**
 * The two faults every sandbox serves alike: `drop` closes the socket (resolves false: nothing more to
 * answer); `delay` holds the request, then resolves true (answer normally) unless the client gave up.
 */
export function dropOrDelay(kind: 'drop' | 'delay', req: http.IncomingMessage, res: http.ServerResponse, delayMs: number, timers: Set<NodeJS.Timeout>): Promise<boolean> {
  if (kind === 'drop') {
    req.socket.destroy();
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve(!res.destroyed && !req.socket.destroyed);
    }, delayMs);
    timers.add(t);
  });
}

/**
 * Answers with the fault. Returns a promise that resolves to true when the request should then be
 * handled normally (after a delay), false when the fault was the whole answer.
 */
export function serveFault(
  f: ActiveFault,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  defaultDelayMs: number,
  timers: Set<NodeJS.Timeout>,
  bodies: FaultBodies,
): Promise<boolean> {
  switch (f.kind) {
    case 'server_error': {
      const body = JSON.stringify(bodies.serverError);
      res.writeHead(500, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return Promise.resolve(false);
    }
    case 'html_503': {
      const body = '<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>';
      res.writeHead(503, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body), 'Retry-After': '1' });
      res.end(body);
      return Promise.resolve(false);
    }
    case 'malformed_json': {
      const body = bodies.malformedJson;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return Promise.resolve(false);
    }
    case 'unauthorized': {
      const body = JSON.stringify(bodies.unauthorized);
      res.writeHead(401, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return Promise.resolve(false);
    }
    case 'drop':
    case 'delay':
      return dropOrDelay(f.kind, req, res, f.delayMs ?? defaultDelayMs, timers);
  }
}
