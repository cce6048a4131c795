// The sandbox's whole world, as plain JSON so `--data FILE` can persist it. Times are epoch seconds
// (what the API returns) unless a name ends in `Ms`.

export interface ApiApp {
  clientId: string;
  clientSecret: string;
  name: string;
  /** the one registered OAuth callback URL; `redirect_uri` must equal it */
  callbackUrl: string;
  scopes: string[];
  ownerAccountId: string;
  /** test knob (admin): follow any `redirect_uri` instead of requiring the registered one (for `direct` mode) */
  acceptAnyRedirectUri?: boolean;
}

export interface Account {
  accountId: string;
  email: string;
  name: string;
  /** Basic-auth API key (username, empty password); undefined = none */
  apiKey?: string;
  /** false for accounts made by /account/create until the email is confirmed */
  confirmed: boolean;
  callbackUrl: string | null;
  locale: string;
  createdAt: number;
}

/** An account's authorization of an app; tokens are only honoured while `active`. */
export interface Grant {
  grantId: string;
  accountId: string;
  clientId: string;
  scopes: string[];
  /** false for account-creation grants until the account is confirmed and the app authorized */
  active: boolean;
}

export interface AccessToken {
  token: string;
  grantId: string;
  expiresAt: number;
}

export interface RefreshToken {
  token: string;
  grantId: string;
  used: boolean;
}

export interface AuthCode {
  code: string;
  clientId: string;
  accountId: string;
  state: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export type SignerStatus = 'awaiting_signature' | 'signed' | 'declined' | 'on_hold';

export interface Signer {
  signatureId: string;
  email: string;
  name: string;
  order: number | null;
  status: SignerStatus;
  signedAt: number | null;
  lastViewedAt: number | null;
  lastRemindedAt: number | null;
  declineReason: string | null;
  hasPin: boolean;
}

export interface SignatureRequest {
  id: string;
  /** the API app it was sent through; null = sent with an API key without client_id */
  clientId: string | null;
  requesterAccountId: string;
  requesterEmail: string;
  title: string;
  subject: string | null;
  message: string | null;
  metadata: Record<string, unknown>;
  createdAt: number;
  expiresAt: number | null;
  testMode: boolean;
  allowDecline: boolean;
  signers: Signer[];
  ccEmails: string[];
  fileNames: string[];
  signingRedirectUrl: string | null;
  canceled: boolean;
  /** epoch ms before which the files endpoints answer 409 (files being prepared) */
  filesReadyAtMs: number;
  /** admin flag: files stay "being prepared" until cleared */
  filesPreparing: boolean;
}

export interface BrowserSession {
  sid: string;
  accountId: string;
}

export interface State {
  version: 1;
  apps: ApiApp[];
  accounts: Account[];
  grants: Grant[];
  accessTokens: AccessToken[];
  refreshTokens: RefreshToken[];
  codes: AuthCode[];
  requests: SignatureRequest[];
  sessions: BrowserSession[];
  /** short-lived links handed out by files_as_file_url */
  fileLinks: Array<{ token: string; requestId: string; expiresAt: number }>;
}

/** The three call classes Dropbox Sign limits separately. */
export type RateClass = 'standard' | 'heavy' | 'testMode';

export interface RateLimitConfig {
  enabled: boolean;
  /** requests per window for most endpoints */
  standard: number;
  /** requests per window for send and files endpoints */
  heavy: number;
  /** requests per window for calls made in test_mode */
  testMode: number;
  windowMs: number;
}

export interface SandboxConfig {
  /** `expires_in` of issued access tokens, seconds */
  expiresIn: number;
  /** refresh tokens rotate: a used one stops working */
  rotateRefreshTokens: boolean;
  /** authorization codes live this long, seconds */
  codeTtlSeconds: number;
  /** how long files stay "being prepared" (409) after a request is sent or completed */
  filesPrepMs: number;
  /** on Deny, add `error=access_denied` next to `state` (real Dropbox Sign sends state only) */
  denyWithError: boolean;
  /** default delay of a `delay` fault */
  faultDelayMs: number;
  /** `warnings` to add to every send response, as Dropbox Sign does for a request it sent with caveats */
  sendWarnings: Array<{ warning_msg: string; warning_name: string }>;
  rateLimits: RateLimitConfig;
}

/** A partial config; rate limits merge field by field. */
export type SandboxConfigPatch = Partial<Omit<SandboxConfig, 'rateLimits'>> & { rateLimits?: Partial<RateLimitConfig> };
