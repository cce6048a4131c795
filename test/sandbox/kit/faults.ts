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

export interface ActiveFault extends Required<Omit<FaultSpec, 'method' | 'delayMs'>> {
  method?: string;
  delayMs?: number;
  remaining: number;
}

export function normalizeFault(input: Record<string, unknown>): FaultSpec {
  const kind = ALIASES[String(input.kind)] ?? (String(input.kind) as FaultKind);
  if (!FAULT_KINDS.includes(kind)) throw new Error(`kind must be one of ${[...FAULT_KINDS, ...Object.keys(ALIASES)].join(', ')}`);
  if (typeof input.path !== 'string' || !input.path.startsWith('/')) throw new Error('path must be a string starting with /');
  const count = input.count === undefined ? 1 : Number(input.count);
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const delayMs = input.delayMs === undefined ? undefined : Number(input.delayMs);
  if (delayMs !== undefined && !(delayMs >= 0)) throw new Error('delayMs must be a number >= 0');
  return { path: input.path, method: typeof input.method === 'string' ? input.method.toUpperCase() : undefined, kind, count, delayMs };
}

export class Faults {
  active: ActiveFault[] = [];
  /** how many requests got each kind of fault */
  served: Record<string, number> = {};

  add(f: FaultSpec): void {
    this.active.push({ path: f.path, method: f.method, kind: f.kind, count: f.count ?? 1, delayMs: f.delayMs, remaining: f.count ?? 1 });
  }

  clear(): void {
    this.active = [];
  }

  /** Consumes and returns the first fault matching this request, if any. */
  take(method: string, path: string): ActiveFault | undefined {
    const i = this.active.findIndex(
      (f) => (!f.method || f.method === method) && (f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : f.path === path),
    );
    if (i < 0) return undefined;
    const f = this.active[i];
    if (--f.remaining <= 0) this.active.splice(i, 1);
    this.served[f.kind] = (this.served[f.kind] ?? 0) + 1;
    return f;
  }
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
      req.socket.destroy();
      return Promise.resolve(false);
    case 'delay':
      return new Promise((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve(!res.destroyed && !req.socket.destroyed);
        }, f.delayMs ?? defaultDelayMs);
        timers.add(t);
      });
  }
}
