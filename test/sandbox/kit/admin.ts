// Plumbing of a sandbox's admin API over HTTP (/_admin/, JSON, loopback test tool: bodies are trusted):
// a service lists its routes as functions; the kit reads the body, picks the route and writes the answer.
import * as http from 'http';
import { ApiError, readBody, sendJson } from './http';
import type { Active, FaultFields, FaultQueue, FaultSpec } from './faults';

export type AdminBody = Record<string, unknown>;

/** What a route function returns when the request is not its own. */
export const NOT_MINE = Symbol('not this route');

/**
 * `route` is `METHOD /path` without trailing slashes (e.g. `POST /_admin/faults`). Returns the JSON answer,
 * undefined for `{ok:true}`, or NOT_MINE. Throw ApiError (or Error, for 400) to refuse.
 */
export type AdminRoutes = (route: string, body: AdminBody) => unknown;

export async function serveAdmin(req: http.IncomingMessage, res: http.ServerResponse, url: URL, endpoints: string[], routes: AdminRoutes[]): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : ((await readBody(req)).value as AdminBody);
    if (route === 'GET /_admin') return sendJson(res, 200, { endpoints });
    for (const r of routes) {
      const answer = await r(route, body);
      if (answer === NOT_MINE) continue;
      return sendJson(res, 200, answer === undefined ? { ok: true } : answer);
    }
    throw new ApiError(404, 'not_found', `No admin endpoint ${route}.`);
  } catch (e) {
    if (e instanceof ApiError) return sendJson(res, e.status, { error: e.message });
    if (e instanceof Error) return sendJson(res, 400, { error: e.message });
    throw e;
  }
}

/** The faults on demand, the same for every service: `GET`, `POST` (one or `{faults:[…]}`), `DELETE /_admin/faults`. */
export class FaultAdmin<F extends FaultFields = FaultSpec> {
  constructor(
    private readonly faults: FaultQueue<F>,
    private readonly normalize: (input: Record<string, unknown>) => F,
  ) {}

  inject(f: F | Record<string, unknown>): void {
    this.faults.add(this.normalize(f as Record<string, unknown>));
  }

  /** All or nothing: every fault is checked before any is added. */
  injectAll(list: Array<Record<string, unknown>>): void {
    for (const f of list.map((input) => this.normalize(input))) this.faults.add(f);
  }

  list(): Array<Active<F>> {
    return this.faults.active.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults.clear();
  }

  readonly routes: AdminRoutes = (route, body) => {
    if (route === 'GET /_admin/faults') return this.list();
    if (route === 'DELETE /_admin/faults') return this.clear();
    if (route === 'POST /_admin/faults') {
      this.injectAll(Array.isArray(body.faults) ? (body.faults as Array<Record<string, unknown>>) : [body]);
      return this.list();
    }
    return NOT_MINE;
  };
}

/** What a sandbox's admin offers in process for its faults (tests call these directly); its admin extends it. */
export class FaultAdminMethods<F extends FaultFields = FaultSpec> {
  readonly faultAdmin: FaultAdmin<F>;

  constructor(faults: FaultQueue<F>, normalize: (input: Record<string, unknown>) => F) {
    this.faultAdmin = new FaultAdmin(faults, normalize);
  }

  injectFault(f: F | Record<string, unknown>): void {
    this.faultAdmin.inject(f);
  }

  faults(): Array<Active<F>> {
    return this.faultAdmin.list();
  }

  clearFaults(): void {
    this.faultAdmin.clear();
  }
}

export const FAULT_ENDPOINTS = [
  'GET  /_admin/faults | POST /_admin/faults {path, method?, kind, count?, delayMs?} or {faults:[...]} | DELETE /_admin/faults',
  '     kind: server_error(500) | html_503(503) | delay(timeout) | malformed_json(malformed) | unauthorized(401) | drop',
];
