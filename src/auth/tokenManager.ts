// Hands out working access tokens. VS Code-free.
//
// - Proactive: a token within `refreshMarginMs` of its expiry is refreshed before the call.
// - Reactive: a call refused with AuthError (not 403) gets one refresh and one retry; a second one surfaces.
// - Single-flight: at most one refresh request per account at a time; everyone else awaits it.
// - Several windows share the keyring: before refreshing, and before giving up on `invalid_grant`, the
//   stored session is re-read, because another window may already have rotated the tokens (Dropbox Sign
//   refresh tokens are single-use after rotation). Only then is the session marked expired.
// - Origin-bound: a session's tokens go only to the servers that issued them (StoredSession.origins). When
//   the configured servers differ, the caller is told to sign in again and nothing is sent.
import { AuthError, isSignDeskError } from '../core/errors';
import type { Clock } from '../core/clock';
import type { Logger, SecretRegistry } from '../core/log';
import type { TokenOrigins, TokenSet } from '../model/tokens';
import { AccountKey, accountKeyOf, accountKeyString, ServiceId, SessionStoreApi, StoredSession } from './session';

/** Exchanges a refresh token for new tokens at the service's token endpoint (provider oauthClient.refresh). */
export type TokenRefresher = (service: ServiceId, refreshToken: string) => Promise<TokenSet>;

export const DEFAULT_REFRESH_MARGIN_MS = 2 * 60_000;

/** errorName of the AuthErrors this class raises itself. */
export const NOT_SIGNED_IN = 'not_signed_in';
export const SESSION_EXPIRED = 'session_expired';
/** The session was issued by other servers than the ones configured now. */
export const ORIGIN_CHANGED = 'origin_changed';

export function isOriginChanged(error: unknown): error is AuthError {
  return error instanceof AuthError && error.errorName === ORIGIN_CHANGED;
}

export interface TokenManagerOptions {
  store: SessionStoreApi;
  refresh: TokenRefresher;
  clock: Clock;
  log: Logger;
  secretRegistry?: SecretRegistry;
  refreshMarginMs?: number;
  /**
   * The servers a service's tokens would be sent to now (from the settings; may throw SettingsError).
   * Without it sessions are not origin-checked (tests of other behaviour).
   */
  currentOrigins?: (service: ServiceId) => TokenOrigins;
}

export class TokenManager {
  private readonly store: SessionStoreApi;
  private readonly refresher: TokenRefresher;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly registry?: SecretRegistry;
  private readonly marginMs: number;
  private readonly currentOrigins?: (service: ServiceId) => TokenOrigins;
  private readonly inFlight = new Map<string, Promise<StoredSession>>();

  constructor(options: TokenManagerOptions) {
    this.store = options.store;
    this.refresher = options.refresh;
    this.clock = options.clock;
    this.log = options.log;
    this.registry = options.secretRegistry;
    this.marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.currentOrigins = options.currentOrigins;
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
      this.checkOrigins(session); // again right before sending: the settings may have changed meanwhile
      result = await call(session.accessToken);
    } catch (error) {
      // 401: the token was refused, a new one may help. 403 (forbidden, account not confirmed yet, scope
      // missing) is about the account, not the token: refreshing would only burn a refresh token.
      if (!(error instanceof AuthError) || error.status === 403) {
        throw error;
      }
      this.log.info(`The service refused the access token of ${accountKeyString(key)}; refreshing once and retrying`);
      session = await this.refreshOnce(key, session.accessToken);
      this.checkOrigins(session);
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
    let session = await this.store.get(key, { fresh });
    if (session && !session.origins && this.currentOrigins) {
      session = await this.bindToCurrentOrigins(key);
    }
    if (!session) {
      throw new AuthError('You are not signed in to Dropbox Sign. Sign in first.', { errorName: NOT_SIGNED_IN });
    }
    if (session.status === 'expired') {
      throw new AuthError(`The Dropbox Sign sign-in of ${session.email} has expired or was revoked. Sign in again.`, {
        errorName: SESSION_EXPIRED,
      });
    }
    this.checkOrigins(session);
    return session;
  }

  /** Throws AuthError(ORIGIN_CHANGED) when the session's tokens would go to other servers than the ones that issued them. */
  private checkOrigins(session: StoredSession): void {
    const issued = session.origins;
    const now = issued && this.currentOrigins?.(session.service);
    const changed = now && [issued.api !== now.api && now.api, issued.oauth !== now.oauth && now.oauth].find(Boolean);
    if (changed) {
      throw new AuthError(`SignDesk now points at ${changed}, which did not issue the Dropbox Sign sign-in of ${session.email}. Sign in again.`, {
        errorName: ORIGIN_CHANGED,
      });
    }
  }

  /**
   * Sessions saved before SignDesk recorded origins are treated as issued by the servers configured at
   * their first use, and that is saved, so a later change of the settings cannot send their tokens
   * elsewhere. Reads the stored session again first, so another window's newer tokens are kept.
   */
  private async bindToCurrentOrigins(key: AccountKey): Promise<StoredSession | undefined> {
    const latest = await this.store.get(key, { fresh: true });
    if (!latest || latest.origins || latest.status === 'expired' || !this.currentOrigins) {
      return latest;
    }
    const bound: StoredSession = { ...latest, origins: this.currentOrigins(latest.service) };
    // Only over the very session read (a sign-out or another window's save meanwhile wins). A failed write
    // is logged by the store; the session still works now and is bound again at its next use.
    await this.store.saveIfUnchanged?.(bound).catch(() => undefined);
    return bound;
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
    // The refresh token goes to the OAuth server: only the one that issued it. A session without origins
    // (written by an older SignDesk in another window) is bound to the current ones by this refresh.
    this.checkOrigins(session);
    const origins = session.origins ?? this.currentOrigins?.(session.service);
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
      ...(origins ? { origins } : {}),
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
