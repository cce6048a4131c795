// What VS Code asks a TreeDataProvider for after onDidChangeTreeData: the changed node's item (the root has
// none) and, where it is expanded, its rows, recursively. Used to count and time what a refresh redraws.
import type * as vscode from 'vscode';

export interface Rendered {
  /** Tree items built (getTreeItem calls). */
  items: number;
  /** getChildren calls. */
  childLists: number;
}

export async function renderTree<T>(
  provider: vscode.TreeDataProvider<T>,
  node: T | undefined,
  isExpanded: (node: T) => boolean,
  into: Rendered = { items: 0, childLists: 0 },
): Promise<Rendered> {
  if (node !== undefined) {
    await provider.getTreeItem(node);
    into.items++;
    if (!isExpanded(node)) return into;
  }
  into.childLists++;
  for (const child of (await provider.getChildren(node)) ?? []) {
    await renderTree(provider, child, isExpanded, into);
  }
  return into;
}
