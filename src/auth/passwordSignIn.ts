// Signing in with the account's email and password (OAuth's password grant), for services that offer it
// (signNow) and users whose app has no browser sign-in set up. VS Code-free.
//
// The password goes into one token request and nowhere else: it is registered with the log's redaction
// before anything is sent (so no log line or message can carry it, even a service's echo of it) and is
// never stored; the caller drops it from the registry once it has reported the outcome (forgetPassword).
import type { Clock } from '../core/clock';
import { InvalidInputError } from '../core/errors';
import type { Logger, SecretRegistry } from '../core/log';
import type { Account } from '../model/account';
import type { OAuthTokenClient } from '../model/tokens';
import { newSession, registerTokens, type ServiceId, type SessionStoreApi, type StoredSession } from './session';
import { configuredClientId } from './signInErrors';

export interface PasswordSignInDeps {
  service: ServiceId;
  serviceLabel: string;
  oauth: Pick<OAuthTokenClient, 'passwordGrant'> & { getAccount(accessToken: string, signal?: AbortSignal): Promise<Account> };
  /** Whether the service's token endpoint wants the client secret (its OAuth traits). */
  secretRequired: boolean;
  sessions: Pick<SessionStoreApi, 'save'>;
  secrets: SecretRegistry;
  log: Logger;
  clock: Clock;
}

export interface PasswordSignInRequest {
  clientId: string | undefined;
  clientSecret: string | undefined;
  email: string;
  password: string;
  signal?: AbortSignal;
}

/** True when the service's OAuth client offers the password grant. */
export function offersPasswordGrant(oauth: Partial<Pick<OAuthTokenClient, 'passwordGrant'>>): boolean {
  return typeof oauth.passwordGrant === 'function';
}

/** Exchanges email and password for tokens, reads whose they are, saves the session. */
export async function signInWithPassword(deps: PasswordSignInDeps, request: PasswordSignInRequest): Promise<StoredSession> {
  // First, whatever happens next: the password is a secret from the moment SignDesk holds it.
  deps.secrets.add(request.password);
  const grant = deps.oauth.passwordGrant;
  if (!grant) {
    throw new InvalidInputError(`${deps.serviceLabel} does not offer signing in with a password.`);
  }
  const clientId = configuredClientId(request, deps.secretRequired, deps.serviceLabel);
  const email = request.email.trim();
  if (email === '' || request.password === '') {
    throw new InvalidInputError('Enter both the email and the password of the account.');
  }
  if (request.clientSecret) deps.secrets.add(request.clientSecret);
  const tokens = await grant.call(
    deps.oauth,
    { clientId, clientSecret: deps.secretRequired ? request.clientSecret : undefined, username: email, password: request.password },
    request.signal,
  );
  registerTokens(deps.secrets, tokens);
  const account = await deps.oauth.getAccount(tokens.accessToken, request.signal);
  const session = newSession(deps.service, account, tokens, 'active', deps.clock.now());
  await deps.sessions.save(session);
  deps.log.info(`Sign-in: signed in to ${deps.serviceLabel} as ${account.email} with a password (the password was not kept).`);
  return session;
}

/** Drops the password from the registry: after the outcome was reported, nothing will print it. */
export function forgetPassword(secrets: SecretRegistry, password: string): void {
  secrets.delete(password);
}
