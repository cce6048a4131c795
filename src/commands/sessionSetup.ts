// Builds the session side of SignDesk's UI (status bar controller, account commands) over the runtimes'
// session store, token manager and current account, so the composition root only has to call this once.
import * as vscode from 'vscode';
import type { SecretStorageLike } from '../auth/session';
import type { ActiveSession } from '../auth/sessionSelection';
import type { SessionStore } from '../auth/sessionStore';
import type { TokenManager } from '../auth/tokenManager';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { Runtimes, ServiceRuntime } from '../runtime';
import type { ServiceAuthProvider } from '../runtime/authProvider';
import { LoginStatusBar } from '../views/statusBar/indicator';
import { StatusBarController } from '../views/statusBar/controller';
import { statusSegments } from '../views/statusBar/state';
import { registerSessionCommands, SESSION_COMMANDS } from './session/accounts';
import { COMMANDS } from '../views/ids';

export interface SessionSetupDeps {
  context: vscode.ExtensionContext;
  runtimes: Pick<Runtimes, 'secrets' | 'store' | 'tokens' | 'active' | 'of'>;
  /** The service the status bar reports on. */
  runtime: ServiceRuntime;
  log: Logger;
  clock: Clock;
}

export interface SessionServices {
  /** context.secrets, as the store sees it (tests open a second store over it). */
  secrets: SecretStorageLike;
  store: SessionStore;
  tokens: TokenManager;
  active: ActiveSession;
  statusBar: StatusBarController;
  /** What VS Code's Accounts menu and other extensions ask. */
  authProvider: ServiceAuthProvider;
}

const SIGN_IN_COMMAND = COMMANDS.signIn;
const CANCEL_SIGN_IN_COMMAND = COMMANDS.cancelSignIn;
const CONFIGURE_APP_COMMAND = COMMANDS.configureApp;

export function setUpSessions(deps: SessionSetupDeps): SessionServices {
  const { context, log, runtime } = deps;
  const { secrets, store, tokens, active } = deps.runtimes;
  const subscriptions = context.subscriptions;

  // One segment per configured service; this set-up serves one service, so one segment (signdesk.status).
  const [segment] = statusSegments([runtime.definition]);
  const bar = new LoginStatusBar(segment, {
    signIn: SIGN_IN_COMMAND,
    cancel: CANCEL_SIGN_IN_COMMAND,
    menu: SESSION_COMMANDS.accountMenu,
    reauthorize: SIGN_IN_COMMAND,
    configure: CONFIGURE_APP_COMMAND,
  });
  subscriptions.push(bar);
  const statusBar = new StatusBarController({
    serviceLabel: runtime.definition.label,
    bar,
    active,
    clock: deps.clock,
    log,
    isConfigured: () => runtime.appSetup.isConfigured(),
    onDidChangeAppSetup: runtime.appSetup.onDidChange,
    setContext: (key, value) => vscode.commands.executeCommand('setContext', key, value),
  });
  subscriptions.push(statusBar);
  subscriptions.push(runtime.rateLimit.onDidChange((info) => statusBar.noteRateLimit(info)));
  subscriptions.push(
    ...registerSessionCommands({
      store,
      active,
      tokens,
      log,
      labelOf: (service) => deps.runtimes.of(service)?.definition.label ?? runtime.definition.label,
      revoke: async (session) => {
        // Called on the client, not detached from it: the OAuth clients' revoke methods use their HTTP client.
        const oauth = deps.runtimes.of(session.service)?.oauth;
        if (oauth?.revoke && session.status !== 'expired') await oauth.revoke(session.accessToken);
      },
    }),
  );

  return { secrets, store, tokens, active, statusBar, authProvider: runtime.authProvider };
}
