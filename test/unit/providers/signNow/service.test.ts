import assert from 'node:assert/strict';
import { AuthError, InvalidInputError } from '../../../../src/core/errors';
import { isEvalEnvironment } from '../../../../src/providers/signNow/endpoints';
import { SN_SEED_DOCUMENTS } from '../../../sandbox/signNow/server';
import { buildPdf } from '../../../sandbox/kit/documents';
import { passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';
import { signNowStack } from './support';

describe('signNow service (against the signNow sandbox)', () => {
  const sandbox = useSignNowSandbox();
  let token = '';
  beforeEach(async () => {
    token = (await passwordToken(sandbox())).access_token;
  });
  const service = () => signNowStack(sandbox()).service;
  const file = () => ({ filename: 'Agreement.pdf', contentType: 'application/pdf', data: buildPdf([{ heading: 'Agreement', lines: [] }]) });

  it('getAccount: id and login email', async () => {
    const account = await service().getAccount(token);
    assert.equal(account.email, 'alice@example.com');
    assert.equal(account.isLocked, false);
  });

  it('listRequests pages the Documents folder with a total, leaves drafts out, maps every state', async () => {
    const s = service();
    const first = await s.listRequests(token, { page: 1, pageSize: 5 });
    assert.equal(first.numResults, Object.keys(SN_SEED_DOCUMENTS).length - 1, 'the hidden draft is not counted');
    assert.equal(first.numPages, 2);
    assert.equal(first.hasMore, true);
    const second = await s.listRequests(token, { page: 2, pageSize: 5 });
    assert.equal(second.hasMore, false);
    const all = [...first.items, ...second.items];
    assert.equal(all.length, Object.keys(SN_SEED_DOCUMENTS).length - 1, 'the draft is not listed');
    const byId = new Map(all.map((r) => [r.id, r]));
    assert.equal(byId.get(SN_SEED_DOCUMENTS.awaiting)?.state, 'awaiting');
    assert.equal(byId.get(SN_SEED_DOCUMENTS.completed)?.state, 'completed');
    assert.equal(byId.get(SN_SEED_DOCUMENTS.declined)?.state, 'declined');
    assert.equal(byId.get(SN_SEED_DOCUMENTS.declined)?.signers[0].declineReason, 'The payment terms are wrong.');
    assert.equal(byId.get(SN_SEED_DOCUMENTS.fieldInviteCanceled)?.state, 'canceled');
    assert.equal(byId.get(SN_SEED_DOCUMENTS.freeFormSigned)?.state, 'completed');
    assert.equal(byId.get(SN_SEED_DOCUMENTS.freeFormCanceled)?.state, 'canceled');
    const partial = byId.get(SN_SEED_DOCUMENTS.partiallySigned)!;
    assert.deepEqual(partial.signers.map((x) => [x.email, x.status, x.order]), [['carol@example.com', 'signed', 0], ['dave@example.com', 'viewed', 1]]);
    assert.equal(partial.sentByAccount, true);
    assert.equal(partial.testMode, false);
    assert.equal(second.numResults, all.length, 'numResults is what the pages list');
    const pending = await s.listRequests(token, { page: 1, pageSize: 100, query: 'pending' });
    assert.equal(pending.numResults, 3);
  });

  it('send to one signer: upload + free-form invite; to several: fields + ordered role invite', async () => {
    const s = service();
    const one = await s.sendRequest(token, { title: 'One', signers: [{ email: 'x@example.com', name: 'X' }], files: [file()], testMode: false });
    assert.equal(one.request.state, 'awaiting');
    assert.deepEqual(one.request.signers.map((x) => x.email), ['x@example.com']);
    const two = await s.sendRequest(token, { title: 'Two', subject: 'Please', signers: [{ email: 'a@example.com', name: 'A' }, { email: 'b@example.com', name: 'B' }], files: [file()], testMode: false });
    assert.deepEqual(two.request.signers.map((x) => [x.email, x.status, x.statusCode, x.order]), [['a@example.com', 'awaiting', 'pending', 0], ['b@example.com', 'awaiting', 'created', 1]]);
    sandbox().admin.moveSigner(two.request.id, 'a@example.com', 'sign');
    sandbox().admin.moveSigner(two.request.id, 'b@example.com', 'sign');
    assert.equal((await s.getRequest(token, two.request.id)).state, 'completed');
    await assert.rejects(s.sendRequest(token, { signers: [{ email: 'a@example.com', name: 'A' }], fileUrls: ['https://x'], testMode: false }), InvalidInputError);
  });

  it('an ordered send (the form numbers signers from 0) invites in signNow\'s order, which starts at 1; the model reads it back from 0', async () => {
    const s = service();
    const sent = await s.sendRequest(token, {
      title: 'Ordered',
      signers: [{ email: 'a@example.com', name: 'A', order: 0 }, { email: 'b@example.com', name: 'B', order: 1 }],
      files: [file()],
      testMode: false,
    });
    const doc = sandbox().admin.state().documents.find((d) => d.id === sent.request.id)!;
    assert.deepEqual(doc.fieldInvites.map((f) => [f.email, f.order, f.status]), [['a@example.com', 1, 'pending'], ['b@example.com', 2, 'created']]);
    assert.deepEqual(sent.request.signers.map((x) => [x.email, x.order]), [['a@example.com', 0], ['b@example.com', 1]]);
  });

  it('a document\'s details page is the document in signNow\'s web app (the app base URL, where /authorize is)', async () => {
    const request = await service().getRequest(token, SN_SEED_DOCUMENTS.completed);
    assert.equal(request.detailsUrl, `${sandbox().info.oauthBaseUrl}/webapp/document/${SN_SEED_DOCUMENTS.completed}`);
    const listed = await service().listRequests(token, { page: 1, pageSize: 100 });
    assert.ok(listed.items.every((r) => r.detailsUrl === `${sandbox().info.oauthBaseUrl}/webapp/document/${r.id}`));
  });

  it('remind resends the pending field invite only; cancel works for field and free-form invites', async () => {
    const s = service();
    const reminded = await s.remind(token, SN_SEED_DOCUMENTS.awaiting, 'carol@example.com');
    assert.equal(reminded.id, SN_SEED_DOCUMENTS.awaiting);
    await assert.rejects(s.remind(token, SN_SEED_DOCUMENTS.awaiting, 'dave@example.com'), InvalidInputError);
    await s.cancelRequest(token, SN_SEED_DOCUMENTS.awaiting);
    assert.equal((await s.getRequest(token, SN_SEED_DOCUMENTS.awaiting)).state, 'canceled');
    await s.cancelRequest(token, SN_SEED_DOCUMENTS.freeFormAwaiting);
    assert.equal((await s.getRequest(token, SN_SEED_DOCUMENTS.freeFormAwaiting)).state, 'canceled');
    await assert.rejects(s.cancelRequest(token, SN_SEED_DOCUMENTS.freeFormAwaiting), InvalidInputError);
    await assert.rejects(s.releaseHold(), InvalidInputError);
  });

  it('downloads a PDF and a ZIP; the one-time link serves the PDF', async () => {
    const s = service();
    assert.equal((await s.downloadFiles(token, SN_SEED_DOCUMENTS.completed, 'pdf')).subarray(0, 5).toString(), '%PDF-');
    assert.equal((await s.downloadFiles(token, SN_SEED_DOCUMENTS.completed, 'zip')).readUInt32LE(0), 0x04034b50);
    const link = await s.fileLink(token, SN_SEED_DOCUMENTS.completed);
    assert.equal((await fetch(link.url)).status, 200);
  });

  it('invalid_token (1537) is an AuthError even when it comes with 400', async () => {
    sandbox().admin.configure({ invalidTokenStatus: 400 });
    await assert.rejects(service().getRequest('nope', SN_SEED_DOCUMENTS.completed), (e) => e instanceof AuthError && e.errorName === 'invalid_token');
  });

  it('the eval environment (api-eval) is test mode; production is not', () => {
    assert.equal(isEvalEnvironment('https://api-eval.signnow.com'), true);
    assert.equal(isEvalEnvironment('https://api.signnow.com'), false);
    assert.equal(isEvalEnvironment('not a url'), false);
  });
});
