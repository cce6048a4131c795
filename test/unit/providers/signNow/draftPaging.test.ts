// signNow's hidden drafts and the requests list's paging: a page a draft would leave short is filled from
// further in the folder, Load more continues where the last page ended (nothing skipped, nothing twice), and
// no folder read is made beyond what fills the page. First over a folder laid out by each test (a fake API
// that pages an array as GET /folder/{id} does and records each read), then against the signNow sandbox.
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../../src/core/errors';
import { PagingState } from '../../../../src/model/requestsPaging';
import type { SignNowApi } from '../../../../src/providers/signNow/apiClient';
import { SignNowService } from '../../../../src/providers/signNow/service';
import type { SnDocumentJson } from '../../../../src/providers/signNow/types';
import { passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';
import { signNowStack } from './support';

/** A folder from a layout: `S` a sent document (one pending field invite), `D` a draft; newest first. */
function folderOf(layout: string) {
  const documents: SnDocumentJson[] = [...layout].map((kind, i) => ({
    id: `${kind}${i}`,
    document_name: `${kind === 'S' ? 'Sent' : 'Draft'} ${i}`,
    field_invites: kind === 'S' ? [{ id: `invite${i}`, status: 'pending', email: `signer${i}@example.com` }] : [],
  }));
  const reads: string[] = [];
  const api = {
    getUser: async () => ({ id: 'user', primary_email: 'me@example.com' }),
    getRootFolder: async () => ({ id: 'root', name: 'Root', folders: [{ id: 'docs', name: 'Documents', system_folder: true }] }),
    getFolder: async (_token: string, _id: string, p: { offset: number; limit: number; signingStatus?: string }) => {
      reads.push(p.signingStatus === 'unsent' ? 'count drafts' : `${p.offset}+${p.limit}${p.signingStatus ? ` ${p.signingStatus}` : ''}`);
      const list = p.signingStatus === 'unsent' ? documents.filter((d) => d.field_invites!.length === 0) : p.signingStatus ? documents.filter((d) => d.field_invites!.length > 0) : documents;
      return { id: 'docs', name: 'Documents', total_documents: list.length, documents: list.slice(p.offset, p.offset + p.limit) };
    },
  };
  const service = new SignNowService(api as unknown as SignNowApi, () => ({ apiBaseUrl: 'https://api.signnow.com', oauthBaseUrl: 'https://app.signnow.com' }));
  const sent = documents.filter((d) => d.field_invites!.length > 0).map((d) => d.id);
  /** The page's ids, its paging figures and the folder reads it made. */
  const page = async (n: number, pageSize: number, query?: string) => {
    reads.length = 0;
    const p = await service.listRequests('token', { page: n, pageSize, query });
    return { ids: p.items.map((r) => r.id), numResults: p.numResults, numPages: p.numPages, hasMore: p.hasMore, reads: [...reads] };
  };
  return { service, sent, page };
}

describe('signNow: hidden drafts and paging', () => {
  it('a page holding drafts is filled from further in the folder, and the next page starts where it ended', async () => {
    const { page } = folderOf('SDSSDSSS');
    assert.deepEqual(await page(1, 3), { ids: ['S0', 'S2', 'S3'], numResults: 6, numPages: 2, hasMore: true, reads: ['0+3', 'count drafts', '3+1'] });
    assert.deepEqual(await page(2, 3), { ids: ['S5', 'S6', 'S7'], numResults: 6, numPages: 2, hasMore: false, reads: ['4+3', 'count drafts', '7+1'] });
  });

  it('no draft on the page: one read of the page (and the drafts count beside it), nothing more', async () => {
    const { page } = folderOf('SSSSSD');
    assert.deepEqual(await page(1, 2), { ids: ['S0', 'S1'], numResults: 5, numPages: 3, hasMore: true, reads: ['0+2', 'count drafts'] });
    assert.deepEqual(await page(2, 2), { ids: ['S2', 'S3'], numResults: 5, numPages: 3, hasMore: true, reads: ['2+2', 'count drafts'] });
  });

  it('a page of only drafts: read past them to the next requests', async () => {
    const { page } = folderOf('SSDDDSS');
    await page(1, 2);
    assert.deepEqual(await page(2, 2), { ids: ['S5', 'S6'], numResults: 4, numPages: 2, hasMore: false, reads: ['2+2', 'count drafts', '4+2', '6+1'] });
  });

  it('a folder of only drafts: an empty first page, no more to load', async () => {
    const { page } = folderOf('DDD');
    assert.deepEqual(await page(1, 2), { ids: [], numResults: 0, numPages: 1, hasMore: false, reads: ['0+2', 'count drafts'] });
  });

  it('drafts at the end: the last request ends the list (no Load more onto an empty page, no read of the drafts)', async () => {
    const { page } = folderOf('SSSDD');
    assert.deepEqual(await page(1, 3), { ids: ['S0', 'S1', 'S2'], numResults: 3, numPages: 1, hasMore: false, reads: ['0+3', 'count drafts'] });
    await page(1, 2);
    assert.deepEqual(await page(2, 2), { ids: ['S2'], numResults: 3, numPages: 2, hasMore: false, reads: ['2+2', 'count drafts'] });
  });

  it('the last page: short where the folder ends, hasMore false, numPages its number', async () => {
    const { page } = folderOf('SDSSDS');
    await page(1, 3);
    assert.deepEqual(await page(2, 3), { ids: ['S5'], numResults: 4, numPages: 2, hasMore: false, reads: ['4+3', 'count drafts'] });
  });

  it('every page size lists every request once, in the folder’s order, with numResults the count listed', async () => {
    const layout = 'DSSDDSDSSSDDDSDSSDS';
    const { sent, page } = folderOf(layout);
    for (let size = 1; size <= layout.length + 1; size++) {
      const ids: string[] = [];
      for (let n = 1; ; n++) {
        const p = await page(n, size);
        assert.equal(p.numResults, sent.length, `page ${n} of size ${size}`);
        ids.push(...p.ids);
        if (!p.hasMore) {
          assert.equal(p.numPages, n, `size ${size}: the last page is the page count`);
          break;
        }
        assert.equal(p.ids.length, size, `size ${size}: page ${n} is not the last, so it is full`);
      }
      assert.deepEqual(ids, sent, `size ${size}`);
    }
  });

  it('a page asked for first (no page before it this session) still starts at the right request', async () => {
    const { page } = folderOf('SDSDSDSSS');
    const third = await page(3, 2);
    assert.deepEqual(third.ids, ['S7', 'S8']);
    assert.equal(third.hasMore, false);
  });

  it('a refresh in chunks and Load more after it, as the requests model pages: the same requests once each', async () => {
    const { service, sent } = folderOf('SDSSDDSSSDSSDSS');
    const paging = new PagingState(2, 4);
    const list = (p: { page: number; pageSize: number }) => service.listRequests('token', p);
    paging.applyNextPage(await list(paging.nextPage()));
    paging.applyNextPage(await list(paging.nextPage()));
    paging.applyNextPage(await list(paging.nextPage()));
    const plan = paging.refreshPlan();
    assert.deepEqual(plan, [{ page: 1, pageSize: 4 }, { page: 2, pageSize: 4 }], 'the window (3 pages of 2) in chunks of 4');
    const pages = [];
    for (const p of plan) pages.push(await list(p));
    paging.applyRefresh(pages);
    while (paging.hasMore) paging.applyNextPage(await list(paging.nextPage()));
    assert.deepEqual(paging.items.map((r) => r.id), sent);
    assert.equal(paging.total, sent.length);
  });

  it('filtered by a signing status: drafts never match, so no drafts count and offsets are the folder’s', async () => {
    const { page } = folderOf('SDSSS');
    assert.deepEqual(await page(1, 2, 'pending'), { ids: ['S0', 'S2'], numResults: 4, numPages: 2, hasMore: true, reads: ['0+2 pending'] });
    assert.deepEqual(await page(2, 2, 'pending'), { ids: ['S3', 'S4'], numResults: 4, numPages: 2, hasMore: false, reads: ['2+2 pending'] });
  });

  it('the filter takes a signing status only: other text is refused before any request (listing everything would pass for filtered)', async () => {
    const { page } = folderOf('SDS');
    await assert.rejects(page(1, 2, 'NDA'), (e: unknown) => e instanceof InvalidInputError && e.message === 'signNow filters by one signing status: signed, pending, waiting-for-me, waiting-for-others, expired.');
    await assert.rejects(page(1, 2, 'unsent'), InvalidInputError, 'drafts are hidden, so unsent is no filter here');
    assert.deepEqual((await page(1, 2, ' Pending ')).reads, ['0+2 pending']);
    assert.deepEqual((await page(1, 2, '  ')).reads, ['0+2', 'count drafts', '2+1'], 'blank is no filter');
    for (const value of ['signed', 'pending', 'waiting-for-me', 'waiting-for-others', 'expired']) {
      assert.deepEqual((await page(1, 2, value)).reads, [`0+2 ${value}`], value);
    }
  });

  describe('against the signNow sandbox', () => {
    const sandbox = useSignNowSandbox();

    it('a new draft on the first page: the page is still full, numResults leaves both drafts out, and the pages list every request once', async () => {
      const { api, service } = signNowStack(sandbox());
      const token = (await passwordToken(sandbox())).access_token;
      // Uploaded without an invite: a draft, and the newest document, so it sits on the first page.
      await api.uploadDocument(token, { filename: 'draft.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') }, 'Unsent draft');
      const everything = await service.listRequests(token, { page: 1, pageSize: 100 });
      const listed = everything.items.length;
      assert.equal(everything.numResults, listed, 'numResults counts what is listed, not the two drafts');

      const paging = new PagingState(3, 100);
      const first = await service.listRequests(token, paging.nextPage());
      assert.equal(first.items.length, 3, 'the drafts took no place on the first page');
      paging.applyNextPage(first);
      paging.applyRefresh([await service.listRequests(token, { page: 1, pageSize: 3 })]);
      assert.equal(paging.hasMore, true, 'the folder holds more beyond the window: Load more… stays');
      while (paging.hasMore) paging.applyNextPage(await service.listRequests(token, paging.nextPage()));
      assert.deepEqual(paging.items.map((r) => r.id), everything.items.map((r) => r.id));
    });
  });
});
