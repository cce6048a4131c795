// Keeps the requests tree current: refreshes every `signdesk.autoRefreshSeconds` while the view is
// visible and something is still pending, never before a 429's reset, and never faster than keeps
// polling within POLL_SHARE of the service's rate limit. After a 429 refused a load it also tries once
// more at the reset (while visible, even with auto refresh off): the view's message promises that.
// VS Code-free; timers and clock are injected.
import { systemTimers, type Clock, type Timers } from '../core/clock';
import type { RateLimitInfo } from '../core/http';
import type { SignatureRules } from './service';

// One Timers for every layer (core/clock); re-exported for the views that take it from here.
export { systemTimers, type Timers };

/** What the refresher drives; RequestsModel satisfies it. */
export interface AutoRefreshTarget {
  refresh(): Promise<unknown>;
  hasPending(): boolean;
  readonly isLoaded: boolean;
  readonly lastLoadedAt: number | undefined;
  callsPerRefresh(): number;
  rateLimitedUntil(): number | undefined;
  /** When a load refused by a 429 should be tried again (ms epoch, may have passed); undefined if none is owed. */
  rateLimitRetryAt?(): number | undefined;
}

export const DEFAULT_AUTO_REFRESH_SECONDS = 60;
/** Polling may use at most this share of the rate limit. */
export const POLL_SHARE = 0.2;
/** The retry after a 429 waits this long past the reset, so the service's window has surely turned. */
export const RATE_LIMIT_RETRY_MARGIN_MS = 1_000;
/** Retries after 429s are at least this far apart, whatever reset the service reports. */
export const RATE_LIMIT_RETRY_MIN_GAP_MS = 10_000;
/** After failures the interval doubles, up to this. */
const MAX_BACKOFF_MS = 15 * 60_000;

/** A setting value → seconds (0 = off). */
export function autoRefreshSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return DEFAULT_AUTO_REFRESH_SECONDS;
  }
  return Math.floor(value);
}

/**
 * The shortest interval that keeps polling within POLL_SHARE of the limit: e.g. with 100 calls a minute
 * and one call per refresh, 20 calls a minute for polling → one refresh every 3 s at most.
 */
export function minimumIntervalMs(
  defaultRateLimit: SignatureRules['defaultRateLimit'],
  callsPerRefresh: number,
  rateLimit?: RateLimitInfo,
): number {
  const limit = rateLimit?.limit && rateLimit.limit > 0 ? rateLimit.limit : defaultRateLimit.limit;
  const budget = Math.max(POLL_SHARE * limit, Number.MIN_VALUE);
  return Math.ceil((Math.max(1, callsPerRefresh) * defaultRateLimit.windowMs) / budget);
}

export interface AutoRefresherOptions {
  clock: Clock;
  /** The service's documented limit, used until a response tells us the real one. */
  defaultRateLimit: SignatureRules['defaultRateLimit'];
  timers?: Timers;
  /** The latest rate-limit headers seen, when the HTTP layer reports them. */
  rateLimit?: () => RateLimitInfo | undefined;
  /** A failed automatic refresh (the model already shows it; this is for the log). */
  onError?: (error: unknown) => void;
}

export class AutoRefresher {
  private seconds = DEFAULT_AUTO_REFRESH_SECONDS;
  private visible = false;
  private timer: unknown;
  private dueAt: number | undefined;
  private running = false;
  private lastAttemptAt: number | undefined;
  private lastRetryAt: number | undefined;
  private failures = 0;
  private disposed = false;
  private readonly timers: Timers;

  constructor(
    private readonly target: AutoRefreshTarget,
    private readonly options: AutoRefresherOptions,
  ) {
    this.timers = options.timers ?? systemTimers;
  }

  setIntervalSeconds(seconds: unknown): void {
    this.seconds = autoRefreshSeconds(seconds);
    this.update();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.update();
  }

  /** When the next automatic refresh will run (ms epoch), or undefined when none is scheduled. */
  get nextRefreshAt(): number | undefined {
    return this.dueAt;
  }

  get active(): boolean {
    return !this.disposed && this.seconds > 0 && this.visible && this.target.isLoaded && this.target.hasPending();
  }

  /** A 429 refused a load and the view is visible: one retry at the reset is owed, whatever the setting. */
  get retryOwed(): boolean {
    return !this.disposed && this.visible && this.target.rateLimitRetryAt?.() !== undefined;
  }

  /** Re-evaluates after anything changed (the model, visibility, settings). */
  update(): void {
    if (this.running) {
      return; // rescheduled when the refresh settles
    }
    const due = this.retryOwed ? this.computeRetryDue() : this.active ? this.computeDue() : undefined;
    if (due === this.dueAt) {
      return;
    }
    this.cancelTimer();
    if (due === undefined) {
      return;
    }
    this.dueAt = due;
    this.timer = this.timers.setTimeout(() => void this.tick(), Math.max(0, due - this.options.clock.now()));
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private computeDue(): number {
    const now = this.options.clock.now();
    const rateLimit = this.options.rateLimit?.();
    const calls = this.target.callsPerRefresh();
    const base = Math.max(this.seconds * 1000, minimumIntervalMs(this.options.defaultRateLimit, calls, rateLimit));
    const interval = Math.min(MAX_BACKOFF_MS, base * 2 ** this.failures);
    const since = Math.max(this.target.lastLoadedAt ?? now, this.lastAttemptAt ?? 0);
    let due = since + interval;
    const blocked = this.target.rateLimitedUntil();
    if (blocked !== undefined) {
      due = Math.max(due, blocked);
    }
    // Too few calls left in this window for a refresh: wait for the window to reset.
    const resetAt = rateLimit?.resetAt?.getTime();
    if (rateLimit?.remaining !== undefined && rateLimit.remaining < calls && resetAt !== undefined && resetAt > now) {
      due = Math.max(due, resetAt);
    }
    return Math.max(due, now);
  }

  /** The reset plus a margin; a reset reported in the past (clock skew) must not make retries spin, so they keep a gap. */
  private computeRetryDue(): number {
    const now = this.options.clock.now();
    const retryAt = (this.target.rateLimitRetryAt?.() ?? now) + RATE_LIMIT_RETRY_MARGIN_MS;
    const notBefore = this.lastRetryAt !== undefined ? this.lastRetryAt + RATE_LIMIT_RETRY_MIN_GAP_MS : now;
    return Math.max(retryAt, notBefore, now);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
    }
    this.timer = undefined;
    this.dueAt = undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.dueAt = undefined;
    const retrying = this.retryOwed;
    if (!retrying && !this.active) {
      return;
    }
    this.running = true;
    this.lastAttemptAt = this.options.clock.now();
    if (retrying) {
      this.lastRetryAt = this.lastAttemptAt;
    }
    try {
      await this.target.refresh();
      this.failures = 0;
    } catch (error) {
      // A 429 is not a failure to back off from: the model's reset time already holds the next try.
      if (this.target.rateLimitedUntil() === undefined) {
        this.failures = Math.min(this.failures + 1, 10);
      }
      this.options.onError?.(error);
    } finally {
      this.running = false;
    }
    this.update();
  }
}
