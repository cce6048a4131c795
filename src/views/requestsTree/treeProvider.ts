// The Signature Requests tree: groups by state → requests → signers, plus "Load more…", for each signature
// service signed in. With one (or none), the root holds that service's rows exactly as SignDesk always drew
// them; with several, the root holds a service node per service and each holds its service's rows. It renders
// the services' RequestsModels and redraws only what a model says changed. Nodes are cached by id so a change
// event can name the node VS Code already shows.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { groupOf, RequestGroup, RequestGroupId } from '../../model/requestsGrouping';
import type { RequestsModel, RequestsModelChange } from '../../model/requestsModel';
import { signerKey } from '../../model/requestsDiff';
import type { SignatureRequest, Signer } from '../../model/signatureRequest';
import type { NodeCapabilities } from './contextValues';
import { RELATIVE_TIME_REDRAW_MS } from './timeTicker';
import {
  activeFilterNode,
  ActionNode,
  FIRST_LOAD_FAILED_ACTIONS,
  GroupNode,
  LoadMoreNode,
  NodeScope,
  RequestNode,
  RequestsTreeNode,
  ServiceNode,
  SignerNode,
  treeItemFor,
} from './nodes';

/** One signature service's part of the tree. */
export interface TreeSection {
  readonly service: { readonly id: string; readonly label: string };
  readonly model: RequestsModel;
  /** What the service can do (its nodes' contextValue flags); none: today's plain contextValues. */
  readonly capabilities?: NodeCapabilities;
}

/** A service is in the tree while someone is signed in to it (even when that sign-in needs renewing). */
export function isSignedIn(model: Pick<RequestsModel, 'state'>): boolean {
  return model.state.kind !== 'signedOut' && model.state.kind !== 'notConfigured';
}

/**
 * The services the tree shows a level for: none while at most one service is signed in (that one's rows,
 * or the first service's state, are the root), else every signed-in one, in the service list's order.
 */
export function servicesWithNodes<T extends { model: Pick<RequestsModel, 'state'> }>(sections: readonly T[]): T[] {
  const signedIn = sections.filter((section) => isSignedIn(section.model));
  return signedIn.length > 1 ? signedIn : [];
}

/**
 * The section whose rows (or state: the welcome content) are the root when there is no service level: the
 * one signed in; else the first one configured (its welcome offers Sign In, not Configure); else the first.
 */
export function flatSection<T extends { model: Pick<RequestsModel, 'state'> }>(sections: readonly T[]): T {
  return sections.find((section) => isSignedIn(section.model)) ?? sections.find((section) => section.model.state.kind === 'signedOut') ?? sections[0];
}

/**
 * What a service's top rows are, row by row (filter row, group ids, "Load more…"). While it stays the same,
 * a change redraws the groups instead of those rows' parent.
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

/** One service's rows and their cached nodes. Its top rows' parent is the root, or its service node. */
class ServiceBranch {
  readonly node: ServiceNode;
  private readonly groupNodes = new Map<RequestGroupId, GroupNode>();
  private readonly requestNodes = new Map<string, RequestNode>();
  private readonly signerNodes = new Map<string, SignerNode>();
  private readonly loadMoreNode: LoadMoreNode;
  private failedActions?: readonly ActionNode[];
  /** When VS Code last read the rows (their relative times, "5 min ago", were fresh then). */
  private rowsDrawnAt = 0;
  /** rootShape() when VS Code last read the top rows; undefined until it has. */
  private drawnShape: string | undefined;
  /** The top rows were refired and VS Code has not started reading them yet, or is reading them now: that read sees every change. */
  private topFired = false;
  private topReads = 0;
  /** The ids' prefix and capability flags of this service's rows. */
  scope: NodeScope;

  readonly model: RequestsModel;
  /** The service's id ('' for a tree of one unnamed service). */
  readonly id: string;

  constructor(
    readonly section: TreeSection,
    private readonly clock: Clock,
    private readonly fire: (node: RequestsTreeNode | undefined) => void,
    /** Redraws this branch's top rows (the root, or the service node): the provider knows which. */
    private readonly fireTop: () => void,
  ) {
    this.model = section.model;
    this.id = section.service.id;
    const service = this.id || undefined;
    this.node = { kind: 'service', service: this.id, label: section.service.label };
    this.loadMoreNode = { kind: 'loadMore', service, loading: false, loaded: 0 };
    this.scope = { idPrefix: '', capabilities: section.capabilities };
  }

  /** The service id this branch's nodes carry: none in a tree of one unnamed service. */
  private get nodeService(): string | undefined {
    return this.id || undefined;
  }

  /** Marks the top rows as redrawn and about to be read again (the provider fired their parent). */
  noteTopFired(): void {
    this.topFired = true;
  }

