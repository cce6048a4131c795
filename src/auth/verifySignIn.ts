// "Verify sign-in": asks the service itself whether the session's access token works and how long it has
// left (signNow: GET /oauth2/token with the Bearer token), and whose it is. Through the token manager, so a
// refused or nearly expired token is refreshed first, as for any call. VS Code-free.
import type { Account } from '../model/account';
import type { OAuthTokenClient } from '../model/tokens';
import type { AccountKey } from './session';
import type { TokenManager } from './tokenManager';

export interface SignInCheck {
  /** The account the service says the token is for. */
  email: string;
  /** What the service says the token has left. */
  secondsLeft: number;
}

export interface VerifySignInDeps {
  tokens: Pick<TokenManager, 'withToken'>;
  oauth: Pick<OAuthTokenClient, 'tokenSecondsLeft'> & { getAccount(accessToken: string, signal?: AbortSignal): Promise<Account> };
}

/** True when the service can say how long a token has left (the command is offered only then). */
export function verifiesSignIn(oauth: Partial<Pick<OAuthTokenClient, 'tokenSecondsLeft'>>): boolean {
  return typeof oauth.tokenSecondsLeft === 'function';
}

export async function verifySignIn(deps: VerifySignInDeps, account: AccountKey, signal?: AbortSignal): Promise<SignInCheck> {
  const check = deps.oauth.tokenSecondsLeft;
  if (!check) {
    throw new TypeError('This service cannot verify a sign-in.');
  }
  return deps.tokens.withToken(account, async (accessToken) => {
    const secondsLeft = await check.call(deps.oauth, accessToken, signal);
    const who = await deps.oauth.getAccount(accessToken, signal);
    return { email: who.email, secondsLeft };
  });
}
