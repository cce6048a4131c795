// The Signature Requests tree: groups by state → requests → signers, plus "Load more…". It renders
// RequestsModel and redraws only what the model says changed. Nodes are cached by id so a change
// event can name the node VS Code already shows.
import * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import { groupOf, RequestGroup, RequestGroupId } from '../model/requestsGrouping';
import type { RequestsModel, RequestsModelChange } from '../model/requestsModel';
import { signerKey } from '../model/requestsDiff';
import type { SignatureRequest, Signer } from '../model/signatureRequest';
import {
  activeFilterNode,
  FIRST_LOAD_FAILED_ACTIONS,
  GroupNode,
  LoadMoreNode,
  RequestNode,
  RequestsTreeNode,
  SignerNode,
  treeItemFor,
} from './tree/requestNodes';

/** Relative times ("5 min ago") drift; after this long a refresh redraws everything once. */
const FULL_REDRAW_AFTER_MS = 5 * 60_000;

export class RequestsTreeProvider implements vscode.TreeDataProvider<RequestsTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RequestsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  private readonly groupNodes = new Map<RequestGroupId, GroupNode>();
  private readonly requestNodes = new Map<string, RequestNode>();
  private readonly signerNodes = new Map<string, SignerNode>();
  private readonly loadMoreNode: LoadMoreNode = { kind: 'loadMore', loading: false, loaded: 0 };
  private lastFullDraw = 0;
  private readonly subscriptions: Array<{ dispose(): unknown }> = [];

  constructor(
    private readonly model: RequestsModel,
    private readonly clock: Clock,
    /** Awaited before the first load (e.g. until the current session has been read). */
    private readonly beforeLoad: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.subscriptions.push(
      model.onDidChange((change) => this.onModelChange(change)),
      model.onDidLoad(() => {
        if (this.clock.now() - this.lastFullDraw > FULL_REDRAW_AFTER_MS) {
          this.emitter.fire(undefined);
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

  /** Redraws everything (e.g. after the view became visible again, to update relative times). */
  redraw(): void {
    this.emitter.fire(undefined);
  }

  /**
   * Redraws the rows under each group ("5 min ago" drifts) without redrawing the root, which would
   * load again once the cache window passed: a clock tick must not call the service.
   */
  redrawRows(): void {
    for (const group of this.groupNodes.values()) {
      this.emitter.fire(group);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.emitter.dispose();
  }

  private async rootChildren(): Promise<RequestsTreeNode[]> {
    await this.beforeLoad();
    await this.model.ensureLoaded();
    if (this.model.state.kind === 'error') {
      return [...FIRST_LOAD_FAILED_ACTIONS]; // under the view's message, which says why
    }
    if (this.model.state.kind !== 'ready') {
      return []; // the welcome content for the state says why, with an action
    }
    this.lastFullDraw = this.clock.now();
    const groups = this.model.groups;
    const nodes: RequestsTreeNode[] = groups.map((g) => this.groupNode(g));
    if (this.model.filter !== undefined) {
      nodes.unshift(activeFilterNode(this.model.filter));
    }
    if (this.model.hasMore) {
      this.loadMoreNode.loaded = this.model.requests.length;
      this.loadMoreNode.total = this.model.total;
      nodes.push(this.loadMoreNode);
    }
    this.forgetUnlisted();
    return nodes;
  }

  private onModelChange(change: RequestsModelChange): void {
    if (change.structure) {
      this.emitter.fire(undefined);
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
