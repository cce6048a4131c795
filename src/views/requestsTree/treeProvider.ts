// The Signature Requests tree: groups by state → requests → signers, plus "Load more…". It renders
// RequestsModel and redraws only what the model says changed. Nodes are cached by id so a change
// event can name the node VS Code already shows.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { groupOf, RequestGroup, RequestGroupId } from '../../model/requestsGrouping';
import type { RequestsModel, RequestsModelChange } from '../../model/requestsModel';
import { signerKey } from '../../model/requestsDiff';
import type { SignatureRequest, Signer } from '../../model/signatureRequest';
import { RELATIVE_TIME_REDRAW_MS } from './timeTicker';
import {
  activeFilterNode,
  FIRST_LOAD_FAILED_ACTIONS,
  GroupNode,
  LoadMoreNode,
  RequestNode,
  RequestsTreeNode,
  SignerNode,
  treeItemFor,
} from './nodes';

/**
 * What the root shows, row by row (filter row, group ids, "Load more…"). While it stays the same, a change
 * redraws the groups instead of the root.
 *
 * Why: VS Code's tree is not safe against a node being redrawn while VS Code is still reading it (seen in
 * VS Code 1.100: a root redraw, or a group redraw, while the workbench reads that node's children, e.g.
 * right after the view is shown again, makes the extension host throw "Element with id … is already
 * registered" and the rows under it vanish or collapse). So the tree redraws as little as it can, never
 * the root when a group will do, and nothing at all just because the view became visible.
 */
function rootShape(model: RequestsModel): string {
  if (model.state.kind !== 'ready') {
    return `state:${model.state.kind}`;
  }
  const rows: string[] = model.groups.map((g) => g.id);
  if (model.filter !== undefined) rows.unshift(`filter:${model.filter}`);
  if (model.hasMore) rows.push('loadMore');
  return rows.join('|');
}

