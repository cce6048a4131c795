// Dropbox's files API where SignDesk needs it: the account, folder listings with cursors, temporary
// links, uploads and downloads, each in its route's style (rpc JSON body; download/upload with the
// arguments in the Dropbox-API-Arg header, non-ASCII escaped).
import { systemClock, type Clock } from '../../core/clock';
import { ConflictError, InvalidInputError, RateLimitError, ServerError } from '../../core/errors';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http';
import { waitFor } from '../../core/wait';
import type { Account } from '../../model/account';
import type { FileLink } from '../../model/service';
import { unexpected } from '../errorBody';
import { dropboxContentUrl, dropboxRpcUrl, type DropboxSettings } from './endpoints';

/** files/upload takes at most 150 MiB; larger files need an upload session. */
export const MAX_SIMPLE_UPLOAD_BYTES = 150 * 1024 * 1024;
/** get_temporary_link: "This link will expire in four hours". */
export const TEMPORARY_LINK_LIFETIME_MS = 4 * 60 * 60_000;

/**
 * How calls are repeated. A 429 means Dropbox did nothing, so any call (an upload too) waits as long as its
 * Retry-After says and tries again, a few times, unless the wait is too long to hold the user for (then the
 * RateLimitError, with its resetAt, is the answer). A 5xx is retried with backoff only for reads: an upload
 * may have been stored before the server failed.
 */
export const DROPBOX_RETRIES = { rateLimitTries: 2, longestRateLimitWaitMs: 30_000, readBackoffMs: [500, 2000] as readonly number[] };

/** Waits `ms`, or rejects with CancelledError when `signal` aborts first. */
export type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface DropboxEntry {
  kind: 'file' | 'folder';
  id: string;
  name: string;
  /** as Dropbox displays it, e.g. /Contracts/NDA.pdf */
  path: string;
  pathLower: string;
  /** files only */
  size?: number;
  /** files only: server_modified, ms epoch */
  modifiedAt?: number;
  rev?: string;
}

export interface DropboxListing {
  entries: DropboxEntry[];
  cursor: string;
  hasMore: boolean;
}

export type DropboxWriteMode = 'add' | 'overwrite' | { update: string };

/** JSON safe in an HTTP header: every character from U+007F up as \uXXXX (Dropbox refuses raw bytes). */
export function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True for list_folder/continue's `reset`: the cursor is no longer valid; list the folder again. */
export function isCursorReset(error: unknown): boolean {
  return error instanceof ConflictError && error.errorName === 'reset';
}

const bad = unexpected('Dropbox', 'answer');

function toEntry(value: unknown): DropboxEntry | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Record<string, unknown>;
  const tag = m['.tag'];
  // Deleted entries (only with include_deleted) and unknown future kinds are not shown.
  if (tag !== 'file' && tag !== 'folder') return undefined;
  if (typeof m.id !== 'string' || typeof m.name !== 'string') throw bad('an entry without id or name');
  const entry: DropboxEntry = {
    kind: tag,
    id: m.id,
    name: m.name,
    path: typeof m.path_display === 'string' ? m.path_display : m.name,
    pathLower: typeof m.path_lower === 'string' ? m.path_lower : m.name.toLowerCase(),
  };
  if (tag === 'file') {
    if (typeof m.size === 'number') entry.size = m.size;
    const modified = typeof m.server_modified === 'string' ? Date.parse(m.server_modified) : NaN;
    if (Number.isFinite(modified)) entry.modifiedAt = modified;
    if (typeof m.rev === 'string') entry.rev = m.rev;
  }
  return entry;
}

function requireEntry(value: unknown): DropboxEntry {
  const entry = toEntry(value);
  if (!entry) throw bad('no file or folder metadata');
  return entry;
}

