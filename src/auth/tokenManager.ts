// Hands out working access tokens. VS Code-free.
//
// - Proactive: a token within `refreshMarginMs` of its expiry is refreshed before the call.
// - Reactive: a call refused with AuthError (not 403) gets one refresh and one retry; a second one surfaces.
// - Single-flight: at most one refresh request per account at a time; everyone else awaits it.
// - Several windows share the keyring: before refreshing, and before giving up on `invalid_grant`, the
//   stored session is re-read, because another window may already have rotated the tokens (Dropbox Sign
//   refresh tokens are single-use after rotation). Only then is the session marked expired.
import { AuthError, isSignDeskError } from '../core/errors';
import type { Clock } from '../core/clock';
import type { Logger, SecretRegistry } from '../core/log';
import type { TokenSet } from '../model/tokens';
import { AccountKey, accountKeyOf, accountKeyString, ServiceId, SessionStoreApi, StoredSession } from './session';

/** Exchanges a refresh token for new tokens at the service's token endpoint (provider oauthClient.refresh). */
export type TokenRefresher = (service: ServiceId, refreshToken: string) => Promise<TokenSet>;

export const DEFAULT_REFRESH_MARGIN_MS = 2 * 60_000;

/** errorName of the AuthErrors this class raises itself. */
export const NOT_SIGNED_IN = 'not_signed_in';
export const SESSION_EXPIRED = 'session_expired';

export interface TokenManagerOptions {
  store: SessionStoreApi;
  refresh: TokenRefresher;
  clock: Clock;
  log: Logger;
  secretRegistry?: SecretRegistry;
  refreshMarginMs?: number;
}

export class TokenManager {
  private readonly store: SessionStoreApi;
  private readonly refresher: TokenRefresher;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly registry?: SecretRegistry;
  private readonly marginMs: number;
  private readonly inFlight = new Map<string, Promise<StoredSession>>();

  constructor(options: TokenManagerOptions) {
    this.store = options.store;
    this.refresher = options.refresh;
    this.clock = options.clock;
    this.log = options.log;
    this.registry = options.secretRegistry;
    this.marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  /**
   * Runs `call` with a fresh access token for the account. On an AuthError from `call`, refreshes once and
   * retries once. Throws AuthError(errorName NOT_SIGNED_IN | SESSION_EXPIRED | invalid_grant) when the
   * user must sign in (again).
   */
  async withToken<T>(account: AccountKey, call: (accessToken: string) => Promise<T>): Promise<T> {
    const key = accountKeyOf(account);
    let session = await this.freshSession(key);
    let result: T;
    try {
      result = await call(session.accessToken);
    } catch (error) {
      // 401: the token was refused, a new one may help. 403 (forbidden, account not confirmed yet, scope
      // missing) is about the account, not the token: refreshing would only burn a refresh token.
      if (!(error instanceof AuthError) || error.status === 403) {
        throw error;
      }
      this.log.info(`The service refused the access token of ${accountKeyString(key)}; refreshing once and retrying`);
      session = await this.refreshOnce(key, session.accessToken);
      result = await call(session.accessToken);
    }
    await this.markActive(key, session);
    return result;
  }

  /**
   * The account's session with an access token that is not about to expire, refreshed first if it is
   * (shares a refresh already running). For handing the token to someone else, e.g. another extension.
   */
  async freshSession(account: AccountKey): Promise<StoredSession> {
    const key = accountKeyOf(account);
    const session = await this.usableSession(key);
    return this.needsRefresh(session) ? this.refreshOnce(key, session.accessToken) : session;
  }

  /** Refreshes now, whatever the expiry (the account menu's "Refresh"). */
  async refreshNow(account: AccountKey): Promise<StoredSession> {
    const key = accountKeyOf(account);
    const session = await this.usableSession(key);
    return this.refreshOnce(key, session.accessToken, true);
  }

  private async usableSession(key: AccountKey, fresh = false): Promise<StoredSession> {
    const session = await this.store.get(key, { fresh });
    if (!session) {
      throw new AuthError('You are not signed in to Dropbox Sign. Sign in first.', { errorName: NOT_SIGNED_IN });
    }
    if (session.status === 'expired') {
      throw new AuthError(`The Dropbox Sign sign-in of ${session.email} has expired or was revoked. Sign in again.`, {
        errorName: SESSION_EXPIRED,
      });
    }
    return session;
  }

  private needsRefresh(session: StoredSession): boolean {
    return session.expiresAt - this.marginMs <= this.clock.now();
  }

  /**
   * One refresh per account at a time. `staleAccessToken` is the token the caller found wanting: if the
   * store already holds a different, unexpired one (someone refreshed meanwhile), that is used instead.
   */
  private refreshOnce(key: AccountKey, staleAccessToken: string, force = false): Promise<StoredSession> {
    const id = accountKeyString(key);
    const running = this.inFlight.get(id);
    if (running) {
      return running;
    }
    const refresh = this.refreshFromStorage(key, staleAccessToken, force).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, refresh);
    return refresh;
  }

