// The requests tree's data, VS Code-free: who we list for, the filter, the loaded pages, the last
// snapshot and what changed since. The tree renders it; commands and the auto refresher drive it.
import { InvalidInputError, RateLimitError } from '../core/errors';
import type { Clock } from '../core/clock';
import type { Page } from './page';
import type { ListRequestsParams, SignatureRules } from './service';
import type { SignatureRequest } from './signatureRequest';
import { diffRequests, RequestChange } from './requestsDiff';
import { Disposable, Emitter, Event } from '../core/events';
import { groupOf, groupRequests, RequestGroup, RequestGroupId } from './requestsGrouping';
import { clampPageSize, PageRequest, PagingState } from './requestsPaging';

/** Lists one page for the signed-in account; the composition root wraps TokenManager.withToken around the client. */
export type ListRequestsFn = (params: ListRequestsParams, signal?: AbortSignal) => Promise<Page<SignatureRequest>>;

/** Who the tree lists for. `accountKey` changing resets everything loaded. */
export type RequestsAccess =
  | { kind: 'notConfigured' }
  | { kind: 'signedOut' }
  | { kind: 'expired'; email?: string }
  | { kind: 'signedIn'; accountKey: string; email?: string; list: ListRequestsFn };

/** What the view shows when it has no requests to show (welcome content / message), or `ready`. */
export type RequestsViewState =
  | { kind: 'notConfigured' }
  | { kind: 'signedOut' }
  | { kind: 'expired'; email?: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'empty'; filter?: string }
  | { kind: 'ready' };

export interface RequestsModelChange {
  /** Which groups show, the order of requests, "Load more…", or the view state changed: redraw from the root. */
  structure: boolean;
  /** Requests whose details changed while staying in their group (redraw just those). */
  requestIds: string[];
  /** Groups a request moved out of or into (redraw each, with its count and rows); absent when none. */
  groups?: RequestGroupId[];
}

export interface RequestsModelOptions {
  clock: Clock;
  /** The signature service's name (its definition's label), in messages. */
  serviceLabel: string;
  /** The signature service's rules the list follows. */
  rules: Pick<SignatureRules, 'maxPageSize' | 'canceledRequestsLeaveList'>;
  pageSize?: number;
  filter?: string;
  /** Opening the view again within this window reuses what was loaded. */
  cacheWindowMs?: number;
  /** A sent request shows at the top until the list includes it, at most this long. */
  sentGraceMs?: number;
}

/** A request this window sent or canceled, and the filter that was active then. */
interface LocalEntry {
  request: SignatureRequest;
  filter: string | undefined;
}

