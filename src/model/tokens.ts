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
}

export interface CodeExchangeParams {
  clientId: string;
  clientSecret: string;
  code: string;
  state: string;
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
}
