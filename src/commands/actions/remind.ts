// "Remind Signer": on an awaiting signer. One call, never retried (an email may already be on its way).
// Dropbox Sign allows one reminder per signer per hour; when we know the last one was sooner, we explain
// without calling.
import * as vscode from 'vscode';
import type { SignatureRequest, Signer } from '../../model/signatureRequest';
import type { ActionDeps } from './deps';
import { showActionError } from './errorUi';
import { reminderTooSoonMessage } from './messages';
import { pickSigner } from './pickers';
import { signerOf } from './targets';
import { cannotRemindReason, remindAgainAt, signerLabel } from './remindRules';
import { COMMANDS } from '../../views/ids';


/** Dropbox Sign needs the name too when two signers share the email address. */
function nameIfShared(request: SignatureRequest, signer: Signer): string | undefined {
  const email = signer.email.toLowerCase();
  const sharing = request.signers.filter((s) => s.email.toLowerCase() === email).length > 1;
  return sharing ? signer.name : undefined;
}

export async function remindSigner(deps: ActionDeps, arg?: unknown): Promise<void> {
  const target =
    signerOf(arg) ??
    (await pickSigner(deps.requests, (r, s) => !cannotRemindReason(r, s), 'Which signer should get a reminder?'));
  if (!target) return;
  const { request, signer } = target;
  const label = signerLabel(signer);
  const now = deps.clock.now();
  const again = remindAgainAt(deps.definition.signatures.rules, signer, now);
  const refusal = cannotRemindReason(request, signer) ?? (again && reminderTooSoonMessage(deps.definition.label, label, again, now));
  if (refusal) {
    void vscode.window.showInformationMessage(refusal);
    return;
  }
  try {
    const updated = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reminding ${label}…` },
      () => deps.withToken((token) => deps.service.remind(token, request.id, signer.email, nameIfShared(request, signer))),
    );
    // The service's copy does not say who sent it; we only get here for requests this account sent.
    deps.requests.upsert(request.sentByAccount === undefined ? updated : { ...updated, sentByAccount: request.sentByAccount });
    deps.log.info(`Reminded ${signer.email} of ${request.id}`);
    void vscode.window.showInformationMessage(`Reminded ${label} to sign “${request.title}”.`);
  } catch (error) {
    await showActionError(deps, error, 'remind', { subject: label, remindAgainAt: again, now: deps.clock.now() });
  }
}

export function registerRemindCommand(deps: ActionDeps): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.remindSigner, (arg?: unknown) => remindSigner(deps, arg));
}
