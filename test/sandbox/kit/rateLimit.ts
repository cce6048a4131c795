// Fixed-window rate limits: one window per key (e.g. account and call class). Services add their own headers.
export interface RateWindow {
  /** false: count and report, never refuse */
  enabled: boolean;
  windowMs: number;
}

export interface RateDecision {
  exceeded: boolean;
  limit: number;
  remaining: number;
  /** when the current window ends, epoch seconds (rounded up) */
  resetSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { startMs: number; count: number }>();

  check(key: string, limit: number, window: RateWindow, nowMs: number): RateDecision {
    let w = this.windows.get(key);
    if (!w || nowMs - w.startMs >= window.windowMs) {
      w = { startMs: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    const exceeded = window.enabled && w.count >= limit;
    if (!exceeded) w.count++;
    const remaining = window.enabled ? Math.max(0, limit - w.count) : limit;
    return { exceeded, limit, remaining, resetSeconds: Math.ceil((w.startMs + window.windowMs) / 1000) };
  }

  reset(): void {
    this.windows.clear();
  }
}