  /** `underNode`: the rows go under this service's node, where the view's welcome content does not show. */
  async readTop(underNode?: boolean): Promise<RequestsTreeNode[]> {
    this.topFired = false;
    this.topReads++;
    try {
      await this.model.ensureLoaded();
      // Everything from here on runs without waiting, so what it returns is the model as it is now.
      this.drawnShape = rootShape(this.model);
      const filter = this.model.filter;
      // The active filter's row (click to clear) comes first, above a failed load's actions too: the filter may be why.
      const filterRows: RequestsTreeNode[] =
        filter === undefined ? [] : [{ ...activeFilterNode(filter), service: this.nodeService }];
      if (this.model.state.kind === 'error') {
        // Under the view's message, which says why (built here: nodes.ts loads once the view draws rows).
        this.failedActions ??= FIRST_LOAD_FAILED_ACTIONS.map((action) => ({ ...action, service: this.nodeService }));
        return [...filterRows, ...this.failedActions];
      }
      if (this.model.state.kind !== 'ready') {
        // The welcome content for the state says why, with an action; under a service's node a filter that
        // matched nothing keeps its row (click to clear), or the node would open on nothing.
        return underNode && this.model.state.kind === 'empty' ? filterRows : [];
      }
      this.rowsDrawnAt = this.clock.now();
      const nodes = [...filterRows, ...this.model.groups.map((g) => this.groupNode(g))];
      if (this.model.hasMore) {
        this.updateLoadMore();
        nodes.push(this.loadMoreNode);
      }
      this.forgetUnlisted();
      return nodes;
    } finally {
      this.topReads--;
    }
  }

