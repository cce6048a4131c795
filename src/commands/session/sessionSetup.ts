// Builds the session side of SignDesk's UI (status bar controller, account commands) over the runtimes'
// session store, token manager and current account, so the composition root only has to call this once.
import * as vscode from 'vscode';
import type { SecretStorageLike } from '../../auth/session';
import type { ActiveSession } from '../../auth/sessionSelection';
import type { SessionStore } from '../../auth/sessionStore';
import type { TokenManager } from '../../auth/tokenManager';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import type { Runtimes, ServiceRuntime } from '../../runtime';
import type { ServiceAuthProvider } from '../../runtime/authProvider';
import { LoginStatusBar } from '../../views/statusBar/indicator';
import { StatusBarController } from '../../views/statusBar/controller';
import { CombinedContextKeys, statusSegments, type StatusSegment } from '../../views/statusBar/state';
import { registerSessionCommands } from './accounts';
import { COMMANDS } from '../../views/ids';

export interface SessionSetupDeps {
  context: vscode.ExtensionContext;
  runtimes: Pick<Runtimes, 'all' | 'secrets' | 'store' | 'tokens' | 'active' | 'of'>;
  log: Logger;
  clock: Clock;
}

export interface SessionServices {
  /** context.secrets, as the store sees it (tests open a second store over it). */
  secrets: SecretStorageLike;
  store: SessionStore;
  tokens: TokenManager;
  active: ActiveSession;
  /** The first service's segment (signdesk.status). */
  statusBar: StatusBarController;
  /** Every service's segment, by service id, in the order of the service list. */
  statusBars: ReadonlyMap<string, StatusBarController>;
  /** What VS Code's Accounts menu and other extensions ask (the first service's). */
  authProvider: ServiceAuthProvider;
}

export function setUpSessions(deps: SessionSetupDeps): SessionServices {
  const { context, log } = deps;
  const { secrets, store, tokens, active } = deps.runtimes;
  const subscriptions = context.subscriptions;
  const all = deps.runtimes.all;

  // The signed-in/has-account/configured keys hold when they hold for any signature service; a file
  // store (Dropbox) has its own view and keys.
  const contextKeys = new CombinedContextKeys((key, value) => vscode.commands.executeCommand('setContext', key, value));
  const segments = statusSegments(all.map((runtime) => runtime.definition));
  const statusBars = new Map<string, StatusBarController>();
  all.forEach((runtime, index) => {
    statusBars.set(runtime.definition.id, setUpSegment(deps, runtime, segments[index], runtime.definition.signatures ? contextKeys : undefined));
  });
  subscriptions.push(
    ...registerSessionCommands({
      store,
      active,
      tokens,
      log,
      labelOf: (service) => deps.runtimes.of(service)?.definition.label ?? all[0].definition.label,
      revoke: async (session) => {
        // Called on the client, not detached from it: the OAuth clients' revoke methods use their HTTP client.
        const oauth = deps.runtimes.of(session.service)?.oauth;
        if (oauth?.revoke && session.status !== 'expired') await oauth.revoke(session.accessToken);
      },
    }),
  );

  return { secrets, store, tokens, active, statusBar: statusBars.get(all[0].definition.id)!, statusBars, authProvider: all[0].authProvider };
}

/** One service's status bar segment and the controller that keeps it in step with that service's sign-in. */
function setUpSegment(deps: SessionSetupDeps, runtime: ServiceRuntime, segment: StatusSegment, contextKeys: CombinedContextKeys | undefined): StatusBarController {
  const subscriptions = deps.context.subscriptions;
  const bar = new LoginStatusBar(segment, {
    signIn: COMMANDS.signIn,
    cancel: COMMANDS.cancelSignIn,
    menu: COMMANDS.accountMenu,
    reauthorize: COMMANDS.signIn,
    configure: COMMANDS.configureApp,
  });
  subscriptions.push(bar);
  const statusBar = new StatusBarController({
    serviceLabel: runtime.definition.label,
    bar,
    active: deps.runtimes.active.forService(runtime.definition.id),
    clock: deps.clock,
    log: deps.log,
    isConfigured: () => runtime.appSetup.isConfigured(),
    onDidChangeAppSetup: runtime.appSetup.onDidChange,
    setContext: contextKeys?.forService(runtime.definition.id),
  });
  subscriptions.push(statusBar);
  subscriptions.push(runtime.rateLimit.onDidChange((info) => statusBar.noteRateLimit(info)));
  // "Signing in…" while this service's own attempt runs.
  let signingIn = runtime.signIn.signingIn;
  subscriptions.push(
    runtime.signIn.onDidChangeState(() => {
      if (runtime.signIn.signingIn !== signingIn) {
        signingIn = runtime.signIn.signingIn;
        void statusBar.setSignInInProgress(signingIn);
      }
    }) as vscode.Disposable,
  );
  return statusBar;
}
