// Faults on demand for the Dropbox sandbox: the next N requests to a path get a failure in one of the
// shapes real Dropbox clients meet (plain-text 5xx, 429s, cut-off downloads, a missing result header…).
import * as http from 'http';
import { authError, DropboxHttpError, rateLimited, sendDropboxError } from './errors';

export const DROPBOX_FAULT_KINDS = [
  'server_error',
  'plain_503',
  'too_many_requests',
  'too_many_requests_text',
  'too_many_write_operations',
  'expired_access_token',
  'malformed_json',
  'delay',
  'drop',
  'truncated_download',
  'missing_api_result',
] as const;
export type DropboxFaultKind = (typeof DROPBOX_FAULT_KINDS)[number];

/** Kinds that change a normal answer instead of replacing it. */
export const DOWNLOAD_FAULTS: ReadonlySet<DropboxFaultKind> = new Set(['truncated_download', 'missing_api_result']);

export interface DropboxFaultSpec {
  /**
   * Path as the host sees it (`/2/files/list_folder`, `/oauth2/token`) or the sandbox path with its host
   * prefix (`/api/2/files/list_folder`); a trailing `*` matches a prefix.
   */
  path: string;
  method?: string;
  kind: DropboxFaultKind;
  count?: number;
  delayMs?: number;
  /** Retry-After seconds for the 429 and 503 kinds (default 2) */
  retryAfter?: number;
}

export interface ActiveDropboxFault extends DropboxFaultSpec {
  remaining: number;
}

export function normalizeDropboxFault(input: Record<string, unknown>): DropboxFaultSpec {
  const kind = String(input.kind) as DropboxFaultKind;
  if (!DROPBOX_FAULT_KINDS.includes(kind)) throw new Error(`kind must be one of ${DROPBOX_FAULT_KINDS.join(', ')}`);
  if (typeof input.path !== 'string' || !input.path.startsWith('/')) throw new Error('path must be a string starting with /');
  const count = input.count === undefined ? 1 : Number(input.count);
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const num = (k: string) => (input[k] === undefined ? undefined : Number(input[k]));
  const delayMs = num('delayMs');
  const retryAfter = num('retryAfter');
  if (delayMs !== undefined && !(delayMs >= 0)) throw new Error('delayMs must be a number >= 0');
  if (retryAfter !== undefined && !(Number.isInteger(retryAfter) && retryAfter >= 0)) throw new Error('retryAfter must be a whole number >= 0');
  return { path: input.path, method: typeof input.method === 'string' ? input.method.toUpperCase() : undefined, kind, count, delayMs, retryAfter };
}

export class DropboxFaults {
  active: ActiveDropboxFault[] = [];
  served: Record<string, number> = {};

  add(f: DropboxFaultSpec): void {
    this.active.push({ ...f, remaining: f.count ?? 1 });
  }

  clear(): void {
    this.active = [];
  }

  /** Consumes the first fault matching any of the request's path spellings. */
  take(method: string, paths: string[]): ActiveDropboxFault | undefined {
    const matches = (f: ActiveDropboxFault) =>
      (!f.method || f.method === method) && paths.some((p) => (f.path.endsWith('*') ? p.startsWith(f.path.slice(0, -1)) : f.path === p));
    const i = this.active.findIndex(matches);
    if (i < 0) return undefined;
    const f = this.active[i];
    if (--f.remaining <= 0) this.active.splice(i, 1);
    this.served[f.kind] = (this.served[f.kind] ?? 0) + 1;
    return f;
  }
}

/**
 * Serves a fault that replaces the answer. Resolves true when the request should then be handled
 * normally (after a delay, or for the download kinds the handler applies itself).
 */
export function serveDropboxFault(f: ActiveDropboxFault, req: http.IncomingMessage, res: http.ServerResponse, timers: Set<NodeJS.Timeout>): Promise<boolean> {
  const retryAfter = f.retryAfter ?? 2;
  const fail = (e: DropboxHttpError) => {
    sendDropboxError(res, e);
    return Promise.resolve(false);
  };
  switch (f.kind) {
    case 'server_error':
      return fail(new DropboxHttpError(500, 'Internal Server Error (sandbox fault)'));
    case 'plain_503':
      return fail(new DropboxHttpError(503, 'Service Unavailable (sandbox fault)', { 'Retry-After': String(retryAfter) }));
    case 'too_many_requests':
      return fail(rateLimited('too_many_requests', retryAfter, false));
    case 'too_many_requests_text':
      return fail(rateLimited('too_many_requests', retryAfter, true));
    case 'too_many_write_operations':
      return fail(rateLimited('too_many_write_operations', retryAfter, false));
    case 'expired_access_token':
      return fail(authError('expired_access_token'));
    case 'malformed_json': {
      const body = '{"entries": [{".tag": "file", "name": "';
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
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
        }, f.delayMs ?? 30_000);
        timers.add(t);
      });
    case 'truncated_download':
    case 'missing_api_result':
      return Promise.resolve(true);
  }
}
