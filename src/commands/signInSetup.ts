// Registers the sign-in side of SignDesk for a service's runtime (the sign-in commands, Configure App,
// and the context keys that offer Cancel and Complete Sign-In) so the composition root calls this once.
// The sign-in flow, the app credentials and the one callback route are built in src/runtime.
import * as vscode from 'vscode';
import type { SessionStoreApi, StoredSession } from '../auth/session';
import type { SignInFlow } from '../auth/signInFlow';
import type { Clock } from '../core/clock';
import type { Logger, SecretRegistry } from '../core/log';
import type { ServiceRuntime } from '../runtime';
import { registerConfigureAppCommand } from './session/configureApp';
import { registerSignInCommands } from './session/signIn';
import { CONTEXT_KEYS } from '../views/ids';

/** True while a sign-in attempt is in progress (Cancel Waiting for Authorization can act). */
export const CONTEXT_SIGN_IN_PENDING = CONTEXT_KEYS.signInPending;
/** True while a manual-mode attempt waits for the pasted address (Complete Authorization… can act). */
export const CONTEXT_WAITING_FOR_PASTE = CONTEXT_KEYS.signInWaitingForPaste;

export interface SignInSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  /** The service signed in to. */
  runtime: ServiceRuntime;
  sessions: Pick<SessionStoreApi, 'save'>;
  /** `<uriScheme>://signdesk.signdesk/callback`. */
  callbackUri: string;
  showLog(): void;
  /** Told when an attempt starts and ends (the status bar's "signing in" state). */
  onSigningIn?(inProgress: boolean): void;
  /** The account SignDesk works with now (Sign In asks before adding another). */
  currentSession?(): Promise<StoredSession | undefined>;
}

export interface SignInServices {
  flow: SignInFlow;
  /** The interactive sign-in; resolves with the saved session, rejects when it did not complete. */
  signIn(): Promise<StoredSession>;
}

export function setUpSignIn(deps: SignInSetupDeps): SignInServices {
  const { context, log, clock, runtime } = deps;
  const { definition, credentials } = runtime;
  const flow = runtime.signIn;
  // Cancel Waiting for Authorization and Complete Authorization… are offered (palette) only while they can act.
  let signingIn = false;
  let waitingForPaste = false;
  context.subscriptions.push(
    flow.onDidChangeState((state) => {
      if (state.signingIn !== signingIn) {
        signingIn = state.signingIn;
        void vscode.commands.executeCommand('setContext', CONTEXT_SIGN_IN_PENDING, signingIn);
        deps.onSigningIn?.(signingIn);
      }
      if (state.waitingForPaste !== waitingForPaste) {
        waitingForPaste = state.waitingForPaste;
        void vscode.commands.executeCommand('setContext', CONTEXT_WAITING_FOR_PASTE, waitingForPaste);
      }
    }) as vscode.Disposable,
  );
  const accountSetup = runtime.accountSetup && {
    service: definition.id,
    serviceLabel: definition.label,
    api: runtime.accountSetup,
    sessions: deps.sessions,
    secrets: deps.secretRegistry,
    log,
    clock,
  };
  const commands = registerSignInCommands({
    flow,
    credentials,
    accountSetup,
    log,
    showLog: deps.showLog,
    currentSession: deps.currentSession,
  });
  context.subscriptions.push(...commands.disposables);
  context.subscriptions.push(
    registerConfigureAppCommand({ credentials, callbackUri: deps.callbackUri, extensionUri: context.extensionUri, log, showLog: deps.showLog }),
  );
  return { flow, signIn: commands.signIn };
}
