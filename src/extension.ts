import * as vscode from 'vscode';
import { AppCredentials } from './auth/appCredentials';
import { CallbackRouter, CallbackUri, logUnknownPath } from './auth/callbackRouter';
import { watchAppSetup } from './commands/session/appSetupEvents';
import { readClientId } from './commands/signInSettings';
import { registerGeneralCommands } from './commands/general';
import { setUpSessions, SessionServices } from './commands/sessionSetup';
import { setUpSignIn } from './commands/signInSetup';
import { systemClock } from './core/clock';
import { FetchHttpClient } from './core/fetchHttpClient';
import { RedactingLogger, SecretRegistry } from './core/log';
import { tokenOrigins } from './providers/dropboxSign/endpoints';
import { readDropboxSignSettings } from './commands/signInSettings';
import { readDropboxSignError } from './providers/dropboxSign/errorBody';
import { DropboxSignOAuthClient } from './providers/dropboxSign/oauthClient';
import { observeRateLimits } from './core/rateLimitObserver';
import { setUpRequestsView } from './commands/requests/setup';
import { ACTION_COMMANDS } from './commands/actions/deps';
import { registerOnFirstUse } from './commands/onFirstUse';
import type * as Features from './features';
import { registerShowCallbackUrlCommand } from './commands/session/callbackUrl';
import { FirstRequestSent } from './commands/actions/firstRequestSent';
import { extensionCallbackUri } from './commands/session/signIn';
import type { RequestsView } from './views/requestsTree/view';
import type { RateLimitInfo } from './core/http';
import { DropboxSignApi } from './providers/dropboxSign/apiClient';
import { DropboxSignService } from './providers/dropboxSign/service';
import { dropboxSign } from './providers/dropboxSign/definition';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface SignDeskApi {
  readonly testing?: {
    /** Resolves with the next URI that reaches the extension's URI handler. */
    nextCallbackUri(): Promise<CallbackUri>;
    /** Session store, token manager, current account and status bar controller. */
    sessions: SessionServices;
    /** The Signature Requests view: model, tree provider, tree view, auto refresher, notifier. */
    requests: RequestsView;
  };
}

// The composition root: builds every service once, wires them, and hands every disposable to VS Code.
export function activate(context: vscode.ExtensionContext): SignDeskApi {
  const log = vscode.window.createOutputChannel('SignDesk', { log: true });
  context.subscriptions.push(log);

  // Every live token/secret is registered here so the log redacts it wherever it shows up.
  const secretRegistry = new SecretRegistry();
  const logger = new RedactingLogger(log, secretRegistry);

  const router = new CallbackRouter(logUnknownPath(logger));
  context.subscriptions.push(
    vscode.window.registerUriHandler({ handleUri: (uri) => router.handle({ path: uri.path, query: uri.query }) }),
  );
  // User settings only, https (or loopback http), checked on every call: throws SettingsError before sending.
  const dropboxSignSettings = readDropboxSignSettings;
  // The latest rate-limit headers from any response: the status bar's tooltip and the auto refresh's pacing read them.
  let latestRateLimit: RateLimitInfo | undefined;
  const rateLimitSeen = new vscode.EventEmitter<RateLimitInfo>();
  context.subscriptions.push(rateLimitSeen);
  const http = observeRateLimits(
    new FetchHttpClient({
      userAgent: `SignDesk/${context.extension.packageJSON.version}`,
      readError: readDropboxSignError,
      secrets: secretRegistry,
      logger,
    }),
    (info) => {
      latestRateLimit = info;
      rateLimitSeen.fire(info);
    },
  );
  // The user's API app: "configured" (client ID and secret) decides what the status bar and the view offer first.
  const credentials = new AppCredentials(context.secrets, readClientId, secretRegistry);
  const appSetup = watchAppSetup(context.secrets);
  context.subscriptions.push(appSetup);
  const sessionServices = setUpSessions({
    context,
    service: dropboxSign,
    log: logger,
    secretRegistry,
    clock: systemClock,
    oauth: new DropboxSignOAuthClient(http, dropboxSignSettings, systemClock, secretRegistry),
    // A session's tokens go only to the servers that issued them: these are the ones configured now.
    currentOrigins: () => tokenOrigins(dropboxSignSettings()),
    appSetup: { isConfigured: () => credentials.isConfigured(), onDidChange: appSetup.onDidChange },
  });
  context.subscriptions.push(rateLimitSeen.event((info) => sessionServices.statusBar.noteRateLimit(info)));
  setUpSignIn({
    context,
    log: logger,
    secretRegistry,
    clock: systemClock,
    http,
    dropboxSignSettings,
    sessions: sessionServices.store,
    credentials,
    router,
    showLog: () => log.show(true),
    onSigningIn: (inProgress) => sessionServices.statusBar.setSignInInProgress(inProgress),
    currentSession: () => sessionServices.active.current(),
  });
  // The signature service every view and command uses.
  const signatureService = new DropboxSignService(new DropboxSignApi(http, dropboxSignSettings), secretRegistry);
  const requests = setUpRequestsView({
    context,
    log: logger,
    clock: systemClock,
    service: signatureService,
    sessions: sessionServices,
    rateLimit: () => latestRateLimit,
    rules: dropboxSign.signatures.rules,
    serviceLabel: dropboxSign.label,
    appSetup: { isConfigured: () => credentials.isConfigured(), onDidChange: appSetup.onDidChange },
  });
  // The Getting Started walkthrough: its steps complete on context keys SignDesk sets (app configured,
  // signed in: the status bar's; a request sent: this one) and on running Show Callback URL.
  const firstRequestSent = new FirstRequestSent({
    state: context.globalState,
    setContext: (key, value) => vscode.commands.executeCommand('setContext', key, value),
  });
  // Send, remind, cancel and download: their code (dist/features.js) loads when one of them first runs.
  context.subscriptions.push(
    registerOnFirstUse({
      ids: ACTION_COMMANDS,
      load: loadFeatures,
      register: (features) =>
        features.setUpActionCommands({
          context,
          log: logger,
          clock: systemClock,
          service: signatureService,
          definition: dropboxSign,
          sessions: sessionServices,
          requests: requests.model,
          onSent: () => void firstRequestSent.noteSent(),
        }),
      log: logger,
    }),
  );
  context.subscriptions.push(registerShowCallbackUrlCommand(extensionCallbackUri(context.extension.id)));
  context.subscriptions.push(...registerGeneralCommands(log));

  log.info(`SignDesk ${context.extension.packageJSON.version} activated`);

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return {};
  }
  return {
    testing: {
      nextCallbackUri: () =>
        new Promise<CallbackUri>((resolve) => {
          const subscription = router.observe((uri) => {
            subscription.dispose();
            resolve(uri);
          });
        }),
      sessions: sessionServices,
      requests,
    },
  };
}

/** The build keeps this require out of the activation bundle: it loads dist/features.js beside it. */
function loadFeatures(): typeof Features {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./features') as typeof Features;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
