import * as vscode from 'vscode';
import { CallbackRouter, CallbackUri, logUnknownPath } from './auth/callbackRouter';
import { registerGeneralCommands } from './commands/general';
import { setUpSessions, SessionServices } from './commands/session/sessionSetup';
import { setUpSignIn } from './commands/session/signInSetup';
import { setUpAccountExtras } from './commands/session/accountExtrasSetup';
import { setUpFilesView } from './commands/files/setup';
import type { FilesView } from './views/filesTree/view';
import { systemClock } from './core/clock';
import { RedactingLogger, SecretRegistry } from './core/log';
import { actionServices, setUpRequestsView } from './commands/requests/setup';
import { ACTION_COMMANDS } from './commands/actions/deps';
import { registerOnFirstUse } from './commands/onFirstUse';
import type * as Features from './features';
import { registerShowCallbackUrlCommand } from './commands/session/callbackUrl';
import { FirstRequestSent } from './commands/actions/firstRequestSent';
import { COMMANDS } from './views/ids';
import type { RequestsView } from './views/requestsTree/view';
import { SERVICES } from './providers';
import { buildRuntimes, type Runtimes } from './runtime';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface SignDeskApi {
  readonly testing?: {
    /** Resolves with the next URI that reaches the extension's URI handler. */
    nextCallbackUri(): Promise<CallbackUri>;
    /** Session store, token manager, current account and status bar controller. */
    sessions: SessionServices;
    /** The Signature Requests view: model, tree provider, tree view, auto refresher, notifier. */
    requests: RequestsView;
    /** The files view (Dropbox), when a file store is in the service list. */
    files?: FilesView;
    /** Every service's runtime (tests reach a service's sign-in and clients). */
    runtimes: Runtimes;
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
  // One runtime per service (HTTP, OAuth, capabilities, app credentials, sign-in, Accounts menu) over the
  // shared session store, token manager and callback route.
  const runtimes = buildRuntimes({
    context,
    services: SERVICES,
    log: logger,
    secretRegistry,
    clock: systemClock,
    router,
    signInCommand: COMMANDS.signIn,
  });
  const sessionServices = setUpSessions({ context, runtimes, log: logger, clock: systemClock });
  setUpSignIn({
    context,
    log: logger,
    secretRegistry,
    clock: systemClock,
    runtimes: runtimes.all,
    sessions: runtimes.store,
    callbackUri: runtimes.callbackUri,
    currentSession: (service) => (service === undefined ? runtimes.active.current() : runtimes.active.currentOf(service)),
    loadFeatures,
  });
  // Sign In with Password… and Verify Sign-In, for the services that offer them (signNow).
  setUpAccountExtras({
    context,
    log: logger,
    secretRegistry,
    clock: systemClock,
    runtimes: runtimes.all,
    store: runtimes.store,
    tokens: runtimes.tokens,
    currentSession: () => runtimes.active.current(),
    loadFeatures,
  });
  // The file store's view (Dropbox), beside the requests view.
  const fileStore = runtimes.all.find((candidate) => candidate.files);
  const fileStoreSetup = fileStore && setUpFilesView({ context, log: logger, runtime: fileStore, runtimes: runtimes.all, store: runtimes.store, tokens: runtimes.tokens });
  const files = fileStoreSetup?.view;
  // One part per signature service (its own model, rules, session and auto refresh), one tree over them.
  const requests = setUpRequestsView({ context, log: logger, clock: systemClock, runtimes: runtimes.all, sessions: sessionServices });

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
          services: actionServices(requests, runtimes),
          tokens: runtimes.tokens,
          onSent: () => void firstRequestSent.noteSent(),
        }),
      log: logger,
    }),
  );
  // Send for Signature… on a Dropbox file and Save Signed Copy to Dropbox…: loaded on first use too.
  if (fileStoreSetup) {
    context.subscriptions.push(
      registerOnFirstUse({
        ids: [COMMANDS.sendStoredFile, COMMANDS.saveSignedCopy],
        load: loadFeatures,
        register: (features) =>
          features.wireFileStoreCommands({
            context,
            log: logger,
            secrets: secretRegistry,
            runtimes,
            fileStore: fileStoreSetup,
            services: actionServices(requests, runtimes),
            tokens: runtimes.tokens,
            onSent: () => void firstRequestSent.noteSent(),
          }),
        log: logger,
      }),
    );
  }
  context.subscriptions.push(registerShowCallbackUrlCommand(runtimes.callbackUri, runtimes.all.map((runtime) => runtime.definition)));
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
      files,
      runtimes,
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
