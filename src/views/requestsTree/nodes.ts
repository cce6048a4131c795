// The requests tree's nodes and how each one looks.
//
// contextValues (package.json menus match them with `viewItem`):
//   signatureRequest.awaiting | signatureRequest.completed | signatureRequest.declined |
//   signatureRequest.canceled | signatureRequest.error       — a request node (`node.request`)
//   signer.awaiting | signer.viewed | signer.signed | signer.declined | signer.onHold |
//   signer.error | signer.unknown                            — a signer node (`node.request`, `node.signer`)
//   …each with `.received` appended (e.g. signatureRequest.awaiting.received) when someone else sent the
//   request and the signed-in account only signs it: no Cancel/Remind menus match those.
//   …then the node's service's capability flags (contextValues.ts: `.cancelable`, `.pdf`, `.zip` on requests,
//   `.remindable` on signers), so a menu shows only where that service supports the action.
//   signatureService                                          — a service node (several services signed in)
// Group, "Load more…" and action nodes have none. Commands receive the node: `{ kind: 'request', service, request }`
// or `{ kind: 'signer', service, request, signer }` (the request is always the model's current copy); `service`
// (the service's id) routes the command to that service.
//
// With one signature service signed in, the root holds its groups, as SignDesk always showed them; with
// several, the root holds one service node per service (its label, the account's email), each holding that
// service's groups. Node ids then start with `service:<id>/`, so two services' rows never share an id.
import * as vscode from 'vscode';
import {
  groupLabelWithCount,
  RequestGroup,
  RequestGroupId,
} from '../../model/requestsGrouping';
import {
  isOrdered,
  receivedFromLabel,
  requestDescription,
  requestTitle,
  requestTooltipMarkdown,
  signedSummarySpoken,
  SIGNER_STATUS_LABELS,
  signerDescription,
  signerLabel,
  STATE_LABELS,
  escapeMarkdown,
} from '../../model/requestsFormat';
import { signerKey } from '../../model/requestsDiff';
import { isReceived } from '../../model/requestSender';
import { requestContextValue, SERVICE_CONTEXT_VALUE, signerContextValue, type NodeCapabilities } from './contextValues';
import type { SignatureRequest, SignatureRequestState, Signer, SignerStatus } from '../../model/signatureRequest';
import { countOf } from '../../model/wording';
import { COMMANDS } from '../ids';

export { ALL_CONTEXT_VALUES, requestContextValue, signerContextValue } from './contextValues';

/** One signature service's part of the tree, once several services are signed in. */
export interface ServiceNode {
  readonly kind: 'service';
  /** The service's id (ServiceDefinition.id). */
  readonly service: string;
  readonly label: string;
  /** The signed-in account's email (the node's description). */
  email?: string;
}

/** Every node below a service node names its service's id; absent for a tree of one unnamed service. */
interface OfService {
  readonly service?: string;
}

export interface GroupNode extends OfService {
  readonly kind: 'group';
  readonly id: RequestGroupId;
  group: RequestGroup;
}

export interface RequestNode extends OfService {
  readonly kind: 'request';
  request: SignatureRequest;
}

export interface SignerNode extends OfService {
  readonly kind: 'signer';
  request: SignatureRequest;
  signer: Signer;
}

export interface LoadMoreNode extends OfService {
  readonly kind: 'loadMore';
  loading: boolean;
  loaded: number;
  total?: number;
}

/** A row that runs a command, e.g. Retry under a failed first load. */
export interface ActionNode extends OfService {
  readonly kind: 'action';
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  readonly command: string;
  readonly description?: string;
  readonly tooltip?: string;
}

/**
 * The first row while a filter is active: the view's description says it too, but a narrow side bar
 * cuts the description off, and a filtered list must never pass for the whole list.
 */
export function activeFilterNode(filter: string): ActionNode {
  return {
    kind: 'action',
    id: 'activeFilter',
    label: `Filtered by “${filter}”`,
    icon: 'filter',
    command: COMMANDS.clearFilter,
    description: 'click to clear',
    tooltip: 'Only requests matching the filter (signdesk.filter) are listed. Click to list all again.',
  };
}

