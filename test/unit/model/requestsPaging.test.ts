import assert from 'node:assert/strict';
import { clampPageSize, PagingState } from '../../../src/model/requestsPaging';
import { FakeList, many, request } from '../../support/requests';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';

const MAX_PAGE = dropboxSign.signatures.rules.maxPageSize;

describe('requests paging state', () => {
  it('clamps the page size setting to 1..100, default 20', () => {
    assert.equal(clampPageSize(undefined, MAX_PAGE), 20);
    assert.equal(clampPageSize('50', MAX_PAGE), 20);
    assert.equal(clampPageSize(0, MAX_PAGE), 1);
    assert.equal(clampPageSize(250, MAX_PAGE), 100);
    assert.equal(clampPageSize(33.7, MAX_PAGE), 33);
  });

  it('asks for the next page and appends it, while the service says there is more', async () => {
    const service = new FakeList(many(45));
    const paging = new PagingState(20, MAX_PAGE);
    assert.deepEqual(paging.nextPage(), { page: 1, pageSize: 20 });
    paging.applyNextPage(await service.list({ page: 1, pageSize: 20 }));
    assert.equal(paging.items.length, 20);
    assert.equal(paging.hasMore, true);
    assert.equal(paging.total, 45);
    assert.deepEqual(paging.nextPage(), { page: 2, pageSize: 20 });
    paging.applyNextPage(await service.list({ page: 2, pageSize: 20 }));
    paging.applyNextPage(await service.list({ page: 3, pageSize: 20 }));
    assert.equal(paging.items.length, 45);
    assert.equal(paging.hasMore, false);
    assert.equal(new Set(paging.items.map((r) => r.id)).size, 45);
  });

  it('skips requests already shown when a new request shifted the list', async () => {
    const service = new FakeList(many(30));
    const paging = new PagingState(10, MAX_PAGE);
    paging.applyNextPage(await service.list({ page: 1, pageSize: 10 }));
    service.all = [request('new'), ...service.all];
    paging.applyNextPage(await service.list({ page: 2, pageSize: 10 }));
    assert.equal(paging.items.length, 19); // r10 came again and was skipped
    assert.deepEqual(paging.items.slice(9, 11).map((r) => r.id), ['r10', 'r11']);
  });

  it('refreshes the loaded window in as few calls as 100-per-page allows, page-aligned', () => {
    const paging = new PagingState(20, MAX_PAGE);
    assert.deepEqual(paging.refreshPlan(), [{ page: 1, pageSize: 20 }]);
    const loaded = (pages: number, size: number): PagingState => {
      const p = new PagingState(size, MAX_PAGE);
      for (let i = 0; i < pages; i++) {
        p.applyNextPage({ items: [], page: i + 1, numPages: 99, numResults: 9999, pageSize: size, hasMore: true });
      }
      return p;
    };
    assert.deepEqual(loaded(3, 20).refreshPlan(), [{ page: 1, pageSize: 60 }]);
    assert.deepEqual(loaded(7, 20).refreshPlan(), [
      { page: 1, pageSize: 100 },
      { page: 2, pageSize: 100 },
    ]);
    assert.deepEqual(loaded(4, 30).refreshPlan(), [
      { page: 1, pageSize: 90 },
      { page: 2, pageSize: 90 },
    ]);
    assert.deepEqual(loaded(2, 100).refreshPlan(), [
      { page: 1, pageSize: 100 },
      { page: 2, pageSize: 100 },
    ]);
  });

  it('replaces the window on refresh, truncated to the loaded pages, and recomputes "more"', async () => {
    const service = new FakeList(many(50));
    const paging = new PagingState(20, MAX_PAGE);
    paging.applyNextPage(await service.list({ page: 1, pageSize: 20 }));
    paging.applyNextPage(await service.list({ page: 2, pageSize: 20 }));
    service.all = service.all.slice(0, 40); // the last ten went away
    paging.applyRefresh(await Promise.all(paging.refreshPlan().map((p) => service.list(p))));
    assert.equal(paging.items.length, 40);
    assert.equal(paging.hasMore, false);
    assert.deepEqual(paging.nextPage(), { page: 3, pageSize: 20 });
    service.all = [request('n1'), request('n2'), ...service.all];
    paging.applyRefresh(await Promise.all(paging.refreshPlan().map((p) => service.list(p))));
    assert.equal(paging.items.length, 40);
    assert.equal(paging.items[0].id, 'n1');
    assert.equal(paging.hasMore, true);
  });

  it('replaces one request in place, and only a loaded one', async () => {
    const paging = new PagingState(20, MAX_PAGE);
    paging.applyNextPage(await new FakeList(many(3)).list({ page: 1, pageSize: 20 }));
    assert.equal(paging.replace(request('r2', { title: 'changed' })), true);
    assert.equal(paging.items[1].title, 'changed');
    assert.equal(paging.replace(request('zz')), false);
    assert.deepEqual(paging.items.map((r) => r.id), ['r1', 'r2', 'r3']);
  });

  it('knows which ids are loaded through appends and refreshes, and never changes an array it handed out', async () => {
    const service = new FakeList(many(30));
    const paging = new PagingState(10, MAX_PAGE);
    paging.applyNextPage(await service.list({ page: 1, pageSize: 10 }));
    const firstPage = paging.items;
    paging.applyNextPage(await service.list({ page: 2, pageSize: 10 }));
    assert.equal(firstPage.length, 10);
    assert.notEqual(paging.items, firstPage);
    assert.equal(paging.has('r20'), true);
    assert.equal(paging.has('r21'), false);
    service.all = [request('n1'), ...service.all.slice(0, 15)];
    paging.applyRefresh(await Promise.all(paging.refreshPlan().map((p) => service.list(p))));
    assert.equal(paging.has('n1'), true);
    assert.equal(paging.has('r16'), false); // gone from the service
    assert.equal(paging.has('r15'), true);
    paging.applyNextPage(await service.list({ page: 3, pageSize: 10 })); // nothing new: all already loaded
    assert.equal(paging.items.length, 16);
  });
});