export class RequestsTreeProvider implements vscode.TreeDataProvider<RequestsTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RequestsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  private readonly groupNodes = new Map<RequestGroupId, GroupNode>();
  private readonly requestNodes = new Map<string, RequestNode>();
  private readonly signerNodes = new Map<string, SignerNode>();
  private readonly loadMoreNode: LoadMoreNode = { kind: 'loadMore', loading: false, loaded: 0 };
  /** When VS Code last read the rows (their relative times, "5 min ago", were fresh then). */
  private rowsDrawnAt = 0;
  /** rootShape() when VS Code last read the root; undefined until it has. */
  private drawnShape: string | undefined;
  /** The root was refired and VS Code has not started reading it yet, or is reading it now: that read sees every change. */
  private rootFired = false;
  private rootReads = 0;
  private readonly subscriptions: Array<{ dispose(): unknown }> = [];

  constructor(
    private readonly model: RequestsModel,
    private readonly clock: Clock,
    /** Awaited before the first load (e.g. until the current session has been read). */
    private readonly beforeLoad: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.subscriptions.push(
      model.onDidChange((change) => this.onModelChange(change)),
      // A load after a while (the view shown again, an auto refresh) brings relative times up to date.
      model.onDidLoad(() => {
        if (this.clock.now() - this.rowsDrawnAt >= RELATIVE_TIME_REDRAW_MS) {
          this.redrawRows();
        }
      }),
    );
  }

  getTreeItem(node: RequestsTreeNode): vscode.TreeItem {
    return treeItemFor(node, this.clock.now());
  }

  async getChildren(node?: RequestsTreeNode): Promise<RequestsTreeNode[]> {
    if (!node) {
      return this.rootChildren();
    }
    switch (node.kind) {
      case 'group': {
        this.rowsDrawnAt = this.clock.now();
        const group = this.model.groups.find((g) => g.id === node.id);
        return (group?.requests ?? []).map((r) => this.requestNode(r));
      }
      case 'request':
        return node.request.signers.map((s) => this.signerNode(node.request, s));
      default:
        return [];
    }
  }

  getParent(node: RequestsTreeNode): RequestsTreeNode | undefined {
    switch (node.kind) {
      case 'request': {
        const group = this.model.groups.find((g) => g.id === groupOf(node.request.state));
        return group ? this.groupNode(group) : undefined;
      }
      case 'signer':
        return this.requestNodes.get(node.request.id);
      default:
        return undefined;
    }
  }

  /** The node showing a request (for reveal), when the request is loaded. */
  nodeForRequest(id: string): RequestNode | undefined {
    const request = this.model.get(id);
    return request ? this.requestNode(request) : undefined;
  }

  /** Shows "Loading…" in place of "Load more…" while a page is being fetched. */
  setLoadingMore(loading: boolean): void {
    this.loadMoreNode.loading = loading;
    this.emitter.fire(this.loadMoreNode);
  }

  /** Redraws everything from the root (the tree's structure changed). */
  redraw(): void {
    if (!this.rootFired) {
      this.rootFired = true;
      this.emitter.fire(undefined);
    }
  }

  /**
   * Redraws the rows under each group ("5 min ago" drifts) without redrawing the root, which would
   * load again once the cache window passed: a clock tick must not call the service.
   */
  redrawRows(): void {
    this.rowsDrawnAt = this.clock.now();
    for (const group of this.model.groups) {
      const node = this.groupNodes.get(group.id);
      if (node) {
        node.group = group;
        this.emitter.fire(node);
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.emitter.dispose();
  }

  private async rootChildren(): Promise<RequestsTreeNode[]> {
    this.rootFired = false;
    this.rootReads++;
    try {
      return await this.readRoot();
    } finally {
      this.rootReads--;
    }
  }

  private async readRoot(): Promise<RequestsTreeNode[]> {
    await this.beforeLoad();
    await this.model.ensureLoaded();
    // Everything from here on runs without waiting, so what it returns is the model as it is now.
    this.drawnShape = rootShape(this.model);
    if (this.model.state.kind === 'error') {
      return [...FIRST_LOAD_FAILED_ACTIONS]; // under the view's message, which says why
    }
    if (this.model.state.kind !== 'ready') {
      return []; // the welcome content for the state says why, with an action
    }
    this.rowsDrawnAt = this.clock.now();
    const groups = this.model.groups;
    const nodes: RequestsTreeNode[] = groups.map((g) => this.groupNode(g));
    if (this.model.filter !== undefined) {
      nodes.unshift(activeFilterNode(this.model.filter));
    }
    if (this.model.hasMore) {
      this.updateLoadMore();
      nodes.push(this.loadMoreNode);
    }
    this.forgetUnlisted();
    return nodes;
  }

  private updateLoadMore(): void {
    this.loadMoreNode.loaded = this.model.loadedCount;
    this.loadMoreNode.total = this.model.total;
  }

  private onModelChange(change: RequestsModelChange): void {
    if (change.structure) {
      if (this.rootFired || this.rootReads > 0) {
        return; // the root is being read again anyway, and that read sees this change
      }
      if (this.drawnShape === undefined || this.drawnShape !== rootShape(this.model)) {
        this.redraw();
        return;
      }
      // Same rows at the root (e.g. a request sent into an existing group): redraw the groups, whose
      // labels count their requests, and "Load more…", whose description counts what is loaded.
      this.forgetUnlisted();
      this.redrawRows();
      if (this.model.hasMore) {
        this.updateLoadMore();
        this.emitter.fire(this.loadMoreNode);
      }
      return;
    }
    // A request changed group: each group concerned redraws its count and rows, the rest of the tree stays.
    for (const id of change.groups ?? []) {
      const group = this.model.groups.find((g) => g.id === id);
      const node = this.groupNodes.get(id);
      if (group && node) {
        node.group = group;
        this.emitter.fire(node);
      }
    }
    for (const id of change.requestIds) {
      const request = this.model.get(id);
      const node = this.requestNodes.get(id);
      if (request && node) {
        node.request = request;
        this.emitter.fire(node);
      }
    }
  }

  private groupNode(group: RequestGroup): GroupNode {
    let node = this.groupNodes.get(group.id);
    if (!node) {
      node = { kind: 'group', id: group.id, group };
      this.groupNodes.set(group.id, node);
    } else {
      node.group = group;
    }
    return node;
  }

  private requestNode(request: SignatureRequest): RequestNode {
    let node = this.requestNodes.get(request.id);
    if (!node) {
      node = { kind: 'request', request };
      this.requestNodes.set(request.id, node);
    } else {
      node.request = request;
    }
    return node;
  }

  private signerNode(request: SignatureRequest, signer: Signer): SignerNode {
    const key = `${request.id}/${signerKey(signer)}`;
    let node = this.signerNodes.get(key);
    if (!node) {
      node = { kind: 'signer', request, signer };
      this.signerNodes.set(key, node);
    } else {
      node.request = request;
      node.signer = signer;
    }
    return node;
  }

  /** Drops cached nodes of requests no longer loaded (a new filter, another account). */
  private forgetUnlisted(): void {
    const listed = new Set(this.model.requests.map((r) => r.id));
    for (const id of this.requestNodes.keys()) {
      if (!listed.has(id)) {
        this.requestNodes.delete(id);
      }
    }
    for (const [key, node] of this.signerNodes) {
      if (!listed.has(node.request.id)) {
        this.signerNodes.delete(key);
      }
    }
  }
}