export const DEFAULT_CACHE_WINDOW_MS = 30_000;
const DEFAULT_SENT_GRACE_MS = 5 * 60_000;
/** When a 429 carries no reset time. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export function normalizeFilter(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

export class RequestsModel implements Disposable {
  private access: RequestsAccess = { kind: 'signedOut' };
  private pageSizeValue: number;
  private filterValue: string | undefined;
  private paging: PagingState;
  /** Bumped by every reset; results of calls started under an older generation are dropped. */
  private generation = 0;
  private abort = new AbortController();
  private inFlight: Promise<RequestChange[]> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastLoadedAtValue: number | undefined;
  private lastAttemptAt: number | undefined;
  private lastErrorValue: unknown;
  private blockedUntil: number | undefined;
  /**
   * Canceled here: the service drops them from the list (or still lists them while it cancels). Each
   * remembers the filter it was canceled under: SignDesk cannot tell whether a request matches another
   * query, so an unlisted one shows only under that filter, or with no filter (which lists everything).
   */
  private readonly canceled = new Map<string, LocalEntry>();
  /** Sent here and not yet seen in the list; shown under the same rule as `canceled`. */
  private readonly sent = new Map<string, LocalEntry & { until: number }>();
  /**
   * A send or cancel here shifted the service's list since the loaded window was read: the next page
   * would start at the wrong request (skipping one or repeating one), so "Load more…" re-reads the window.
   */
  private windowStale = false;
  private displayCache: readonly SignatureRequest[] | undefined;
  private groupsCache: { requests: readonly SignatureRequest[]; groups: RequestGroup[] } | undefined;

  private readonly changeEmitter = new Emitter<RequestsModelChange>();
  private readonly detectEmitter = new Emitter<RequestChange[]>();
  private readonly loadEmitter = new Emitter<void>();
  /** The tree listens. */
  readonly onDidChange: Event<RequestsModelChange> = this.changeEmitter.event;
  /** Changes found by comparing a refresh with the previous snapshot (for notifications). */
  readonly onDidDetectChanges: Event<RequestChange[]> = this.detectEmitter.event;
  /** A refresh succeeded, changed or not (the auto refresher counts its interval from here). */
  readonly onDidLoad: Event<void> = this.loadEmitter.event;

  private readonly clock: Clock;
  private readonly rules: RequestsModelOptions['rules'];
  private readonly serviceLabel: string;
  private readonly cacheWindowMs: number;
  private readonly sentGraceMs: number;

  constructor(options: RequestsModelOptions) {
    this.clock = options.clock;
    this.rules = options.rules;
    this.serviceLabel = options.serviceLabel;
    this.pageSizeValue = clampPageSize(options.pageSize, this.rules.maxPageSize);
    this.filterValue = normalizeFilter(options.filter);
    this.cacheWindowMs = options.cacheWindowMs ?? DEFAULT_CACHE_WINDOW_MS;
    this.sentGraceMs = options.sentGraceMs ?? DEFAULT_SENT_GRACE_MS;
    this.paging = new PagingState(this.pageSizeValue, this.rules.maxPageSize);
  }

  // ---- configuration -------------------------------------------------------------------------

  get filter(): string | undefined {
    return this.filterValue;
  }

  get pageSize(): number {
    return this.pageSizeValue;
  }

  get accountKey(): string | undefined {
    return this.access.kind === 'signedIn' ? this.access.accountKey : undefined;
  }

  /** The signed-in account's email (also while its sign-in needs renewing). */
  get email(): string | undefined {
    return this.access.kind === 'signedIn' || this.access.kind === 'expired' ? this.access.email : undefined;
  }

  setAccess(access: RequestsAccess): void {
    const previous = this.access;
    this.access = access;
    if (previous.kind === 'signedIn' && access.kind === 'signedIn' && previous.accountKey === access.accountKey) {
      return; // same account, maybe a new token path: keep what is loaded
    }
    if (previous.kind === access.kind && access.kind !== 'signedIn' && JSON.stringify(previous) === JSON.stringify(access)) {
      return; // e.g. still signed out: nothing to redraw
    }
    this.reset({ keepLocal: false });
  }

  setFilter(value: unknown): void {
    const filter = normalizeFilter(value);
    if (filter !== this.filterValue) {
      this.filterValue = filter;
      this.reset({ keepLocal: true });
    }
  }

  setPageSize(value: unknown): void {
    const pageSize = clampPageSize(value, this.rules.maxPageSize);
    if (pageSize !== this.pageSizeValue) {
      this.pageSizeValue = pageSize;
      this.reset({ keepLocal: true });
    }
  }

  // ---- what the view reads -------------------------------------------------------------------

  get state(): RequestsViewState {
    switch (this.access.kind) {
      case 'notConfigured':
      case 'signedOut':
        return { kind: this.access.kind };
      case 'expired':
        return { kind: 'expired', email: this.access.email };
      case 'signedIn':
        break;
    }
    if (!this.paging.isLoaded) {
      return this.lastErrorValue !== undefined ? { kind: 'error', error: this.lastErrorValue } : { kind: 'loading' };
    }
    return this.requests.length === 0 ? { kind: 'empty', filter: this.filterValue } : { kind: 'ready' };
  }

  /** The last refresh's error while older results are still shown (undefined after a success). */
  get staleError(): unknown {
    return this.paging.isLoaded ? this.lastErrorValue : undefined;
  }

  /** Every request to show, in list order, with local cancels and sends applied. */
  get requests(): readonly SignatureRequest[] {
    if (!this.displayCache) {
      this.displayCache = this.computeDisplay();
    }
    return this.displayCache;
  }

  /** Grouped once per list (the tree asks for each group's rows and each row's parent). */
  get groups(): RequestGroup[] {
    const requests = this.requests;
    if (this.groupsCache?.requests !== requests) {
      this.groupsCache = { requests, groups: groupRequests(requests) };
    }
    return this.groupsCache.groups;
  }

  get hasMore(): boolean {
    return this.paging.hasMore;
  }

  /**
   * How many requests match, once the service said: its count plus the requests sent here that it does
   * not list yet (they match too, and "Load more… 5 of 7" must not read "7 of 7" while two are unloaded).
   */
  get total(): number | undefined {
    const total = this.paging.total;
    return total === undefined ? undefined : total + this.sentShown().length;
  }

  /** The loaded part of `total`: listed requests plus the ones sent here (requests canceled here and no longer listed count in neither). */
  get loadedCount(): number {
    return this.paging.items.length + this.sentShown().length;
  }

  get isLoaded(): boolean {
    return this.paging.isLoaded;
  }

  get lastLoadedAt(): number | undefined {
    return this.lastLoadedAtValue;
  }

  get(id: string): SignatureRequest | undefined {
    return this.requests.find((r) => r.id === id);
  }

  /** Something could still change: auto refresh only runs while this holds. */
  hasPending(): boolean {
    return this.requests.some((r) => r.state === 'awaiting');
  }

  /** API calls one refresh costs now. */
  callsPerRefresh(): number {
    return this.paging.isLoaded ? this.paging.refreshPlan().length : 1;
  }

  /** After a 429: no call is made before this time (ms epoch). */
  rateLimitedUntil(): number | undefined {
    return this.blockedUntil !== undefined && this.blockedUntil > this.clock.now() ? this.blockedUntil : undefined;
  }

  /**
   * A 429 refused the last load and nothing has loaded since: the view promises to try again at this
   * time (ms epoch; it may already have passed, e.g. while the view was hidden). Undefined otherwise.
   */
  rateLimitRetryAt(): number | undefined {
    if (this.access.kind !== 'signedIn' || !(this.lastErrorValue instanceof RateLimitError)) {
      return undefined;
    }
    return this.blockedUntil ?? this.clock.now();
  }

  // ---- loading -------------------------------------------------------------------------------

  /**
   * Loads unless a load (successful or not) happened within the cache window: the tree calls this
   * whenever it is drawn, so showing the view twice quickly costs one call. Never throws; failures
   * show through `state` / `staleError`.
   */
  async ensureLoaded(): Promise<void> {
    if (this.access.kind !== 'signedIn') {
      return;
    }
    if (this.inFlight) {
      await this.inFlight.catch(() => undefined);
      return;
    }
    const now = this.clock.now();
    if (this.lastAttemptAt !== undefined && now - this.lastAttemptAt < this.cacheWindowMs) {
      return;
    }
    if (this.rateLimitedUntil() !== undefined && this.paging.isLoaded) {
      return;
    }
    // A filter the service refused stays refused until it changes (which starts over): only Refresh asks again.
    if (this.filterValue !== undefined && this.lastErrorValue instanceof InvalidInputError) {
      return;
    }
    await this.refresh().catch(() => undefined);
  }

  /**
   * Re-reads the loaded window (or the first page) and reports what changed since the last
   * snapshot. Joins a refresh already in flight. Throws the typed error after recording it; while a
   * 429's reset has not passed it throws RateLimitError without calling the service.
   */
  refresh(): Promise<RequestChange[]> {
    if (this.inFlight) {
      return this.inFlight;
    }
    const run = this.enqueue(() => this.doRefresh());
    this.inFlight = run;
    const clear = (): void => {
      if (this.inFlight === run) {
        this.inFlight = undefined;
      }
    };
    run.then(clear, clear);
    return run;
  }

  /** Fetches the next page ("Load more…"). */
  loadMore(): Promise<void> {
    return this.enqueue(async () => {
      if (this.access.kind !== 'signedIn' || !this.paging.isLoaded || !this.paging.hasMore) {
        return;
      }
      if (this.windowStale) {
        await this.doRefresh(1);
        return;
      }
      const generation = this.generation;
      const before = this.snapshot();
      const next = this.paging.nextPage();
      const page = await this.call(this.access.list, next, generation);
      if (generation !== this.generation) {
        return;
      }
      this.paging.applyNextPage(page);
      this.lastErrorValue = undefined;
      this.emitDifference(before);
    });
  }

  // ---- after an action elsewhere (send, remind, cancel) --------------------------------------

  /**
   * Shows a request as the service (or a local cancel) now describes it: replaces it in place, or
   * puts a just-sent request first. `state: 'canceled'` sticks for this session (the service drops
   * canceled requests from the list). Never notifies: the user did it.
   */
  upsert(request: SignatureRequest): void {
    const before = this.snapshot();
    if (request.state === 'canceled') {
      this.canceled.set(request.id, { request, filter: this.filterValue });
      this.windowStale ||= this.rules.canceledRequestsLeaveList; // the service drops it from the list
    } else {
      this.canceled.delete(request.id);
      if (!this.paging.replace(request)) {
        this.sent.set(request.id, { request, filter: this.filterValue, until: this.clock.now() + this.sentGraceMs });
        this.windowStale = true; // the service lists it first, pushing the rest down
      }
    }
    this.displayCache = undefined;
    this.emitDifference(before);
  }

  /** Shows a request as canceled without its new details (a cancel may return nothing). */
  markCanceled(id: string): void {
    const request = this.get(id);
    if (request) {
      this.upsert({ ...request, state: 'canceled', isComplete: false });
    }
  }

  dispose(): void {
    this.abort.abort();
    this.changeEmitter.dispose();
    this.detectEmitter.dispose();
    this.loadEmitter.dispose();
  }

  // ---- internals -----------------------------------------------------------------------------

  private reset(options: { keepLocal: boolean }): void {
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
    this.paging = new PagingState(this.pageSizeValue, this.rules.maxPageSize);
    this.lastLoadedAtValue = undefined;
    this.lastAttemptAt = undefined;
    this.lastErrorValue = undefined;
    this.inFlight = undefined;
    this.windowStale = false;
    if (!options.keepLocal) {
      this.canceled.clear();
      this.sent.clear();
      this.blockedUntil = undefined;
    }
    this.displayCache = undefined;
    this.changeEmitter.fire({ structure: true, requestIds: [] });
  }

  /** One load at a time, in order: a "Load more…" during a refresh waits for it. */
  private enqueue<T>(body: () => Promise<T>): Promise<T> {
    const run = this.queue.then(body, body);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Re-reads the loaded window, and `extraPages` pages after it ("Load more…" after the list shifted). */
  private async doRefresh(extraPages = 0): Promise<RequestChange[]> {
    if (this.access.kind !== 'signedIn') {
      return [];
    }
    const list = this.access.list;
    const generation = this.generation;
    const before = this.snapshot();
    const first = !this.paging.isLoaded;
    const plan = first ? [this.paging.nextPage()] : this.paging.refreshPlan(extraPages);
    const pages: Page<SignatureRequest>[] = [];
    for (const params of plan) {
      pages.push(await this.call(list, params, generation));
      if (generation !== this.generation) {
        return [];
      }
    }
    if (first) {
      this.paging.applyNextPage(pages[0]);
    } else {
      this.paging.applyRefresh(pages, extraPages);
    }
    this.windowStale = false;
    this.lastLoadedAtValue = this.clock.now();
    this.lastErrorValue = undefined;
    this.forgetSentNowListed();
    this.displayCache = undefined;
    const changes = first ? [] : diffRequests(before.requests, this.requests);
    this.emitDifference(before);
    if (changes.length > 0) {
      this.detectEmitter.fire(changes);
    }
    this.loadEmitter.fire();
    return changes;
  }

  private async call(list: ListRequestsFn, params: PageRequest, generation: number): Promise<Page<SignatureRequest>> {
    const now = this.clock.now();
    this.lastAttemptAt = now;
    const blocked = this.rateLimitedUntil();
    if (blocked !== undefined) {
      throw new RateLimitError(`${this.serviceLabel} asked SignDesk to slow down; it will try again after the limit resets.`, {
        resetAt: new Date(blocked),
      });
    }
    try {
      return await list({ page: params.page, pageSize: params.pageSize, query: this.filterValue }, this.abort.signal);
    } catch (error) {
      if (generation === this.generation) {
        if (error instanceof RateLimitError) {
          this.blockedUntil = error.resetAt?.getTime() ?? this.clock.now() + DEFAULT_RATE_LIMIT_WAIT_MS;
        }
        const before = this.snapshot();
        this.lastErrorValue = error;
        this.emitDifference(before, true);
      }
      throw error;
    }
  }

  private forgetSentNowListed(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.sent) {
      if (this.paging.has(id) || entry.until <= now) {
        this.sent.delete(id);
      }
    }
  }

  /** Whether a request sent or canceled under `filter` may show under the active filter. */
  private appliesHere(entry: LocalEntry): boolean {
    return this.filterValue === undefined || entry.filter === this.filterValue;
  }

  /** Requests sent here that the list does not include yet and that show under the active filter, newest first. */
  private sentShown(): SignatureRequest[] {
    if (this.sent.size === 0) {
      return [];
    }
    const now = this.clock.now();
    return [...this.sent.values()]
      .filter((e) => !this.paging.has(e.request.id) && !this.canceled.has(e.request.id) && e.until > now && this.appliesHere(e))
      .map((e) => e.request)
      .reverse();
  }

  private computeDisplay(): readonly SignatureRequest[] {
    const listed = this.paging.items;
    if (this.sent.size === 0 && this.canceled.size === 0) {
      return listed; // the usual case, and the paging state never changes an array it handed out
    }
    // Listed under any filter: the service says it matches, and we know it was canceled.
    const shown = listed.map((r) => this.canceled.get(r.id)?.request ?? r);
    // Where the service drops canceled requests from the list, the tree keeps showing them itself; so it
    // does for one sent here and canceled before the list had it (else it would vanish until a refresh).
    const canceledElsewhere = [...this.canceled.values()]
      .filter((e) => (this.rules.canceledRequestsLeaveList || this.sent.has(e.request.id)) && !this.paging.has(e.request.id) && this.appliesHere(e))
      .map((e) => e.request);
    return [...this.sentShown(), ...shown, ...canceledElsewhere];
  }

  private snapshot(): { requests: readonly SignatureRequest[]; hasMore: boolean; total?: number; state: string; error: unknown } {
    return {
      requests: this.requests,
      hasMore: this.paging.hasMore,
      total: this.total,
      state: this.state.kind,
      error: this.lastErrorValue,
    };
  }

  /** Fires the smallest change that redraws everything that differs from `before`. */
  private emitDifference(before: ReturnType<RequestsModel['snapshot']>, errorChanged = false): void {
    this.displayCache = undefined;
    const after = this.snapshot();
    let structure =
      errorChanged ||
      before.hasMore !== after.hasMore ||
      before.total !== after.total ||
      before.state !== after.state ||
      before.error !== after.error ||
      before.requests.length !== after.requests.length;
    const changed: Array<{ id: string; group: RequestGroupId }> = [];
    const moved = new Set<RequestGroupId>();
    if (!structure) {
      for (let i = 0; i < after.requests.length; i++) {
        const was = before.requests[i];
        const now = after.requests[i];
        if (was.id !== now.id) {
          structure = true;
          break;
        }
        if (was === now) {
          continue;
        }
        const from = groupOf(was.state);
        const to = groupOf(now.state);
        if (from !== to) {
          moved.add(from).add(to);
        } else if (JSON.stringify(was) !== JSON.stringify(now)) {
          changed.push({ id: now.id, group: to });
        }
      }
    }
    // A group that appears or empties changes the root's rows; otherwise only the groups concerned redraw.
    if (!structure && moved.size > 0) {
      const shown = (requests: readonly SignatureRequest[]) => groupRequests(requests).map((g) => g.id).join();
      structure = shown(before.requests) !== shown(after.requests);
    }
    // A row in a group that redraws anyway needs no event of its own.
    const requestIds = changed.filter((c) => !moved.has(c.group)).map((c) => c.id);
    if (structure) {
      this.changeEmitter.fire({ structure: true, requestIds: [] });
    } else if (moved.size > 0) {
      this.changeEmitter.fire({ structure: false, requestIds, groups: [...moved] });
    } else if (requestIds.length > 0) {
      this.changeEmitter.fire({ structure: false, requestIds });
    }
  }

}