  children(node: RequestsTreeNode): RequestsTreeNode[] {
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

  /** The parent of a row below the top rows; undefined for a top row. */
  parentOf(node: RequestsTreeNode): RequestsTreeNode | undefined {
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

  nodeForRequest(id: string): RequestNode | undefined {
    const request = this.model.get(id);
    return request ? this.requestNode(request) : undefined;
  }

  setLoadingMore(loading: boolean): void {
    this.loadMoreNode.loading = loading;
    this.fire(this.loadMoreNode);
  }

  /** Redraws the rows under each group without redrawing their parent (see RequestsTreeProvider.redrawRows). */
  redrawRows(): void {
    this.rowsDrawnAt = this.clock.now();
    for (const group of this.model.groups) this.redrawGroup(group);
  }

  /** Redraws a group's row (its count) and the rows under it, if VS Code has drawn it. */
  private redrawGroup(group: RequestGroup): void {
    const node = this.groupNodes.get(group.id);
    if (node) {
      node.group = group;
      this.fire(node);
    }
  }

  /** A load after a while (the view shown again, an auto refresh) brings relative times up to date. */
  onLoad(): void {
    if (this.clock.now() - this.rowsDrawnAt >= RELATIVE_TIME_REDRAW_MS) {
      this.redrawRows();
    }
  }

  onModelChange(change: RequestsModelChange): void {
    if (change.structure) {
      if (this.topFired || this.topReads > 0) {
        return; // the top rows are being read again anyway, and that read sees this change
      }
      if (this.drawnShape === undefined || this.drawnShape !== rootShape(this.model)) {
        this.fireTop();
        return;
      }
      // Same top rows (e.g. a request sent into an existing group): redraw the groups, whose labels count
      // their requests, and "Load more…", whose description counts what is loaded.
      this.forgetUnlisted();
      this.redrawRows();
      if (this.model.hasMore) {
        this.updateLoadMore();
        this.fire(this.loadMoreNode);
      }
      return;
    }
    // A request changed group: each group concerned redraws its count and rows, the rest of the tree stays.
    for (const id of change.groups ?? []) {
      const group = this.model.groups.find((g) => g.id === id);
      if (group) this.redrawGroup(group);
    }
    for (const id of change.requestIds) {
      const request = this.model.get(id);
      const node = this.requestNodes.get(id);
      if (request && node) {
        node.request = request;
        this.fire(node);
      }
    }
  }

  private updateLoadMore(): void {
    this.loadMoreNode.loaded = this.model.loadedCount;
    this.loadMoreNode.total = this.model.total;
  }

  private groupNode(group: RequestGroup): GroupNode {
    let node = this.groupNodes.get(group.id);
    if (!node) {
      node = { kind: 'group', service: this.nodeService, id: group.id, group };
      this.groupNodes.set(group.id, node);
    } else {
      node.group = group;
    }
    return node;
  }

  private requestNode(request: SignatureRequest): RequestNode {
    let node = this.requestNodes.get(request.id);
    if (!node) {
      node = { kind: 'request', service: this.nodeService, request };
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
      node = { kind: 'signer', service: this.nodeService, request, signer };
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

export class RequestsTreeProvider implements vscode.TreeDataProvider<RequestsTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RequestsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  private readonly branches: ServiceBranch[];
  /** The services with a node when VS Code last read the root ('' for none); undefined until it has. */
  private drawnLevel: string | undefined;
  /** The root was refired and VS Code has not started reading it yet: that read sees every change. */
  private rootFired = false;
  private readonly modelSubscriptions: Array<{ dispose(): unknown }> = [];

  /** One model (one service, as the tree always was), or one section per signature service in list order. */
  constructor(
    sections: RequestsModel | readonly TreeSection[],
    private readonly clock: Clock,
    /** Awaited before the first load (e.g. until the current sessions have been read). */
    private readonly beforeLoad: () => Promise<void> = () => Promise.resolve(),
  ) {
    const list: readonly TreeSection[] = Array.isArray(sections) ? sections : [{ service: { id: '', label: '' }, model: sections as RequestsModel }];
    this.branches = list.map((section) => {
      const branch: ServiceBranch = new ServiceBranch(
        section,
        clock,
        (node) => this.emitter.fire(node),
        () => this.fireTopOf(branch),
      );
      return branch;
    });
    for (const branch of this.branches) {
      this.modelSubscriptions.push(
        branch.model.onDidChange((change) => this.onModelChange(branch, change)),
        branch.model.onDidLoad(() => branch.onLoad()),
      );
    }
  }

  getTreeItem(node: RequestsTreeNode): vscode.TreeItem {
    return treeItemFor(node, this.clock.now(), node.kind === 'service' ? undefined : this.branchOf(node)?.scope);
  }

  async getChildren(node?: RequestsTreeNode): Promise<RequestsTreeNode[]> {
    if (!node) {
      return this.rootChildren();
    }
    const branch = this.branchOf(node);
    if (!branch) return [];
    return node.kind === 'service' ? branch.readTop(true) : branch.children(node);
  }

  getParent(node: RequestsTreeNode): RequestsTreeNode | undefined {
    if (node.kind === 'service') return undefined;
    const branch = this.branchOf(node);
    if (!branch) return undefined;
    return branch.parentOf(node) ?? (this.hasLevel(branch) ? branch.node : undefined);
  }

  /** The node showing a request (for reveal), when the request is loaded; `service` picks the service. */
  nodeForRequest(id: string, service?: string): RequestNode | undefined {
    for (const branch of this.branches) {
      if (service !== undefined && branch.id !== service) continue;
      const node = branch.nodeForRequest(id);
      if (node) return node;
    }
    return undefined;
  }

  /** Shows "Loading…" in place of "Load more…" while a page is being fetched (of `service`, else the first). */
  setLoadingMore(loading: boolean, service?: string): void {
    (this.branches.find((branch) => branch.id === service) ?? this.branches[0]).setLoadingMore(loading);
  }

  /** Redraws everything from the root (the tree's structure changed). */
  redraw(): void {
    if (!this.rootFired) {
      this.rootFired = true;
      for (const branch of this.branches) branch.noteTopFired();
      this.emitter.fire(undefined);
    }
  }

  /**
   * Redraws the rows under each group ("5 min ago" drifts) without redrawing the root, which would
   * load again once the cache window passed: a clock tick must not call the service.
   */
  redrawRows(): void {
    for (const branch of this.branches) branch.redrawRows();
  }

  dispose(): void {
    for (const s of this.modelSubscriptions) {
      s.dispose();
    }
    this.emitter.dispose();
  }

  /** Which services have a node (and whose account each shows), or which service's rows are the root. */
  private levelKey(): string {
    const withNodes = servicesWithNodes(this.branches);
    if (withNodes.length === 0) return `rows of ${flatSection(this.branches).id}`;
    return withNodes.map((branch) => `${branch.id}:${branch.model.email ?? ''}`).join('|');
  }

  private hasLevel(branch: ServiceBranch): boolean {
    return branch.scope.idPrefix !== '';
  }

  private async rootChildren(): Promise<RequestsTreeNode[]> {
    this.rootFired = false;
    await this.beforeLoad();
    const withNodes = servicesWithNodes(this.branches);
    this.drawnLevel = this.levelKey();
    for (const branch of this.branches) {
      const level = withNodes.includes(branch);
      branch.scope = { idPrefix: level ? `${branch.node.kind}:${branch.id}/` : '', capabilities: branch.section.capabilities };
      branch.node.email = branch.model.email;
    }
    if (withNodes.length > 0) {
      return withNodes.map((branch) => branch.node);
    }
    return flatSection(this.branches).readTop();
  }

  /** A branch's top rows changed: redraw their parent (the root without a service level, else its node). */
  private fireTopOf(branch: ServiceBranch): void {
    if (this.hasLevel(branch)) {
      branch.noteTopFired();
      this.emitter.fire(branch.node);
    } else {
      this.redraw();
    }
  }

  private onModelChange(branch: ServiceBranch, change: RequestsModelChange): void {
    if (change.structure && this.drawnLevel !== undefined && this.levelKey() !== this.drawnLevel) {
      // A service signed in or out, or another account: the service level (or which service is the root) changed.
      this.redraw();
      return;
    }
    if (!this.hasLevel(branch) && flatSection(this.branches) !== branch) {
      return; // not shown: a signed-out service without a level of its own
    }
    branch.onModelChange(change);
  }

  private branchOf(node: RequestsTreeNode): ServiceBranch | undefined {
    const service = node.service ?? '';
    return this.branches.find((branch) => branch.id === service) ?? (this.branches.length === 1 ? this.branches[0] : undefined);
  }
}
