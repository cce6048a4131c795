// The VS Code-free half of the `signdesk-dropbox-sign` authentication provider: what the Accounts menu
// sees of the stored sessions, and which of them were added, removed or changed since it last looked.
import type { Logger } from '../core/log';
import { accountKeyString, AccountKey, Disposable, Event, SessionStoreApi, StoredSession } from './session';

export const AUTH_PROVIDER_ID = 'signdesk-dropbox-sign';
export const AUTH_PROVIDER_LABEL = 'Dropbox Sign';

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

/** Session ids are `service:accountId` (see accountKeyString). */
export function accountKeyFromSessionId(id: string): AccountKey | undefined {
  const colon = id.indexOf(':');
  const service = id.slice(0, colon);
  const accountId = id.slice(colon + 1);
  return colon > 0 && service === 'dropboxSign' && accountId.length > 0 ? { service, accountId } : undefined;
}

function matchesScopes(session: AuthSession, scopes: readonly string[] | undefined): boolean {
  return !scopes || scopes.every((scope) => session.scopes.includes(scope));
}

function sameAuthSession(a: AuthSession, b: AuthSession): boolean {
  return (
    a.accessToken === b.accessToken &&
    a.account.label === b.account.label &&
    a.scopes.length === b.scopes.length &&
    a.scopes.every((s, i) => s === b.scopes[i])
  );
}

/**
 * Keeps the last snapshot shown to VS Code and turns every store change (sign-in, sign-out, refresh,
 * another window) into one added/removed/changed event. Expired sessions are not offered: their tokens
 * no longer work, so VS Code should ask for a new sign-in instead of handing them out.
 */
export class AuthSessionsTracker implements Disposable {
  private snapshot = new Map<string, AuthSession>();
  private readonly listeners = new Set<(change: AuthSessionsChange) => unknown>();
  private readonly subscription: Disposable;
  private queue: Promise<void>;

  constructor(
    private readonly store: SessionStoreApi,
    private readonly log: Logger,
  ) {
    this.queue = this.refreshSnapshot();
    this.subscription = store.onDidChange(() => {
      this.queue = this.queue.then(() => this.refreshSnapshot());
    });
  }

  readonly onDidChangeSessions: Event<AuthSessionsChange> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  async getSessions(scopes?: readonly string[], accountId?: string): Promise<AuthSession[]> {
    const sessions = (await this.store.list('dropboxSign'))
      .filter((s) => s.status !== 'expired')
      .map(toAuthSession);
    return sessions.filter((s) => matchesScopes(s, scopes) && (accountId === undefined || s.account.id === accountId));
  }

  /** Resolves when every store change seen so far has been turned into events (for tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private async refreshSnapshot(): Promise<void> {
    let sessions: AuthSession[];
    try {
      sessions = await this.getSessions();
    } catch (error) {
      this.log.warn('Could not read the stored sessions for the Accounts menu', error);
      return;
    }
    const next = new Map(sessions.map((s) => [s.id, s]));
    const change: AuthSessionsChange = { added: [], removed: [], changed: [] };
    for (const [id, session] of next) {
      const before = this.snapshot.get(id);
      if (!before) change.added.push(session);
      else if (!sameAuthSession(before, session)) change.changed.push(session);
    }
    for (const [id, session] of this.snapshot) {
      if (!next.has(id)) change.removed.push(session);
    }
    this.snapshot = next;
    if (change.added.length + change.removed.length + change.changed.length === 0) {
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.log.error('An Accounts menu listener failed', error);
      }
    }
  }
}
