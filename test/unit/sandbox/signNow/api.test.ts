import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { SN_SEED_DOCUMENTS } from '../../../sandbox/signNow/server';
import { buildPdf } from '../../../sandbox/kit/documents';
import { bearer, call, passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';

describe('signNow sandbox: API', () => {
  const sandbox = useSignNowSandbox();
  let auth = '';
  beforeEach(async () => {
    auth = bearer((await passwordToken(sandbox())).access_token);
  });
  const api = (method: string, path: string, opts: { json?: unknown; body?: FormData } = {}) => call(sandbox(), method, path, { auth, ...opts });
  const documentsFolder = async () => (await api('GET', '/user/folder')).json.folders.find((f: { name: string }) => f.name === 'Documents').id as string;
  const pdf = () => buildPdf([{ heading: 'Upload', lines: ['one'] }, { heading: 'Upload', lines: ['two'] }]);
  const upload = async (name = 'contract.pdf', data: Buffer = pdf()) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
    return api('POST', '/document', { body: form });
  };
  const withFields = async (roles: string[]) => {
    const id = (await upload()).json.id as string;
    const fields = roles.map((role, i) => ({ x: 100, y: 100 + i * 60, width: 120, height: 30, page_number: 0, role, required: true, type: 'signature' }));
    assert.equal((await api('PUT', `/document/${id}`, { json: { fields } })).status, 200);
    return { id, doc: (await api('GET', `/document/${id}`)).json };
  };

  it('GET /user: the account (id, names, primary_email, emails, created as an epoch string)', async () => {
    const u = (await api('GET', '/user')).json;
    assert.equal(u.primary_email, 'alice@example.com');
    assert.deepEqual(u.emails, ['alice@example.com']);
    assert.match(u.created, /^\d+$/);
    assert.equal(u.active, '1');
  });

  it('unknown paths answer {"404": …}; unknown documents {"errors":[…]} 404', async () => {
    const none = await api('GET', '/nothing/here');
    assert.equal(none.status, 404);
    assert.deepEqual(Object.keys(none.json), ['404']);
    const doc = await api('GET', `/document/${'0'.repeat(40)}`);
    assert.equal(doc.status, 404);
    assert.equal(doc.json.errors[0].message, 'Document not found');
  });

  describe('folders and lists', () => {
    it('/user/folder lists the system folders; /folder/{id} pages with offset/limit and total_documents', async () => {
      const root = (await api('GET', '/user/folder')).json;
      assert.deepEqual(root.folders.map((f: { name: string }) => f.name), ['Documents', 'Archive', 'Templates', 'Trash Bin']);
      const id = await documentsFolder();
      const first = (await api('GET', `/folder/${id}?limit=4&offset=0`)).json;
      assert.equal(first.total_documents, Object.keys(SN_SEED_DOCUMENTS).length);
      assert.equal(first.documents.length, 4);
      const rest = (await api('GET', `/folder/${id}?limit=100&offset=4`)).json;
      assert.equal(rest.documents.length, first.total_documents - 4);
      const ids = [...first.documents, ...rest.documents].map((d: { id: string }) => d.id);
      assert.equal(new Set(ids).size, ids.length, 'no document twice across pages');
      assert.equal((await api('GET', `/folder/${id}?limit=500`)).json.documents.length, first.total_documents, 'limit is capped at 100, not refused');
    });

    it('/folder/{id} sorts by updated (desc) and filters by signing status', async () => {
      const id = await documentsFolder();
      const all = (await api('GET', `/folder/${id}?limit=100`)).json.documents;
      const updated = all.map((d: { updated: string }) => Number(d.updated));
      assert.deepEqual(updated, [...updated].sort((a, b) => b - a));
      const pending = (await api('GET', `/folder/${id}?filters=signing-status&filter-values=pending`)).json;
      assert.deepEqual(
        pending.documents.map((d: { id: string }) => d.id).sort(),
        [SN_SEED_DOCUMENTS.awaiting, SN_SEED_DOCUMENTS.partiallySigned, SN_SEED_DOCUMENTS.freeFormAwaiting].sort(),
      );
      assert.equal(pending.total_documents, 3);
      const signed = (await api('GET', `/folder/${id}?filters=signing-status&filter-values=signed`)).json.documents.map((d: { id: string }) => d.id).sort();
      assert.deepEqual(signed, [SN_SEED_DOCUMENTS.completed, SN_SEED_DOCUMENTS.freeFormSigned].sort());
      const unsent = (await api('GET', `/folder/${id}?filters=signing-status&filter-values=unsent`)).json.documents.map((d: { id: string }) => d.id);
      assert.deepEqual(unsent, [SN_SEED_DOCUMENTS.draft]);
    });

    it('another user’s folder is 403; a bad limit is 400 in the {"errors":[…]} shape', async () => {
      const bob = bearer((await passwordToken(sandbox(), sandbox().info.users[1])).access_token);
      const id = await documentsFolder();
      assert.equal((await call(sandbox(), 'GET', `/folder/${id}`, { auth: bob })).status, 403);
      const bad = await api('GET', `/folder/${id}?limit=0`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.errors[0].code, 13003002);
    });

    it('/user/documentsv2 is a bare array of modified documents; a page past the last answers 400', async () => {
      const page1 = await api('GET', '/user/documentsv2?per_page=5&page=1');
      assert.ok(Array.isArray(page1.json));
      assert.equal(page1.json.length, 5);
      const page2 = await api('GET', '/user/documentsv2?per_page=5&page=2');
      assert.equal(page2.json.length, Object.keys(SN_SEED_DOCUMENTS).length - 1 - 5, 'the draft is not modified');
      const past = await api('GET', '/user/documentsv2?per_page=5&page=3');
      assert.equal(past.status, 400);
      assert.ok(past.json.errors[0].message);
      assert.equal((await api('GET', '/user/documentsv2?per_page=0')).json.errors[0].message, 'Query parameter `per_page` must be more than 0');
      assert.deepEqual((await api('GET', '/user/documents')).json.map((d: { id: string }) => d.id), [SN_SEED_DOCUMENTS.draft]);
    });
  });

  describe('documents', () => {
    it('upload (multipart file) → {id}; GET shows it with its pages; the original bytes download back', async () => {
      const bytes = pdf();
      const res = await upload('Lease 2026.pdf', bytes);
      assert.equal(res.status, 200, res.text);
      assert.match(res.json.id, /^[0-9a-f]{40}$/);
      const doc = (await api('GET', `/document/${res.json.id}`)).json;
      assert.equal(doc.document_name, 'Lease 2026');
      assert.equal(doc.original_filename, 'Lease 2026.pdf');
      assert.equal(doc.page_count, '2');
      assert.equal(doc.owner, 'alice@example.com');
      assert.deepEqual([doc.field_invites, doc.requests, doc.fields], [[], [], []]);
      assert.deepEqual((await api('GET', `/document/${res.json.id}/download`)).body, bytes);
    });

    it('refuses unsupported file types, empty files and a body without a file part', async () => {
      assert.equal((await upload('notes.txt', Buffer.from('hi'))).status, 400);
      assert.equal((await upload('empty.pdf', Buffer.alloc(0))).status, 400);
      const form = new FormData();
      form.append('name', 'no file');
      assert.equal((await api('POST', '/document', { body: form })).status, 400);
    });

    it('PUT fields makes roles in order of first appearance; fields on a page past the end are refused', async () => {
      const { doc } = await withFields(['Signer 1', 'Signer 2']);
      assert.deepEqual(doc.roles.map((r: { name: string; signing_order: string }) => [r.name, r.signing_order]), [['Signer 1', '1'], ['Signer 2', '2']]);
      assert.equal(doc.fields.length, 2);
      const id = (await upload()).json.id;
      const bad = await api('PUT', `/document/${id}`, { json: { fields: [{ x: 1, y: 1, width: 1, height: 1, page_number: 9, role: 'A', type: 'signature' }] } });
      assert.equal(bad.status, 400);
    });

    it('download: type=collapsed is a real PDF, type=zip a real ZIP holding it', async () => {
      const id = SN_SEED_DOCUMENTS.completed;
      const pdfRes = await api('GET', `/document/${id}/download?type=collapsed`);
      assert.equal(pdfRes.headers.get('content-type'), 'application/pdf');
      assert.equal(pdfRes.body.subarray(0, 5).toString(), '%PDF-');
      assert.match(pdfRes.body.toString('latin1'), /%%EOF\s*$/);
      const zip = await api('GET', `/document/${id}/download?type=zip&with_history=1`);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      assert.equal(zip.body.readUInt32LE(0), 0x04034b50);
      const nameLength = zip.body.readUInt16LE(26);
      const extra = zip.body.readUInt16LE(28);
      const size = zip.body.readUInt32LE(18);
      const inner = zlib.inflateRawSync(zip.body.subarray(30 + nameLength + extra, 30 + nameLength + extra + size));
      assert.equal(inner.subarray(0, 5).toString(), '%PDF-');
    });

    it('download link: POST (and GET) → {link}; the link serves the PDF once, without a token', async () => {
      const link = (await api('POST', `/document/${SN_SEED_DOCUMENTS.completed}/download/link`)).json.link;
      const first = await fetch(link);
      assert.equal(first.status, 200);
      assert.equal(Buffer.from(await first.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      assert.equal((await fetch(link)).status, 404);
      assert.ok((await api('GET', `/document/${SN_SEED_DOCUMENTS.completed}/download/link`)).json.link);
    });
  });

  it('the web app\'s document page (Open Details) names the document and its signers; an unknown id is a 404 page', async () => {
    const page = await call(sandbox(), 'GET', `/webapp/document/${SN_SEED_DOCUMENTS.awaiting}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.text, /<h1>NDA<\/h1>/);
    assert.match(page.text, /1\. carol@example\.com \(Signer 1\): pending/);
    assert.equal((await call(sandbox(), 'GET', `/webapp/document/${'0'.repeat(40)}`)).status, 404);
  });

  describe('invites', () => {
    it('free-form invite: {result, id, callback_url}; from must be the login email; documents with fields refuse it', async () => {
      const id = (await upload()).json.id;
      const wrongFrom = await api('POST', `/document/${id}/invite`, { json: { to: 'signer@example.com', from: 'other@example.com' } });
      assert.equal(wrongFrom.status, 400);
      const res = await api('POST', `/document/${id}/invite`, { json: { document_id: id, to: 'signer@example.com', from: 'alice@example.com', subject: 'Please sign', message: 'Thanks' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.result, 'success');
      const doc = (await api('GET', `/document/${id}`)).json;
      assert.equal(doc.requests[0].unique_id, res.json.id, 'the answer names the invite by its unique_id');
      assert.notEqual(doc.requests[0].id, res.json.id);
      assert.equal(doc.requests[0].signer_email, 'signer@example.com');
      assert.equal(doc.requests[0].signature_id, null);
      const { id: fielded } = await withFields(['Signer 1']);
      assert.equal((await api('POST', `/document/${fielded}/invite`, { json: { to: 'x@example.com', from: 'alice@example.com' } })).status, 400);
    });

    it('field invite: {status:"success"}; the first order is pending, later ones created; every role needs a signer', async () => {
      const { id, doc } = await withFields(['Signer 1', 'Signer 2']);
      const to = [
        { email: 'one@example.com', role: 'Signer 1', role_id: doc.roles[0].unique_id, order: 1 },
        { email: 'two@example.com', role: 'Signer 2', role_id: doc.roles[1].unique_id, order: 2, expiration_days: 10 },
      ];
      assert.equal((await api('POST', `/document/${id}/invite`, { json: { to: to.slice(0, 1), from: 'alice@example.com' } })).status, 400);
      const res = await api('POST', `/document/${id}/invite`, { json: { document_id: id, to, from: 'alice@example.com', cc: [], subject: 'S', message: 'M' } });
      assert.deepEqual(res.json, { status: 'success' });
      const after = (await api('GET', `/document/${id}`)).json;
      assert.deepEqual(after.field_invites.map((f: { email: string; status: string }) => [f.email, f.status]), [['one@example.com', 'pending'], ['two@example.com', 'created']]);
      assert.equal((await api('POST', `/document/${id}/invite`, { json: { to, from: 'alice@example.com' } })).status, 400, 'not twice');
    });

    it('the admin moves signers in signing order: out of order is 409; signing advances the next order; decline keeps its reason', async () => {
      const id = SN_SEED_DOCUMENTS.awaiting;
      assert.throws(() => sandbox().admin.moveSigner(id, 'dave@example.com', 'sign'), /cannot sign yet/);
      const res = await call(sandbox(), 'POST', `/_admin/documents/${id}/signers`, { json: { email: 'dave@example.com', action: 'sign' } });
      assert.equal(res.status, 409);
      sandbox().admin.moveSigner(id, 'carol@example.com', 'view');
      sandbox().admin.moveSigner(id, 'carol@example.com', 'sign');
      let doc = (await api('GET', `/document/${id}`)).json;
      assert.deepEqual(doc.field_invites.map((f: { status: string }) => f.status), ['fulfilled', 'pending']);
      assert.equal(doc.signatures.length, 1);
      await call(sandbox(), 'POST', `/_admin/documents/${id}/signers`, { json: { email: 'dave@example.com', action: 'decline', reason: 'Not me' } });
      doc = (await api('GET', `/document/${id}`)).json;
      assert.equal(doc.field_invites[1].status, 'declined');
      assert.deepEqual(doc.field_invites[1].declined, [{ declined_text: 'Not me' }]);
      sandbox().admin.moveSigner(SN_SEED_DOCUMENTS.freeFormAwaiting, 'grace@example.com', 'sign');
      assert.match((await api('GET', `/document/${SN_SEED_DOCUMENTS.freeFormAwaiting}`)).json.requests[0].signature_id, /^[0-9a-f]{40}$/);
    });

    it('fieldinvitecancel marks open invites canceled (or removes them: switch fieldInviteCancel); twice is 400', async () => {
      const id = SN_SEED_DOCUMENTS.partiallySigned;
      assert.deepEqual((await api('PUT', `/document/${id}/fieldinvitecancel`, { json: { reason: 'No longer needed' } })).json, { status: 'success' });
      const doc = (await api('GET', `/document/${id}`)).json;
      assert.deepEqual(doc.field_invites.map((f: { status: string }) => f.status), ['fulfilled', 'canceled']);
      assert.equal((await api('PUT', `/document/${id}/fieldinvitecancel`)).status, 400);
      sandbox().admin.configure({ fieldInviteCancel: 'remove' });
      await api('PUT', `/document/${SN_SEED_DOCUMENTS.awaiting}/fieldinvitecancel`);
      assert.deepEqual((await api('GET', `/document/${SN_SEED_DOCUMENTS.awaiting}`)).json.field_invites, []);
    });

    it('free-form cancel: PUT /invite/{unique_id}/cancel → {id}; the request shows canceled; its `id` is not the invite id', async () => {
      const doc = (await api('GET', `/document/${SN_SEED_DOCUMENTS.freeFormAwaiting}`)).json;
      assert.equal((await api('PUT', `/invite/${doc.requests[0].id}/cancel`)).status, 404);
      const res = await api('PUT', `/invite/${doc.requests[0].unique_id}/cancel`, { json: { reason: 'Wrong file' } });
      assert.deepEqual(res.json, { id: doc.requests[0].unique_id });
      assert.equal((await api('GET', `/document/${doc.id}`)).json.requests[0].canceled, true);
      assert.equal((await api('PUT', `/invite/${doc.requests[0].unique_id}/cancel`)).status, 400);
    });

    it('resend: only a pending field invite; resendMinIntervalSeconds limits how often', async () => {
      const doc = (await api('GET', `/document/${SN_SEED_DOCUMENTS.awaiting}`)).json;
      const [carol, dave] = doc.field_invites;
      assert.deepEqual((await api('PUT', `/fieldinvite/${carol.id}/resend`, { json: {} })).json, { status: 'success' });
      assert.equal((await api('PUT', `/fieldinvite/${dave.id}/resend`)).status, 400, 'not yet their turn');
      sandbox().admin.configure({ resendMinIntervalSeconds: 3600 });
      assert.equal((await api('PUT', `/fieldinvite/${carol.id}/resend`)).status, 400);
      sandbox().admin.advanceClock(3600_000);
      assert.equal((await api('PUT', `/fieldinvite/${carol.id}/resend`)).status, 200);
    });

    it("another user can neither read nor change Alice's documents", async () => {
      const bob = bearer((await passwordToken(sandbox(), sandbox().info.users[1])).access_token);
      assert.equal((await call(sandbox(), 'GET', `/document/${SN_SEED_DOCUMENTS.completed}`, { auth: bob })).status, 403);
      assert.equal((await call(sandbox(), 'PUT', `/document/${SN_SEED_DOCUMENTS.awaiting}/fieldinvitecancel`, { auth: bob })).status, 403);
    });
  });

  describe('faults and limits', () => {
    it("faults on demand answer in signNow's shapes: 500 {error:[{code:HY000}]}, 401 invalid_token; then the real answer", async () => {
      sandbox().admin.injectFault({ path: '/user', kind: 'server_error' });
      sandbox().admin.injectFault({ path: '/document/*', kind: 'unauthorized' });
      const err = await api('GET', '/user');
      assert.equal(err.status, 500);
      assert.equal(err.json.error[0].code, 'HY000');
      assert.deepEqual((await api('GET', `/document/${SN_SEED_DOCUMENTS.completed}`)).json, { error: 'invalid_token', code: 1537 });
      assert.equal((await api('GET', '/user')).status, 200);
      sandbox().admin.injectFault({ path: '/oauth2/token', kind: 'malformed_json' });
      const malformed = await call(sandbox(), 'POST', '/oauth2/token', { form: {} });
      assert.equal(malformed.json, undefined);
      assert.equal(sandbox().admin.counters().faultsServed.server_error, 1);
    });

    it('rate limit (off by default): 429 in the {"errors":[…]} shape without rate-limit headers', async () => {
      sandbox().admin.configure({ rateLimit: { enabled: true, limit: 2 } });
      assert.equal((await api('GET', '/user')).status, 200);
      assert.equal((await api('GET', '/user')).status, 200);
      const limited = await api('GET', '/user');
      assert.equal(limited.status, 429);
      assert.ok(limited.json.errors[0].message);
      assert.equal(limited.headers.get('retry-after'), null);
      let rateHeaders = 0;
      limited.headers.forEach((_, k) => (rateHeaders += k.startsWith('x-ratelimit') ? 1 : 0));
      assert.equal(rateHeaders, 0);
      sandbox().admin.advanceClock(60_000);
      assert.equal((await api('GET', '/user')).status, 200);
    });
  });
});
