import assert from 'node:assert/strict';
import { InvalidInputError, NetworkError, RateLimitError } from '../../../src/core/errors';
import type { RequestChange } from '../../../src/model/requestsDiff';
import { RequestsModel, RequestsModelChange } from '../../../src/model/requestsModel';
import { FakeList, many, request, signer } from '../../support/requests';
import { ManualTime } from '../../support/time';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';

function setup(count = 3, options: { pageSize?: number; filter?: string } = {}) {
  const clock = new ManualTime();
  const service = new FakeList(many(count));
  const model = new RequestsModel({ serviceLabel: dropboxSign.label, rules: dropboxSign.signatures.rules, clock, pageSize: options.pageSize ?? 20, filter: options.filter });
  const changes: RequestsModelChange[] = [];
  const detected: RequestChange[][] = [];
  model.onDidChange((c) => changes.push(c));
  model.onDidDetectChanges((c) => detected.push(c));
  const signIn = (key = 'dropboxSign:acct1', list = service.list): void =>
    model.setAccess({ kind: 'signedIn', accountKey: key, email: 'me@x.com', list });
  return { clock, service, model, changes, detected, signIn };
}

describe('RequestsModel', () => {
  it('says why there is nothing to show before anyone is signed in', async () => {
    const { model, service } = setup();
    assert.deepEqual(model.state, { kind: 'signedOut' });
    model.setAccess({ kind: 'notConfigured' });
    assert.deepEqual(model.state, { kind: 'notConfigured' });
    model.setAccess({ kind: 'expired', email: 'me@x.com' });
    assert.deepEqual(model.state, { kind: 'expired', email: 'me@x.com' });
    await model.ensureLoaded();
    assert.equal(service.calls.length, 0);
  });

  it('loads the first page once signed in: loading → ready', async () => {
    const { model, service, signIn, changes } = setup(3);
    signIn();
    assert.deepEqual(model.state, { kind: 'loading' });
    await model.ensureLoaded();
    assert.deepEqual(model.state, { kind: 'ready' });
    assert.deepEqual(model.requests.map((r) => r.id), ['r1', 'r2', 'r3']);
    assert.deepEqual(service.calls, [{ page: 1, pageSize: 20, query: undefined }]);
    assert.ok(changes.some((c) => c.structure));
  });

  it('opening the view twice within the cache window costs one call; after it, one more', async () => {
    const { model, service, signIn, clock } = setup();
    signIn();
    await Promise.all([model.ensureLoaded(), model.ensureLoaded()]);
    await model.ensureLoaded();
    clock.advance(10_000);
    await model.ensureLoaded();
    assert.equal(service.calls.length, 1);
    clock.advance(30_000);
    await model.ensureLoaded();
    assert.equal(service.calls.length, 2);
  });

  it('a filter the service refused is not listed again when the view is drawn again, only by an explicit refresh or another filter', async () => {
    const { model, service, signIn, clock } = setup(3, { filter: 'x' });
    signIn();
    service.failNext.push(new InvalidInputError('refused'), new InvalidInputError('refused'));
    await model.ensureLoaded();
    clock.advance(60_000);
    await model.ensureLoaded();
    assert.equal(service.calls.length, 1);
    await assert.rejects(model.refresh(), InvalidInputError);
    assert.equal(service.calls.length, 2);
    model.setFilter('r');
    await model.ensureLoaded();
    assert.deepEqual([service.calls.length, model.state.kind], [3, 'ready']);
    // Without a filter, a refused load is not the filter's: it is tried again after the cache window, as before.
    model.setFilter(undefined);
    service.failNext.push(new InvalidInputError('refused'));
    await model.ensureLoaded();
    clock.advance(60_000);
    await model.ensureLoaded();
    assert.equal(service.calls.length, 5);
  });

  it('an explicit refresh ignores the cache window; concurrent refreshes share one call', async () => {
    const { model, service, signIn } = setup();
    signIn();
    await model.ensureLoaded();
    await Promise.all([model.refresh(), model.refresh()]);
    assert.equal(service.calls.length, 2);
  });

  it('shows empty, naming the filter, when nothing matches', async () => {
    const { model, signIn, service } = setup(3, { filter: '  nothing-matches ' });
    signIn();
    await model.ensureLoaded();
    assert.deepEqual(model.state, { kind: 'empty', filter: 'nothing-matches' });
    assert.equal(service.calls[0].query, 'nothing-matches');
  });

  it('a first load that fails shows the error; it does not retry by itself within the window, Refresh does', async () => {
    const { model, signIn, service } = setup();
    signIn();
    const failure = new NetworkError('connect ECONNREFUSED');
    service.failNext = [failure];
    await model.ensureLoaded();
    assert.deepEqual(model.state, { kind: 'error', error: failure });
    await model.ensureLoaded();
    assert.equal(service.calls.length, 1);
    await model.refresh();
    assert.deepEqual(model.state, { kind: 'ready' });
  });

  it('a refresh that fails keeps the requests and reports a stale error until the next success', async () => {
    const { model, signIn, service } = setup();
    signIn();
    await model.ensureLoaded();
    const failure = new NetworkError('socket hang up');
    service.failNext = [failure];
    await assert.rejects(model.refresh(), failure);
    assert.deepEqual(model.state, { kind: 'ready' });
    assert.equal(model.requests.length, 3);
    assert.equal(model.staleError, failure);
    await model.refresh();
    assert.equal(model.staleError, undefined);
  });

  it('"Load more…" fetches the next page while the service says there is more', async () => {
    const { model, signIn, service } = setup(45, { pageSize: 20, filter: 'Request' });
    signIn();
    await model.ensureLoaded();
    assert.equal(model.hasMore, true);
    assert.equal(model.total, 45);
    await model.loadMore();
    await model.loadMore();
    assert.equal(model.requests.length, 45);
    assert.equal(model.hasMore, false);
    await model.loadMore(); // nothing more: no call
    assert.deepEqual(
      service.calls.map((c) => [c.page, c.pageSize, c.query]),
      [
        [1, 20, 'Request'],
        [2, 20, 'Request'],
        [3, 20, 'Request'],
      ],
    );
    assert.equal(model.callsPerRefresh(), 1); // 60 ≤ 100: one call re-reads all three pages
    await model.refresh();
    assert.deepEqual(service.calls[3], { page: 1, pageSize: 60, query: 'Request' });
    assert.equal(model.requests.length, 45);
  });

  it('a refresh reports signer and state changes, and redraws only the changed request when it stays in its group', async () => {
    const { model, signIn, service, detected, changes } = setup(3);
    signIn();
    await model.ensureLoaded();
    changes.length = 0;
    service.set('r2', (r) => ({ ...r, signers: [{ ...r.signers[0], status: 'viewed' }] }));
    assert.deepEqual(await model.refresh(), []);
    assert.deepEqual(changes, [{ structure: false, requestIds: ['r2'] }]);
    assert.equal(detected.length, 0);

    changes.length = 0;
    service.set('r2', (r) => ({ ...r, state: 'completed', isComplete: true, signers: [{ ...r.signers[0], status: 'signed' }] }));
    const found = await model.refresh();
    assert.deepEqual(found.map((c) => c.kind), ['signerSigned', 'completed']);
    assert.deepEqual(detected, [found]);
    assert.deepEqual(changes, [{ structure: true, requestIds: [] }]);
    assert.deepEqual(model.groups.map((g) => [g.id, g.requests.length]), [
      ['awaiting', 2],
      ['completed', 1],
    ]);
  });

  it('nothing changed → no change event, no notifications', async () => {
    const { model, signIn, detected, changes } = setup(3);
    signIn();
    await model.ensureLoaded();
    changes.length = 0;
    await model.refresh();
    assert.deepEqual(changes, []);
    assert.deepEqual(detected, []);
  });

  it('a 429 waits until the reset: no call before it, calls again after it', async () => {
    const { model, signIn, service, clock } = setup();
    signIn();
    await model.ensureLoaded();
    const resetAt = new Date(clock.now() + 45_000);
    service.failNext = [new RateLimitError('slow down', { resetAt })];
    await assert.rejects(model.refresh(), RateLimitError);
    assert.equal(model.rateLimitedUntil(), resetAt.getTime());
    clock.advance(30_000);
    await assert.rejects(
      model.refresh(),
      (e: unknown) => e instanceof RateLimitError && e.resetAt?.getTime() === resetAt.getTime() && /^Dropbox Sign asked SignDesk to slow down/.test(e.message),
    );
    await model.ensureLoaded();
    assert.equal(service.calls.length, 2);
    clock.advance(15_000);
    assert.equal(model.rateLimitedUntil(), undefined);
    await model.refresh();
    assert.equal(service.calls.length, 3);
  });

  it('upsert replaces a listed request in place without notifying; a new one shows first until the list has it', async () => {
    const { model, signIn, service, detected, changes, clock } = setup(2);
    signIn();
    await model.ensureLoaded();
    changes.length = 0;
    model.upsert(request('r1', { title: 'Renamed' }));
    assert.deepEqual(changes, [{ structure: false, requestIds: ['r1'] }]);
    const sent = request('new1', { title: 'Just sent', signers: [signer({ email: 'a@x.com' })] });
    model.upsert(sent);
    assert.deepEqual(model.requests.map((r) => r.id), ['new1', 'r1', 'r2']);
    await model.refresh(); // the service does not list it yet
    assert.deepEqual(model.requests.map((r) => r.id), ['new1', 'r1', 'r2']);
    service.all = [sent, ...service.all];
    await model.refresh();
    assert.deepEqual(model.requests.map((r) => r.id), ['new1', 'r1', 'r2']);
    assert.deepEqual(detected, []);
    // once listed, the service's copy is the one shown (the local one is forgotten)
    service.all = service.all.slice(1);
    clock.advance(1000);
    await model.refresh();
    assert.deepEqual(model.requests.map((r) => r.id), ['r1', 'r2']);
  });

  it('a local cancel sticks: shown canceled while the service still lists it, and after it drops it', async () => {
    const { model, signIn, service, detected } = setup(2);
    signIn();
    await model.ensureLoaded();
    model.markCanceled('r1');
    assert.equal(model.get('r1')?.state, 'canceled');
    assert.deepEqual(model.groups.map((g) => g.id), ['awaiting', 'canceledOrError']);
    await model.refresh();
    assert.equal(model.get('r1')?.state, 'canceled');
    service.all = service.all.filter((r) => r.id !== 'r1');
    await model.refresh();
    assert.equal(model.get('r1')?.state, 'canceled');
    assert.deepEqual(detected, []);
    assert.equal(model.hasPending(), true);
    model.markCanceled('r2');
    assert.equal(model.hasPending(), false);
  });

  it('changing the filter or page size starts over with the new query', async () => {
    const { model, signIn, service } = setup(30);
    signIn();
    await model.ensureLoaded();
    await model.loadMore();
    model.setFilter('Request r1');
    assert.deepEqual(model.state, { kind: 'loading' });
    await model.ensureLoaded();
    assert.deepEqual(service.calls[service.calls.length - 1], { page: 1, pageSize: 20, query: 'Request r1' });
    model.setFilter('Request r1'); // same: nothing to do
    model.setPageSize(5);
    await model.ensureLoaded();
    assert.deepEqual(service.calls[service.calls.length - 1], { page: 1, pageSize: 5, query: 'Request r1' });
    assert.equal(model.requests.length, 5);
    model.setFilter('');
    assert.equal(model.filter, undefined);
  });

  it('signing in as someone else drops what was loaded, and a late answer for the old account', async () => {
    const { model, signIn, service } = setup(3);
    let open!: () => void;
    service.gate = new Promise<void>((resolve) => (open = resolve));
    signIn('dropboxSign:one');
    const loading = model.ensureLoaded();
    const other = new FakeList([request('other1')]);
    signIn('dropboxSign:two', other.list);
    open();
    await loading;
    await model.ensureLoaded();
    assert.deepEqual(model.requests.map((r) => r.id), ['other1']);
  });

  it('the same account again (e.g. after a token refresh) keeps what was loaded', async () => {
    const { model, signIn, service } = setup(3);
    signIn();
    await model.ensureLoaded();
    signIn();
    assert.deepEqual(model.state, { kind: 'ready' });
    await model.ensureLoaded();
    assert.equal(service.calls.length, 1);
  });
});
