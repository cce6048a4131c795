// Service-neutral OAuth tokens as the auth layer stores them.

/**
 * Where a set of tokens may be sent: the origin (`https://host[:port]`) of the OAuth server that issued
 * them (the refresh token goes there) and of the API they were issued for (the access token goes there).
 */
export interface TokenOrigins {
  oauth: string;
  api: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch when the access token stops working. */
  expiresAt: number;
  scopes?: string[];
  /** Where the tokens came from and are for; set by the client that obtained them. */
  origins?: TokenOrigins;
}

export interface AuthorizeUrlParams {
  clientId: string;
  state: string;
  redirectUri?: string;
  /** PKCE (S256): base64url(SHA-256(verifier)), for services whose traits say `pkce`. */
  codeChallenge?: string;
}

export interface CodeExchangeParams {
  clientId: string;
  /** The app's secret; absent for a public client (traits `clientSecret: 'none'`, which proves itself with PKCE). */
  clientSecret?: string;
  code: string;
  state: string;
  /** PKCE: the verifier whose challenge the authorize request carried. */
  codeVerifier?: string;
  /** Exactly the redirect_uri the authorize request carried (undefined when none was sent: manual mode). */
  redirectUri?: string;
}

export interface RefreshParams {
  refreshToken: string;
  clientId?: string;
  clientSecret?: string;
}

/** A service's OAuth token endpoint as the auth layer sees it (one per provider). */
export interface OAuthTokenClient {
  authorizeUrl(params: AuthorizeUrlParams): string;
  exchangeCode(params: CodeExchangeParams, signal?: AbortSignal): Promise<TokenSet>;
  refresh(params: RefreshParams, signal?: AbortSignal): Promise<TokenSet>;
  /** Where the service offers it: the token (and its refresh token) stop working (Sign Out calls it first). */
  revoke?(accessToken: string, signal?: AbortSignal): Promise<void>;
  /**
   * Where the service offers the password grant (signNow): the password goes into this one request and
   * nowhere else. The client secret is required where the service's traits say so.
   */
  passwordGrant?(params: PasswordGrantParams, signal?: AbortSignal): Promise<TokenSet>;
  /** Where the service can say it (signNow: GET /oauth2/token): the seconds the access token has left. */
  tokenSecondsLeft?(accessToken: string, signal?: AbortSignal): Promise<number>;
}

export interface PasswordGrantParams {
  clientId: string;
  clientSecret?: string;
  username: string;
  password: string;
}
