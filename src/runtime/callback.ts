// The extension's own callback address and its external form: what every service's sign-in sends the
// browser back to (one route, `/callback`, for all of them).
import * as vscode from 'vscode';
import { SIGN_IN_CALLBACK_PATH } from '../auth/callbackRouter';

/** `<uriScheme>://signdesk.signdesk/callback` — the extension's own callback before asExternalUri. */
export function extensionCallbackUri(extensionId: string): string {
  return `${vscode.env.uriScheme}://${extensionId.toLowerCase()}${SIGN_IN_CALLBACK_PATH}`;
}

export async function asExternalUriString(uri: string): Promise<string> {
  // toString(true): the default encoding turns the query's `=`/`&` into %3D/%26, and the workbench then
  // finds no request id in the callback URL and drops it.
  return (await vscode.env.asExternalUri(vscode.Uri.parse(uri))).toString(true);
}
