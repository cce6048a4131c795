// Hands out working access tokens. VS Code-free.
//
// - Proactive: a token within `refreshMarginMs` of its expiry is refreshed before the call.
// - Reactive: a call refused with AuthError (not 403, not a missing scope) gets one refresh and one retry; a second one surfaces.
// - Single-flight: at most one refresh request per account at a time; everyone else awaits it.
// - Several windows share the keyring, and rotating services' refresh tokens are single-use. Before
//   refreshing, the stored session is re-read (another window may have rotated it already). When the
//   refresh token is refused (invalid_grant), this window waits briefly for the window that won the race to
//   store its new tokens and uses those. Only when none come is the session marked expired, and only if the
//   stored session is still the refused one right then (compare-and-set): never over newer tokens.
// - A refreshed session the secret storage failed to store is kept in memory and used; storing it is
//   retried (a few times with backoff, and again on its next use). Its old refresh token no longer works,
//   so dropping the new one would sign the user out.
// - Origin-bound: a session's tokens go only to the servers that issued them (StoredSession.origins). When
//   the configured servers differ, the caller is told to sign in again and nothing is sent.
import { AuthError, CancelledError, isSignDeskError, MissingScopeError } from '../core/errors';
import { systemTimers, type Clock, type Timers } from '../core/clock';
import type { Logger, SecretRegistry } from '../core/log';
import type { TokenOrigins, TokenSet } from '../model/tokens';
import type { RotationLedger } from './rotationLedger';
import {
  AccountKey,
  accountKeyOf,
  accountKeyString,
  Disposable,
  registerTokens,
  sameAccount,
  ServiceId,
  SessionStoreApi,
  StoredSession,
} from './session';

/** Exchanges a refresh token for new tokens at the token endpoint of the session's own service (its runtime). */
export type TokenRefresher = (service: ServiceId, refreshToken: string) => Promise<TokenSet>;

export const DEFAULT_REFRESH_MARGIN_MS = 2 * 60_000;

/** errorName of the AuthErrors this class raises itself. */
export const NOT_SIGNED_IN = 'not_signed_in';
export const SESSION_EXPIRED = 'session_expired';
/** Another window renewed the tokens, but they do not reach this one (a web workbench tab reads secrets once). */
export const RENEWED_ELSEWHERE = 'renewed_elsewhere';
/** The session was issued by other servers than the ones configured now. */
export const ORIGIN_CHANGED = 'origin_changed';

export function isOriginChanged(error: unknown): error is AuthError {
  return error instanceof AuthError && error.errorName === ORIGIN_CHANGED;
}

/**
 * After a refused refresh token: pauses between re-reads of the stored session while waiting for the window
 * that rotated it to store its tokens (about 2 s in all; a change event ends a pause early).
 */
export const ROTATION_WAIT_PAUSES_MS: readonly number[] = [100, 200, 300, 600, 800];
/** Pauses before storing a refreshed session again after the secret storage refused it; then again on its next use. */
export const STORE_RETRY_PAUSES_MS: readonly number[] = [1000, 2000, 4000, 8000];

export interface TokenManagerOptions {
  store: SessionStoreApi;
  refresh: TokenRefresher;
  clock: Clock;
  log: Logger;
  secretRegistry?: SecretRegistry;
  refreshMarginMs?: number;
  /** For the pauses above; tests fire them without waiting. */
  timers?: Timers;
  /** Shared by every window: which refresh tokens were already exchanged (see rotationLedger.ts). */
  rotations?: Pick<RotationLedger, 'recordRotation' | 'wasRotated'>;
  /**
   * The servers a service's tokens would be sent to now (from the settings; may throw SettingsError).
   * Without it sessions are not origin-checked (tests of other behaviour).
   */
  currentOrigins?: (service: ServiceId) => TokenOrigins;
  /** A service's name for messages (its definition's label); "the service" without it. */
  labelOf?: (service: ServiceId) => string;
}

/** Tokens this window got by refreshing, until storage holds something newer. */
interface Renewal {
  session: StoredSession;
  /** Refresh tokens this chain of refreshes retired; storage holding one of them is behind. */
  retired: string[];
  /** Background attempts to store `session`, while they run. */
  storing?: Promise<void>;
}

