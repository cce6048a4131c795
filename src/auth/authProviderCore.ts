// The VS Code-free half of a service's authentication provider: what the Accounts menu
// sees of the stored sessions, and which of them were added, removed or changed since it last looked.
import { AuthError } from '../core/errors';
import { Emitter } from '../core/events';
import type { Logger } from '../core/log';
import { accountKeyString, AccountKey, Disposable, Event, ServiceId, SessionStoreApi, StoredSession } from './session';

/** Structurally a vscode.AuthenticationSession. */
export interface AuthSession {
  readonly id: string;
  readonly accessToken: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
}

export interface AuthSessionsChange {
  added: AuthSession[];
  removed: AuthSession[];
  changed: AuthSession[];
}

export function toAuthSession(session: StoredSession): AuthSession {
  return {
    id: accountKeyString(session),
    accessToken: session.accessToken,
    account: { id: session.accountId, label: session.email },
    scopes: [...session.scopes],
  };
}

/** Session ids are `service:accountId` (see accountKeyString); only ids of `service` are its provider's. */
export function accountKeyFromSessionId(id: string, service: ServiceId): AccountKey | undefined {
  const colon = id.indexOf(':');
  const accountId = id.slice(colon + 1);
  return colon > 0 && id.slice(0, colon) === service && accountId.length > 0 ? { service, accountId } : undefined;
}

function matchesScopes(session: AuthSession, scopes: readonly string[] | undefined): boolean {
  return !scopes || scopes.every((scope) => session.scopes.includes(scope));
}

function sameAuthSession(a: AuthSession, b: AuthSession): boolean {
  return (
    a.accessToken === b.accessToken &&
    a.account.label === b.account.label &&
    // OAuth scopes never hold a space (a space separates them).
    a.scopes.join(' ') === b.scopes.join(' ')
  );
}

/** Gives back the session with an access token that is not about to expire (refreshing it if needed). */
export type SessionFreshener = (session: StoredSession) => Promise<StoredSession>;

/**
 * Keeps the last snapshot shown to VS Code and turns every store change (sign-in, sign-out, refresh,
 * another window) into one added/removed/changed event. Expired sessions are not offered: their tokens
 * no longer work, so VS Code should ask for a new sign-in instead of handing them out. Sessions handed
 * out (getSessions) are freshened first: another extension gets a token that works, not the stored one.
 */
export class AuthSessionsTracker implements Disposable {
  private shownSessions = new Map<string, AuthSession>();
  private readonly changeEmitter = new Emitter<AuthSessionsChange>((error) => this.log.error('An Accounts menu listener failed', error));
  private readonly subscription: Disposable;
  private queue: Promise<void>;

  constructor(
    /** The service whose sessions the Accounts menu shows here (one provider per service). */
    private readonly menuService: ServiceId,
    private readonly sessionSource: SessionStoreApi,
    private readonly log: Logger,
    private readonly freshenSession: SessionFreshener = async (session) => session,
  ) {
    this.queue = this.refreshSnapshot();
    this.subscription = sessionSource.onDidChange(() => {
      this.queue = this.queue.then(() => this.refreshSnapshot());
    });
  }

  readonly onDidChangeSessions: Event<AuthSessionsChange> = this.changeEmitter.event;

  async getSessions(scopes?: readonly string[], accountId?: string): Promise<AuthSession[]> {
    const listed = (await this.offeredSessions()).filter(
      (s) => matchesScopes(toAuthSession(s), scopes) && (accountId === undefined || s.accountId === accountId),
    );
    const fresh = await Promise.all(listed.map((session) => this.freshOrStored(session)));
    return fresh.filter((s): s is StoredSession => s !== undefined).map(toAuthSession);
  }

  /** Resolves when every store change seen so far has been turned into events (for tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private async offeredSessions(): Promise<StoredSession[]> {
    return (await this.sessionSource.list(this.menuService)).filter((s) => s.status !== 'expired');
  }

  /**
   * A refused refresh (the sign-in expired or was revoked) means there is nothing to offer; any other
   * failure (offline, service down) leaves the stored token, which the caller's own call will report on.
   */
  private async freshOrStored(session: StoredSession): Promise<StoredSession | undefined> {
    try {
      return await this.freshenSession(session);
    } catch (error) {
      this.log.warn(`Could not refresh the sign-in of ${session.email} before handing it out`, error);
      return error instanceof AuthError ? undefined : session;
    }
  }

  private async refreshSnapshot(): Promise<void> {
    let sessions: AuthSession[];
    try {
      // Only what is stored: looking for changes must not itself refresh tokens.
      sessions = (await this.offeredSessions()).map(toAuthSession);
    } catch (error) {
      this.log.warn('Could not read the stored sessions for the Accounts menu', error);
      return;
    }
    const next = new Map(sessions.map((s) => [s.id, s]));
    const change: AuthSessionsChange = { added: [], removed: [], changed: [] };
    for (const [id, session] of next) {
      const before = this.shownSessions.get(id);
      if (!before) change.added.push(session);
      else if (!sameAuthSession(before, session)) change.changed.push(session);
    }
    for (const [id, session] of this.shownSessions) {
      if (!next.has(id)) change.removed.push(session);
    }
    this.shownSessions = next;
    if (change.added.length + change.removed.length + change.changed.length === 0) {
      return;
    }
    this.changeEmitter.fire(change);
  }
}
