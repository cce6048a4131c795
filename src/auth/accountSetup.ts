// The account check and account creation flow that may come before the authorization code flow, when
// the user configured their app's API key: /account/verify tells whether the email has an account;
// if not, /account/create (with the app's client id and secret) makes one and returns tokens for the
// app, which work only once the user has confirmed the email and authorized the app. VS Code-free.
import type { Clock } from '../core/clock';
import type { Logger, SecretRegistry } from '../core/log';
import type { AccountSetupService } from '../model/service';
import { newSession, registerTokens, type ServiceId, type SessionStoreApi, type StoredSession } from './session';

export type { AccountSetupService };

export interface AccountSetupDeps {
  service: ServiceId;
  /** The service's name in the log. */
  serviceLabel: string;
  api: AccountSetupService;
  sessions: Pick<SessionStoreApi, 'save'>;
  secrets: SecretRegistry;
  log: Logger;
  clock: Clock;
}

/** Plausible enough to send to the service; the service has the last word. */
export function isPlausibleEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

export async function accountExists(deps: AccountSetupDeps, apiKey: string, email: string, signal?: AbortSignal): Promise<boolean> {
  deps.secrets.add(apiKey);
  const exists = await deps.api.accountExists(apiKey, email.trim(), signal);
  deps.log.info(`Sign-in: account check for ${email.trim()}: ${exists ? 'an account exists' : 'no account yet'}.`);
  return exists;
}

/**
 * Creates the account and stores its session as `awaitingActivation`: the token manager makes it
 * `active` after the first call that succeeds.
 */
export async function createAccountSession(
  deps: AccountSetupDeps,
  params: { apiKey: string; email: string; clientId: string; clientSecret: string },
  signal?: AbortSignal,
): Promise<StoredSession> {
  deps.secrets.add(params.apiKey);
  deps.secrets.add(params.clientSecret);
  const { account, tokens } = await deps.api.createAccount(
    params.apiKey,
    { email: params.email.trim(), clientId: params.clientId, clientSecret: params.clientSecret },
    signal,
  );
  registerTokens(deps.secrets, tokens);
  const session = newSession(deps.service, account, tokens, 'awaitingActivation', deps.clock.now());
  await deps.sessions.save(session);
  deps.log.info(`Sign-in: created the ${deps.serviceLabel} account ${account.email}; waiting for the email to be confirmed.`);
  return session;
}
