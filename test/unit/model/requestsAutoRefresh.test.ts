import assert from 'node:assert/strict';
import { NetworkError, RateLimitError } from '../../../src/core/errors';
import type { RateLimitInfo } from '../../../src/core/http';
import { AutoRefresher, autoRefreshSeconds, minimumIntervalMs, RATE_LIMIT_RETRY_MARGIN_MS, RATE_LIMIT_RETRY_MIN_GAP_MS } from '../../../src/model/requestsAutoRefresh';
import { RequestsModel } from '../../../src/model/requestsModel';
import { FakeList, many } from '../../support/requests';
import { ManualTime } from '../../support/time';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';

async function setup(options: { count?: number; rateLimit?: RateLimitInfo } = {}) {
  const clock = new ManualTime();
  const timers = clock; // one ManualTime: its timers move its clock
  const service = new FakeList(many(options.count ?? 2));
  const model = new RequestsModel({ serviceLabel: dropboxSign.label, rules: dropboxSign.signatures.rules, clock });
  model.setAccess({ kind: 'signedIn', accountKey: 'dropboxSign:a', list: service.list });
  await model.ensureLoaded();
  const errors: unknown[] = [];
  const refresher = new AutoRefresher(model, { defaultRateLimit: dropboxSign.signatures.rules.defaultRateLimit, clock, timers, rateLimit: () => options.rateLimit, onError: (e) => errors.push(e) });
  model.onDidChange(() => refresher.update());
  model.onDidLoad(() => refresher.update());
  return { clock, timers, service, model, refresher, errors, loadedAt: clock.now() };
}

