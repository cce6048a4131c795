// Test doubles for the sign-in flow: a clock and timers that move only when told.
import type { Clock } from '../../src/core/clock';
import type { Timers } from '../../src/auth/signInFlow';

export class ManualTime implements Clock, Timers {
  private current = 1_700_000_000_000;
  private nextId = 1;
  private readonly scheduled = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.scheduled.set(id, { at: this.current + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.scheduled.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.scheduled.size;
  }

  /** Moves time forward and runs the timers that became due, in order. */
  advance(ms: number): void {
    this.current += ms;
    const due = [...this.scheduled.entries()].filter(([, t]) => t.at <= this.current).sort((a, b) => a[1].at - b[1].at);
    for (const [id, timer] of due) {
      this.scheduled.delete(id);
      timer.callback();
    }
  }
}
