// Faults on demand for the Dropbox sandbox: the next N requests to a path get a failure in one of the
// shapes real Dropbox clients meet (plain-text 5xx, 429s, cut-off downloads, a missing result header…).
import * as http from 'http';
import { type Active, dropOrDelay, FaultQueue, normalizeFaultFields } from '../kit/faults';
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

export type ActiveDropboxFault = Active<DropboxFaultSpec>;

export function normalizeDropboxFault(input: Record<string, unknown>): DropboxFaultSpec {
  const fields = normalizeFaultFields(input, DROPBOX_FAULT_KINDS);
  const retryAfter = input.retryAfter === undefined ? undefined : Number(input.retryAfter);
  if (retryAfter !== undefined && !(Number.isInteger(retryAfter) && retryAfter >= 0)) throw new Error('retryAfter must be a whole number >= 0');
  return { ...fields, retryAfter };
}

export class DropboxFaults extends FaultQueue<DropboxFaultSpec> {}

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
    case 'delay':
      return dropOrDelay(f.kind, req, res, f.delayMs ?? 30_000, timers);
    case 'truncated_download':
    case 'missing_api_result':
      return Promise.resolve(true);
  }
}
