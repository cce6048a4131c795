// Sign In while an account of that service works already would quietly add a second one: say so and let
// the user choose. An expired or not yet activated account is signed in again without asking.
import * as vscode from 'vscode';
import type { StoredSession } from '../../auth/session';
import type { SignInTarget } from './target';

/** True when the sign-in should go on. */
export async function confirmAnotherAccount(target: SignInTarget, currentSession?: (service?: string) => Promise<StoredSession | undefined>): Promise<boolean> {
  const { definition } = target;
  const current = await currentSession?.(definition.id).catch(() => undefined);
  if (!current || current.status !== 'active' || current.service !== definition.id) {
    return true;
  }
  const add = 'Add Another Account';
  const choice = await vscode.window.showInformationMessage(
    `You are signed in to ${definition.label} as ${current.email}.`,
    {
      modal: true,
      detail: `Sign in with another ${definition.label} account? SignDesk keeps both; switch between them from the status bar or "SignDesk: Switch Account…".`,
    },
    add,
  );
  return choice === add;
}