export class TokenManager implements Disposable {
  private readonly tokenStore: SessionStoreApi;
  private readonly exchangeRefreshToken: TokenRefresher;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly registry?: SecretRegistry;
  private readonly marginMs: number;
  private readonly pauseTimers: Timers;
  private readonly ledger?: TokenManagerOptions['rotations'];
  private readonly originsNow?: (service: ServiceId) => TokenOrigins;
  private readonly labelOfService: (service: ServiceId) => string;
  private readonly inFlight = new Map<string, Promise<StoredSession>>();
  private readonly renewals = new Map<string, Renewal>();
  /** Ends every pause at once (dispose). */
  private readonly pauses = new Set<() => void>();
  private readonly subscription: Disposable;
  private disposed = false;

  constructor(options: TokenManagerOptions) {
    this.tokenStore = options.store;
    this.exchangeRefreshToken = options.refresh;
    this.clock = options.clock;
    this.log = options.log;
    this.registry = options.secretRegistry;
    this.marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.pauseTimers = options.timers ?? systemTimers;
    this.ledger = options.rotations;
    this.originsNow = options.currentOrigins;
    this.labelOfService = options.labelOf ?? (() => 'the service');
    // Another window may write tokens this window already replaced (it lost a refresh race by a hair):
    // store ours again at once, so nobody reads the older ones for long.
    this.subscription = this.tokenStore.onDidChange((change) => {
      if (change.reason !== 'reloaded') return;
      for (const [id, renewal] of this.renewals) {
        if (!change.key || accountKeyString(change.key) === id) void this.storeWhenBehind(renewal);
      }
    });
  }

  /**
   * Runs `call` with a fresh access token for the account. On an AuthError from `call`, refreshes once and
   * retries once. Throws AuthError(errorName NOT_SIGNED_IN | SESSION_EXPIRED | invalid_grant |
   * RENEWED_ELSEWHERE) when the user must sign in (again) or reload the window.
   */
  async withToken<T>(account: AccountKey, call: (accessToken: string) => Promise<T>): Promise<T> {
    const key = accountKeyOf(account);
    const send = (fresh: StoredSession): Promise<T> => {
      this.checkOrigins(fresh); // again right before sending: the settings may have changed meanwhile
      return call(fresh.accessToken);
    };
    let session = await this.freshSession(key);
    let result: T;
    try {
      result = await send(session);
    } catch (error) {
      // 401: the token was refused, a new one may help. 403 (forbidden, account not confirmed yet) and a
      // missing scope are about the account or its consent: a refresh would only burn a refresh token.
      if (!(error instanceof AuthError) || error.status === 403 || error instanceof MissingScopeError) {
        throw error;
      }
      this.log.info(`The service refused the access token of ${accountKeyString(key)}; refreshing once and retrying`);
      session = await this.refreshOnce(key, session.accessToken);
      result = await send(session);
    }
    await this.markActive(key, session);
    return result;
  }

  /**
   * The account's session with an access token that is not about to expire, refreshed first if it is
   * (shares a refresh already running). For handing the token to someone else, e.g. another extension.
   * `force`: refreshes whatever the expiry.
   */
  async freshSession(account: AccountKey, force = false): Promise<StoredSession> {
    const key = accountKeyOf(account);
    const session = await this.usableSession(key);
    return force || this.needsRefresh(session) ? this.refreshOnce(key, session.accessToken, force) : session;
  }

  /** Refreshes now, whatever the expiry (the account menu's "Refresh"). */
  refreshNow(account: AccountKey): Promise<StoredSession> {
    return this.freshSession(account, true);
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    for (const end of [...this.pauses]) end();
  }

  /** The stored session, or this window's newer tokens while storage is behind them. */
  private async usableSession(key: AccountKey, fresh = false): Promise<StoredSession> {
    const renewal = this.renewals.get(accountKeyString(key));
    let stored: StoredSession | undefined;
    try {
      stored = await this.tokenStore.get(key, { fresh });
    } catch (error) {
      if (!renewal) throw error;
      this.log.warn(`Could not read the stored session of ${accountKeyString(key)}; using the tokens this window refreshed last`, error);
      return renewal.session;
    }
    if (renewal) {
      const newer = this.newerThanStored(renewal, stored);
      if (newer) return newer;
    }
    if (stored && !stored.origins && this.originsNow) {
      stored = await this.bindToCurrentOrigins(key);
    }
    if (!stored) {
      throw this.notSignedIn(key);
    }
    if (stored.status === 'expired') {
      throw this.sessionExpired(stored);
    }
    this.checkOrigins(stored);
    return stored;
  }

