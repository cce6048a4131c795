// Complete Authorization… (manual mode): the address the browser ends on, or for a public client without a
// redirect_uri the bare code the service shows, handed to the waiting sign-in of that service.
import * as vscode from 'vscode';
import { parsePastedCallback } from '../../auth/callbackParams';
import { readRedirectConfig } from '../../runtime/settings';
import { warningNotice } from '../notice';
import { showNoticeWithActions } from '../notices';
import type { SignInTarget } from './target';

/** `prefilled`: the text passed to the command (tests, links); otherwise a password box asks for it. */
export async function pasteCallback(target: SignInTarget, prefilled?: string): Promise<void> {
  const { flow, definition } = target;
  // Without a redirect_uri (Dropbox's manual mode) the service shows a bare code: the user pastes just that.
  const bareCode = definition.oauth.clientSecret !== 'required' && readRedirectConfig(definition).setting === 'manual';
  const text =
    prefilled ??
    (await vscode.window.showInputBox({
      title: 'Complete Authorization',
      prompt: bareCode
        ? `Paste the code ${definition.label} shows after you allowed SignDesk.`
        : `Paste the address your browser shows after you accepted in ${definition.label}.`,
      password: true, // it carries the authorization code
      ignoreFocusOut: true,
    }));
  if (text === undefined) {
    return;
  }
  const offerSignInAgain = (message: string) =>
    void showNoticeWithActions(warningNotice(message, ['Sign In Again']), { service: definition.id });
  const trimmed = text.trim();
  if (bareCode && /^[A-Za-z0-9_.~-]+$/.test(trimmed)) {
    if (!flow.deliverPastedCode(trimmed).accepted) {
      offerSignInAgain('No sign-in is waiting for that code (it expired or was cancelled).');
    }
    return;
  }
  const params = parsePastedCallback(text);
  if (!params) {
    void vscode.window.showErrorMessage('That is not a sign-in address: it carries no state or code. Copy the whole address from the browser.');
    return;
  }
  if (!flow.deliver(params).accepted) {
    offerSignInAgain('That address does not belong to the sign-in SignDesk is waiting for (it expired, was already used, or is from another attempt).');
  }
}
