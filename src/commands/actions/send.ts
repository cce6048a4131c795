// "Send for Signature…": from the view's title bar (asks for files), the explorer's context menu on files
// Dropbox Sign accepts (one or several selected), or the palette. Opens the send form; on Send, uploads
// the files (multipart) once — never retried — and shows the new request at the top of the tree at once.
import * as vscode from 'vscode';
import type { SentSignatureRequest, SignatureServiceFacts } from '../../model/service';
import { SendFile, contentTypeFor, emptySendForm, isAcceptedFile } from '../../model/sendForm';
import { SendFormHandle, SubmitOutcome, openSendForm } from '../../views/sendForm/panel';
import type { ActionDeps } from './deps';
import { showActionError } from './errorUi';
import { showNoticeWithActions } from '../notices';
import { warningNotice } from '../notice';
import { describeActionError } from './messages';
import { sentMessage, warningsMessage } from './sendMessages';
import { countOf } from '../../model/wording';
import { COMMANDS } from '../../views/ids';


export interface SendDeps extends ActionDeps {
  extensionUri: vscode.Uri;
  /** `signdesk.testMode`, read when the form opens. */
  testModeDefault(): boolean;
  /** Whether someone is signed in; checked before the form opens so nobody fills it in for nothing. */
  isSignedIn?(): Promise<boolean>;
  /** A request was sent (the Getting Started walkthrough's last step). */
  onSent?(): void;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

function isUri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri;
}

/** The explorer passes (clicked, allSelected); the view title passes nothing. */
function urisFromArgs(target: unknown, selected: unknown): vscode.Uri[] {
  if (Array.isArray(selected) && selected.length > 0 && selected.every(isUri)) return selected;
  return isUri(target) ? [target] : [];
}

async function pickFiles(definition: SignatureServiceFacts): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    canSelectFolders: false,
    openLabel: 'Send for Signature',
    title: 'Choose the documents to send for signature',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [`Documents ${definition.label} accepts`]: [...definition.signatures.rules.acceptedFileTypes] },
  });
  return picked ?? [];
}

/** Sizes of the chosen files; folders and unreadable entries are reported, not sent. */
async function describeFiles(
  definition: SignatureServiceFacts,
  uris: vscode.Uri[],
): Promise<{ files: Array<SendFile & { uri: vscode.Uri }>; problems: string[] }> {
  const files: Array<SendFile & { uri: vscode.Uri }> = [];
  const problems: string[] = [];
  for (const uri of uris) {
    const name = baseName(uri);
    if (!isAcceptedFile(definition, name)) {
      problems.push(`${name} (${definition.label} does not accept this file type)`);
      continue;
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) {
        problems.push(`${name} (a folder)`);
        continue;
      }
      files.push({ uri, fileName: name, size: stat.size });
    } catch {
      problems.push(`${name} (could not be read)`);
    }
  }
  return { files, problems };
}

/** Opens the form; resolves with its handle once it shows (undefined when there is nothing to send). */
export async function sendForSignature(deps: SendDeps, target?: unknown, selected?: unknown): Promise<SendFormHandle | undefined> {
  if (deps.isSignedIn && !(await deps.isSignedIn())) {
    await showNoticeWithActions(warningNotice(`Sign in to ${deps.definition.label} to send documents for signature.`, ['Sign In']));
    return undefined;
  }
  const uris = urisFromArgs(target, selected);
  const chosen = uris.length > 0 ? uris : await pickFiles(deps.definition);
  if (chosen.length === 0) return undefined;
  const { files, problems } = await describeFiles(deps.definition, chosen);
  if (files.length === 0) {
    void vscode.window.showErrorMessage(`Nothing to send: ${problems.join(', ')}. ${deps.definition.label} accepts ${deps.definition.signatures.rules.acceptedFileTypes.join(', ')}.`);
    return undefined;
  }
  if (problems.length > 0) {
    void vscode.window.showWarningMessage(`Left out ${problems.join(', ')}.`);
  }

  return openSendForm({
    extensionUri: deps.extensionUri,
    definition: deps.definition,
    files: files.map(({ fileName, size }) => ({ fileName, size })),
    initial: emptySendForm(deps.definition, files[0].fileName, deps.testModeDefault()),
    submit: async (request): Promise<SubmitOutcome> => {
      const title = request.title ?? files[0].fileName;
      let upload: Array<{ filename: string; contentType: string; data: Buffer }>;
      try {
        // Read at send time, so the document is sent as it is when the user presses Send.
        upload = await Promise.all(
          files.map(async (f) => ({ filename: f.fileName, contentType: contentTypeFor(f.fileName), data: Buffer.from(await vscode.workspace.fs.readFile(f.uri)) })),
        );
      } catch (error) {
        deps.log.error('Could not read a file to send', error);
        return { ok: false, message: `Could not read the file to send: ${error instanceof Error ? error.message : String(error)}` };
      }
      deps.log.info(`Sending “${title}” to ${countOf(request.signers.length, 'signer')}, ${countOf(upload.length, 'file')}${request.testMode ? ', test mode' : ''}`);
      return sendAndReport(deps, title, () => deps.withToken((token) => deps.service.sendRequest(token, { ...request, files: upload })));
    },
  });
}

/**
 * Sends once (never retried) and reports: the new request at the top of its list, what it was sent to, the
 * service's warnings; on failure the action's error notice, whose text the form shows too.
 */
export async function sendAndReport(
  deps: Pick<ActionDeps, 'log' | 'requests' | 'definition'> & { onSent?(): void },
  title: string,
  send: () => Promise<SentSignatureRequest>,
): Promise<SubmitOutcome> {
  let sent: SentSignatureRequest;
  try {
    sent = await send();
  } catch (error) {
    void showActionError(deps, error, 'send', { subject: title });
    return { ok: false, message: describeActionError(error, 'send', { serviceLabel: deps.definition.label, subject: title })?.message ?? 'The request was not sent.' };
  }
  const { request: created, warnings } = sent;
  deps.requests.upsert(created);
  deps.onSent?.();
  deps.log.info(`Sent “${created.title}” (${created.id})`);
  void vscode.window.showInformationMessage(sentMessage(created));
  const warning = warningsMessage(deps.definition.label, created.title, warnings);
  if (warning) {
    deps.log.warn(warning);
    void vscode.window.showWarningMessage(warning);
  }
  return { ok: true };
}

export function registerSendCommand(deps: SendDeps): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.send, async (target?: unknown, selected?: unknown) => {
    try {
      await sendForSignature(deps, target, selected);
    } catch (error) {
      await showActionError(deps, error, 'send', { subject: 'the document' });
    }
  });
}
