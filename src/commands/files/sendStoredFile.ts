// "Send for Signature…" on a file in the Dropbox view: picks the signature service (one the user set up that
// accepts the file and fetches files from a link), opens the same send form as for workspace files, and on
// Send asks Dropbox for a temporary link and hands it to the service as a file URL: the service fetches the
// file from Dropbox itself. A link the service cannot fetch comes back as the service's own error.
import * as vscode from 'vscode';
import type { FileEntry } from '../../model/files';
import { fromLinkSupport, servicesAccepting } from '../../model/sendableFiles';
import { emptySendForm } from '../../model/sendForm';
import type { NewSignatureRequest } from '../../model/signatureRequest';
import { openSendForm, type SendFormHandle, type SubmitOutcome } from '../../views/sendForm/panel';
import { sendAndReport } from '../actions/send';
import { showError, showNoticeWithActions } from '../notices';
import { warningNotice } from '../notice';
import { asTarget } from './sendTargets';
import { describeStoreError, fetchNote } from './messages';
import type { FileStoreCommandsDeps, SignatureSide } from './deps';

/** The file behind a Dropbox view row ({ kind: 'entry', entry }) or an entry passed as is. */
export function storedFileOf(arg: unknown): FileEntry | undefined {
  const candidate = (arg as { kind?: unknown; entry?: unknown } | undefined)?.kind === 'entry' ? (arg as { entry: unknown }).entry : arg;
  const e = candidate as Partial<FileEntry> | undefined;
  return e && typeof e === 'object' && e.kind === 'file' && typeof e.path === 'string' && typeof e.name === 'string' ? (e as FileEntry) : undefined;
}

export async function sendStoredFile(deps: FileStoreCommandsDeps, arg: unknown): Promise<SendFormHandle | undefined> {
  const file = storedFileOf(arg);
  const store = deps.store.label;
  if (!file) {
    void vscode.window.showInformationMessage(`Right-click a file in the ${store} view to send it for signature.`);
    return undefined;
  }
  const setUp = deps.targets().map(asTarget);
  const accepting = servicesAccepting(setUp, file);
  if (accepting.length === 0) {
    const names = setUp.map((t) => t.label).join(' or ') || 'no signature service (configure one first)';
    void vscode.window.showErrorMessage(`“${file.name}” cannot be sent for signature: its type or size is not one ${names} accepts.`);
    return undefined;
  }
  const { fetching, refused } = fromLinkSupport(accepting);
  if (fetching.length === 0) {
    void vscode.window.showErrorMessage(`Sending a ${store} file is not offered for ${refused.map((r) => r.target.label).join(' or ')}: ${refused.map((r) => r.reason).join(' ')}`);
    return undefined;
  }
  let target = fetching[0];
  if (fetching.length > 1) {
    const picked = await vscode.window.showQuickPick(
      fetching.map((t) => ({ label: t.label, target: t })),
      { placeHolder: `Send “${file.name}” for signature with…` },
    );
    if (!picked) return undefined;
    target = picked.target;
  }
  const side = deps.signatureSide(target.id);
  if (!side) return undefined;
  if (!(await side.signedIn())) {
    await showNoticeWithActions(warningNotice(`Sign in to ${target.label} to send “${file.name}” for signature.`, ['Sign In']), { service: target.id });
    return undefined;
  }
  const rules = target.signatures.rules;
  return openSendForm({
    extensionUri: deps.context.extensionUri,
    definition: target,
    // Dropbox lists every file with its size; an unknown one is not taken for an empty file.
    files: [{ fileName: file.name, size: file.size ?? 1 }],
    // A service without test mode never sends in it, whatever the setting says.
    initial: emptySendForm(target, file.name, rules.supportsTestMode && deps.testModeDefault()),
    sourceNote: fetchNote(target.label, store, file.name),
    submit: (request) => sendByLink(deps, side, file, request),
  });
}

/** On Send: asks the store for a fresh temporary link and hands it to the service as the file's URL. */
export async function sendByLink(
  deps: FileStoreCommandsDeps,
  side: SignatureSide,
  file: FileEntry,
  request: Omit<NewSignatureRequest, 'files'>,
): Promise<SubmitOutcome> {
  const store = deps.store.label;
  const title = request.title ?? file.name;
  let url: string;
  try {
    // Asked at Send, so the link is fresh when the service fetches it.
    url = (await deps.store.withToken((token) => deps.store.files.temporaryLink(token, file.path))).url;
    // Whoever holds the link can fetch the file for hours: redacted like a token from here on (it stays
    // registered after the send, since the service may fetch it later and late log lines may name it).
    deps.secrets.add(url);
  } catch (error) {
    const describe = (e: unknown) => describeStoreError(e, 'link', { storeLabel: store, subject: file.name });
    void showError(error, describe, { log: { logger: deps.log, message: `Could not get a ${store} link to ${file.path}` }, service: deps.store.id });
    return { ok: false, message: describe(error)?.message ?? 'No link to the file.' };
  }
  deps.log.info(`Sending “${title}” from ${store} (${file.path}) with ${side.definition.label} by link`);
  const reportDeps = { log: deps.log, requests: side.requests, definition: side.definition, onSent: deps.onSent };
  return sendAndReport(reportDeps, title, () => side.withToken((token) => side.service.sendRequest(token, { ...request, fileUrls: [url] })));
}
