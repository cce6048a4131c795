// The files view's tree (Dropbox): folders first, then files, each folder listed when first expanded; a
// "Load more…" row while the store says it has more. VS Code adapter over model/files' FolderListings.
import * as vscode from 'vscode';
import { fileDescription, type FileEntry, type FolderListings } from '../../model/files';
import { COMMANDS } from '../ids';

/** contextValue of file rows (package.json menus match `viewItem == storedFile`). */
export const FILE_CONTEXT_VALUE = 'storedFile';
/** A file a set-up signature service accepts (type and size): "Send for Signature…" shows on these only. */
export const SENDABLE_FILE_CONTEXT_VALUE = 'storedFile.sendable';
export const FOLDER_CONTEXT_VALUE = 'storedFolder';

export type FilesNode =
  | { readonly kind: 'entry'; readonly entry: FileEntry }
  | { readonly kind: 'loadMore'; readonly folder: string; readonly loading: boolean };

/** Folder paths are keys as given to the store: '' for the root. */
function folderOf(node: FilesNode | undefined): string {
  return node?.kind === 'entry' ? node.entry.path : '';
}

function folderNode(path: string): FilesNode {
  return { kind: 'entry', entry: { kind: 'folder', id: `path:${path.toLowerCase()}`, name: path.slice(path.lastIndexOf('/') + 1), path } };
}

/** The folder row above a row, from its path alone (rows are told apart by path: getTreeItem's id); undefined at the top. */
export function parentOf(node: FilesNode): FilesNode | undefined {
  const path = node.kind === 'entry' ? node.entry.path : `${node.folder}/`;
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? undefined : folderNode(path.slice(0, cut));
}

export class FilesTreeProvider implements vscode.TreeDataProvider<FilesNode>, vscode.Disposable {
  private readonly treeChanged = new vscode.EventEmitter<FilesNode | undefined>();
  readonly onDidChangeTreeData = this.treeChanged.event;

  constructor(
    private readonly listings: FolderListings,
    /** False while signed out: the tree is empty and the welcome content shows. */
    private readonly canList: () => boolean,
    private readonly onError: (error: unknown) => void,
    /** True for a file some set-up signature service accepts (its row offers "Send for Signature…"). */
    private readonly isSendable: (entry: FileEntry) => boolean,
  ) {}

  /** TreeView.reveal walks up with this (Save Signed Copy's "Reveal in Dropbox view"). */
  getParent(node: FilesNode): FilesNode | undefined {
    return parentOf(node);
  }

  async getChildren(node?: FilesNode): Promise<FilesNode[]> {
    if (node?.kind === 'loadMore' || (node?.kind === 'entry' && node.entry.kind === 'file') || !this.canList()) {
      return [];
    }
    const folder = folderOf(node);
    let state;
    try {
      state = await this.listings.open(folder);
    } catch (error) {
      this.onError(error);
      return [];
    }
    const entries = [...state.entries].sort(
      (a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) : a.kind === 'folder' ? -1 : 1),
    );
    const rows: FilesNode[] = entries.map((entry) => ({ kind: 'entry', entry }));
    if (state.hasMore) {
      rows.push({ kind: 'loadMore', folder, loading: state.loadingMore });
    }
    return rows;
  }

  getTreeItem(node: FilesNode): vscode.TreeItem {
    if (node.kind === 'loadMore') {
      const item = new vscode.TreeItem(node.loading ? 'Loading…' : 'Load more…', vscode.TreeItemCollapsibleState.None);
      item.id = `loadMore:${node.folder}`;
      item.command = { command: COMMANDS.loadMoreFiles, title: 'Load More', arguments: [node.folder] };
      return item;
    }
    const { entry } = node;
    const folder = entry.kind === 'folder';
    const item = new vscode.TreeItem(entry.name, folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${entry.kind}:${entry.path.toLowerCase()}`;
    item.contextValue = folder ? FOLDER_CONTEXT_VALUE : this.isSendable(entry) ? SENDABLE_FILE_CONTEXT_VALUE : FILE_CONTEXT_VALUE;
    // The file's own icon from the user's theme, by name.
    item.resourceUri = vscode.Uri.from({ scheme: 'signdesk-files', path: entry.path });
    item.iconPath = folder ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
    const description = folder ? undefined : fileDescription(entry, (ms) => new Date(ms).toLocaleString());
    item.description = description;
    item.tooltip = folder ? entry.path : `${entry.path}\n${description}`;
    return item;
  }

  /** "Load more…" of a folder: its row shows "Loading…" meanwhile. */
  async loadMore(folder: string): Promise<void> {
    const running = this.listings.loadMore(folder);
    this.treeChanged.fire(undefined);
    try {
      await running;
    } finally {
      this.treeChanged.fire(undefined);
    }
  }

  /** Redraws the rows without listing again (which files are sendable changed). */
  redraw(): void {
    this.treeChanged.fire(undefined);
  }

  /** Lists everything again (Refresh, sign-in, sign-out). */
  refresh(): void {
    this.listings.forget();
    this.treeChanged.fire(undefined);
  }

  dispose(): void {
    this.treeChanged.dispose();
  }
}
