// The session contract shared by sign-in (which saves one), the token manager (which refreshes it),
// the authentication provider and the status bar (which show it). VS Code-free.
import type { SecretRegistry } from '../core/log';
import type { TokenOrigins, TokenSet } from '../model/tokens';
import type { Disposable, Event } from '../core/events';

/** A service's id (ServiceDefinition.id): sessions are stored and looked up per service and account. */
export type ServiceId = string;

/**
 * - active: tokens believed to work.
 * - awaitingActivation: created through /account/create; the user still has to confirm the email and
 *   authorize the app. Becomes active after the first successful call.
 * - expired: the refresh token was refused (invalid_grant) even after re-reading storage; the user must
 *   authorize again ("needs attention").
 */
export type SessionStatus = 'active' | 'awaitingActivation' | 'expired';

export interface StoredSession {
  service: ServiceId;
  accountId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch when the access token stops working. */
  expiresAt: number;
  scopes: string[];
  status: SessionStatus;
  /** Milliseconds since the epoch when the user signed in. */
  createdAt: number;
  /**
   * The servers the tokens came from and are for; SignDesk sends them nowhere else. Absent in sessions
   * saved before SignDesk recorded it: the token manager binds those to the configured servers at first use.
   */
  origins?: TokenOrigins;
}

/** The session a sign-in (authorization code or account creation) ends with. */
export function newSession(
  service: ServiceId,
  account: { id: string; email: string },
  tokens: { accessToken: string; refreshToken: string; expiresAt: number; scopes?: string[]; origins?: TokenOrigins },
  status: SessionStatus,
  now: number,
): StoredSession {
  const session: StoredSession = {
    service,
    accountId: account.id,
    email: account.email,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    scopes: [...(tokens.scopes ?? [])],
    status,
    createdAt: now,
  };
  if (tokens.origins) {
    session.origins = { oauth: tokens.origins.oauth, api: tokens.origins.api };
  }
  return session;
}

/** A copy of the session's own fields only (nothing else rides along), sharing no array or object with it. */
export function copySession(session: StoredSession): StoredSession {
  return newSession(session.service, { id: session.accountId, email: session.email }, session, session.status, session.createdAt);
}

/** Registers a session's tokens with the log's redaction. */
export function registerTokens(secrets: SecretRegistry, tokens: Pick<TokenSet, 'accessToken' | 'refreshToken'>): void {
  secrets.add(tokens.accessToken);
  secrets.add(tokens.refreshToken);
}

/** Identifies one stored session. */
export interface AccountKey {
  readonly service: ServiceId;
  readonly accountId: string;
}

export function accountKeyOf(session: Pick<StoredSession, 'service' | 'accountId'>): AccountKey {
  return { service: session.service, accountId: session.accountId };
}

/** A stable string for maps and ids: `<service id>:<account id>`. */
export function accountKeyString(key: AccountKey): string {
  return `${key.service}:${key.accountId}`;
}

export function sameAccount(a: AccountKey, b: AccountKey): boolean {
  return a.service === b.service && a.accountId === b.accountId;
}

// Event and Disposable live in core/events; re-exported for the auth modules that take them from here.
export type { Disposable, Event };

export type SessionChangeReason = 'saved' | 'removed' | 'reloaded';

export interface SessionChange {
  reason: SessionChangeReason;
  /** The account that changed; undefined for 'reloaded' (anything may have changed). */
  key?: AccountKey;
}

/**
 * Where sessions live. `save` replaces the session with the same service+accountId (refresh, re-login).
 * Throws SecretStorageUnavailableError when the OS keyring cannot be used.
 */
export interface SessionStoreApi {
  save(session: StoredSession): Promise<void>;
  /**
   * Saves `session` only while the stored one still holds the same tokens and status; resolves whether it
   * did. For writes that only annotate what was read: they must never bring back a session signed out
   * meanwhile, nor undo another save.
   */
  saveIfUnchanged?(session: StoredSession): Promise<boolean>;
  /**
   * Saves `session` only while the stored one holds one of `refreshTokens` (checked in the write queue, right
   * before the write); resolves whether it did. The token manager's compare-and-set: an expired mark or a
   * refreshed session never lands over newer tokens or a sign-out.
   */
  saveOver(session: StoredSession, refreshTokens: readonly string[]): Promise<boolean>;
  /** `fresh` bypasses any cache and reads the secret storage again (another window may have written). */
  get(key: AccountKey, options?: { fresh?: boolean }): Promise<StoredSession | undefined>;
  /** All sessions of one service (or every service), oldest sign-in first. */
  list(service?: ServiceId): Promise<StoredSession[]>;
  /** Removes the session's tokens; resolves false when there was none. */
  remove(key: AccountKey): Promise<boolean>;
  readonly onDidChange: Event<SessionChange>;
}

/**
 * What SessionStore needs from VS Code's SecretStorage; `context.secrets` satisfies it structurally.
 * Unit tests use an in-memory implementation.
 */
export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: Event<{ readonly key: string }>;
}

/**
 * The OS keyring behind SecretStorage failed (e.g. no Secret Service / gnome-keyring on Linux, a locked
 * keychain). The message says what to do; it never contains a secret.
 */
export class SecretStorageUnavailableError extends Error {
  /** `what`: what was being read or written, e.g. "your <label> session". */
  constructor(operation: 'read' | 'write' | 'delete', cause?: unknown, what = 'your session') {
    super(
      `SignDesk could not ${operation} ${what} in VS Code's secret storage (the OS keyring). ` +
        'Make sure a keyring is available and unlocked (on Linux: gnome-keyring or KWallet with the Secret Service ' +
        'running, or start VS Code with --password-store=basic), then reload the window and try again.',
      cause === undefined ? undefined : { cause },
    );
    this.name = 'SecretStorageUnavailableError';
  }
}
