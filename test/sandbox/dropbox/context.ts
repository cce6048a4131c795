// What every handler of the Dropbox sandbox gets.
import { DropboxFaults } from './faults';
import { StoneSpec } from './stone';
import { DropboxStore } from './store';

/**
 * One sandbox port stands in for Dropbox's hosts; each host is a path prefix, and below it the paths are
 * Dropbox's own, so a client that only swaps `https://api.dropboxapi.com` for `apiBaseUrl` works unchanged.
 */
export interface DropboxUrls {
  /** http://host:port */
  baseUrl: string;
  /** www.dropbox.com: /oauth2/authorize (login and consent pages) */
  oauthBaseUrl: string;
  /** api.dropboxapi.com: /oauth2/token and the rpc routes under /2/ */
  apiBaseUrl: string;
  /** content.dropboxapi.com: /2/files/upload and /2/files/download */
  contentBaseUrl: string;
  /** *.dl.dropboxusercontent.com: temporary links */
  linkBaseUrl: string;
  adminUrl: string;
}

export const HOST_PREFIXES = { www: '/www', api: '/api', content: '/content', links: '/dl' } as const;

export interface DropboxCounters {
  /** requests per `METHOD host/path` */
  http: Record<string, number>;
  /** /oauth2/token requests per grant_type, failed ones too */
  token: Record<string, number>;
  /** successful token answers per grant_type */
  tokenIssued: Record<string, number>;
  rateLimited: number;
  /** temporary-link fetches per answer status */
  linkFetches: Record<string, number>;
}

export const emptyCounters = (): DropboxCounters => ({ http: {}, token: {}, tokenIssued: {}, rateLimited: 0, linkFetches: {} });

export interface DropboxContext {
  store: DropboxStore;
  spec: StoneSpec;
  urls: DropboxUrls;
  faults: DropboxFaults;
  counters: DropboxCounters;
  /** fixed rate windows per access token */
  rateWindows: Map<string, { startMs: number; count: number }>;
  /** identical list_folder calls in progress (Dropbox answers a simultaneous twin with 429) */
  inflight: Set<string>;
}

export const bump = (m: Record<string, number>, key: string) => {
  m[key] = (m[key] ?? 0) + 1;
};
