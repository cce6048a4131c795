// "Download as PDF…" / "Download as ZIP…": asks where to save (the workspace by default), downloads with a
// progress notification (cancellable), writes the file. While Dropbox Sign is still preparing the files it
// answers 409: the user is told so and offered Retry (a download changes nothing on the server).
import * as vscode from 'vscode';
import type { SignatureRequest } from '../../model/signatureRequest';
import { DownloadFormat, alternativeFileNames, downloadFileName } from './downloadNaming';
import type { ActionDeps } from './deps';
import { showActionError } from './errorUi';
import { pickRequest } from './pickers';
import { withCancellableProgress } from './progress';
import { requestOf } from './targets';
import { COMMANDS } from '../../views/ids';


const FILTERS: Record<DownloadFormat, Record<string, string[]>> = {
  pdf: { 'PDF document': ['pdf'] },
  zip: { 'ZIP archive (one PDF per document)': ['zip'] },
};

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** The folder's uri for `name`, or for the first free alternative when a file of that name is there. */
async function freeUri(folder: vscode.Uri, name: string, completed: boolean): Promise<vscode.Uri> {
  for (const candidate of [name, ...alternativeFileNames(name, completed)]) {
    const uri = vscode.Uri.joinPath(folder, candidate);
    if (!(await exists(uri))) return uri;
  }
  return vscode.Uri.joinPath(folder, name);
}

async function askTarget(request: SignatureRequest, format: DownloadFormat): Promise<vscode.Uri | undefined> {
  const name = downloadFileName(request.title, request.id, format);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? await freeUri(folder, name, request.state === 'completed') : undefined,
    filters: FILTERS[format],
    saveLabel: 'Download',
    title: `Save the files of “${request.title}” as ${format.toUpperCase()}`,
  });
}

/** Downloads to `target`, or asks where first. Resolves with where the file was saved (undefined if not). */
export async function downloadFiles(
  deps: ActionDeps,
  format: DownloadFormat,
  arg?: unknown,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const request =
    requestOf(arg) ??
    (await pickRequest(deps.requests, (r) => r.state !== 'canceled', `Which signature request’s files should be downloaded as ${format.toUpperCase()}?`));
  if (!request) return undefined;
  if (request.state === 'canceled') {
    void vscode.window.showInformationMessage(`“${request.title}” was canceled; ${deps.definition.label} no longer has its files.`);
    return undefined;
  }
  const destination = target ?? (await askTarget(request, format));
  if (!destination) return undefined;
  try {
    await withCancellableProgress(`Downloading “${request.title}” as ${format.toUpperCase()}…`, async (signal) => {
      const data = await deps.withToken((token) => deps.service.downloadFiles(token, request.id, format, signal));
      await vscode.workspace.fs.writeFile(destination, data);
      deps.log.info(`Saved the files of ${request.id} (${data.length} bytes) to ${destination.toString()}`);
    });
  } catch (error) {
    // Retry reuses the chosen destination: the user already answered the save dialog.
    void showActionError(deps, error, 'download', { subject: request.title }, () => downloadFiles(deps, format, request, destination));
    return undefined;
  }
  const inWorkspace = vscode.workspace.getWorkspaceFolder(destination) !== undefined;
  void vscode.window
    .showInformationMessage(`Saved “${request.title}” to ${vscode.workspace.asRelativePath(destination, false)}.`, ...(inWorkspace ? ['Reveal in Explorer'] : []))
    .then((choice) => {
      if (choice === 'Reveal in Explorer') void vscode.commands.executeCommand('revealInExplorer', destination);
    });
  return destination;
}

export const DOWNLOAD_COMMANDS: Record<DownloadFormat, string> = { pdf: COMMANDS.downloadPdf, zip: COMMANDS.downloadZip };

/** One command per format the service offers (its rules' downloadFormats). */
export function registerDownloadCommands(deps: ActionDeps): vscode.Disposable[] {
  return deps.definition.signatures.rules.downloadFormats.map((format) =>
    vscode.commands.registerCommand(DOWNLOAD_COMMANDS[format], (arg?: unknown) => downloadFiles(deps, format, arg)),
  );
}
