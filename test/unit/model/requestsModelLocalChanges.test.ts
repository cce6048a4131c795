// What the requests model shows after a send or cancel in this window, before and after the service's
// list catches up: under which filter, which totals "Load more…" reads, and which page comes next.
import assert from 'node:assert/strict';
import { RequestsModel } from '../../../src/model/requestsModel';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';
import { signNow } from '../../../src/providers/signNow/definition';
import { FakeList, many, request, signer } from '../../support/requests';
import { ManualTime } from '../../support/time';

function setup(count: number, pageSize = 20) {
  const clock = new ManualTime();
  const service = new FakeList(many(count));
  const model = new RequestsModel({ serviceLabel: dropboxSign.label, rules: dropboxSign.signatures.rules, clock, pageSize });
  model.setAccess({ kind: 'signedIn', accountKey: 'dropboxSign:acct1', email: 'me@x.com', list: service.list });
  return { clock, service, model };
}

const ids = (model: RequestsModel): string[] => model.requests.map((r) => r.id);

describe('RequestsModel after a send or cancel here', () => {
  it('a request canceled here shows under its own filter and with none, never under an unrelated one', async () => {
    const { model, service } = setup(3);
    model.setFilter('Request r1');
    await model.ensureLoaded();
    model.markCanceled('r1');
    service.all = service.all.filter((r) => r.id !== 'r1'); // Dropbox Sign drops canceled requests from its list
    await model.refresh();
    assert.deepEqual(ids(model), ['r1']);

    model.setFilter('Request r2');
    await model.ensureLoaded();
    assert.deepEqual(ids(model), ['r2'], 'r1 does not belong under a filter it was not canceled under');
    assert.equal(model.get('r1'), undefined);

    model.setFilter(undefined);
    await model.ensureLoaded();
    assert.deepEqual(ids(model), ['r2', 'r3', 'r1'], 'the unfiltered list has everything, the canceled one too');

    model.setFilter('Request r1');
    await model.ensureLoaded();
    assert.deepEqual(ids(model), ['r1']);
    assert.equal(model.get('r1')?.state, 'canceled');
  });

  it('a request canceled here still shows canceled under any filter the service still lists it under', async () => {
    const { model } = setup(3);
    await model.ensureLoaded();
    model.markCanceled('r2');
    model.setFilter('Request r2');
    await model.ensureLoaded();
    assert.deepEqual(model.requests.map((r) => [r.id, r.state]), [['r2', 'canceled']]);
  });

  it('a request sent here shows under the filter it was sent under and with none, not under another', async () => {
    const { model } = setup(3);
    await model.ensureLoaded();
    model.upsert(request('new1', { title: 'Offer', signers: [signer({ email: 'a@x.com' })] }));
    assert.deepEqual(ids(model), ['new1', 'r1', 'r2', 'r3']);
    model.setFilter('Request r3');
    await model.ensureLoaded();
    assert.deepEqual(ids(model), ['r3']);
    assert.equal(model.total, 1);
    model.setFilter('');
    await model.ensureLoaded();
    assert.deepEqual(ids(model), ['new1', 'r1', 'r2', 'r3']);
  });

  it('a request sent here and canceled before the list has it shows canceled, where canceled requests stay listed too (signNow)', async () => {
    const clock = new ManualTime();
    const service = new FakeList(many(3));
    const model = new RequestsModel({ serviceLabel: signNow.label, rules: signNow.signatures.rules, clock, pageSize: 20 });
    model.setAccess({ kind: 'signedIn', accountKey: 'signNow:acct1', email: 'me@x.com', list: service.list });
    await model.ensureLoaded();
    model.upsert(request('new1', { title: 'Lease', signers: [signer({ email: 'a@x.com' })] }));
    model.markCanceled('new1');
    assert.equal(model.get('new1')?.state, 'canceled', 'still in the tree, canceled');
    assert.deepEqual(ids(model).sort(), ['new1', 'r1', 'r2', 'r3']);
    service.all = [{ ...request('new1', { title: 'Lease' }), state: 'canceled' }, ...service.all]; // signNow lists it now
    await model.refresh();
    assert.deepEqual(ids(model).filter((id) => id === 'new1'), ['new1'], 'once');
    assert.equal(model.get('new1')?.state, 'canceled');
  });

  it('a send grows the total, and what is loaded stays below it while a page is unloaded (never "7 of 7")', async () => {
    const { model, service } = setup(7, 5);
    await model.ensureLoaded();
    assert.deepEqual([model.loadedCount, model.total, model.hasMore], [5, 7, true]);
    for (const id of ['new1', 'new2']) {
      const sent = request(id);
      service.all = [sent, ...service.all];
      model.upsert(sent);
    }
    assert.deepEqual([model.loadedCount, model.total, model.hasMore], [7, 9, true]);
    assert.equal(model.requests.length, 7);
  });

  it('"Load more…" after a cancel here re-reads the window: the request that moved up a page is not skipped', async () => {
    const { model, service } = setup(7, 5);
    await model.ensureLoaded();
    model.markCanceled('r1');
    service.all = service.all.filter((r) => r.id !== 'r1');
    await model.loadMore();
    assert.deepEqual(ids(model), ['r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r1']);
    assert.equal(model.get('r1')?.state, 'canceled');
    assert.deepEqual([model.loadedCount, model.total, model.hasMore], [6, 6, false]);
    assert.deepEqual(service.calls.map((c) => [c.page, c.pageSize]), [
      [1, 5],
      [1, 10],
    ]);
    service.calls.length = 0;
    await model.refresh(); // the window is two pages now
    assert.deepEqual(service.calls.map((c) => [c.page, c.pageSize]), [[1, 10]]);
  });

  it('"Load more…" after a send here: every request once, the total from the service again', async () => {
    const { model, service } = setup(7, 5);
    await model.ensureLoaded();
    const sent = request('new1');
    service.all = [sent, ...service.all];
    model.upsert(sent);
    await model.loadMore();
    assert.deepEqual(ids(model), ['new1', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    assert.deepEqual([model.loadedCount, model.total, model.hasMore], [8, 8, false]);
    // Later pages follow on normally once the window is read again.
    service.calls.length = 0;
    await model.loadMore();
    assert.deepEqual(service.calls, []);
  });

  it('"Load more…" with nothing changed here fetches just the next page', async () => {
    const { model, service } = setup(12, 5);
    await model.ensureLoaded();
    model.upsert({ ...model.get('r2')!, title: 'Renamed' }); // replaced in place: the list did not shift
    await model.loadMore();
    assert.deepEqual(service.calls.map((c) => [c.page, c.pageSize]), [
      [1, 5],
      [2, 5],
    ]);
    assert.deepEqual([model.loadedCount, model.total], [10, 12]);
  });
});
