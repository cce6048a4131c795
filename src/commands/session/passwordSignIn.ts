// "SignDesk: Sign In with <service> Password…" for each service whose OAuth client offers the password
// grant (signNow), for accounts whose app has no browser sign-in set up. Opt in: it is a command of its
// own, never a step of Sign In. The email goes in an input box, the password in a password box, straight
// into one token request (src/auth/passwordSignIn.ts); the prompts say it is never stored or logged.
import * as vscode from 'vscode';
import type { AppCredentials } from '../../auth/appCredentials';
import { forgetPassword, offersPasswordGrant, signInWithPassword } from '../../auth/passwordSignIn';
import type { SessionStoreApi, StoredSession } from '../../auth/session';
import type { Clock } from '../../core/clock';
import { redact, type Logger, type SecretRegistry } from '../../core/log';
import type { OAuthClient, ServiceDefinition } from '../../model/service';
import { accountExtraCommands } from '../../views/ids';
import { showNoticeWithActions } from '../notices';
import { withSignInProgress } from './target';
import { emailPrompt, passwordPrompt, passwordSignInFailure } from './passwordSignInMessages';

/** `signdesk.<service id>.signInWithPassword` */
export function passwordSignInCommand(serviceId: string): string {
  return accountExtraCommands(serviceId).signInWithPassword;
}

export interface PasswordSignInTarget {
  definition: Pick<ServiceDefinition, 'id' | 'label' | 'oauth'>;
  oauth: OAuthClient;
  credentials: Pick<AppCredentials, 'all'>;
}

export interface PasswordSignInCommandDeps {
  /** Every service's runtime; the command is registered only for those that offer the password grant. */
  targets: readonly PasswordSignInTarget[];
  sessions: Pick<SessionStoreApi, 'save'>;
  secrets: SecretRegistry;
  log: Logger;
  clock: Clock;
}


export function registerPasswordSignInCommands(deps: PasswordSignInCommandDeps): vscode.Disposable[] {
  return deps.targets.filter((target) => offersPasswordGrant(target.oauth)).map((target) => vscode.commands.registerCommand(passwordSignInCommand(target.definition.id), () => run(target, deps)));
}

async function run(target: PasswordSignInTarget, deps: PasswordSignInCommandDeps): Promise<StoredSession | undefined> {
  const { label, id } = target.definition;
  const title = `Sign In with ${label} Password`;
  const email = await vscode.window.showInputBox({
    title: `${title} (1/2)`,
    prompt: emailPrompt(label),
    placeHolder: 'name@example.com',
    ignoreFocusOut: true,
    validateInput: (value) => (/^[^\s@]+@[^\s@]+$/.test(value.trim()) ? undefined : 'Enter the email address of the account.'),
  });
  if (email === undefined) return undefined;
  let password = await vscode.window.showInputBox({
    title: `${title} (2/2)`,
    prompt: passwordPrompt(label, email.trim()),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value === '' ? 'Enter the password.' : undefined),
  });
  if (password === undefined) return undefined;
  try {
    const credentials = await target.credentials.all();
    const session = await withSignInProgress(target, `Signing in as ${email.trim()}…`, (signal) =>
      signInWithPassword(
        { ...deps, service: id, serviceLabel: label, oauth: target.oauth, secretRequired: target.definition.oauth.clientSecret === 'required' },
        { clientId: credentials.clientId, clientSecret: credentials.clientSecret, email, password: password!, signal },
      ),
    );
    void vscode.window.showInformationMessage(`Signed in to ${label} as ${session.email}.`);
    return session;
  } catch (error) {
    const message = passwordSignInFailure(error, label);
    if (message) {
      deps.log.warn(`Password sign-in to ${label} failed`, error);
      void showNoticeWithActions({ severity: message.severity, message: redact(message.text, deps.secrets), choices: message.actions }, { retry: () => vscode.commands.executeCommand(passwordSignInCommand(id)) });
    }
    return undefined;
  } finally {
    // Reported: nothing prints it any more, so nothing of it stays (not even in the redaction list).
    forgetPassword(deps.secrets, password);
    password = undefined;
  }
}
