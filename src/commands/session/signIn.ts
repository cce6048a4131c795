import * as vscode from 'vscode';
import { showNotice, showNoticeWithActions } from '../notices';
import { accountExists, createAccountSession, isPlausibleEmail, type AccountSetupDeps } from '../../auth/accountSetup';
import type { AppCredentials } from '../../auth/appCredentials';
import { parsePastedCallback } from '../../auth/callbackParams';
import type { RedirectConfig } from '../../auth/redirectStrategy';
import type { StoredSession } from '../../auth/session';
import { AppNotConfiguredError, type MissingAppSetting, SignInCancelledError } from '../../auth/signInErrors';
import type { SignInFlow } from '../../auth/signInFlow';
import type { Logger } from '../../core/log';
import type { ServiceDefinition } from '../../model/service';
import { readRedirectConfig } from '../../runtime/settings';
import { asExternalUriString, extensionCallbackUri } from '../../runtime/callback';
import { signInFailureMessage, signInStepMessage, stillWaitingNotice } from './messages';
import { COMMANDS } from '../../views/ids';

// The sign-in commands: SignDesk: Sign In, Complete Authorization… (manual mode), Cancel Waiting for
// Authorization. The protocol lives in src/auth, the one callback route in src/runtime; this is the VS Code
// face. The last two are titled without "Sign In" on purpose: the palette matches word starts
// loosely and lists recently used, then alphabetically earlier titles first, so a "Cancel Sign-In" shown
// while a sign-in waits could be what "SignDesk: Sign In" + Enter runs. Sign In while one waits starts over.


/** One service's sign-in as the commands see it (its runtime's flow and app credentials). */
export interface SignInTarget {
  /** The service id and label, and its OAuth traits (public clients need no secret; own redirect setting). */
  definition: Pick<ServiceDefinition, 'id' | 'label' | 'oauth'>;
  flow: SignInFlow;
  credentials: AppCredentials;
  /** The account check/creation flow (used when an API key is configured and the service offers it). */
  accountSetup?: AccountSetupDeps;
}

