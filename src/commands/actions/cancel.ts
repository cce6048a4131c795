// "Cancel Request…": on a request awaiting signatures, after a modal confirmation (it cannot be undone).
// One call, never retried; Dropbox Sign cancels asynchronously and then drops the request from its list,
// so the tree keeps showing it under Canceled (RequestsModel.markCanceled).
import * as vscode from 'vscode';
import type { ActionDeps } from './deps';
import { showActionError } from './errorUi';
import { pickRequest } from './pickers';
import { requestOf } from './targets';
import { cancelConfirmation } from './cancelConfirmation';
import { isReceived, onlySenderReason } from '../../model/requestSender';
import { COMMANDS } from '../../views/ids';

export const CONFIRM_CANCEL = 'Cancel Request';
export const KEEP_REQUEST = 'Keep Request';

export async function cancelRequest(deps: ActionDeps, arg?: unknown): Promise<void> {
  const request = requestOf(arg) ?? (await pickRequest(deps.requests, (r) => r.state === 'awaiting' && !isReceived(r), 'Which signature request should be canceled?'));
  if (!request) return;
  // Run from the palette or a keybinding on a request someone else sent: Dropbox Sign would refuse it.
  const refusal =
    onlySenderReason(request, 'cancel') ??
    (request.state !== 'awaiting' ? `“${request.title}” is ${request.state}; only requests awaiting signatures can be canceled.` : undefined);
  if (refusal) {
    void vscode.window.showInformationMessage(refusal);
    return;
  }
  const { message, detail } = cancelConfirmation(request);
  const confirm: vscode.MessageItem = { title: CONFIRM_CANCEL };
  // A close affordance of our own replaces VS Code's "Cancel" button, which would read as "cancel the request".
  const keep: vscode.MessageItem = { title: KEEP_REQUEST, isCloseAffordance: true };
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm, keep);
  if (choice?.title !== CONFIRM_CANCEL) return;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Canceling “${request.title}”…` }, () =>
      deps.withToken((token) => deps.service.cancelRequest(token, request.id)),
    );
  } catch (error) {
    await showActionError(deps, error, 'cancel', { subject: request.title });
    return;
  }
  deps.log.info(`Canceled ${request.id}`);
  if (deps.requests.requests.some((r) => r.id === request.id)) {
    deps.requests.markCanceled(request.id);
  } else {
    deps.requests.upsert({ ...request, state: 'canceled', isComplete: false });
  }
  void vscode.window.showInformationMessage(`Canceled “${request.title}”. Its signers can no longer sign it.`);
}

export function registerCancelCommand(deps: ActionDeps): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.cancelRequest, (arg?: unknown) => cancelRequest(deps, arg));
}
