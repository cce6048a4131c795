// Builds what every service shares (the session store, the token manager, the current account, the pending
// sign-ins and their one callback route) and then one runtime per service of the service list. The
// composition root calls this once; commands and views get runtimes, never a provider.
import * as vscode from 'vscode';
import { parseCallbackQuery } from '../auth/callbackParams';
import { SIGN_IN_CALLBACK_PATH, type CallbackRouter } from '../auth/callbackRouter';
import { PendingSignIns } from '../auth/pendingSignIns';
import type { SecretStorageLike, ServiceId } from '../auth/session';
import { ActiveSession } from '../auth/sessionSelection';
import { SessionStore } from '../auth/sessionStore';
import { RotationLedger } from '../auth/rotationLedger';
import { deliverSignInCallback } from '../auth/signInFlow';
import { TokenManager } from '../auth/tokenManager';
import type { Clock } from '../core/clock';
import { deferredMethods } from '../core/onFirstCall';
import type { Logger, SecretRegistry } from '../core/log';
import type { ServiceDefinition } from '../model/service';
import { asExternalUriString, extensionCallbackUri } from './callback';
import { buildServiceRuntime, type ServiceRuntime } from './serviceRuntime';

export type { ServiceRuntime } from './serviceRuntime';

export interface RuntimesDeps {
  context: vscode.ExtensionContext;
  /** The service list (providers/index.ts), in the order the UI shows them. */
  services: readonly ServiceDefinition[];
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  /** Where URIs opened for SignDesk arrive: the one sign-in route is registered on it. */
  router: CallbackRouter;
  /** The command that runs the interactive sign-in (the Accounts menu's "Sign in" runs it). */
  signInCommand: string;
}

export interface Runtimes {
  /** One per service, in the order of the service list. */
  readonly all: readonly ServiceRuntime[];
  /** The runtime of a listed service's id. */
  of(service: ServiceId): ServiceRuntime;
  /** context.secrets, as the store sees it (tests open a second store over it). */
  readonly secrets: SecretStorageLike;
  readonly store: SessionStore;
  readonly tokens: TokenManager;
  readonly active: ActiveSession;
  /** Every service's sign-in attempts waiting for the browser, by nonce. */
  readonly pending: PendingSignIns;
  /** `<uriScheme>://signdesk.signdesk/callback`: the one callback address of every service. */
  readonly callbackUri: string;
}

export function buildRuntimes(deps: RuntimesDeps): Runtimes {
  const { context, log, secretRegistry, clock } = deps;
  const subscriptions = context.subscriptions;
  const byId = new Map<ServiceId, ServiceRuntime>();
  // Sessions exist only for listed services (the store refuses others), so every id asked for is here.
  const of = (service: ServiceId): ServiceRuntime => byId.get(service) as ServiceRuntime;

  const store = new SessionStore({ secrets: context.secrets, services: deps.services, log, secretRegistry });
  subscriptions.push(store);
  // Built on its first use (the first request, or the first token the Accounts menu hands out) rather than at
  // activation, which then runs none of its code. One instance all the same, so refreshes stay single-flight;
  // until it is built it holds nothing to dispose.
  let built: TokenManager | undefined;
  const tokens = deferredMethods<TokenManager>(
    () =>
      (built = new TokenManager({
        store,
        clock,
        log,
        secretRegistry,
        // Each session refreshes at its own service's token endpoint, and goes only to its own servers.
        refresh: (service, refreshToken) => of(service).refresh(refreshToken),
        currentOrigins: (service) => of(service).origins(),
        labelOf: (service) => of(service).definition.label,
        // globalState reaches every window (and web workbench tab) at once, which context.secrets does not.
        rotations: new RotationLedger(context.globalState, log),
      })),
    { withToken: true, freshSession: true, refreshNow: true, dispose: true },
  );
  subscriptions.push({ dispose: () => built?.dispose() });
  // The current account is a signature service's: a file store's session (Dropbox) never replaces it.
  const signatureServices = new Set(deps.services.filter((service) => service.signatures).map((service) => service.id));
  const active = new ActiveSession(store, context.globalState, log, (service) => signatureServices.has(service));
  subscriptions.push(active);

  // One route for every service's callbacks: the state's nonce finds the attempt, whatever its service.
  const pending = new PendingSignIns(clock);
  subscriptions.push(
    deps.router.route(SIGN_IN_CALLBACK_PATH, (uri) => {
      deliverSignInCallback({ pending, secrets: secretRegistry, log }, parseCallbackQuery(uri.query));
    }),
  );
  const callbackUri = extensionCallbackUri(context.extension.id);
  const env = {
    callbackUri,
    asExternalUri: asExternalUriString,
    // Passed as a string on purpose: the extension host then opens exactly this text. A vscode.Uri
    // would decode and re-encode the query (redirect_uri holds a URL with its own `?`/`&`) and break it.
    openExternal: async (url: string) => vscode.env.openExternal(url as unknown as vscode.Uri),
  };

  for (const definition of deps.services) {
    byId.set(
      definition.id,
      buildServiceRuntime(definition, {
        context,
        log,
        secretRegistry,
        clock,
        userAgent: `SignDesk/${context.extension.packageJSON.version}`,
        store,
        tokens,
        pending,
        env,
        signInCommand: deps.signInCommand,
      }),
    );
  }
  return { all: [...byId.values()], of, secrets: context.secrets, store, tokens, active, pending, callbackUri };
}
