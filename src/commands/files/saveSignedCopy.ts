// "Save Signed Copy to Dropbox…" on a completed signature request (of any signature service): asks for the
// Dropbox folder (default /SignDesk/), downloads the signed PDF from the service and uploads it there
// (mode add with autorename: an existing file is never replaced), with a progress notification, then offers
// to reveal the new file in the Dropbox view. A copy larger than one upload takes is refused before uploading.
import * as vscode from 'vscode';
import { InvalidInputError } from '../../core/errors';
import { formatFileSize, type FileEntry } from '../../model/files';
import type { SignatureRequest } from '../../model/signatureRequest';
import { downloadFileName } from '../actions/downloadNaming';
import { showActionError } from '../actions/errorUi';
import { pickRequest } from '../actions/pickers';
import { withCancellableProgress } from '../actions/progress';
import { requestOf } from '../actions/targets';
import { showError, showNoticeWithActions } from '../notices';
import { warningNotice } from '../notice';
import { describeStoreError, normalizeStoreFolder, tooLargeForUpload } from './messages';
import type { FileStoreCommandsDeps } from './deps';

export const DEFAULT_SAVE_FOLDER = '/SignDesk/';
/** The notice's button: the store's label comes from its definition. */
export const revealChoice = (store: string): string => `Reveal in ${store} view`;

/** Resolves with the saved file's entry (undefined when nothing was saved). `folder` skips the question. */
export async function saveSignedCopy(deps: FileStoreCommandsDeps, arg?: unknown, folder?: string): Promise<FileEntry | undefined> {
  const store = deps.store.label;
  const side = await deps.routeRequest(arg);
  if (!side) return undefined;
  const label = side.definition.label;
  const request =
    requestOf(arg) ?? (await pickRequest(side.requests, (r) => r.state === 'completed', `Which completed request’s signed copy should be saved to ${store}?`));
  if (!request) return undefined;
  if (request.state !== 'completed') {
    void vscode.window.showInformationMessage(`“${request.title}” is not signed by everyone yet, so there is no signed copy to save.`);
    return undefined;
  }
  if (!(await deps.storeSignedIn())) {
    await showNoticeWithActions(warningNotice(`Sign in to ${store} to save the signed copy of “${request.title}” there.`, ['Sign In']), { service: deps.store.id });
    return undefined;
  }
  const target = folder ?? (await askFolder(store, request));
  if (target === undefined) return undefined;
  const path = `${target}/${downloadFileName(request.title, request.id, 'pdf')}`;
  let saved: FileEntry;
  // Set once the signed copy is downloaded: a failure from then on is the store's.
  let atStore = false;
  try {
    saved = await withCancellableProgress(`Saving the signed copy of “${request.title}” to ${store}`, async (signal, progress) => {
      progress.report({ message: `downloading from ${label}…` });
      const bytes = await side.withToken((token) => side.service.downloadFiles(token, request.id, 'pdf', signal));
      atStore = true;
      if (bytes.length > deps.store.files.maxUploadBytes) {
        throw new InvalidInputError(tooLargeForUpload(store, request.title, bytes.length, deps.store.files.maxUploadBytes));
      }
      progress.report({ message: `uploading ${formatFileSize(bytes.length)} to ${path}…` });
      return await deps.store.withToken((token) => deps.store.files.upload(token, path, bytes, signal));
    });
  } catch (error) {
    const retry = () => saveSignedCopy(deps, arg, target);
    if (atStore) {
      const describe = (e: unknown) => describeStoreError(e, 'upload', { storeLabel: store, subject: `${request.title}.pdf` });
      void showError(error, describe, { log: { logger: deps.log, message: `Could not save the signed copy of ${request.id} to ${store}` }, retry, service: deps.store.id });
    } else {
      void showActionError({ log: deps.log, requests: side.requests, definition: side.definition }, error, 'download', { subject: request.title }, retry);
    }
    return undefined;
  }
  deps.log.info(`Saved the signed copy of ${request.id} to ${store} as ${saved.path}`);
  const reveal = revealChoice(store);
  void vscode.window.showInformationMessage(`Saved the signed copy of “${request.title}” to ${store} as ${saved.path}.`, reveal).then((choice) => {
    if (choice === reveal) void deps.reveal(saved).catch((error) => deps.log.warn(`Could not reveal ${saved.path} in the ${store} view`, error));
  });
  return saved;
}

async function askFolder(store: string, request: SignatureRequest): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: `Save the signed copy of “${request.title}” to ${store}`,
    prompt: `The ${store} folder to save it in (created if missing; an existing file of that name is kept, the copy gets a new name).`,
    value: DEFAULT_SAVE_FOLDER,
    validateInput: (value) => (normalizeStoreFolder(value) === undefined ? `A ${store} folder path starts with “/”, e.g. ${DEFAULT_SAVE_FOLDER}` : undefined),
  });
  return typed === undefined ? undefined : normalizeStoreFolder(typed);
}