describe('auto refresh', () => {
  it('reads the setting: default 60, 0 = off', () => {
    assert.equal(autoRefreshSeconds(undefined), 60);
    assert.equal(autoRefreshSeconds(-5), 60);
    assert.equal(autoRefreshSeconds(0), 0);
    assert.equal(autoRefreshSeconds(90.5), 90);
  });

  it('keeps polling within 20 % of the rate limit', () => {
    assert.equal(minimumIntervalMs(dropboxSign.signatures.rules.defaultRateLimit, 1), 3_000); // 100/min → 20 polls a minute
    assert.equal(minimumIntervalMs(dropboxSign.signatures.rules.defaultRateLimit, 2), 6_000);
    assert.equal(minimumIntervalMs(dropboxSign.signatures.rules.defaultRateLimit, 1, { limit: 10 }), 30_000);
    assert.equal(minimumIntervalMs(dropboxSign.signatures.rules.defaultRateLimit, 1, { limit: 2000 }), 150);
  });

  it('refreshes every interval while the view is visible and something is pending', async () => {
    const { refresher, timers, service, loadedAt } = await setup();
    refresher.setIntervalSeconds(60);
    assert.equal(refresher.nextRefreshAt, undefined, 'not while hidden');
    refresher.setVisible(true);
    assert.equal(refresher.nextRefreshAt, loadedAt + 60_000);
    await timers.fireNext();
    assert.equal(service.calls.length, 2);
    assert.equal(refresher.nextRefreshAt, loadedAt + 120_000);
    await timers.fireNext();
    assert.equal(service.calls.length, 3);
  });

  it('stops when the view is hidden, the setting is 0, or nothing is pending', async () => {
    const { refresher, timers, model, service } = await setup();
    refresher.setVisible(true);
    assert.equal(timers.pending.size, 1);
    refresher.setVisible(false);
    assert.equal(timers.pending.size, 0);
    refresher.setVisible(true);
    refresher.setIntervalSeconds(0);
    assert.equal(timers.pending.size, 0);
    refresher.setIntervalSeconds(60);
    assert.equal(timers.pending.size, 1);
    for (const r of [...model.requests]) {
      service.set(r.id, (x) => ({ ...x, state: 'completed', signers: x.signers.map((s) => ({ ...s, status: 'signed' as const })) }));
    }
    await timers.fireNext();
    assert.equal(model.hasPending(), false);
    assert.equal(timers.pending.size, 0, 'all complete: nothing left to watch');
  });

  it('a manual refresh pushes the next automatic one back', async () => {
    const { refresher, model, clock, loadedAt } = await setup();
    refresher.setVisible(true);
    clock.advance(40_000);
    await model.refresh();
    assert.equal(refresher.nextRefreshAt, loadedAt + 40_000 + 60_000);
  });

  it('after a 429 the next refresh waits until the reset', async () => {
    const { refresher, timers, service, clock, loadedAt, errors } = await setup();
    refresher.setVisible(true);
    const resetAt = new Date(loadedAt + 60_000 + 5 * 60_000);
    service.failNext = [new RateLimitError('slow down', { resetAt })];
    await timers.fireNext();
    assert.equal(errors.length, 1);
    const retryAt = resetAt.getTime() + RATE_LIMIT_RETRY_MARGIN_MS;
    assert.equal(refresher.nextRefreshAt, retryAt);
    assert.equal(await timers.fireNext(), retryAt);
    assert.equal(service.calls.length, 3);
    assert.equal(clock.now(), retryAt);
  });

  describe('the retry a 429 promises', () => {
    it('with auto refresh off: one retry just after the reset; a manual refresh before it calls nothing, after it goes through', async () => {
      const { refresher, timers, service, model, clock } = await setup();
      refresher.setIntervalSeconds(0);
      refresher.setVisible(true);
      assert.equal(timers.pending.size, 0, 'auto refresh is off');
      const resetAt = new Date(clock.now() + 5 * 60_000);
      service.failNext = [new RateLimitError('slow down', { resetAt })];
      await assert.rejects(model.refresh(), RateLimitError);
      assert.equal(refresher.nextRefreshAt, resetAt.getTime() + RATE_LIMIT_RETRY_MARGIN_MS);
      assert.equal(timers.pending.size, 1, 'exactly one retry');

      await assert.rejects(model.refresh(), RateLimitError, 'a manual refresh before the reset is refused');
      assert.equal(service.calls.length, 2, 'without calling the service');
      assert.equal(timers.pending.size, 1);

      await timers.fireNext();
      assert.equal(service.calls.length, 3, 'the retry called the service');
      assert.equal(model.staleError, undefined, 'and cleared the message');
      assert.equal(timers.pending.size, 0, 'nothing more with auto refresh off');
      await model.refresh();
      assert.equal(service.calls.length, 4, 'a manual refresh after the reset goes through');
    });

    it('no retry while hidden; shown again after the reset, it retries at once', async () => {
      const { refresher, timers, service, model, clock } = await setup();
      refresher.setIntervalSeconds(0);
      const resetAt = new Date(clock.now() + 60_000);
      service.failNext = [new RateLimitError('slow down', { resetAt })];
      await assert.rejects(model.refresh(), RateLimitError);
      assert.equal(timers.pending.size, 0, 'hidden: nothing scheduled');
      clock.advance(10 * 60_000);
      assert.equal(timers.pending.size, 0);
      refresher.setVisible(true);
      assert.equal(refresher.nextRefreshAt, clock.now());
      await timers.fireNext();
      assert.equal(service.calls.length, 3);
      assert.equal(model.staleError, undefined);
    });

    it('hidden before the reset: the retry is canceled, and scheduled again when shown', async () => {
      const { refresher, timers, service, model, clock } = await setup();
      refresher.setIntervalSeconds(0);
      refresher.setVisible(true);
      const resetAt = new Date(clock.now() + 60_000);
      service.failNext = [new RateLimitError('slow down', { resetAt })];
      await assert.rejects(model.refresh(), RateLimitError);
      assert.equal(timers.pending.size, 1);
      refresher.setVisible(false);
      assert.equal(timers.pending.size, 0);
      refresher.setVisible(true);
      assert.equal(refresher.nextRefreshAt, resetAt.getTime() + RATE_LIMIT_RETRY_MARGIN_MS);
    });

    it('a retry that fails otherwise is not repeated (auto refresh off)', async () => {
      const { refresher, timers, service, model, clock } = await setup();
      refresher.setIntervalSeconds(0);
      refresher.setVisible(true);
      service.failNext = [new RateLimitError('slow down', { resetAt: new Date(clock.now() + 60_000) }), new NetworkError('down')];
      await assert.rejects(model.refresh(), RateLimitError);
      await timers.fireNext();
      assert.equal(service.calls.length, 3);
      assert.ok(model.staleError instanceof NetworkError);
      assert.equal(timers.pending.size, 0);
    });

    it('a reset already in the past (clock skew) never makes it spin: repeated 429s keep a gap', async () => {
      const { refresher, timers, service, model, clock } = await setup();
      refresher.setIntervalSeconds(0);
      refresher.setVisible(true);
      const past = () => new RateLimitError('slow down', { resetAt: new Date(clock.now() - 5_000) });
      service.failNext = [past(), past()];
      await assert.rejects(model.refresh(), RateLimitError);
      assert.equal(refresher.nextRefreshAt, clock.now(), 'the reset has passed: retry at once');
      const retried = await timers.fireNext();
      assert.equal(service.calls.length, 3);
      assert.ok(model.rateLimitRetryAt() !== undefined, 'refused again');
      assert.equal(refresher.nextRefreshAt, retried + RATE_LIMIT_RETRY_MIN_GAP_MS, 'the next try keeps a gap');
    });

    it('the retry is at the reset even when a tiny limit would stretch polling to minutes', async () => {
      const { refresher, timers, service, model, clock } = await setup({ rateLimit: { limit: 1, remaining: 0 } });
      refresher.setVisible(true);
      await timers.fireNext(); // an automatic refresh earlier (polling now every 5 min at this limit)
      refresher.setIntervalSeconds(0);
      const resetAt = new Date(clock.now() + 3_000);
      service.failNext = [new RateLimitError('slow down', { resetAt })];
      await assert.rejects(model.refresh(), RateLimitError);
      assert.equal(refresher.nextRefreshAt, resetAt.getTime() + RATE_LIMIT_RETRY_MARGIN_MS);
    });

    it('nothing is owed once signed out', async () => {
      const { refresher, timers, service, model, clock } = await setup();
      refresher.setIntervalSeconds(0);
      refresher.setVisible(true);
      service.failNext = [new RateLimitError('slow down', { resetAt: new Date(clock.now() + 60_000) })];
      await assert.rejects(model.refresh(), RateLimitError);
      assert.equal(timers.pending.size, 1);
      model.setAccess({ kind: 'signedOut' });
      assert.equal(timers.pending.size, 0);
    });
  });

  it('never polls faster than the rate-limit share allows, whatever the setting', async () => {
    const { refresher, loadedAt } = await setup({ rateLimit: { limit: 10, remaining: 9 } });
    refresher.setIntervalSeconds(1);
    refresher.setVisible(true);
    assert.equal(refresher.nextRefreshAt, loadedAt + 30_000);
  });

  it('waits for the window reset when fewer calls remain than a refresh needs', async () => {
    const clockStart = new ManualTime().now();
    const resetAt = new Date(clockStart + 10 * 60_000);
    const { refresher } = await setup({ rateLimit: { limit: 100, remaining: 0, resetAt } });
    refresher.setVisible(true);
    assert.equal(refresher.nextRefreshAt, resetAt.getTime());
  });

  it('backs off after failures and recovers after a success', async () => {
    const { refresher, timers, service, loadedAt } = await setup();
    refresher.setVisible(true);
    service.failNext = [new NetworkError('down'), new NetworkError('down')];
    const first = await timers.fireNext();
    assert.equal(first, loadedAt + 60_000);
    assert.equal(refresher.nextRefreshAt, first + 120_000);
    const second = await timers.fireNext();
    assert.equal(refresher.nextRefreshAt, second + 240_000);
    const third = await timers.fireNext();
    assert.equal(service.calls.length, 4);
    assert.equal(refresher.nextRefreshAt, third + 60_000);
  });
});