export interface SignInCommandDeps {
  /** Every service's sign-in, in the order of the service list; the first is the default. */
  targets: readonly SignInTarget[];
  log: Logger;
  showLog(): void;
  /** The account SignDesk works with now, if any (Sign In asks before adding a second one). */
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

export { asExternalUriString, extensionCallbackUri };

/** Copies the callback URL to register (Configure App's and a stalled sign-in's Copy Callback URL). */
export async function copyCallbackUrl(url: string | undefined): Promise<void> {
  if (url) {
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showInformationMessage('Callback URL copied.');
  }
}

export function registerSignInCommands(deps: SignInCommandDeps): SignInCommands {
  const { log } = deps;
  const perTarget = new Map(deps.targets.map((target) => [target.definition.id, signInOf(target)]));
  const first = deps.targets[0];

  /** The service asked for; else the one whose app is configured; else a pick (undefined: dismissed). */
  async function chooseTarget(service?: string): Promise<SignInTarget | undefined> {
    if (service !== undefined) {
      return deps.targets.find((t) => t.definition.id === service) ?? first;
    }
    if (deps.targets.length === 1) return first;
    const configured: SignInTarget[] = [];
    for (const target of deps.targets) {
      if (await target.credentials.isConfigured().catch(() => false)) configured.push(target);
    }
    if (configured.length <= 1) return configured[0] ?? first;
    const picked = await vscode.window.showQuickPick(
      configured.map((target) => ({ label: target.definition.label, target })),
      { title: 'Sign In', placeHolder: 'Which service do you want to sign in to?' },
    );
    return picked?.target;
  }

  function signInOf(target: SignInTarget) {
  const { flow, definition } = target;
  const label = definition.label;
  const secretRequired = definition.oauth.clientSecret === 'required';
  const progressOptions = { location: vscode.ProgressLocation.Notification, title: label, cancellable: true };

  function report(error: unknown): void {
    const message = signInFailureMessage(error, Date.now, label);
    if (!message) {
      log.info('Sign-in: cancelled.');
      return;
    }
    if (message.severity === 'warning') {
      log.info(`Sign-in ended: ${message.text}`); // an expected outcome (denied, timed out, not configured)
    } else {
      log.warn('Sign-in failed', error);
    }
    void showNoticeWithActions(
      { severity: message.severity, message: message.text, choices: message.actions },
      { retry: () => vscode.commands.executeCommand(COMMANDS.signIn, { service: definition.id }), service: definition.id },
    );
  }

  async function askEmail(): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title: `Sign in to ${label}`,
      prompt: `Email of your ${label} account: SignDesk checks that it exists (and can create it). Leave empty to skip the check.`,
      placeHolder: 'name@example.com',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' || isPlausibleEmail(value) ? undefined : 'Enter an email address, or leave it empty.'),
    });
  }

  /** The account creation flow; undefined when the user chose not to create one. */
  async function offerAccountCreation(accountSetup: AccountSetupDeps, apiKey: string, email: string, clientId: string, clientSecret: string): Promise<StoredSession | undefined> {
    const create = 'Create Account';
    const choice = await vscode.window.showInformationMessage(
      `No ${label} account uses ${email}. Create one and connect it to your app?`,
      { modal: true, detail: `${label} will email a confirmation link to that address.` },
      create,
    );
    if (choice !== create) {
      return undefined;
    }
    const session = await vscode.window.withProgress(
      progressOptions,
      (progress, token) => {
        progress.report({ message: `Creating the account ${email}…` });
        return createAccountSession(accountSetup, { apiKey, email, clientId, clientSecret }, abortOn(token));
      },
    );
    void vscode.window.showInformationMessage(
      `Created the ${label} account ${session.email}. Confirm the email from ${label}, then authorize the app: until then SignDesk shows the account as awaiting activation.`,
    );
    return session;
  }

  async function pasteCallback(prefilled?: string): Promise<void> {
    // Without a redirect_uri (Dropbox's manual mode) the service shows a bare code: the user pastes just that.
    const bareCode = !secretRequired && readRedirectConfig(definition).setting === 'manual';
    const text =
      prefilled ??
      (await vscode.window.showInputBox({
        title: 'Complete Authorization',
        prompt: bareCode
          ? `Paste the code ${label} shows after you allowed SignDesk.`
          : `Paste the address your browser shows after you accepted in ${label}.`,
        password: true, // it carries the authorization code
        ignoreFocusOut: true,
      }));
    if (text === undefined) {
      return;
    }
    const trimmed = text.trim();
    if (bareCode && /^[A-Za-z0-9_.~-]+$/.test(trimmed)) {
      if (!flow.deliverPastedCode(trimmed).accepted) {
        void showNoticeWithActions(
          { severity: 'warning', message: 'No sign-in is waiting for that code (it expired or was cancelled).', choices: ['Sign In Again'] },
          { service: definition.id },
        );
      }
      return;
    }
    const params = parsePastedCallback(text);
    if (!params) {
      void vscode.window.showErrorMessage('That is not a sign-in address: it carries no state or code. Copy the whole address from the browser.');
      return;
    }
    const result = flow.deliver(params);
    if (!result.accepted) {
      void showNoticeWithActions(
        {
          severity: 'warning',
          message: 'That address does not belong to the sign-in SignDesk is waiting for (it expired, was already used, or is from another attempt).',
          choices: ['Sign In Again'],
        },
        { service: definition.id },
      );
    }
  }

  async function signIn(): Promise<StoredSession> {
    const values = await target.credentials.all();
    const redirect: RedirectConfig = readRedirectConfig(definition);
    const missing: MissingAppSetting[] = [];
    if (!values.clientId) missing.push('clientId');
    if (secretRequired && !values.clientSecret) missing.push('clientSecret');
    if (missing.length > 0 || !values.clientId) {
      throw new AppNotConfiguredError(missing, label);
    }
    const accountSetup = target.accountSetup;
    if (values.apiKey && values.clientSecret && accountSetup) {
      const email = await askEmail();
      if (email === undefined) {
        throw new SignInCancelledError();
      }
      if (email.trim() !== '') {
        const apiKey = values.apiKey;
        const exists = await vscode.window.withProgress(
          progressOptions,
          (progress, token) => {
            progress.report({ message: `Checking the account ${email.trim()}…` });
            return accountExists(accountSetup, apiKey, email, abortOn(token));
          },
        );
        if (!exists) {
          const created = await offerAccountCreation(accountSetup, apiKey, email.trim(), values.clientId, values.clientSecret);
          if (!created) {
            throw new SignInCancelledError();
          }
          return created;
        }
      }
    }
    const clientId = values.clientId;
    const clientSecret = secretRequired ? values.clientSecret : undefined;
    const session = await vscode.window.withProgress(
      progressOptions,
      (progress, token) =>
        flow.start({
          clientId,
          clientSecret,
          redirect,
          signal: abortOn(token),
          onStep: (step, mode) => {
            progress.report({ message: signInStepMessage(step, mode, label) });
            if (step === 'waitingForBrowser' && mode === 'manual') {
              void pasteCallback();
            }
          },
          // The browser has not come back for a while: say what to register, offer Copy and Cancel Sign-In.
          onStillWaiting: (hint) => {
            const notice = stillWaitingNotice(hint, redirect, label);
            const copy = 'Copy Callback URL';
            void Promise.resolve(showNotice('warning', notice.text, notice.callbackUrl ? [copy, 'Cancel Sign-In'] : ['Cancel Sign-In'])).then((choice) => {
              if (choice === copy) return copyCallbackUrl(notice.callbackUrl);
              if (choice) flow.cancel();
            });
          },
        }),
    );
    void vscode.window.showInformationMessage(`Signed in to ${label} as ${session.email}.`);
    return session;
  }

  /**
   * Sign In while an account works already would quietly add a second one: say so and let the user
   * choose. An expired or not yet activated account is signed in again without asking.
   */
  async function confirmAnotherAccount(): Promise<boolean> {
    const current = await deps.currentSession?.(definition.id).catch(() => undefined);
    if (!current || current.status !== 'active' || current.service !== definition.id) {
      return true;
    }
    const add = 'Add Another Account';
    const choice = await vscode.window.showInformationMessage(
      `You are signed in to ${label} as ${current.email}.`,
      {
        modal: true,
        detail: `Sign in with another ${label} account? SignDesk keeps both; switch between them from the status bar or "SignDesk: Switch Account…".`,
      },
      add,
    );
    return choice === add;
  }

  async function signInReportingFailures(): Promise<StoredSession> {
    try {
      return await signIn();
    } catch (error) {
      report(error);
      throw error;
    }
  }

  return { flow, confirmAnotherAccount, signInReportingFailures, pasteCallback };
  }

  const disposables: vscode.Disposable[] = [
    // Resolves with the saved session (the Accounts menu's sign-in takes it), undefined when it failed.
    vscode.commands.registerCommand(COMMANDS.signIn, async (options?: SignInCommandOptions): Promise<StoredSession | undefined> => {
      const target = await chooseTarget(typeof options?.service === 'string' ? options.service : undefined);
      const run = target && perTarget.get(target.definition.id);
      if (!run || (!options?.addAccount && !(await run.confirmAnotherAccount()))) {
        return undefined;
      }
      try {
        return await run.signInReportingFailures();
      } catch {
        return undefined; // already shown and logged
      }
    }),
    vscode.commands.registerCommand(COMMANDS.completeSignIn, async (pasted?: unknown) => {
      const waiting = [...perTarget.values()];
      const run = waiting.find((r) => r.flow.waitingForPaste) ?? waiting.find((r) => r.flow.signingIn);
      if (!run) {
        const choice = await vscode.window.showInformationMessage('No sign-in is waiting to be completed.', 'Sign In');
        if (choice === 'Sign In') {
          await vscode.commands.executeCommand(COMMANDS.signIn);
        }
        return;
      }
      await run.pasteCallback(typeof pasted === 'string' ? pasted : undefined);
    }),
    vscode.commands.registerCommand(COMMANDS.cancelSignIn, () => {
      const cancelled = [...perTarget.values()].map((r) => r.flow.cancel()).some(Boolean);
      if (!cancelled) {
        void vscode.window.showInformationMessage('No sign-in is in progress.');
      }
    }),
    ...deps.targets.map((t) => t.flow),
  ];
  return {
    disposables,
    signIn: (service) => (perTarget.get(service ?? first.definition.id) ?? (perTarget.get(first.definition.id) as ReturnType<typeof signInOf>)).signInReportingFailures(),
  };
}

function abortOn(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  }
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
