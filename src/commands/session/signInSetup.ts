// Registers the sign-in side of SignDesk for a service's runtime (the sign-in commands, Configure App,
// and the context keys that offer Cancel and Complete Sign-In) so the composition root calls this once.
// The sign-in flow, the app credentials and the one callback route are built in src/runtime.
import * as vscode from 'vscode';
import type { SessionStoreApi, StoredSession } from '../../auth/session';
import type { Clock } from '../../core/clock';
import type { Logger, SecretRegistry } from '../../core/log';
import type { ServiceRuntime } from '../../runtime';
import type * as Features from '../../features';
import { registerOnFirstUse } from '../onFirstUse';
import type { SignInTarget } from './target';
import { COMMANDS, CONTEXT_KEYS, serviceCommands } from '../../views/ids';

export interface SignInSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  /** Every service's runtime (the service list's order); Sign In picks among them. */
  runtimes: readonly ServiceRuntime[];
  sessions: Pick<SessionStoreApi, 'save'>;
  /** `<uriScheme>://signdesk.signdesk/callback`. */
  callbackUri: string;
  /** The account SignDesk works with now at a service (Sign In asks before adding another there). */
  currentSession?(service?: string): Promise<StoredSession | undefined>;
  /** Loads the code of the commands (dist/features.js) on their first use. */
  loadFeatures(): typeof Features;
}

/** Registered from dist/features.js on first use: most windows start signed in, and never run them. */
export const SIGN_IN_COMMANDS = [COMMANDS.signIn, COMMANDS.completeSignIn, COMMANDS.cancelSignIn, COMMANDS.configureApp];

export function setUpSignIn(deps: SignInSetupDeps): void {
  const { context } = deps;
  context.subscriptions.push(...watchSignInState(deps));
  context.subscriptions.push(
    registerOnFirstUse({
      ids: SIGN_IN_COMMANDS,
      load: deps.loadFeatures,
      register: (features) => context.subscriptions.push(...registerSignInAndConfigure(features, deps)),
      log: deps.log,
    }),
  );
  context.subscriptions.push(...registerServiceCommands(deps.runtimes));
}

/**
 * Cancel Waiting for Authorization and Complete Authorization… are offered (palette) only while they can act:
 * while any service's attempt is in progress / waits for a paste.
 */
function watchSignInState(deps: SignInSetupDeps): vscode.Disposable[] {
  let signingIn = false;
  let waitingForPaste = false;
  const flows = deps.runtimes.map((runtime) => runtime.signIn);
  const onFlowState = () => {
    const nowSigningIn = flows.some((flow) => flow.signingIn);
    const nowWaiting = flows.some((flow) => flow.waitingForPaste);
    if (nowSigningIn !== signingIn) {
      signingIn = nowSigningIn;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signInPending, signingIn);
    }
    if (nowWaiting !== waitingForPaste) {
      waitingForPaste = nowWaiting;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signInWaitingForPaste, waitingForPaste);
    }
  };
  return flows.map((flow) => flow.onDidChangeState(onFlowState) as vscode.Disposable);
}

/** Each service's sign-in as the commands see it. */
function signInTargets(deps: SignInSetupDeps): SignInTarget[] {
  return deps.runtimes.map((runtime) => ({
    definition: runtime.definition,
    flow: runtime.signIn,
    credentials: runtime.credentials,
    accountSetup: runtime.accountSetup && {
      service: runtime.definition.id,
      serviceLabel: runtime.definition.label,
      api: runtime.accountSetup,
      sessions: deps.sessions,
      secrets: deps.secretRegistry,
      log: deps.log,
      clock: deps.clock,
    },
  }));
}

/** The real Sign In, Complete Authorization…, Cancel Waiting and Configure App… (from dist/features.js). */
function registerSignInAndConfigure(features: typeof Features, deps: SignInSetupDeps): vscode.Disposable[] {
  const { log } = deps;
  const commands = features.registerSignInCommands({ targets: signInTargets(deps), log, currentSession: deps.currentSession });
  return [
    ...commands.disposables,
    features.registerConfigureAppCommand({
      targets: deps.runtimes.map((runtime) => ({ definition: runtime.definition, credentials: runtime.credentials })),
      callbackUri: deps.callbackUri,
      extensionUri: deps.context.extensionUri,
      log,
    }),
  ];
}

/**
 * The palette's "Configure <label> App" and "Sign In to <label>" of each signature service (Configure App…
 * and Sign In ask which; a file store's view has its own).
 */
function registerServiceCommands(runtimes: readonly ServiceRuntime[]): vscode.Disposable[] {
  return runtimes
    .filter((runtime) => runtime.definition.signatures)
    .flatMap((runtime) => {
      const ids = serviceCommands(runtime.definition.id);
      const service = runtime.definition.id;
      return [
        vscode.commands.registerCommand(ids.configureApp, () => vscode.commands.executeCommand(COMMANDS.configureApp, { service })),
        vscode.commands.registerCommand(ids.signIn, (options?: { addAccount?: boolean }) =>
          vscode.commands.executeCommand(COMMANDS.signIn, { ...options, service }),
        ),
      ];
    });
}