  /** Throws AuthError(ORIGIN_CHANGED) when the session's tokens would go to other servers than the ones that issued them. */
  private checkOrigins(session: StoredSession): void {
    const issued = session.origins;
    const now = issued && this.originsNow?.(session.service);
    const changed = now && [issued.api !== now.api && now.api, issued.oauth !== now.oauth && now.oauth].find(Boolean);
    if (changed) {
      throw new AuthError(`SignDesk now points at ${changed}, which did not issue the ${this.labelOfService(session.service)} sign-in of ${session.email}. Sign in again.`, {
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
    const latest = await this.readFresh(key);
    if (!latest || latest.origins || latest.status === 'expired' || !this.originsNow) {
      return latest;
    }
    const bound: StoredSession = { ...latest, origins: this.originsNow(latest.service) };
    // Only over the very session read (a sign-out or another window's save meanwhile wins). A failed write
    // is logged by the store; the session still works now and is bound again at its next use.
    await this.tokenStore.saveIfUnchanged?.(bound).catch(() => undefined);
    return bound;
  }

  /** This window's renewed session when storage is behind it (and sets storing it going); otherwise forgets it. */
  private newerThanStored(renewal: Renewal, stored: StoredSession | undefined): StoredSession | undefined {
    if (stored && renewal.retired.includes(stored.refreshToken)) {
      void this.storeWhenBehind(renewal);
      return renewal.session;
    }
    if (!stored || stored.refreshToken !== renewal.session.refreshToken || stored.status === 'expired') {
      // Signed out, signed in anew, refreshed further by another window, or these tokens were refused too.
      this.forgetRenewal(renewal);
    }
    return undefined;
  }

  private forgetRenewal(renewal: Renewal): void {
    const id = accountKeyString(renewal.session);
    if (this.renewals.get(id) === renewal) this.renewals.delete(id);
  }

  /** The stored session as the secret storage holds it now (another window may have written). */
  private readFresh(key: AccountKey): Promise<StoredSession | undefined> {
    return this.tokenStore.get(key, { fresh: true });
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
    if (this.ledger?.wasRotated(key, current.refreshToken)) {
      // Sending it would only be refused (and cost a request): wait for the other window's tokens instead.
      this.log.info(`Another window already renewed the refresh token of ${accountKeyString(key)}; waiting for its tokens`);
      return this.takeOverFromOtherWindow(key, current);
    }
    try {
      return await this.exchange(key, current);
    } catch (error) {
      if (!isInvalidGrant(error)) {
        throw error;
      }
      this.log.info(`${this.labelOfService(key.service)} refused the refresh token of ${accountKeyString(key)}; waiting briefly in case another window just renewed it`);
      return this.takeOverFromOtherWindow(key, current, error);
    }
  }

  /** `refused`'s refresh token no longer works: use what another window stored, else mark it expired. */
  private async takeOverFromOtherWindow(key: AccountKey, refused: StoredSession, cause?: unknown): Promise<StoredSession> {
    const newer = await this.awaitNewerSession(key, refused);
    if (this.disposed) {
      // The window is closing: deciding "expired" now could write over tokens it never got to see.
      throw new CancelledError('SignDesk stopped while waiting for another window\'s tokens.');
    }
    if (newer) {
      return this.adopt(key, newer);
    }
    if (this.ledger?.wasRotated(key, refused.refreshToken)) {
      // Nothing reached this window's secrets although a window renewed them: in a web workbench each tab
      // reads them once, when it loads. A reload brings them; marking them expired would lose them.
      this.log.warn(`Another window renewed the sign-in of ${accountKeyString(key)}, but its tokens do not reach this window; a reload brings them`);
      throw new AuthError(
        `Another VS Code window renewed your ${this.labelOfService(key.service)} sign-in, and this window cannot see the new tokens until it reloads. Reload the window to continue.`,
        { errorName: RENEWED_ELSEWHERE, cause },
      );
    }
    return this.expireIfUnchanged(key, refused, cause);
  }

  /**
   * Re-reads the stored session until it holds a refresh token other than `refused`'s (returned), for about
   * ROTATION_WAIT_PAUSES_MS in all; undefined if none came. Throws NOT_SIGNED_IN if it was removed meanwhile.
   */
  private async awaitNewerSession(key: AccountKey, refused: StoredSession): Promise<StoredSession | undefined> {
    let changed = false;
    let wake: (() => void) | undefined;
    const subscription = this.tokenStore.onDidChange((change) => {
      if (!change.key || sameAccount(change.key, key)) {
        changed = true;
        wake?.();
      }
    });
    try {
      for (let step = 0; ; step++) {
        changed = false;
        let stored: StoredSession | undefined;
        try {
          stored = await this.readFresh(key);
        } catch {
          stored = refused; // already logged by the store; read again after the next pause
        }
        if (!stored) {
          throw this.notSignedIn(key);
        }
        if (stored.refreshToken !== refused.refreshToken) {
          return stored;
        }
        if (step === ROTATION_WAIT_PAUSES_MS.length || this.disposed) {
          return undefined;
        }
        if (!changed) {
          await this.pauseFor(ROTATION_WAIT_PAUSES_MS[step], (end) => (wake = end));
        }
        wake = undefined;
      }
    } finally {
      subscription.dispose();
    }
  }

  private adopt(key: AccountKey, stored: StoredSession): Promise<StoredSession> {
    if (stored.status === 'expired') {
      throw this.sessionExpired(stored);
    }
    this.log.info(`Using the tokens another window stored for ${accountKeyString(key)}`);
    return this.needsRefresh(stored) ? this.exchangeOrExpire(key, stored) : Promise.resolve(stored);
  }

  private async exchangeOrExpire(key: AccountKey, session: StoredSession): Promise<StoredSession> {
    try {
      return await this.exchange(key, session);
    } catch (error) {
      if (isInvalidGrant(error)) {
        return this.expireIfUnchanged(key, session, error);
      }
      throw error;
    }
  }

  /**
   * Compare-and-set: marks the stored session expired only while it still holds `refused`'s refresh token;
   * uses newer tokens that arrived meanwhile instead. Throws the AuthError that says to sign in again.
   */
  private async expireIfUnchanged(key: AccountKey, refused: StoredSession, cause: unknown): Promise<StoredSession> {
    const stored = await this.readFresh(key);
    if (!stored) {
      throw this.notSignedIn(key);
    }
    if (stored.refreshToken !== refused.refreshToken) {
      return this.adopt(key, stored);
    }
    if (stored.status !== 'expired') {
      let marked = true;
      try {
        marked = await this.tokenStore.saveOver({ ...stored, status: 'expired' }, [refused.refreshToken]);
      } catch (error) {
        this.log.warn(`Could not mark the session of ${accountKeyString(key)} expired`, error);
      }
      if (!marked) {
        // Newer tokens, or a sign-out, landed between the read and the write.
        const latest = await this.readFresh(key);
        if (!latest) throw this.notSignedIn(key);
        return this.adopt(key, latest);
      }
    }
    this.log.warn(`${this.labelOfService(key.service)} refused the refresh token of ${accountKeyString(key)}; the user must sign in again`, cause);
    throw this.sessionExpired(stored, 'invalid_grant', cause);
  }

  private async exchange(key: AccountKey, session: StoredSession): Promise<StoredSession> {
    const id = accountKeyString(key);
    // The refresh token goes to the OAuth server: only the one that issued it. A session without origins
    // (written by an older SignDesk in another window) is bound to the current ones by this refresh.
    this.checkOrigins(session);
    const origins = session.origins ?? this.originsNow?.(session.service);
    this.log.info(`Refreshing the access token of ${id}`);
    const tokens = await this.exchangeRefreshToken(session.service, session.refreshToken);
    if (this.registry) registerTokens(this.registry, tokens);
    const refreshed: StoredSession = {
      ...session,
      accessToken: tokens.accessToken,
      // Services that do not rotate refresh tokens may omit it.
      refreshToken: tokens.refreshToken || session.refreshToken,
      expiresAt: tokens.expiresAt,
      scopes: tokens.scopes ?? session.scopes,
      ...(origins ? { origins } : {}),
    };
    const previous = this.renewals.get(id);
    const retired = previous?.session.refreshToken === session.refreshToken ? [...previous.retired] : [];
    if (refreshed.refreshToken !== session.refreshToken) {
      retired.push(session.refreshToken);
      // Before storing: a window that loses this race learns it was renewed, not revoked.
      await this.ledger?.recordRotation(key, session.refreshToken);
    }
    const renewal: Renewal = { session: refreshed, retired: retired.slice(-8) };
    this.renewals.set(id, renewal);

    const outcome = await this.storeRenewal(renewal, true);
    if (outcome === 'signedOut') {
      throw this.notSignedIn(key);
    }
    if (outcome === 'failed') {
      void this.storeWhenBehind(renewal, STORE_RETRY_PAUSES_MS);
    }
    this.log.info(`Refreshed the access token of ${id}; valid until ${new Date(tokens.expiresAt).toISOString()}`);
    return refreshed;
  }

  /**
   * One attempt to store a renewed session, only over a stored session it replaces (never over a sign-out
   * or a newer sign-in that happened meanwhile). `firstAttempt` also writes over the same refresh token (a
   * service that does not rotate them); later attempts do not, or two windows would overwrite each other's
   * equally good access tokens forever.
   */
  private async storeRenewal(renewal: Renewal, firstAttempt = false): Promise<'stored' | 'signedOut' | 'superseded' | 'failed'> {
    const key = accountKeyOf(renewal.session);
    const id = accountKeyString(key);
    try {
      const stored = await this.readFresh(key);
      if (!stored) {
        this.log.info(`${id} was signed out while its token was refreshed; the new tokens are not stored`);
        this.forgetRenewal(renewal);
        return 'signedOut';
      }
      const mine = renewal.session;
      const same = stored.refreshToken === mine.refreshToken;
      if ((same && (!firstAttempt || stored.accessToken === mine.accessToken)) || (await this.tokenStore.saveOver(mine, firstAttempt ? [...renewal.retired, mine.refreshToken] : renewal.retired))) {
        return 'stored';
      }
      this.log.info(`Newer tokens of ${id} were stored meanwhile (or it was signed out); keeping those`);
      this.forgetRenewal(renewal);
      return 'superseded';
    } catch (error) {
      this.log.warn(`Could not store the refreshed session of ${id}; this window keeps using it and tries again`, error);
      return 'failed';
    }
  }

  /**
   * Stores `renewal` while storage is behind it, retrying after each of `pauses` (one loop at a time);
   * after the last one, the next use of the account starts again.
   */
  private storeWhenBehind(renewal: Renewal, pauses: readonly number[] = [0, ...STORE_RETRY_PAUSES_MS]): Promise<void> {
    if (renewal.storing) {
      return renewal.storing;
    }
    const id = accountKeyString(renewal.session);
    renewal.storing = (async () => {
      for (const [attempt, ms] of pauses.entries()) {
        if (ms > 0) await this.pauseFor(ms);
        if (this.disposed || this.renewals.get(id) !== renewal) return;
        const outcome = await this.storeRenewal(renewal);
        if (outcome !== 'failed') {
          if (attempt > 0 && outcome === 'stored') this.log.info(`Stored the refreshed session of ${id} (attempt ${attempt + 1})`);
          return;
        }
      }
      this.log.warn(`Still could not store the refreshed session of ${id}; this window keeps using it and tries again on its next use`);
    })().finally(() => {
      renewal.storing = undefined;
    });
    return renewal.storing;
  }

  /** Resolves after `ms` (on the injected timers), or when `exposeEnd`'s function is called, or on dispose. */
  private pauseFor(ms: number, exposeEnd?: (end: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      if (this.disposed) {
        resolve();
        return;
      }
      const timer: { handle?: unknown } = {};
      const end = (): void => {
        this.pauseTimers.clearTimeout(timer.handle);
        this.pauses.delete(end);
        resolve();
      };
      timer.handle = this.pauseTimers.setTimeout(end, ms);
      this.pauses.add(end);
      exposeEnd?.(end);
    });
  }

  /** An account created through /account/create stays "awaiting activation" until a call succeeds. */
  private async markActive(key: AccountKey, used: StoredSession): Promise<void> {
    if (used.status !== 'awaitingActivation') {
      return;
    }
    const renewal = this.renewals.get(accountKeyString(key));
    if (renewal) renewal.session = { ...renewal.session, status: 'active' };
    try {
      const latest = await this.tokenStore.get(key);
      if (latest && latest.status === 'awaitingActivation') {
        await this.tokenStore.save({ ...latest, status: 'active' });
      }
    } catch (error) {
      // The call worked; the mark is made again after the next one.
      this.log.warn(`Could not mark ${accountKeyString(key)} active`, error);
    }
  }

  private notSignedIn(key: AccountKey): AuthError {
    return new AuthError(`You are not signed in to ${this.labelOfService(key.service)}. Sign in first.`, { errorName: NOT_SIGNED_IN });
  }

  private sessionExpired(session: StoredSession, errorName = SESSION_EXPIRED, cause?: unknown): AuthError {
    return new AuthError(`The ${this.labelOfService(session.service)} sign-in of ${session.email} has expired or was revoked. Sign in again.`, { errorName, cause });
  }
}

function isInvalidGrant(error: unknown): boolean {
  return isSignDeskError(error) && error.errorName === 'invalid_grant';
}