export type RequestsTreeNode = ServiceNode | GroupNode | RequestNode | SignerNode | LoadMoreNode | ActionNode;

/** How a service's rows are drawn: their ids' prefix (several services) and what the service can do. */
export interface NodeScope {
  /** '' with one service (the ids SignDesk always used), `service:<id>/` with several. */
  readonly idPrefix: string;
  readonly capabilities?: NodeCapabilities;
}

const UNSCOPED: NodeScope = { idPrefix: '' };

/**
 * What the tree shows when the first load failed: the reason is the view's message, and VS Code hides
 * welcome content while a message is set, so the actions are rows.
 */
export const FIRST_LOAD_FAILED_ACTIONS: readonly ActionNode[] = [
  { kind: 'action', id: 'retry', label: 'Retry', icon: 'refresh', command: COMMANDS.refreshRequests },
  { kind: 'action', id: 'showLog', label: 'Show Log', icon: 'output', command: COMMANDS.showLog },
];

const REQUEST_ICONS: Record<SignatureRequestState, [string, string?]> = {
  awaiting: ['clock', 'charts.yellow'],
  completed: ['pass-filled', 'testing.iconPassed'],
  declined: ['thumbsdown', 'testing.iconFailed'],
  canceled: ['circle-slash', 'disabledForeground'],
  error: ['error', 'errorForeground'],
};

const SIGNER_ICONS: Record<SignerStatus, [string, string?]> = {
  awaiting: ['circle-large-outline'],
  viewed: ['eye'],
  signed: ['check', 'testing.iconPassed'],
  declined: ['close', 'testing.iconFailed'],
  onHold: ['debug-pause', 'charts.yellow'],
  error: ['error', 'errorForeground'],
  unknown: ['question'],
};

function icon([id, color]: [string, string?]): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

function requestIcon(request: SignatureRequest): [string, string?] {
  return request.onHold && request.state === 'awaiting' ? ['debug-pause', 'charts.yellow'] : REQUEST_ICONS[request.state];
}

/** The icon id a request or signer node shows (tests read it back from the tree items). */
export function requestIconId(request: SignatureRequest): string {
  return requestIcon(request)[0];
}

export function signerIconId(status: SignerStatus): string {
  return SIGNER_ICONS[status][0];
}

export function nodeId(node: RequestsTreeNode, scope: NodeScope = UNSCOPED): string {
  return node.kind === 'service' ? `service:${node.service}` : scope.idPrefix + unscopedId(node);
}

function unscopedId(node: Exclude<RequestsTreeNode, ServiceNode>): string {
  switch (node.kind) {
    case 'group':
      return `group:${node.id}`;
    case 'request':
      return `request:${node.request.id}`;
    case 'signer':
      return `request:${node.request.id}/signer:${signerKey(node.signer)}`;
    case 'loadMore':
      return 'loadMore';
    case 'action':
      return `action:${node.id}`;
  }
}

export function treeItemFor(node: RequestsTreeNode, now: number, scope: NodeScope = UNSCOPED): vscode.TreeItem {
  switch (node.kind) {
    case 'service':
      return serviceItem(node);
    case 'group':
      return groupItem(node, scope);
    case 'request':
      return requestItem(node, now, scope);
    case 'signer':
      return signerItem(node, now, scope);
    case 'loadMore':
      return loadMoreItem(node, scope);
    case 'action':
      return actionItem(node, scope);
  }
}

/** A node's row with its id and, when given, what a screen reader says for it. */
function newItem(node: RequestsTreeNode, scope: NodeScope, label: string, spoken?: string, collapsible = vscode.TreeItemCollapsibleState.None): vscode.TreeItem {
  const item = new vscode.TreeItem(label, collapsible);
  item.id = nodeId(node, scope);
  if (spoken !== undefined) item.accessibilityInformation = { label: spoken, role: 'treeitem' };
  return item;
}

