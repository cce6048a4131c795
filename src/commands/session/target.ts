// One service's sign-in as the sign-in commands see it: its runtime's flow, app credentials and optional
// account set-up, plus the progress notification and cancellation every step of it shares.
import * as vscode from 'vscode';
import type { AccountSetupDeps } from '../../auth/accountSetup';
import type { AppCredentials } from '../../auth/appCredentials';
import type { SignInFlow } from '../../auth/signInFlow';
import type { ServiceDefinition } from '../../model/service';

export interface SignInTarget {
  /** The service id and label, and its OAuth traits (public clients need no secret; own redirect setting). */
  definition: Pick<ServiceDefinition, 'id' | 'label' | 'oauth'>;
  flow: SignInFlow;
  credentials: AppCredentials;
  /** The account check/creation flow (used when an API key is configured and the service offers it). */
  accountSetup?: AccountSetupDeps;
}

/** The cancellable progress notification a sign-in step runs in, titled with the service's label. */
export function signInProgress(target: { definition: Pick<ServiceDefinition, 'label'> }): vscode.ProgressOptions & { cancellable: true } {
  return { location: vscode.ProgressLocation.Notification, title: target.definition.label, cancellable: true };
}

/** Runs `step` in the sign-in's progress notification showing `message`; its Cancel aborts the step's signal. */
export function withSignInProgress<T>(
  target: { definition: Pick<ServiceDefinition, 'label'> },
  message: string,
  step: (signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(signInProgress(target), (progress, token) => {
    progress.report({ message });
    return step(abortOn(token));
  });
}

/** An AbortSignal that fires when the progress notification's Cancel is pressed. */
export function abortOn(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  }
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
