// The sign-in commands: SignDesk: Sign In, Complete Authorization… (manual mode), Cancel Waiting for
// Authorization. The protocol lives in src/auth, the one callback route in src/runtime; this is the VS Code
// face, one job per file: which service (pickService), another account? (anotherAccount), the sign-in itself
// (browserSignIn, accountCheck), the pasted callback (pasteCallback). The last two commands are titled without
// "Sign In" on purpose: the palette matches word starts loosely and lists recently used, then alphabetically
// earlier titles first, so a "Cancel Sign-In" shown while a sign-in waits could be what "SignDesk: Sign In"
// + Enter runs. Sign In while one waits starts over.
import * as vscode from 'vscode';
import type { StoredSession } from '../../auth/session';
import type { Logger } from '../../core/log';
import { COMMANDS } from '../../views/ids';
import { showNoticeWithActions } from '../notices';
import { confirmAnotherAccount } from './anotherAccount';
import { signInToService } from './browserSignIn';
import { signInFailureMessage } from './messages';
import { pasteCallback } from './pasteCallback';
import { pickService } from './pickService';
import type { SignInTarget } from './target';

export type { SignInTarget };

export interface SignInCommandDeps {
  /** Every service's sign-in, in the order of the service list; the first is the default. */
  targets: readonly SignInTarget[];
  log: Logger;
  /** The account SignDesk works with now at a service, if any (Sign In asks before adding a second one there). */
  currentSession?(service?: string): Promise<StoredSession | undefined>;
}

/** `signdesk.signIn`'s argument from callers that mean to add an account (Switch Account, the Accounts menu). */
export interface SignInCommandOptions {
  addAccount?: boolean;
  /** The service to sign in to (a service id); without it, the one configured service or a pick. */
  service?: string;
}

export interface SignInCommands {
  disposables: vscode.Disposable[];
  /**
   * Runs the whole interactive sign-in and returns the saved session; throws when it did not complete
   * (the AuthenticationProvider's createSession uses this; failures are already shown to the user).
   */
  signIn(service?: string): Promise<StoredSession>;
}

/** The service's sign-in; the first service's for an unknown one or none. */
function targetOf(targets: readonly SignInTarget[], service?: string): SignInTarget {
  return targets.find((t) => t.definition.id === service) ?? targets[0];
}

export function registerSignInCommands(deps: SignInCommandDeps): SignInCommands {
  return {
    disposables: [
      // Resolves with the saved session (the Accounts menu's sign-in takes it), undefined when it failed.
      vscode.commands.registerCommand(COMMANDS.signIn, (options?: SignInCommandOptions) => signInCommand(deps, options)),
      vscode.commands.registerCommand(COMMANDS.completeSignIn, (pasted?: unknown) => completeSignIn(deps.targets, typeof pasted === 'string' ? pasted : undefined)),
      vscode.commands.registerCommand(COMMANDS.cancelSignIn, () => cancelSignIn(deps.targets)),
      ...deps.targets.map((t) => t.flow),
    ],
    signIn: (service) => signInReportingFailures(targetOf(deps.targets, service), deps.log),
  };
}

/** SignDesk: Sign In. Undefined when it did not complete (already shown and logged) or the user backed out. */
async function signInCommand(deps: SignInCommandDeps, options?: SignInCommandOptions): Promise<StoredSession | undefined> {
  const target = await chooseTarget(deps.targets, typeof options?.service === 'string' ? options.service : undefined);
  if (!target || (!options?.addAccount && !(await confirmAnotherAccount(target, deps.currentSession)))) {
    return undefined;
  }
  try {
    return await signInReportingFailures(target, deps.log);
  } catch {
    return undefined;
  }
}

/** The service asked for; else the one whose app is configured; else a pick (undefined: dismissed). */
async function chooseTarget(targets: readonly SignInTarget[], service?: string): Promise<SignInTarget | undefined> {
  if (service !== undefined || targets.length === 1) {
    return targetOf(targets, service);
  }
  const configured: SignInTarget[] = [];
  for (const target of targets) {
    if (await target.credentials.isConfigured().catch(() => false)) configured.push(target);
  }
  if (configured.length === 0) return targets[0];
  return pickService(configured, { title: 'Sign In', placeHolder: 'Which service do you want to sign in to?' });
}

/** Signs in; when that did not complete, tells the user (a cancellation is only logged) and throws. */
async function signInReportingFailures(target: SignInTarget, log: Logger): Promise<StoredSession> {
  try {
    return await signInToService(target);
  } catch (error) {
    const service = target.definition.id;
    const message = signInFailureMessage(error, Date.now, target.definition.label);
    if (!message) {
      log.info('Sign-in: cancelled.');
    } else {
      if (message.severity === 'warning') {
        log.info(`Sign-in ended: ${message.text}`); // an expected outcome (denied, timed out, not configured)
      } else {
        log.warn('Sign-in failed', error);
      }
      void showNoticeWithActions(
        { severity: message.severity, message: message.text, choices: message.actions },
        { retry: () => vscode.commands.executeCommand(COMMANDS.signIn, { service }), service },
      );
    }
    throw error;
  }
}

/** Complete Authorization…: for the sign-in waiting for a paste (else the one in progress). */
async function completeSignIn(targets: readonly SignInTarget[], pasted?: string): Promise<void> {
  const target = targets.find((t) => t.flow.waitingForPaste) ?? targets.find((t) => t.flow.signingIn);
  if (!target) {
    const choice = await vscode.window.showInformationMessage('No sign-in is waiting to be completed.', 'Sign In');
    if (choice === 'Sign In') {
      await vscode.commands.executeCommand(COMMANDS.signIn);
    }
    return;
  }
  await pasteCallback(target, pasted);
}

/** Cancel Waiting for Authorization: every service's attempt in progress. */
function cancelSignIn(targets: readonly SignInTarget[]): void {
  const cancelled = targets.map((t) => t.flow.cancel()).some(Boolean);
  if (!cancelled) {
    void vscode.window.showInformationMessage('No sign-in is in progress.');
  }
}
