// Builds the session side of SignDesk (store, token manager, current account, Accounts menu provider,
// status bar controller, account commands) so the composition root only has to call this once.
import * as vscode from 'vscode';
import { AuthProviderDeps, DropboxSignAuthProvider, registerDropboxSignAuthProvider } from '../auth/authProvider';
import type { Event, SecretStorageLike, ServiceId, SessionStoreApi, StoredSession } from '../auth/session';
import { ActiveSession } from '../auth/sessionSelection';
import { SessionStore } from '../auth/sessionStore';
import { RotationLedger } from '../auth/rotationLedger';
import { TokenManager } from '../auth/tokenManager';
import type { Clock } from '../core/clock';
import { CancelledError } from '../core/errors';
import type { Logger, SecretRegistry } from '../core/log';
import type { OAuthTokenClient, TokenOrigins } from '../model/tokens';
import { LoginStatusBar } from '../views/statusBar/indicator';
import { StatusBarController } from '../views/statusBar/controller';
import { registerSessionCommands, SESSION_COMMANDS } from './session/accounts';
import { COMMANDS } from '../views/ids';

export interface SessionSetupDeps {
  context: vscode.ExtensionContext;
  /** The service signed in to (its definition): the Accounts menu lists its sessions under its label. */
  service: AuthProviderDeps['service'];
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  /** The service's token endpoint; only `refresh` is used here. */
  oauth: Pick<OAuthTokenClient, 'refresh'>;
  /** The servers tokens would be sent to now (TokenManager refuses to send a session's tokens elsewhere). */
  currentOrigins?: (service: ServiceId) => TokenOrigins;
  /**
   * The whole sign-in (browser → callback → token exchange → store.save) returning the saved session.
   * Defaults to running `signdesk.signIn` and taking the session it saved.
   */
  signIn?: () => Promise<StoredSession>;
  /** Whether the app has a client ID and secret, and when that may have changed (the status bar's "not configured"). */
  appSetup?: { isConfigured(): Promise<boolean>; onDidChange: Event<unknown> };
}

export interface SessionServices {
  /** context.secrets, as the store sees it (tests open a second store over it). */
  secrets: SecretStorageLike;
  store: SessionStore;
  tokens: TokenManager;
  active: ActiveSession;
  statusBar: StatusBarController;
  /** What VS Code's Accounts menu and other extensions ask. */
  authProvider: DropboxSignAuthProvider;
}

const SIGN_IN_COMMAND = COMMANDS.signIn;
const CANCEL_SIGN_IN_COMMAND = COMMANDS.cancelSignIn;
const CONFIGURE_APP_COMMAND = COMMANDS.configureApp;

export function setUpSessions(deps: SessionSetupDeps): SessionServices {
  const { context, log } = deps;
  const subscriptions = context.subscriptions;

  const store = new SessionStore({ secrets: context.secrets, log, secretRegistry: deps.secretRegistry });
  subscriptions.push(store);
  const tokens = new TokenManager({
    store,
    clock: deps.clock,
    log,
    secretRegistry: deps.secretRegistry,
    // Dropbox Sign refreshes with the refresh token alone; the client secret is not needed here.
    refresh: (_service, refreshToken) => deps.oauth.refresh({ refreshToken }),
    currentOrigins: deps.currentOrigins,
    // globalState reaches every window (and web workbench tab) at once, which context.secrets does not.
    rotations: new RotationLedger(context.globalState, log),
  });
  subscriptions.push(tokens);
  const active = new ActiveSession(store, context.globalState, log);
  subscriptions.push(active);

  const bar = new LoginStatusBar({
    signIn: SIGN_IN_COMMAND,
    cancel: CANCEL_SIGN_IN_COMMAND,
    menu: SESSION_COMMANDS.accountMenu,
    reauthorize: SIGN_IN_COMMAND,
    configure: CONFIGURE_APP_COMMAND,
  });
  subscriptions.push(bar);
  const statusBar = new StatusBarController({
    bar,
    active,
    clock: deps.clock,
    log,
    isConfigured: deps.appSetup && (() => deps.appSetup!.isConfigured()),
    onDidChangeAppSetup: deps.appSetup?.onDidChange,
    setContext: (key, value) => vscode.commands.executeCommand('setContext', key, value),
  });
  subscriptions.push(statusBar);

  const authProvider = registerDropboxSignAuthProvider({
    service: deps.service,
    store,
    log,
    signIn: deps.signIn ?? (() => signInThroughCommand(store)),
    freshen: (session) => tokens.freshSession(session),
  });
  subscriptions.push(authProvider);
  subscriptions.push(...registerSessionCommands({ store, active, tokens, log }));

  return { secrets: context.secrets, store, tokens, active, statusBar, authProvider };
}

/** Runs the sign-in command and resolves with the session it saved (the Accounts menu's "Sign in"). */
async function signInThroughCommand(store: SessionStoreApi): Promise<StoredSession> {
  let saved: StoredSession | undefined;
  const pending: Promise<void>[] = [];
  const subscription = store.onDidChange((change) => {
    if (change.reason === 'saved' && change.key) {
      pending.push(
        store.get(change.key).then((session) => {
          saved = session ?? saved;
        }),
      );
    }
  });
  try {
    // VS Code asked for a (new) session: no "you are already signed in" question.
    const result = await vscode.commands.executeCommand<unknown>(SIGN_IN_COMMAND, { addAccount: true });
    await Promise.all(pending);
    const returned = result as Partial<StoredSession> | undefined;
    if (returned && typeof returned.accountId === 'string' && typeof returned.accessToken === 'string') {
      return returned as StoredSession;
    }
  } finally {
    subscription.dispose();
  }
  if (!saved) {
    throw new CancelledError('Sign-in to Dropbox Sign did not complete.');
  }
  return saved;
}
