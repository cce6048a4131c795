// Puts a file store's view together (the Dropbox view): the tree over FolderListings, the context key that
// picks its welcome content (Configure / Sign In), and a fresh listing whenever the account changes.
import * as vscode from 'vscode';
import type { Event } from '../../auth/session';
import { isSignDeskError } from '../../core/errors';
import { describeError, type Logger } from '../../core/log';
import { FolderListings, type FileEntry, type FileService } from '../../model/files';
import { CONTEXT_KEYS, VIEW_IDS, VSCODE_COMMANDS } from '../ids';
import { FilesTreeProvider, type FilesNode } from './treeProvider';

/** What the welcome content matches (`signdesk.files.state`). */
export type FilesViewState = 'loading' | 'notConfigured' | 'signedOut' | 'ready';

export interface FilesViewDeps {
  files: Pick<FileService, 'listFolder' | 'listFolderContinue' | 'isCursorReset'>;
  /** The store's account this window uses, if signed in. */
  signedIn(): Promise<boolean>;
  isConfigured(): Promise<boolean>;
  /** Runs a call with a fresh access token of that account (refresh and one retry on an auth error). */
  withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T>;
  /** Sessions or the app set-up changed: the view re-reads its state and lists again. */
  onDidChange: Event<unknown>;
  /** Which files a set-up signature service accepts, and when that changes (a service configured, signed in or out). */
  sendable: { isSendable(entry: FileEntry): boolean; readonly onDidChange: Event<unknown> };
  log: Logger;
}

export class FilesView implements vscode.Disposable {
  private readonly listings: FolderListings;
  readonly provider: FilesTreeProvider;
  readonly treeView: vscode.TreeView<FilesNode>;
  private state: FilesViewState = 'loading';
  private stateSeq = 0;
  private readonly toDispose: Array<{ dispose(): unknown }> = [];

  constructor(private readonly deps: FilesViewDeps) {
    this.listings = new FolderListings({
      first: (folder) => deps.withToken((token) => deps.files.listFolder(token, folder)),
      next: (cursor) => deps.withToken((token) => deps.files.listFolderContinue(token, cursor)),
      isCursorReset: (error) => deps.files.isCursorReset(error),
    });
    this.provider = new FilesTreeProvider(
      this.listings,
      () => this.state === 'ready',
      (error) => this.showError(error),
      (entry) => deps.sendable.isSendable(entry),
    );
    this.treeView = vscode.window.createTreeView(VIEW_IDS.files, { treeDataProvider: this.provider, showCollapseAll: true });
    this.toDispose.push(
      this.provider,
      this.treeView,
      deps.onDidChange(() => void this.readState()),
      deps.sendable.onDidChange(() => this.provider.redraw()),
    );
    void this.readState();
  }

  /** What the welcome content shows now (the context key's value). */
  get viewState(): FilesViewState {
    return this.state;
  }

  /** Lists everything again. */
  async refresh(): Promise<void> {
    this.treeView.message = undefined;
    await this.readState();
  }

  async loadMore(folder: string): Promise<void> {
    this.treeView.message = undefined;
    try {
      await this.provider.loadMore(folder);
    } catch (error) {
      this.showError(error);
    }
  }

  private async readState(): Promise<void> {
    const seq = ++this.stateSeq;
    let next: FilesViewState;
    try {
      next = (await this.deps.signedIn()) ? 'ready' : (await this.deps.isConfigured()) ? 'signedOut' : 'notConfigured';
    } catch (error) {
      this.deps.log.warn('Files view: could not read the sign-in state', error);
      next = 'signedOut';
    }
    if (seq !== this.stateSeq) return;
    this.state = next;
    await vscode.commands.executeCommand(VSCODE_COMMANDS.setContext, CONTEXT_KEYS.filesState, next);
    this.provider.refresh();
  }

  private showError(error: unknown): void {
    this.deps.log.warn(`Files view: listing failed: ${describeError(error)}`);
    this.treeView.message = isSignDeskError(error) ? error.message : 'Something unexpected went wrong (see the SignDesk log).';
  }

  dispose(): void {
    for (const d of this.toDispose) d.dispose();
  }
}
