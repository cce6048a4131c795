// The sign-in to one service: the app must be configured; then the optional account check; then the
// authorization code flow in the browser (src/auth/signInFlow), followed in a cancellable progress
// notification that says what to register when the browser does not come back.
import * as vscode from 'vscode';
import type { RedirectConfig } from '../../auth/redirectStrategy';
import type { StoredSession } from '../../auth/session';
import { configuredClientId } from '../../auth/signInErrors';
import { readRedirectConfig } from '../../runtime/settings';
import { showNotice } from '../notices';
import { checkAccountFirst } from './accountCheck';
import { signInStepMessage, stillWaitingNotice } from './messages';
import { pasteCallback } from './pasteCallback';
import { abortOn, signInProgress, type SignInTarget } from './target';

/** Resolves with the saved session; throws when the sign-in did not complete (cancelled, refused, not configured). */
export async function signInToService(target: SignInTarget): Promise<StoredSession> {
  const { definition } = target;
  const secretRequired = definition.oauth.clientSecret === 'required';
  const values = await target.credentials.all();
  const clientId = configuredClientId(values, secretRequired, definition.label);
  const checked = await checkAccountFirst(target, { apiKey: values.apiKey, clientId, clientSecret: values.clientSecret });
  if (checked.kind === 'created') return checked.session;
  const session = await inBrowser(target, clientId, secretRequired ? values.clientSecret : undefined);
  void vscode.window.showInformationMessage(`Signed in to ${definition.label} as ${session.email}.`);
  return session;
}

/** The authorization code flow, its steps shown in the progress notification (Cancel aborts it). */
function inBrowser(target: SignInTarget, clientId: string, clientSecret: string | undefined): Thenable<StoredSession> {
  const { flow, definition } = target;
  const redirect: RedirectConfig = readRedirectConfig(definition);
  return vscode.window.withProgress(signInProgress(target), (progress, token) =>
    flow.start({
      clientId,
      clientSecret,
      redirect,
      signal: abortOn(token),
      onStep: (step, mode) => {
        progress.report({ message: signInStepMessage(step, mode, definition.label) });
        if (step === 'waitingForBrowser' && mode === 'manual') {
          void pasteCallback(target);
        }
      },
      // The browser has not come back for a while: say what to register, offer Copy and Cancel Sign-In.
      onStillWaiting: (hint) => {
        const notice = stillWaitingNotice(hint, redirect, definition.label);
        const copy = 'Copy Callback URL';
        void Promise.resolve(showNotice('warning', notice.text, notice.callbackUrl ? [copy, 'Cancel Sign-In'] : ['Cancel Sign-In'])).then((choice) => {
          if (choice === copy) return copyCallbackUrl(notice.callbackUrl);
          if (choice) flow.cancel();
        });
      },
    }),
  );
}

/** Copies the callback URL to register (a stalled sign-in's Copy Callback URL). */
export async function copyCallbackUrl(url: string | undefined): Promise<void> {
  if (url) {
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showInformationMessage('Callback URL copied.');
  }
}
