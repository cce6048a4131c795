// Puts the Signature Requests view together: the model, the tree, its description (active filter),
// message and context keys (which welcome content shows), auto refresh, change notifications and
// a once-a-minute redraw of relative times while visible,
// all following the settings and the current session.
import * as vscode from 'vscode';
import type { Event } from '../../auth/session';
import type { Clock } from '../../core/clock';
import { describeError, Logger } from '../../core/log';
import type { RateLimitInfo } from '../../core/http';
import { AutoRefresher, Timers } from '../../model/requestsAutoRefresh';
import { RequestsModel } from '../../model/requestsModel';
import type { SignatureRules } from '../../model/service';
import { RequestsAccessDeps, resolveRequestsAccess } from './access';
import { RelativeTimeTicker } from './timeTicker';
import { RequestsNotifier } from './notifier';
import { RequestsTreeProvider } from './treeProvider';
import { stateKey, viewDescription, viewMessage } from './viewState';
import type { RequestsTreeNode } from './nodes';
import { CONTEXT_KEYS, VIEW_IDS, VSCODE_COMMANDS } from '../ids';


export const SETTING_PAGE_SIZE = 'signdesk.pageSize';
export const SETTING_FILTER = 'signdesk.filter';
export const SETTING_AUTO_REFRESH = 'signdesk.autoRefreshSeconds';
const SETTING_CLIENT_ID = 'signdesk.dropboxSign.clientId';

export interface RequestsViewDeps extends RequestsAccessDeps {
  log: Logger;
  clock: Clock;
  /** Fires when the current session, or which session is current, changes (ActiveSession.onDidChange). */
  onDidChangeSession: Event<unknown>;
  /** Fires when the client ID setting or the stored client secret changed (configured or not). */
  onDidChangeAppSetup?: Event<unknown>;
  /** The latest rate-limit headers seen, if the HTTP layer reports them. */
  rateLimit?: () => RateLimitInfo | undefined;
  timers?: Timers;
  /** The signature service's rules (page size, rate limit, canceled requests). */
  rules: SignatureRules;
  /** The signature service's name (its definition's label), in messages. */
  serviceLabel: string;
}

export class RequestsView implements vscode.Disposable {
  readonly model: RequestsModel;
  readonly provider: RequestsTreeProvider;
  readonly treeView: vscode.TreeView<RequestsTreeNode>;
  readonly refresher: AutoRefresher;
  readonly notifier: RequestsNotifier;
  /** The signature service's name, for the view's commands' messages. */
  readonly serviceLabel: string;
  private readonly disposables: Array<{ dispose(): unknown }> = [];
  private accessSeq = 0;
  /** Until the first read of the session and app settings finishes, the view says "Loading…", not "signed out". */
  private accessKnown = false;
  private accessReady: Promise<void>;
  private lastLoggedError: unknown;
  private readonly ticker: RelativeTimeTicker;

