// The Dropbox sandbox's state and configuration types.

export interface DropboxUser {
  email: string;
  /** `dbid:…` */
  accountId: string;
  givenName: string;
  surname: string;
  country: string;
  locale: string;
  emailVerified: boolean;
  accountType: 'basic' | 'pro' | 'business';
  disabled: boolean;
  /** the home namespace id (root_info) */
  namespaceId: string;
}

export interface DropboxApp {
  clientId: string;
  clientSecret: string;
  name: string;
  /** exact redirect URIs registered in the App Console */
  redirectUris: string[];
  /** the permissions ticked on the app's Permissions tab */
  scopes: string[];
}

export interface DropboxEntry {
  /** `id:…`, stable across renames and overwrites */
  id: string;
  tag: 'file' | 'folder';
  owner: string;
  pathDisplay: string;
  /** files only */
  rev?: string;
  size?: number;
  clientModified?: string;
  serverModified?: string;
  contentHash?: string;
  content?: Buffer;
  /** store sequence number of the last change (list_folder/continue reports changes after a cursor's) */
  seq: number;
}

/** One authorization (code exchange): its refresh token and every access token minted from it. */
export interface Grant {
  id: string;
  clientId: string;
  email: string;
  scopes: string[];
  /** made with PKCE: refresh needs no client secret */
  pkce: boolean;
  refreshToken?: string;
  revoked: boolean;
}

export interface AccessToken {
  token: string;
  grantId: string;
  scopes: string[];
  expiresAtMs: number;
}

export interface AuthCode {
  code: string;
  clientId: string;
  email: string;
  /** the redirect_uri sent to /oauth2/authorize, if any (the token call must repeat it) */
  redirectUri?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  scopes: string[];
  offline: boolean;
  expiresAtMs: number;
  used: boolean;
}

export interface ListCursor {
  id: string;
  email: string;
  /** lower-case path of the listed folder ('' = root) */
  folderLower: string;
  recursive: boolean;
  limit: number;
  /** entry ids of the listing as it was when list_folder ran, and how far the client has read */
  snapshot: string[];
  position: number;
  /** changes after this store sequence number are reported once the snapshot is read */
  seqAt: number;
  /** cursors from an older generation answer `reset` */
  generation: number;
}

export interface TemporaryLink {
  token: string;
  name: string;
  content: Buffer;
  expiresAtMs: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** calls per window and token */
  perWindow: number;
  windowMs: number;
  retryAfterSeconds: number;
  /** answer 429 with a plain-text body instead of JSON (Dropbox does both) */
  plainText: boolean;
}

export interface DropboxSandboxConfig {
  /** access token lifetime (Dropbox: 14400 s) */
  expiresIn: number;
  codeTtlSeconds: number;
  /** the SDK-docstring reading: http(s) localhost/127.0.0.1 redirect URIs need no registration */
  localhostNeedsNoRegistration: boolean;
  /** files/upload refuses bodies above this (Dropbox: 150 MiB) */
  maxUploadBytes: number;
  /** get_temporary_link lifetime (Dropbox: 4 h) */
  temporaryLinkTtlSeconds: number;
  /** list_folder page size when the client sends no `limit` */
  defaultListLimit: number;
  rateLimit: RateLimitConfig;
}

export type DropboxSandboxConfigPatch = Partial<Omit<DropboxSandboxConfig, 'rateLimit'>> & { rateLimit?: Partial<RateLimitConfig> };

export const DEFAULT_CONFIG: DropboxSandboxConfig = {
  expiresIn: 14400,
  codeTtlSeconds: 600,
  localhostNeedsNoRegistration: false,
  maxUploadBytes: 150 * 1024 * 1024,
  temporaryLinkTtlSeconds: 4 * 3600,
  defaultListLimit: 500,
  rateLimit: { enabled: true, perWindow: 600, windowMs: 60_000, retryAfterSeconds: 5, plainText: false },
};

export function mergeConfig(base: DropboxSandboxConfig, patch: DropboxSandboxConfigPatch = {}): DropboxSandboxConfig {
  return { ...base, ...patch, rateLimit: { ...base.rateLimit, ...(patch.rateLimit ?? {}) } };
}
