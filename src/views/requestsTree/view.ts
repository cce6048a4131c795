// Puts the Signature Requests view together: one ServiceRequests per signature service (its model, auto
// refresh and change notifications, following that service's session and app set-up), one tree over all of
// them, the view's description (active filter), message and context keys (which welcome content shows), and
// a once-a-minute redraw of relative times while visible, all following the settings.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { Logger } from '../../core/log';
import type { Timers } from '../../model/requestsAutoRefresh';
import type { RequestsModel } from '../../model/requestsModel';
import { RelativeTimeTicker } from './timeTicker';
import { SETTING_AUTO_REFRESH, SETTING_FILTER, SETTING_PAGE_SIZE, ServiceRequests, type ServiceRequestsDeps } from './serviceRequests';
import { flatSection, RequestsTreeProvider, servicesWithNodes } from './treeProvider';
import { stateKey, viewDescription, viewMessage } from './viewState';
import type { RequestsTreeNode } from './nodes';
import { CONTEXT_KEYS, VIEW_IDS, VSCODE_COMMANDS } from '../ids';
import { onDidChangeSettings } from '../../runtime/settings';

export { SETTING_AUTO_REFRESH, SETTING_FILTER, SETTING_PAGE_SIZE } from './serviceRequests';
export type { ServiceRequestsDeps } from './serviceRequests';

export interface RequestsViewDeps {
  log: Logger;
  clock: Clock;
  timers?: Timers;
  /** Every signature service, in the order of the service list (at least one). */
  services: readonly Omit<ServiceRequestsDeps, 'log' | 'clock' | 'timers' | 'reveal'>[];
}

export class RequestsView implements vscode.Disposable {
  /** One per signature service, in the order of the service list. */
  readonly services: readonly ServiceRequests[];
  readonly provider: RequestsTreeProvider;
  readonly treeView: vscode.TreeView<RequestsTreeNode>;
  private readonly toDispose: Array<{ dispose(): unknown }> = [];
  /** Until the first read of the sessions and app settings finishes, the view says "Loading…", not "signed out". */
  private accessKnown = false;
  private readonly allAccessReady: Promise<void>;
  private lastLoggedError: unknown;
  private readonly ticker: RelativeTimeTicker;

  constructor(private readonly deps: RequestsViewDeps) {
    this.services = deps.services.map(
      (service) =>
        new ServiceRequests({ ...service, log: deps.log, clock: deps.clock, timers: deps.timers, reveal: (id) => this.reveal(id, service.service.id) }),
    );
    this.allAccessReady = Promise.all(this.services.map((s) => s.accessReady)).then(() => undefined);
    this.provider = new RequestsTreeProvider(
      this.services.map((s) => ({ service: s.service, model: s.model, capabilities: s.capabilities })),
      deps.clock,
      () => this.allAccessReady,
    );
    this.treeView = vscode.window.createTreeView(VIEW_IDS.requests, { treeDataProvider: this.provider, showCollapseAll: true });
    this.ticker = new RelativeTimeTicker(() => this.provider.redrawRows(), deps.timers);
    const setVisible = (visible: boolean): void => {
      for (const s of this.services) s.setVisible(visible);
      this.ticker.setVisible(visible);
    };
    this.toDispose.push(
      ...this.services,
      this.provider,
      this.treeView,
      this.ticker,
      ...this.services.map((s) => s.model.onDidChange(() => this.renderView())),
      this.treeView.onDidChangeVisibility(({ visible }) => {
        setVisible(visible);
        if (visible) {
          // A load if the cache window passed (its changes, and relative times, redraw what they touch).
          // No redraw of its own: VS Code is reading what changed while the view was hidden right now,
          // and redrawing a node it is reading loses rows (see treeProvider.ts).
          void this.allAccessReady.then(() => Promise.all(this.shown().map((s) => s.model.ensureLoaded())));
        }
      }),
      onDidChangeSettings([SETTING_PAGE_SIZE, SETTING_FILTER, SETTING_AUTO_REFRESH], (affects) => {
        for (const s of this.services) s.onConfiguration(affects);
      }),
    );
    setVisible(this.treeView.visible);
    void this.allAccessReady.finally(() => {
      this.accessKnown = true;
      this.renderView();
    });
    this.renderView();
  }

  /** The first signature service's model (the only one while one service is listed). */
  get model(): RequestsModel {
    return this.services[0].model;
  }

  /** The first signature service's change notifications. */
  get notifier(): ServiceRequests['notifier'] {
    return this.services[0].notifier;
  }

  /** A service's part of the view by its id. */
  service(id: string): ServiceRequests | undefined {
    return this.services.find((s) => s.service.id === id);
  }

  /** The services whose rows the tree shows now: each signed-in one, or the first while none is. */
  shown(): ServiceRequests[] {
    const withNodes = servicesWithNodes(this.services);
    return withNodes.length > 0 ? withNodes : [flatSection(this.services)];
  }

  /** Re-reads who is signed in to each service (and whether its app is configured) and points its model at it. */
  async refreshAccess(): Promise<void> {
    await Promise.all(this.services.map((s) => s.refreshAccess()));
  }

  /** Reveals and selects a request (of `service`, when given), or just shows the view. */
  async reveal(requestId: string | undefined, service?: string): Promise<void> {
    const node = requestId !== undefined ? this.provider.nodeForRequest(requestId, service) : undefined;
    if (node) {
      await this.treeView.reveal(node, { select: true, focus: true, expand: true });
    } else {
      await vscode.commands.executeCommand(`${VIEW_IDS.requests}.focus`);
    }
  }

  dispose(): void {
    for (const d of this.toDispose.reverse()) {
      d.dispose();
    }
  }

  private renderView(): void {
    const shown = this.shown();
    const named = shown.length > 1;
    const first = shown[0].model;
    this.treeView.description = viewDescription(first.filter);
    // With several services, each one's trouble is named by its service (one message line for the view).
    const messages = shown.flatMap((s) => {
      const text = viewMessage(s.model.state, s.model.staleError, s.service.label);
      return text === undefined ? [] : [named ? `${s.service.label}: ${text}` : text];
    });
    this.treeView.message = messages.length > 0 ? messages.join(' ') : undefined;
    for (const s of shown) {
      const state = s.model.state;
      const error = state.kind === 'error' ? state.error : s.model.staleError;
      if (error !== undefined && error !== s.lastLoggedError) {
        s.lastLoggedError = error;
        this.deps.log.warn(named ? `Loading ${s.service.label} signature requests failed` : 'Loading signature requests failed', error);
      }
    }
    // Several services: the service nodes are the rows, so no welcome content applies ('ready').
    const state = !this.accessKnown ? 'loading' : named ? 'ready' : stateKey(first.state);
    const keys: Array<[string, unknown]> = [
      [CONTEXT_KEYS.requestsState, state],
      // The welcome content names the service whose state it is (sign in to it, its session expired).
      [CONTEXT_KEYS.requestsService, named ? '' : shown[0].service.id],
      [CONTEXT_KEYS.requestsFiltered, first.filter !== undefined],
    ];
    for (const [key, value] of keys) void vscode.commands.executeCommand(VSCODE_COMMANDS.setContext, key, value);
  }
}
