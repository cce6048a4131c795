import * as assert from 'node:assert/strict';
import type { Timers } from '../../../src/model/requestsAutoRefresh';
import { RelativeTimeTicker } from '../../../src/views/relativeTimeTicker';

/** Timers that run only when the test says how much time passed. */
class ManualTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }

  get scheduled(): number {
    return this.pending.size;
  }
}

describe('RelativeTimeTicker ("5 min ago" stays true)', () => {
  it('redraws once a minute while visible, never while hidden', () => {
    const timers = new ManualTimers();
    let redraws = 0;
    const ticker = new RelativeTimeTicker(() => redraws++, timers, 60_000);
    timers.advance(180_000);
    assert.equal(redraws, 0, 'hidden: nothing');
    ticker.setVisible(true);
    ticker.setVisible(true); // a second "visible" does not start a second clock
    timers.advance(59_000);
    assert.equal(redraws, 0);
    timers.advance(1_000);
    assert.equal(redraws, 1);
    timers.advance(120_000);
    assert.equal(redraws, 3);
    ticker.setVisible(false);
    timers.advance(600_000);
    assert.equal(redraws, 3, 'hidden again: nothing');
    assert.equal(timers.scheduled, 0);
  });

  it('dispose stops it', () => {
    const timers = new ManualTimers();
    let redraws = 0;
    const ticker = new RelativeTimeTicker(() => redraws++, timers, 60_000);
    ticker.setVisible(true);
    ticker.dispose();
    timers.advance(600_000);
    assert.equal(redraws, 0);
    assert.equal(timers.scheduled, 0);
  });
});
