// Fixed-window rate limits per account and class, with Dropbox Sign's headers.
import { RateLimitConfig } from './model';

export type RateClass = 'standard' | 'heavy' | 'testMode';

export interface RateDecision {
  exceeded: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private windows = new Map<string, { startMs: number; count: number }>();

  check(cfg: RateLimitConfig, key: string, cls: RateClass, nowMs: number): RateDecision {
    const limit = cfg[cls];
    const id = `${key}|${cls}`;
    let w = this.windows.get(id);
    if (!w || nowMs - w.startMs >= cfg.windowMs) {
      w = { startMs: nowMs, count: 0 };
      this.windows.set(id, w);
    }
    const exceeded = cfg.enabled && w.count >= limit;
    if (!exceeded) w.count++;
    const remaining = cfg.enabled ? Math.max(0, limit - w.count) : limit;
    return {
      exceeded,
      headers: {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(remaining),
        'X-Ratelimit-Reset': String(Math.ceil((w.startMs + cfg.windowMs) / 1000)),
      },
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
