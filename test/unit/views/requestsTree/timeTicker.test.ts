import * as assert from 'node:assert/strict';
import { RelativeTimeTicker } from '../../../../src/views/requestsTree/timeTicker';
import { ManualTime } from '../../../support/time';

/** Advances one minute at a time, so a redraw that schedules the next one sees it run too. */
function advanceMinutes(timers: ManualTime, minutes: number): void {
  for (let i = 0; i < minutes; i++) timers.advance(60_000);
}

describe('RelativeTimeTicker ("5 min ago" stays true)', () => {
  it('redraws once a minute while visible, never while hidden', () => {
    const timers = new ManualTime();
    let redraws = 0;
    const ticker = new RelativeTimeTicker(() => redraws++, timers, 60_000);
    advanceMinutes(timers, 3);
    assert.equal(redraws, 0, 'hidden: nothing');
    ticker.setVisible(true);
    ticker.setVisible(true); // a second "visible" does not start a second clock
    timers.advance(59_000);
    assert.equal(redraws, 0);
    timers.advance(1_000);
    assert.equal(redraws, 1);
    advanceMinutes(timers, 2);
    assert.equal(redraws, 3);
    ticker.setVisible(false);
    advanceMinutes(timers, 10);
    assert.equal(redraws, 3, 'hidden again: nothing');
    assert.equal(timers.pendingTimers, 0);
  });

  it('dispose stops it', () => {
    const timers = new ManualTime();
    let redraws = 0;
    const ticker = new RelativeTimeTicker(() => redraws++, timers, 60_000);
    ticker.setVisible(true);
    ticker.dispose();
    advanceMinutes(timers, 10);
    assert.equal(redraws, 0);
    assert.equal(timers.pendingTimers, 0);
  });
});
