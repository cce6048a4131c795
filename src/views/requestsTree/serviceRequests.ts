// One signature service's part of the Signature Requests view: its model (with its own rules: page size,
// rate limits, reminder interval, whether canceled requests leave the list), its auto refresh and change
// notifications, following that service's current session, its token path and its app set-up.
import * as vscode from 'vscode';
import type { Event } from '../../auth/session';
import type { Clock } from '../../core/clock';
import { describeError, Logger } from '../../core/log';
import type { RateLimitInfo } from '../../core/http';
import { AutoRefresher, Timers } from '../../model/requestsAutoRefresh';
import { RequestsModel } from '../../model/requestsModel';
import type { SignatureRules } from '../../model/service';
import { RequestsAccessDeps, resolveRequestsAccess } from './access';
import { capabilitiesOf, type NodeCapabilities } from './contextValues';
import { RequestsNotifier } from './notifier';
import { readSetting } from '../../runtime/settings';

export const SETTING_PAGE_SIZE = 'signdesk.pageSize';
export const SETTING_FILTER = 'signdesk.filter';
export const SETTING_AUTO_REFRESH = 'signdesk.autoRefreshSeconds';

export interface ServiceRequestsDeps extends RequestsAccessDeps {
  /** The service's id and label (its definition's). */
  service: { readonly id: string; readonly label: string };
  log: Logger;
  clock: Clock;
  /** Fires when this service's current session, or which session is current, changes. */
  onDidChangeSession: Event<unknown>;
  /** Fires when the service's client ID setting or stored client secret changed (configured or not). */
  onDidChangeAppSetup?: Event<unknown>;
  /** The latest rate-limit headers this service sent. */
  rateLimit?: () => RateLimitInfo | undefined;
  timers?: Timers;
  /** The service's rules (page size, rate limit, canceled requests, what it supports). */
  rules: SignatureRules;
  /** Reveals one of this service's requests (or the view). */
  reveal(requestId: string | undefined): Promise<void>;
}

export class ServiceRequests implements vscode.Disposable {
  readonly service: { readonly id: string; readonly label: string };
  readonly model: RequestsModel;
  private readonly refresher: AutoRefresher;
  readonly notifier: RequestsNotifier;
  /** Its nodes' contextValue flags: which actions the tree offers on this service's rows. */
  readonly capabilities: NodeCapabilities;
  readonly rules: SignatureRules;
  /** Settles once this service's session and app set-up were first read. */
  readonly accessReady: Promise<void>;
  /** The last load error logged (each is logged once). */
  lastLoggedError: unknown;
  private accessSeq = 0;
  private readonly toDispose: Array<{ dispose(): unknown }> = [];

  constructor(private readonly deps: ServiceRequestsDeps) {
    this.service = deps.service;
    this.capabilities = capabilitiesOf((this.rules = deps.rules));
    this.model = new RequestsModel({
      clock: deps.clock,
      serviceLabel: deps.service.label,
      rules: deps.rules,
      pageSize: readSetting<number>(SETTING_PAGE_SIZE),
      filter: readSetting<string>(SETTING_FILTER),
    });
    this.refresher = new AutoRefresher(this.model, {
      clock: deps.clock,
      defaultRateLimit: deps.rules.defaultRateLimit,
      timers: deps.timers,
      rateLimit: deps.rateLimit,
      onError: (error) => deps.log.debug(`Automatic refresh of ${deps.service.label} failed: ${describeError(error)}`),
    });
    this.refresher.setIntervalSeconds(readSetting<number>(SETTING_AUTO_REFRESH));
    this.notifier = new RequestsNotifier({
      log: deps.log,
      reveal: (id) => deps.reveal(id),
      // The download command routes by the node's service.
      requestById: (id) => {
        const request = this.model.get(id);
        return request && { kind: 'request', service: deps.service.id, request };
      },
    });
    this.toDispose.push(
      this.model,
      this.refresher,
      this.model.onDidChange(() => this.refresher.update()),
      this.model.onDidLoad(() => this.refresher.update()),
      this.model.onDidDetectChanges((changes) => this.notifier.notify(changes)),
    );
    for (const changed of [deps.onDidChangeSession, deps.onDidChangeAppSetup]) {
      if (changed) this.toDispose.push(changed(() => void this.refreshAccess()));
    }
    this.accessReady = this.refreshAccess();
  }

  /** Re-reads who is signed in to this service (and whether its app is configured) and points the model at it. */
  async refreshAccess(): Promise<void> {
    const seq = ++this.accessSeq;
    try {
      const access = await resolveRequestsAccess(this.deps);
      if (seq === this.accessSeq) {
        this.model.setAccess(access);
      }
    } catch (error) {
      this.deps.log.error(`Could not read the current ${this.service.label} session`, error);
      if (seq === this.accessSeq) {
        this.model.setAccess({ kind: 'signedOut' });
      }
    }
  }

  setVisible(visible: boolean): void {
    this.refresher.setVisible(visible);
  }

  /** A change of the view's settings (page size, filter, automatic refresh): `affects` says which. */
  onConfiguration(affects: (key: string) => boolean): void {
    if (affects(SETTING_PAGE_SIZE)) {
      this.model.setPageSize(readSetting<number>(SETTING_PAGE_SIZE));
    }
    if (affects(SETTING_FILTER)) {
      this.model.setFilter(readSetting<string>(SETTING_FILTER));
    }
    if (affects(SETTING_AUTO_REFRESH)) {
      this.refresher.setIntervalSeconds(readSetting<number>(SETTING_AUTO_REFRESH));
    }
  }

  dispose(): void {
    for (const d of this.toDispose.reverse()) {
      d.dispose();
    }
  }
}