  constructor(private readonly deps: RequestsViewDeps) {
    const config = vscode.workspace.getConfiguration();
    this.serviceLabel = deps.serviceLabel;
    this.model = new RequestsModel({
      clock: deps.clock,
      serviceLabel: deps.serviceLabel,
      rules: deps.rules,
      pageSize: config.get<number>(SETTING_PAGE_SIZE),
      filter: config.get<string>(SETTING_FILTER),
    });
    this.provider = new RequestsTreeProvider(this.model, deps.clock, () => this.accessReady);
    this.treeView = vscode.window.createTreeView(VIEW_IDS.requests, { treeDataProvider: this.provider, showCollapseAll: true });
    this.refresher = new AutoRefresher(this.model, {
      clock: deps.clock,
      defaultRateLimit: deps.rules.defaultRateLimit,
      timers: deps.timers,
      rateLimit: deps.rateLimit,
      onError: (error) => deps.log.debug(`Automatic refresh failed: ${describeError(error)}`),
    });
    this.refresher.setIntervalSeconds(config.get<number>(SETTING_AUTO_REFRESH));
    this.ticker = new RelativeTimeTicker(() => this.provider.redrawRows(), deps.timers);
    this.notifier = new RequestsNotifier({
      log: deps.log,
      reveal: (id) => this.reveal(id),
      requestById: (id) => this.model.get(id),
    });
    this.disposables.push(
      this.model,
      this.provider,
      this.treeView,
      this.refresher,
      this.ticker,
      this.model.onDidChange(() => {
        this.render();
        this.refresher.update();
      }),
      this.model.onDidLoad(() => this.refresher.update()),
      this.model.onDidDetectChanges((changes) => this.notifier.notify(changes)),
      this.treeView.onDidChangeVisibility(({ visible }) => {
        this.refresher.setVisible(visible);
        this.ticker.setVisible(visible);
        if (visible) {
          // A load if the cache window passed (its changes, and relative times, redraw what they touch).
          // No redraw of its own: VS Code is reading what changed while the view was hidden right now,
          // and redrawing a node it is reading loses rows (see treeProvider.ts).
          void this.accessReady.then(() => this.model.ensureLoaded());
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfiguration(e)),
      deps.onDidChangeSession(() => void this.refreshAccess()),
    );
    if (deps.onDidChangeAppSetup) {
      this.disposables.push(deps.onDidChangeAppSetup(() => void this.refreshAccess()));
    }
    this.refresher.setVisible(this.treeView.visible);
    this.ticker.setVisible(this.treeView.visible);
    this.accessReady = this.refreshAccess().finally(() => {
      this.accessKnown = true;
      this.render();
    });
    this.render();
  }

  /** Re-reads who is signed in (and whether the app is configured) and points the model at it. */
  async refreshAccess(): Promise<void> {
    const seq = ++this.accessSeq;
    try {
      const access = await resolveRequestsAccess(this.deps);
      if (seq === this.accessSeq) {
        this.model.setAccess(access);
      }
    } catch (error) {
      this.deps.log.error(`Could not read the current ${this.serviceLabel} session`, error);
      if (seq === this.accessSeq) {
        this.model.setAccess({ kind: 'signedOut' });
      }
    }
  }

  /** Reveals and selects a request, or just shows the view. */
  async reveal(requestId: string | undefined): Promise<void> {
    const node = requestId !== undefined ? this.provider.nodeForRequest(requestId) : undefined;
    if (node) {
      await this.treeView.reveal(node, { select: true, focus: true, expand: true });
    } else {
      await vscode.commands.executeCommand(`${VIEW_IDS.requests}.focus`);
    }
  }

  dispose(): void {
    for (const d of this.disposables.reverse()) {
      d.dispose();
    }
  }

  private onConfiguration(e: vscode.ConfigurationChangeEvent): void {
    const config = vscode.workspace.getConfiguration();
    if (e.affectsConfiguration(SETTING_PAGE_SIZE)) {
      this.model.setPageSize(config.get<number>(SETTING_PAGE_SIZE));
    }
    if (e.affectsConfiguration(SETTING_FILTER)) {
      this.model.setFilter(config.get<string>(SETTING_FILTER));
    }
    if (e.affectsConfiguration(SETTING_AUTO_REFRESH)) {
      this.refresher.setIntervalSeconds(config.get<number>(SETTING_AUTO_REFRESH));
    }
    if (e.affectsConfiguration(SETTING_CLIENT_ID) && !this.deps.onDidChangeAppSetup) {
      void this.refreshAccess();
    }
  }

  private render(): void {
    const state = this.model.state;
    const filter = this.model.filter;
    this.treeView.description = viewDescription(filter);
    this.treeView.message = viewMessage(state, this.model.staleError);
    const error = state.kind === 'error' ? state.error : this.model.staleError;
    if (error !== undefined && error !== this.lastLoggedError) {
      this.lastLoggedError = error;
      this.deps.log.warn('Loading signature requests failed', error);
    }
    void vscode.commands.executeCommand(VSCODE_COMMANDS.setContext, CONTEXT_KEYS.requestsState, this.accessKnown ? stateKey(state) : 'loading');
    void vscode.commands.executeCommand(VSCODE_COMMANDS.setContext, CONTEXT_KEYS.requestsFiltered, filter !== undefined);
  }
}