  private async refreshFromStorage(key: AccountKey, staleAccessToken: string, force: boolean): Promise<StoredSession> {
    const current = await this.usableSession(key, true);
    if (!force && current.accessToken !== staleAccessToken && !this.needsRefresh(current)) {
      this.log.info(`Using the token ${accountKeyString(key)} already got meanwhile (refreshed elsewhere)`);
      return current;
    }
    try {
      return await this.exchange(current);
    } catch (error) {
      if (!isInvalidGrant(error)) {
        throw error;
      }
      // The refresh token was refused. Another window may have rotated it a moment ago: re-read first.
      const latest = await this.store.get(key, { fresh: true });
      if (latest && latest.status !== 'expired' && latest.refreshToken !== current.refreshToken) {
        this.log.info(`Refresh token of ${accountKeyString(key)} was rotated by another window; using its tokens`);
        return this.needsRefresh(latest) ? this.exchangeOrExpire(latest) : latest;
      }
      return this.expire(current, error);
    }
  }

  private async exchangeOrExpire(session: StoredSession): Promise<StoredSession> {
    try {
      return await this.exchange(session);
    } catch (error) {
      if (isInvalidGrant(error)) {
        return this.expire(session, error);
      }
      throw error;
    }
  }

  private async exchange(session: StoredSession): Promise<StoredSession> {
    this.log.info(`Refreshing the access token of ${accountKeyString(session)}`);
    const tokens = await this.refresher(session.service, session.refreshToken);
    this.registry?.add(tokens.accessToken);
    this.registry?.add(tokens.refreshToken);
    const refreshed: StoredSession = {
      ...session,
      accessToken: tokens.accessToken,
      // Services that do not rotate refresh tokens may omit it.
      refreshToken: tokens.refreshToken || session.refreshToken,
      expiresAt: tokens.expiresAt,
      scopes: tokens.scopes ?? session.scopes,
    };
    await this.store.save(refreshed);
    this.log.info(
      `Refreshed the access token of ${accountKeyString(session)}; valid until ${new Date(tokens.expiresAt).toISOString()}`,
    );
    return refreshed;
  }

  private async expire(session: StoredSession, cause: unknown): Promise<never> {
    this.log.warn(`Dropbox Sign refused the refresh token of ${accountKeyString(session)}; the user must sign in again`, cause);
    await this.store.save({ ...session, status: 'expired' });
    throw new AuthError(`The Dropbox Sign sign-in of ${session.email} has expired or was revoked. Sign in again.`, {
      errorName: 'invalid_grant',
      cause,
    });
  }

  /** An account created through /account/create stays "awaiting activation" until a call succeeds. */
  private async markActive(key: AccountKey, used: StoredSession): Promise<void> {
    if (used.status !== 'awaitingActivation') {
      return;
    }
    const latest = await this.store.get(key);
    if (latest && latest.status === 'awaitingActivation') {
      await this.store.save({ ...latest, status: 'active' });
    }
  }
}

function isInvalidGrant(error: unknown): boolean {
  return isSignDeskError(error) && error.errorName === 'invalid_grant';
}
