// The one fake clock and the timers of the tests: ManualTime moves only when told (sign-in timeouts, the
// requests model's auto refresh); InstantTimers fire on the next turn whatever the delay (waits cost no time).
import type { Clock, Timers } from '../../src/core/clock';

export class ManualTime implements Clock, Timers {
  /** The current time, ms epoch; tests may set it. */
  time: number;
  private nextId = 1;
  /** Timers not yet run, by id. */
  readonly pending = new Map<number, { at: number; callback: () => void }>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.pending.size;
  }

  /** Moves time forward and runs the timers that became due, in order. */
  advance(ms: number): void {
    this.time += ms;
    const due = [...this.pending.entries()].filter(([, t]) => t.at <= this.time).sort((a, b) => a[1].at - b[1].at);
    for (const [id, timer] of due) {
      this.pending.delete(id);
      timer.callback();
    }
  }

  /** Moves the clock to the earliest timer, runs it and lets its promise chain settle; resolves its time. */
  async fireNext(): Promise<number> {
    const [id, entry] = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
    if (id === undefined || !entry) throw new Error('ManualTime: no timer scheduled');
    this.pending.delete(id);
    this.time = Math.max(this.time, entry.at);
    entry.callback();
    for (let i = 0; i < 20; i++) {
      await Promise.resolve();
    }
    await settle();
    return entry.at;
  }
}

/** Timers that fire on the next turn whatever the delay asked for (waits cost no time); records the delays. */
export class InstantTimers implements Timers {
  readonly asked: number[] = [];

  setTimeout(callback: () => void, ms: number): unknown {
    this.asked.push(ms);
    return setImmediate(callback);
  }

  clearTimeout(handle: unknown): void {
    clearImmediate(handle as NodeJS.Immediate);
  }

  /** The time the waits asked for, in all. */
  total(): number {
    return this.asked.reduce((sum, ms) => sum + ms, 0);
  }
}

/** Resolves after every queued microtask and the next macrotask turn (lets fake events be delivered). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
