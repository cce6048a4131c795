// Before the browser leg, when the app's API key is configured and the service can check accounts: ask
// for an email, check that an account uses it, and offer to create one (whose session then waits for the
// user to confirm the email).
import * as vscode from 'vscode';
import { accountExists, createAccountSession, isPlausibleEmail, type AccountSetupDeps } from '../../auth/accountSetup';
import type { StoredSession } from '../../auth/session';
import { SignInCancelledError } from '../../auth/signInErrors';
import { withSignInProgress, type SignInTarget } from './target';

/** What the check decided: go on to the browser, or the session of the account just created. */
export type AccountCheckOutcome = { kind: 'continue' } | { kind: 'created'; session: StoredSession };

const CONTINUE: AccountCheckOutcome = { kind: 'continue' };

/** Throws SignInCancelledError when the user backs out (Escape, or no account created). */
export async function checkAccountFirst(
  target: SignInTarget,
  app: { apiKey?: string; clientId: string; clientSecret?: string },
): Promise<AccountCheckOutcome> {
  const accountSetup = target.accountSetup;
  if (!app.apiKey || !app.clientSecret || !accountSetup) return CONTINUE;
  const email = await askEmail(target.definition.label);
  if (email === undefined) throw new SignInCancelledError();
  if (email.trim() === '') return CONTINUE;
  const apiKey = app.apiKey;
  const exists = await withSignInProgress(target, `Checking the account ${email.trim()}…`, (signal) => accountExists(accountSetup, apiKey, email, signal));
  if (exists) return CONTINUE;
  const session = await offerAccountCreation(target, accountSetup, { apiKey, email: email.trim(), clientId: app.clientId, clientSecret: app.clientSecret });
  if (!session) throw new SignInCancelledError();
  return { kind: 'created', session };
}

function askEmail(label: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Sign in to ${label}`,
    prompt: `Email of your ${label} account: SignDesk checks that it exists (and can create it). Leave empty to skip the check.`,
    placeHolder: 'name@example.com',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' || isPlausibleEmail(value) ? undefined : 'Enter an email address, or leave it empty.'),
  });
}

/** The account creation flow; undefined when the user chose not to create one. */
async function offerAccountCreation(
  target: SignInTarget,
  accountSetup: AccountSetupDeps,
  params: { apiKey: string; email: string; clientId: string; clientSecret: string },
): Promise<StoredSession | undefined> {
  const label = target.definition.label;
  const create = 'Create Account';
  const choice = await vscode.window.showInformationMessage(
    `No ${label} account uses ${params.email}. Create one and connect it to your app?`,
    { modal: true, detail: `${label} will email a confirmation link to that address.` },
    create,
  );
  if (choice !== create) {
    return undefined;
  }
  const session = await withSignInProgress(target, `Creating the account ${params.email}…`, (signal) => createAccountSession(accountSetup, params, signal));
  void vscode.window.showInformationMessage(
    `Created the ${label} account ${session.email}. Confirm the email from ${label}, then authorize the app: until then SignDesk shows the account as awaiting activation.`,
  );
  return session;
}
