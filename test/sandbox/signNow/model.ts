// The signNow sandbox's whole world, as plain JSON so `--data FILE` can persist it. Times are epoch
// seconds (what signNow returns, often as strings) unless a name ends in `Ms`.

export interface SnUser {
  id: string;
  email: string;
  /** for the password grant and the login page (a sandbox: kept in clear) */
  password: string;
  firstName: string;
  lastName: string;
  created: number;
}

export interface SnApp {
  clientId: string;
  clientSecret: string;
  name: string;
  /** the redirect URIs registered for the app (see config.redirectUriRule) */
  redirectUris: string[];
}

export interface SnCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
  used: boolean;
}

export interface SnAccessToken {
  token: string;
  userId: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  /** the refresh token issued with it (revoked together by /oauth2/terminate) */
  refreshToken: string;
}

export interface SnRefreshToken {
  token: string;
  userId: string;
  clientId: string;
  scope: string;
  /** spent by a rotating refresh, or revoked */
  spent: boolean;
}

export interface SnField {
  id: string;
  type: string;
  role: string;
  roleId: string;
  pageNumber: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
  name?: string;
  label?: string;
}

export interface SnRole {
  uniqueId: string;
  name: string;
  signingOrder: number;
}

/** Raw field-invite statuses (SignNow.NET InviteStatus plus the ones the official MCP server has seen). */
export type FieldInviteStatus = 'created' | 'pending' | 'fulfilled' | 'declined' | 'canceled' | 'skipped' | 'expired';

export interface SnFieldInvite {
  id: string;
  email: string;
  role: string;
  roleId: string;
  order: number;
  status: FieldInviteStatus;
  created: number;
  updated: number;
  expirationTime: number;
  reminder: number;
  declinedText?: string;
  /** email events: `sent` when the invite mail went out, `opened` when the signer viewed */
  emailStatuses: Array<{ status: string; createdAt: number; lastReactionAt: number }>;
  signerUserId: string | null;
  subject?: string;
  message?: string;
  /** last resend (seconds), for the resend interval switch */
  lastResentAt?: number;
}

/** A free-form invite (document without fields): one signer. */
export interface SnFreeFormRequest {
  id: string;
  uniqueId: string;
  signerEmail: string;
  originatorEmail: string;
  created: number;
  /** set when the signer signed */
  signatureId: string | null;
  canceled: boolean | null;
  subject?: string;
  message?: string;
}

export interface SnSignature {
  id: string;
  userId: string | null;
  email: string;
  created: number;
}

export interface SnDocument {
  id: string;
  userId: string;
  ownerEmail: string;
  name: string;
  originalFilename: string;
  pageCount: number;
  created: number;
  updated: number;
  folderId: string;
  fields: SnField[];
  roles: SnRole[];
  fieldInvites: SnFieldInvite[];
  requests: SnFreeFormRequest[];
  signatures: SnSignature[];
  /** the uploaded bytes (base64); seeded documents have none and download as a generated PDF */
  originalBase64?: string;
}

export interface SnFolder {
  id: string;
  userId: string;
  name: string;
  parentId: string | null;
  systemFolder: boolean;
  created: number;
}

export interface SnDownloadLink {
  token: string;
  documentId: string;
  expiresAt: number;
  used: boolean;
}

export interface SnBrowserSession {
  id: string;
  userId: string;
}

export interface SnState {
  version: 1;
  service: 'signNow';
  users: SnUser[];
  apps: SnApp[];
  codes: SnCode[];
  accessTokens: SnAccessToken[];
  refreshTokens: SnRefreshToken[];
  folders: SnFolder[];
  documents: SnDocument[];
  downloadLinks: SnDownloadLink[];
  sessions: SnBrowserSession[];
}

/**
 * Switches. Where signNow documents a behaviour the default follows the documentation or the official
 * SDKs; where it documents nothing the default is a reading, and test/sandbox/README.md says which.
 */
export interface SnConfig {
  /** access token lifetime, seconds (documented default: 30 days) */
  expiresIn: number;
  /** authorization codes live this long, seconds (undocumented) */
  codeTtlSeconds: number;
  /** code grant: `expires_in` is an epoch timestamp string (documented quirk); false: a lifetime */
  codeGrantExpiresInEpoch: boolean;
  /** refresh tokens are single use (undocumented; SignDesk must cope with rotation) */
  rotateRefreshTokens: boolean;
  /** the error for a spent or unknown refresh token (undocumented) */
  spentRefreshTokenError: 'invalid_grant' | 'invalid_request';
  /** client_id/client_secret in the token request body work like the Basic header (the official MCP server sends them so) */
  clientCredentialsInBody: boolean;
  /** redirect_uri on /authorize: `exact` = one of the app's registered URIs; `any` = anything (undocumented) */
  redirectUriRule: 'exact' | 'any';
  /** `state` is sent back to the redirect URI (undocumented; the official MCP server relies on it) */
  echoState: boolean;
  /** HTTP status of `{"error":"invalid_token","code":1537}` (undocumented) */
  invalidTokenStatus: number;
  /** what fieldinvitecancel leaves: `canceled` statuses on the open invites, or the invites removed (undocumented) */
  fieldInviteCancel: 'status' | 'remove';
  /** a field invite can be resent again only after this many seconds (undocumented) */
  resendMinIntervalSeconds: number;
  /** the one-time download link works this long, seconds (undocumented) */
  downloadLinkTtlSeconds: number;
  /** /user/documentsv2 per_page maximum (undocumented) */
  documentsPerPageMax: number;
  /** default delay of a `delay` fault */
  faultDelayMs: number;
  /** rate limit (signNow publishes none): 429 `{"errors":[…]}` without headers */
  rateLimit: { enabled: boolean; limit: number; windowMs: number };
}

export type SnConfigPatch = Partial<Omit<SnConfig, 'rateLimit'>> & { rateLimit?: Partial<SnConfig['rateLimit']> };