export class DropboxFilesClient {
  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => DropboxSettings,
    private readonly clock: Clock = systemClock,
    private readonly wait: Wait = waitFor,
  ) {}

  /** users/get_current_account as the model's Account (a disabled account is a locked one). */
  async getAccount(token: string, signal?: AbortSignal): Promise<Account> {
    const a = (await this.rpc(token, 'users/get_current_account', undefined, signal)) as Record<string, unknown>;
    if (typeof a.account_id !== 'string' || typeof a.email !== 'string') throw bad('an account without account_id or email');
    return { id: a.account_id, email: a.email, isLocked: a.disabled === true };
  }

  /** `folder` is '' for the root (Dropbox refuses "/"). */
  async listFolder(token: string, folder: string, options: { limit?: number } = {}, signal?: AbortSignal): Promise<DropboxListing> {
    const path = folder === '/' ? '' : folder;
    return this.listingOf(await this.rpc(token, 'files/list_folder', { path, ...(options.limit ? { limit: options.limit } : {}) }, signal));
  }

  /** A `reset` answer is a ConflictError that isCursorReset() recognises: list the folder again. */
  async listFolderContinue(token: string, cursor: string, signal?: AbortSignal): Promise<DropboxListing> {
    return this.listingOf(await this.rpc(token, 'files/list_folder/continue', { cursor }, signal));
  }

  async getMetadata(token: string, path: string, signal?: AbortSignal): Promise<DropboxEntry> {
    return requireEntry(await this.rpc(token, 'files/get_metadata', { path }, signal));
  }

  /** A link anyone can fetch for four hours (Dropbox Sign's file_urls fetch it). */
  async temporaryLink(token: string, path: string, signal?: AbortSignal): Promise<FileLink & { entry: DropboxEntry }> {
    const asked = this.clock.now();
    const result = (await this.rpc(token, 'files/get_temporary_link', { path }, signal)) as { link?: unknown; metadata?: unknown };
    if (typeof result.link !== 'string' || !/^https?:\/\//.test(result.link)) throw bad('no link');
    return { url: result.link, expiresAt: asked + TEMPORARY_LINK_LIFETIME_MS, entry: requireEntry({ '.tag': 'file', ...(result.metadata as object) }) };
  }

  async download(token: string, path: string, signal?: AbortSignal): Promise<{ bytes: Buffer; entry: DropboxEntry }> {
    const response = await this.post('read', token, dropboxContentUrl(this.settings(), 'files/download'), { headers: { 'Dropbox-API-Arg': headerSafeJson({ path }) }, responseKind: 'file', signal });
    const result = response.headers['dropbox-api-result'];
    if (!result) throw bad('a download without its Dropbox-API-Result header');
    let metadata: unknown;
    try {
      metadata = JSON.parse(result);
    } catch {
      throw bad('an unreadable Dropbox-API-Result header');
    }
    const entry = requireEntry({ '.tag': 'file', ...(metadata as object) });
    if (entry.size !== undefined && entry.size !== response.body.length) throw bad(`${response.body.length} of ${entry.size} bytes arrived`);
    return { bytes: response.body, entry };
  }

  /** Refuses files over 150 MiB before sending anything. */
  async upload(token: string, path: string, bytes: Buffer, options: { mode?: DropboxWriteMode; autorename?: boolean } = {}, signal?: AbortSignal): Promise<DropboxEntry> {
    if (bytes.length > MAX_SIMPLE_UPLOAD_BYTES) {
      throw new InvalidInputError(`The file is ${Math.ceil(bytes.length / 1024 / 1024)} MiB; Dropbox takes at most 150 MiB in one upload.`);
    }
    const mode = options.mode ?? 'add';
    const arg = { path, mode: typeof mode === 'string' ? mode : { '.tag': 'update', update: mode.update }, autorename: options.autorename ?? false, mute: false };
    const response = await this.post('write', token, dropboxContentUrl(this.settings(), 'files/upload'), {
      headers: { 'Dropbox-API-Arg': headerSafeJson(arg) },
      body: { bytes, contentType: 'application/octet-stream' },
      // An upload may take long; the server may have stored it even if we time out, so no retry here.
      timeoutMs: 10 * 60_000,
      signal,
    });
    return requireEntry({ '.tag': 'file', ...this.answerObject<object>(response) });
  }

  private listingOf(value: unknown): DropboxListing {
    const r = value as { entries?: unknown; cursor?: unknown; has_more?: unknown };
    if (!Array.isArray(r.entries) || typeof r.cursor !== 'string' || typeof r.has_more !== 'boolean') throw bad('a listing without entries, cursor or has_more');
    return { entries: r.entries.map(toEntry).filter((e): e is DropboxEntry => e !== undefined), cursor: r.cursor, hasMore: r.has_more };
  }

  /** An rpc route: a JSON body, or none at all for routes without arguments. */
  /** Every rpc route SignDesk calls here reads (or makes a link): safe to repeat after a 5xx. */
  private async rpc(token: string, route: string, arg: unknown, signal?: AbortSignal): Promise<unknown> {
    const response = await this.post('read', token, dropboxRpcUrl(this.settings(), route), { ...(arg === undefined ? {} : { body: { json: arg } }), signal });
    return this.answerObject(response);
  }

  /** POSTs to `url` with the token; again after a 429 (any call) or a 5xx (reads only), as DROPBOX_RETRIES says. */
  private async post(kind: 'read' | 'write', token: string, url: string, request: Omit<HttpRequest, 'method' | 'url'>): Promise<HttpResponse> {
    const { signal } = request;
    let rateLimited = 0;
    let failed = 0;
    for (;;) {
      try {
        return await this.http.request({ method: 'POST', url, ...request, headers: { Authorization: `Bearer ${token}`, ...request.headers } });
      } catch (error) {
        if (error instanceof RateLimitError && rateLimited < DROPBOX_RETRIES.rateLimitTries) {
          // Dropbox always sends Retry-After; without a usable one, a second.
          const waitMs = error.resetAt ? Math.max(0, error.resetAt.getTime() - this.clock.now()) : 1000;
          if (waitMs <= DROPBOX_RETRIES.longestRateLimitWaitMs) {
            rateLimited++;
            await this.wait(waitMs, signal);
            continue;
          }
        }
        if (kind === 'read' && error instanceof ServerError && failed < DROPBOX_RETRIES.readBackoffMs.length) {
          await this.wait(DROPBOX_RETRIES.readBackoffMs[failed++], signal);
          continue;
        }
        throw error;
      }
    }
  }

  private answerObject<T>(response: HttpResponse): T {
    const value = response.json<T>();
    if (!value || typeof value !== 'object') throw bad('not a JSON object');
    return value;
  }
}
