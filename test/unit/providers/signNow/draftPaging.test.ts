// signNow's hidden drafts and the requests list's paging, against the signNow sandbox: numResults counts only
// what is listed, and a refresh still offers "Load more…" when the drafts the folder's pages hold made the
// listed count no larger than the window (the folder has more beyond it).
import assert from 'node:assert/strict';
import { PagingState } from '../../../../src/model/requestsPaging';
import { passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';
import { signNowStack } from './support';

describe('signNow: hidden drafts and paging', () => {
  const sandbox = useSignNowSandbox();

  it('a new draft on the first page: numResults leaves both drafts out, and a refresh keeps "Load more…"', async () => {
    const { api, service } = signNowStack(sandbox());
    const token = (await passwordToken(sandbox())).access_token;
    // Uploaded without an invite: a draft, and the newest document, so it sits on the first page.
    await api.uploadDocument(token, { filename: 'draft.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') }, 'Unsent draft');
    const everything = await service.listRequests(token, { page: 1, pageSize: 100 });
    const listed = everything.items.length;
    assert.equal(everything.numResults, listed, 'numResults counts what is listed, not the two drafts');

    const paging = new PagingState(listed, 100);
    const page = await service.listRequests(token, { page: 1, pageSize: listed });
    assert.ok(page.items.length < listed, 'the draft took a place on the first page');
    assert.equal(page.hasMore, true);
    paging.applyNextPage(page);
    assert.equal(paging.hasMore, true);
    paging.applyRefresh([await service.listRequests(token, { page: 1, pageSize: listed })]);
    assert.equal(paging.hasMore, true, 'the folder holds more beyond the window: Load more… stays');
  });
});