function serviceItem(node: ServiceNode): vscode.TreeItem {
  const item = newItem(node, UNSCOPED, node.label, node.email ? `${node.label}, ${node.email}` : node.label, vscode.TreeItemCollapsibleState.Expanded);
  item.description = node.email;
  item.iconPath = new vscode.ThemeIcon('account');
  item.contextValue = SERVICE_CONTEXT_VALUE;
  item.tooltip = node.email ? `${node.label}: signed in as ${node.email}` : node.label;
  return item;
}

function groupItem(node: GroupNode, scope: NodeScope): vscode.TreeItem {
  // Awaiting is what users come for; finished groups start closed so they don't push it away.
  const state = node.id === 'awaiting' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  return newItem(node, scope, groupLabelWithCount(node.group), `${node.group.label}, ${countOf(node.group.requests.length, 'request')}`, state);
}

function requestItem(node: RequestNode, now: number, scope: NodeScope): vscode.TreeItem {
  const request = node.request;
  const title = requestTitle(request);
  const received = isReceived(request);
  const from = received ? `, ${receivedFromLabel(request)}` : '';
  const item = newItem(
    node,
    scope,
    title,
    `${title}${from}, ${STATE_LABELS[request.state]}, ${signedSummarySpoken(request)}`,
    request.signers.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.description = requestDescription(request, now);
  item.iconPath = icon(requestIcon(request));
  item.tooltip = new vscode.MarkdownString(requestTooltipMarkdown(request, now));
  item.contextValue = requestContextValue(request.state, received, scope.capabilities);
  return item;
}

function signerItem(node: SignerNode, now: number, scope: NodeScope): vscode.TreeItem {
  const { request, signer } = node;
  const label = signerLabel(signer, isOrdered(request));
  const status = SIGNER_STATUS_LABELS[signer.status];
  const item = newItem(node, scope, label, `${label}, ${status}`);
  item.description = signerDescription(signer, now);
  item.iconPath = icon(SIGNER_ICONS[signer.status]);
  // A signer the service cannot remind carries no `.remindable` (a signer's only flag), whatever its rules say.
  item.contextValue = signerContextValue(signer.status, isReceived(request), signer.noReminder ? undefined : scope.capabilities);
  const lines = [`**${escapeMarkdown(label)}**`, '', `${escapeMarkdown(signer.email)}  `, `${status}  `];
  if (signer.declineReason?.trim()) {
    lines.push(`Reason: ${escapeMarkdown(signer.declineReason.trim())}  `);
  }
  if (signer.error?.trim()) {
    lines.push(`Error: ${escapeMarkdown(signer.error.trim())}  `);
  }
  item.tooltip = new vscode.MarkdownString(lines.join('\n'));
  return item;
}

function loadMoreItem(node: LoadMoreNode, scope: NodeScope): vscode.TreeItem {
  const item = newItem(node, scope, node.loading ? 'Loading…' : 'Load more…', loadMoreSpoken(node));
  // Only while it is true: "7 of 7" next to "Load more…" would say nothing is left to load.
  item.description = node.total !== undefined && node.total > node.loaded ? `${node.loaded} of ${node.total}` : undefined;
  item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'fold-down');
  item.tooltip = 'Load the next page of signature requests';
  if (!node.loading) {
    // The node is the argument: with several services, it says whose next page to load.
    item.command = { command: COMMANDS.loadMoreRequests, title: 'Load more…', arguments: [node] };
  }
  return item;
}

/** "Load more signature requests, 20 of 45 requests loaded" (a screen reader does not see "Load more…" and "20 of 45" together). */
export function loadMoreSpoken(node: LoadMoreNode): string {
  if (node.loading) return 'Loading more signature requests';
  const loaded = node.total !== undefined && node.total > node.loaded ? `${node.loaded} of ${countOf(node.total, 'request')}` : countOf(node.loaded, 'request');
  return `Load more signature requests, ${loaded} loaded`;
}

function actionItem(node: ActionNode, scope: NodeScope): vscode.TreeItem {
  const item = newItem(node, scope, node.label);
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.command = { command: node.command, title: node.label, ...(node.service !== undefined ? { arguments: [{ service: node.service }] } : {}) };
  item.description = node.description;
  item.tooltip = node.tooltip;
  return item;
}
