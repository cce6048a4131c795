// The vscode.AuthenticationProvider face of the session store: one service's accounts in VS Code's
// Accounts menu (one provider per service, under its auth-provider id and label). Sign-in itself is
// injected (the sign-in command); this adapter only translates.
import * as vscode from 'vscode';
import {
  accountKeyFromSessionId,
  AuthSessionsTracker,
  SessionFreshener,
  toAuthSession,
} from '../auth/authProviderCore';
import type { SessionStoreApi, StoredSession } from '../auth/session';
import type { Logger } from '../core/log';
import type { ServiceDefinition } from '../model/service';

export interface AuthProviderDeps {
  /** The service whose sessions these are: its id, auth-provider id and label (its definition). */
  service: Pick<ServiceDefinition, 'id' | 'authProviderId' | 'label'>;
  store: SessionStoreApi;
  log: Logger;
  /** Runs the whole sign-in (browser, callback, token exchange, store.save) and returns the saved session. */
  signIn: () => Promise<StoredSession>;
  /** Refreshes a session's access token when it is about to expire, before VS Code hands it out. */
  freshen: SessionFreshener;
  /** Ends the session's tokens at the service where it can, before the Accounts menu's sign-out forgets them. */
  revoke?(session: StoredSession): Promise<void>;
}

export class ServiceAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;
  readonly tracker: AuthSessionsTracker;
  private readonly subscription: { dispose(): unknown };
  /** Set once registered with VS Code (registerServiceAuthProvider). */
  registration?: vscode.Disposable;

  constructor(private readonly deps: AuthProviderDeps) {
    this.tracker = new AuthSessionsTracker(deps.service.id, deps.store, deps.log, deps.freshen);
    this.subscription = this.tracker.onDidChangeSessions((change) => this.emitter.fire(change));
  }

  // VS Code ≥ 1.93 also passes { account } to narrow to one account.
  async getSessions(
    scopes?: readonly string[],
    options?: { account?: vscode.AuthenticationSessionAccountInformation },
  ): Promise<vscode.AuthenticationSession[]> {
    return this.tracker.getSessions(scopes, options?.account?.id);
  }

  async createSession(_scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    // Scopes are fixed by the user's API app, not requested per sign-in.
    const session = await this.deps.signIn();
    return toAuthSession(session);
  }

  async removeSession(sessionId: string): Promise<void> {
    const key = accountKeyFromSessionId(sessionId, this.deps.service.id);
    if (!key) {
      this.deps.log.warn(`Asked to remove an unknown session id ${sessionId}`);
      return;
    }
    const session = await this.deps.store.get(key);
    if (session && session.status !== 'expired' && this.deps.revoke) {
      try {
        await this.deps.revoke(session);
      } catch (error) {
        // Forgetting must not depend on the network.
        this.deps.log.warn(`Sign out: ${this.deps.service.label} did not confirm revoking the tokens; SignDesk forgets them anyway`, error);
      }
    }
    await this.deps.store.remove(key);
  }

  dispose(): void {
    this.registration?.dispose();
    this.subscription.dispose();
    this.tracker.dispose();
    this.emitter.dispose();
  }
}

/** Registers the provider with VS Code; dispose the provider to unregister it too. */
export function registerServiceAuthProvider(deps: AuthProviderDeps): ServiceAuthProvider {
  const provider = new ServiceAuthProvider(deps);
  provider.registration = vscode.authentication.registerAuthenticationProvider(deps.service.authProviderId, deps.service.label, provider, {
    supportsMultipleAccounts: true,
  });
  return provider;
}
