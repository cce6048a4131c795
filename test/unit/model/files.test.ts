import * as assert from 'node:assert/strict';
import { fileDescription, FolderListings, formatFileSize, type FileEntry, type FileListing } from '../../../src/model/files';

const file = (name: string, size = 10): FileEntry => ({ kind: 'file', id: `id:${name}`, name, path: `/${name}`, size, modifiedAt: 0 });

/** A store whose folder '' has pages of the given names; cursors are "c<page>", and `resetAt` answers reset. */
function fakeStore(pages: string[][], options: { resetCursor?: string } = {}) {
  const calls: string[] = [];
  const page = (n: number): FileListing => ({ entries: pages[n].map((name) => file(name)), cursor: `c${n + 1}`, hasMore: n + 1 < pages.length });
  return {
    calls,
    list: {
      first: async (folder: string) => {
        calls.push(`first:${folder}`);
        return page(0);
      },
      next: async (cursor: string) => {
        calls.push(`next:${cursor}`);
        if (cursor === options.resetCursor) {
          options.resetCursor = undefined;
          throw Object.assign(new Error('reset'), { reset: true });
        }
        return page(Number(cursor.slice(1)));
      },
      isCursorReset: (error: unknown) => (error as { reset?: boolean }).reset === true,
    },
  };
}

describe('model/files: folder listings', () => {
  it('lists a folder once on first open (concurrent opens share the call) and not again after', async () => {
    const store = fakeStore([['a', 'b']]);
    const listings = new FolderListings(store.list);
    const [one, two] = await Promise.all([listings.open(''), listings.open('')]);
    await listings.open('');
    assert.deepEqual(one.entries.map((e) => e.name), ['a', 'b']);
    assert.equal(two.hasMore, false);
    assert.deepEqual(store.calls, ['first:']);
  });

  it('continues with the cursor until has_more is false', async () => {
    const store = fakeStore([['a'], ['b'], ['c']]);
    const listings = new FolderListings(store.list);
    assert.equal((await listings.open('')).hasMore, true);
    await listings.loadMore('');
    const last = await listings.loadMore('');
    assert.deepEqual(last.entries.map((e) => e.name), ['a', 'b', 'c']);
    assert.equal(last.hasMore, false);
    assert.deepEqual(store.calls, ['first:', 'next:c1', 'next:c2']);
  });

  it('a reset cursor starts the folder over instead of appending', async () => {
    const store = fakeStore([['a'], ['b']], { resetCursor: 'c1' });
    const listings = new FolderListings(store.list);
    await listings.open('');
    const state = await listings.loadMore('');
    assert.deepEqual(state.entries.map((e) => e.name), ['a']);
    assert.equal(state.hasMore, true);
    assert.deepEqual(store.calls, ['first:', 'next:c1', 'first:']);
  });

  it('other errors reach the caller and keep what was loaded', async () => {
    const store = fakeStore([['a'], ['b']]);
    const listings = new FolderListings({ ...store.list, next: async () => Promise.reject(new Error('offline')) });
    await listings.open('');
    await assert.rejects(listings.loadMore(''), /offline/);
    assert.deepEqual(listings.peek('')?.entries.map((e) => e.name), ['a']);
    assert.equal(listings.peek('')?.loadingMore, false);
  });

  it('forget() drops everything; an answer that arrives afterwards is not kept', async () => {
    const listings = new FolderListings({
      first: () => new Promise<FileListing>(() => undefined),
      next: async () => ({ entries: [], cursor: 'x', hasMore: false }),
      isCursorReset: () => false,
    });
    void listings.open('');
    listings.forget();
    assert.equal(listings.peek(''), undefined);
  });

  it('an open cut short by forget() (a refresh during the listing) answers with a fresh listing, never empty', async () => {
    const releases: Array<(l: FileListing) => void> = [];
    let secondCall: () => void = () => undefined;
    const listedAgain = new Promise<void>((resolve) => (secondCall = resolve));
    const listings = new FolderListings({
      first: () =>
        new Promise<FileListing>((resolve) => {
          if (releases.push(resolve) === 2) secondCall();
        }),
      next: async () => ({ entries: [], cursor: 'x', hasMore: false }),
      isCursorReset: () => false,
    });
    const opening = listings.open('');
    listings.forget();
    releases[0]({ entries: [file('old')], cursor: 'c', hasMore: false });
    // The stale answer is dropped and the folder is listed again for the same caller.
    await listedAgain;
    releases[1]({ entries: [file('fresh')], cursor: 'c2', hasMore: false });
    const state = await opening;
    assert.deepEqual(state.entries.map((e) => e.name), ['fresh']);
    assert.deepEqual(listings.peek('')?.entries.map((e) => e.name), ['fresh']);
  });

  it('describes a file by size and modified time', () => {
    assert.equal(formatFileSize(0), '0 bytes');
    assert.equal(formatFileSize(1), '1 byte');
    assert.equal(formatFileSize(1536), '1.5 KB');
    assert.equal(formatFileSize(200 * 1024 * 1024), '200 MB');
    assert.equal(fileDescription({ ...file('x', 2048), modifiedAt: 5 }, (ms) => `t${ms}`), '2 KB · t5');
  });
});
