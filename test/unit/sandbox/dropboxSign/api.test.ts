import assert from 'node:assert/strict';
import { SEED, SEED_REQUESTS } from '../../../sandbox/dropboxSign/server';
import { basic, bearer, get, postForm, postJson, postMultipart, signIn, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('sandbox /v3 API', () => {
  const sandbox = useSandbox();
  const key = () => basic(sandbox().info.apiKey);
  const ids = (reply: { json: { signature_requests: Array<{ signature_request_id: string }> } }) =>
    reply.json.signature_requests.map((r) => r.signature_request_id).sort();

  describe('authentication', () => {
    it('without credentials: 401 unauthorized in the ErrorResponse shape', async () => {
      const res = await get(sandbox(), '/v3/account');
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { error: { error_msg: 'Unauthorized user. No credentials supplied.', error_name: 'unauthorized' } });
    });

    it('an unknown API key or access token is 401', async () => {
      assert.equal((await get(sandbox(), '/v3/account', basic('nope'))).status, 401);
      assert.equal((await get(sandbox(), '/v3/account', bearer('nope'))).status, 401);
    });

    it('GET /account answers the caller (API key or Bearer token)', async () => {
      const byKey = await get(sandbox(), '/v3/account', key());
      assert.equal(byKey.json.account.email_address, SEED.alice.email);
      const t = await signIn(sandbox(), SEED.bob.email);
      const byToken = await get(sandbox(), '/v3/account', bearer(t.access_token));
      assert.equal(byToken.json.account.email_address, SEED.bob.email);
      const other = await get(sandbox(), `/v3/account?email_address=${SEED.alice.email}`, bearer(t.access_token));
      assert.equal(other.status, 403);
    });

    it('a token with none of the scopes an operation lists is 403 forbidden', async () => {
      // The spec's scopes per operation are alternatives (one per billing model), so any one of them will do.
      sandbox().admin.updateApp(SEED.otherApp.clientId, { scopes: ['basic_account_info'] });
      const t = await signIn(sandbox(), SEED.alice.email, sandbox().info.otherApp);
      const send = await postJson(
        sandbox(),
        '/v3/signature_request/send',
        { file_urls: ['https://example.com/a.pdf'], signers: [{ name: 'X', email_address: 'x@example.com' }] },
        bearer(t.access_token),
      );
      assert.equal(send.status, 403);
      assert.equal(send.json.error.error_name, 'forbidden');
    });

    it('unknown /v3 paths are 404 not_found', async () => {
      const res = await get(sandbox(), '/v3/nothing/here', key());
      assert.equal(res.status, 404);
      assert.equal(res.json.error.error_name, 'not_found');
    });
  });

  describe('visibility and listing', () => {
    it('an API key sees every request its account sent or received (not canceled ones)', async () => {
      const res = await get(sandbox(), '/v3/signature_request/list?page_size=100', key());
      assert.equal(res.status, 200);
      const expected = Object.entries(SEED_REQUESTS)
        .filter(([k]) => k !== 'canceled')
        .map(([, v]) => v)
        .sort();
      assert.deepEqual(ids(res), expected);
    });

    it("a token sees only requests sent through its own app (the walkthrough's visibility rule)", async () => {
      const demo = await signIn(sandbox(), SEED.alice.email);
      const viaDemo = ids(await get(sandbox(), '/v3/signature_request/list?page_size=100', bearer(demo.access_token)));
      assert.ok(!viaDemo.includes(SEED_REQUESTS.viaOtherApp));
      assert.ok(viaDemo.includes(SEED_REQUESTS.awaiting));
      assert.ok(viaDemo.includes(SEED_REQUESTS.receivedFromBob));
      const other = await signIn(sandbox(), SEED.alice.email, sandbox().info.otherApp);
      assert.deepEqual(ids(await get(sandbox(), '/v3/signature_request/list', bearer(other.access_token))), [SEED_REQUESTS.viaOtherApp]);
      const forbidden = await get(sandbox(), `/v3/signature_request/${SEED_REQUESTS.viaOtherApp}`, bearer(demo.access_token));
      assert.equal(forbidden.status, 403);
    });

    it('Bob sees what he sent to Alice, not her own requests', async () => {
      const t = await signIn(sandbox(), SEED.bob.email);
      assert.deepEqual(ids(await get(sandbox(), '/v3/signature_request/list', bearer(t.access_token))), [SEED_REQUESTS.receivedFromBob]);
    });

    it('pages with list_info; page_size outside 1–100 is 400 bad_request', async () => {
      const p1 = await get(sandbox(), '/v3/signature_request/list?page=1&page_size=3', key());
      assert.deepEqual(p1.json.list_info, { num_pages: 3, num_results: 7, page: 1, page_size: 3 });
      assert.equal(p1.json.signature_requests.length, 3);
      const p3 = await get(sandbox(), '/v3/signature_request/list?page=3&page_size=3', key());
      assert.equal(p3.json.signature_requests.length, 1);
      const created = p1.json.signature_requests.map((r: { created_at: number }) => r.created_at);
      assert.deepEqual(created, [...created].sort((a, b) => b - a), 'newest first');
      for (const bad of ['page_size=0', 'page_size=101', 'page=0', 'page_size=abc']) {
        const res = await get(sandbox(), `/v3/signature_request/list?${bad}`, key());
        assert.equal(res.status, 400, bad);
        assert.equal(res.json.error.error_name, 'bad_request');
      }
    });

    it('filters with query (words, title:, to:, complete:)', async () => {
      const q = async (query: string) => ids(await get(sandbox(), `/v3/signature_request/list?query=${encodeURIComponent(query)}`, key()));
      assert.deepEqual(await q('NDA'), [SEED_REQUESTS.awaiting]);
      assert.deepEqual(await q('title:"offer letter"'), [SEED_REQUESTS.completed]);
      assert.deepEqual(await q('complete:true'), [SEED_REQUESTS.completed]);
      assert.deepEqual(await q('to:frank@example.com'), [SEED_REQUESTS.declined]);
    });

    it('GET by id: the seeded states look as Dropbox Sign shows them; unknown is 404, canceled is 410', async () => {
      const get1 = async (id: string) => (await get(sandbox(), `/v3/signature_request/${id}`, key())).json.signature_request;
      const completed = await get1(SEED_REQUESTS.completed);
      assert.equal(completed.is_complete, true);
      assert.equal(completed.signing_url, null);
      const declined = await get1(SEED_REQUESTS.declined);
      assert.equal(declined.is_declined, true);
      assert.equal(declined.signatures[0].decline_reason, 'The rent increase was not agreed.');
      const partial = await get1(SEED_REQUESTS.partiallySigned);
      assert.deepEqual(partial.signatures.map((s: { status_code: string }) => s.status_code), ['signed', 'awaiting_signature']);
      assert.equal((await get(sandbox(), '/v3/signature_request/0000', key())).status, 404);
      const canceled = await get(sandbox(), `/v3/signature_request/${SEED_REQUESTS.canceled}`, key());
      assert.equal(canceled.status, 410);
      assert.equal(canceled.json.error.error_name, 'deleted');
    });
  });

  describe('send', () => {
    const signers = [
      { name: 'Jack', email_address: 'jack@example.com', order: 0 },
      { name: 'Jill', email_address: 'jill@example.com', order: 1 },
    ];

    it('sends with JSON and file_urls; the token’s app owns the request', async () => {
      const t = await signIn(sandbox(), SEED.alice.email);
      const res = await postJson(
        sandbox(),
        '/v3/signature_request/send',
        { title: 'NDA', subject: 'Please sign', message: 'Hi', signers, cc_email_addresses: ['cc@example.com'], file_urls: ['https://example.com/docs/nda.pdf'], metadata: { order: 7 }, test_mode: true },
        bearer(t.access_token),
      );
      assert.equal(res.status, 200, res.text);
      const sr = res.json.signature_request;
      assert.equal(sr.title, 'NDA');
      assert.equal(sr.test_mode, true);
      assert.deepEqual(sr.metadata, { order: 7 });
      assert.deepEqual(sr.cc_email_addresses, ['cc@example.com']);
      assert.deepEqual(sr.signatures.map((s: { order: number }) => s.order), [0, 1]);
      assert.equal(sandbox().admin.state().requests.find((r) => r.id === sr.signature_request_id)?.clientId, sandbox().info.clientId);
      const listed = ids(await get(sandbox(), '/v3/signature_request/list', bearer(t.access_token)));
      assert.ok(listed.includes(sr.signature_request_id));
    });

    it('sends multipart with files[] and bracketed signers (as curl does)', async () => {
      const form = new FormData();
      form.append('title', 'Multipart');
      form.append('signers[0][name]', 'Jack');
      form.append('signers[0][email_address]', 'jack@example.com');
      form.append('signers[1][name]', 'Jill');
      form.append('signers[1][email_address]', 'jill@example.com');
      form.append('cc_email_addresses[]', 'cc@example.com');
      form.append('metadata[ref]', 'A-1');
      form.append('test_mode', '1');
      form.append('files[0]', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'contract.pdf');
      const res = await postMultipart(sandbox(), '/v3/signature_request/send', form, key());
      assert.equal(res.status, 200, res.text);
      const sr = res.json.signature_request;
      assert.equal(sr.test_mode, true);
      assert.deepEqual(sr.signatures.map((s: { signer_email_address: string }) => s.signer_email_address), ['jack@example.com', 'jill@example.com']);
      assert.deepEqual(sr.metadata, { ref: 'A-1' });
      assert.deepEqual(sandbox().admin.state().requests.find((r) => r.id === sr.signature_request_id)?.fileNames, ['contract.pdf']);
    });

    it('adds the configured warnings to a send response (valid per the spec)', async () => {
      const warning = { warning_msg: 'The parameter "use_text_tags" was ignored.', warning_name: 'unsupported_param' };
      sandbox().admin.configure({ sendWarnings: [warning] });
      const form = new FormData();
      form.append('signers', JSON.stringify(signers));
      form.append('file_urls', JSON.stringify(['https://example.com/x.pdf']));
      const res = await postMultipart(sandbox(), '/v3/signature_request/send', form, key());
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.warnings, [warning]);
    });

    it('sends multipart with JSON-encoded signers (as the official SDKs do)', async () => {
      const form = new FormData();
      form.append('signers', JSON.stringify(signers));
      form.append('file_urls', JSON.stringify(['https://example.com/x.pdf']));
      const res = await postMultipart(sandbox(), '/v3/signature_request/send', form, key());
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.signature_request.signatures.length, 2);
    });

    it('refuses what the spec or Dropbox Sign rejects with 400 bad_request', async () => {
      const send = (body: Record<string, unknown>) => postJson(sandbox(), '/v3/signature_request/send', body, key());
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ signers }, 'files'],
        [{ signers, file_urls: ['https://e.com/a.pdf'], files: ['x'] }, 'file_urls'],
        [{ file_urls: ['https://e.com/a.pdf'] }, 'signers'],
        [{ signers: [{ name: 'X', email_address: 'not-an-email' }], file_urls: ['https://e.com/a.pdf'] }, 'signers[0][email_address]'],
        [{ signers: [{ name: 'X' }], file_urls: ['https://e.com/a.pdf'] }, 'signers[0][email_address]'],
        [{ signers, file_urls: ['https://e.com/a.pdf'], title: 'x'.repeat(256) }, 'title'],
        [{ signers, file_urls: ['https://e.com/a.pdf'], metadata: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])) }, 'metadata'],
        [{ signers, file_urls: ['https://e.com/a.pdf'], metadata: { ['k'.repeat(41)]: 1 } }, `metadata[${'k'.repeat(41)}]`],
        [{ signers, file_urls: ['https://e.com/a.pdf'], test_mode: 'yes' }, 'test_mode'],
      ];
      for (const [body, path] of cases) {
        const res = await send(body);
        assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
        assert.equal(res.json.error.error_name, 'bad_request');
        assert.equal(res.json.error.error_path, path);
      }
      const notJson = await fetch(`${sandbox().url}/v3/signature_request/send`, { method: 'POST', headers: { Authorization: key(), 'Content-Type': 'application/json' }, body: '{oops' });
      assert.equal(notJson.status, 400);
    });
  });

  describe('cancel, remind, update, release_hold', () => {
    it('cancel answers an empty 200; the request is then gone (410) and out of the list', async () => {
      const res = await postJson(sandbox(), `/v3/signature_request/cancel/${SEED_REQUESTS.awaiting}`, {}, key());
      assert.equal(res.status, 200);
      assert.equal(res.text, '');
      assert.equal((await get(sandbox(), `/v3/signature_request/${SEED_REQUESTS.awaiting}`, key())).status, 410);
      assert.ok(!ids(await get(sandbox(), '/v3/signature_request/list', key())).includes(SEED_REQUESTS.awaiting));
    });

    it('cancel refuses a completed request and one the caller did not send', async () => {
      assert.equal((await postJson(sandbox(), `/v3/signature_request/cancel/${SEED_REQUESTS.completed}`, {}, key())).status, 400);
      const res = await postJson(sandbox(), `/v3/signature_request/cancel/${SEED_REQUESTS.receivedFromBob}`, {}, key());
      assert.equal(res.status, 403);
    });

    it('remind works once, then is refused within an hour of the last reminder', async () => {
      const remind = () => postJson(sandbox(), `/v3/signature_request/remind/${SEED_REQUESTS.awaiting}`, { email_address: 'carol@example.com' }, key());
      const first = await remind();
      assert.equal(first.status, 200, first.text);
      assert.ok(first.json.signature_request.signatures[0].last_reminded_at > 0);
      const again = await remind();
      assert.equal(again.status, 400);
      assert.match(again.json.error.error_msg, /1 hour/);
      sandbox().admin.advanceClock(3600_000);
      assert.equal((await remind()).status, 200);
    });

    it('remind is refused for the seeded signer reminded 10 minutes ago, for unknown signers, and without an email', async () => {
      const dave = await postJson(sandbox(), `/v3/signature_request/remind/${SEED_REQUESTS.partiallySigned}`, { email_address: 'dave@example.com' }, key());
      assert.equal(dave.status, 400);
      const nobody = await postJson(sandbox(), `/v3/signature_request/remind/${SEED_REQUESTS.awaiting}`, { email_address: 'zed@example.com' }, key());
      assert.equal(nobody.status, 400);
      const none = await postJson(sandbox(), `/v3/signature_request/remind/${SEED_REQUESTS.awaiting}`, {}, key());
      assert.equal(none.json.error.error_path, 'email_address');
    });

    it('update: a new email gives the signer a new signature_id; a signed signer cannot be updated', async () => {
      const before = (await get(sandbox(), `/v3/signature_request/${SEED_REQUESTS.awaiting}`, key())).json.signature_request.signatures[0];
      const res = await postJson(sandbox(), `/v3/signature_request/update/${SEED_REQUESTS.awaiting}`, { signature_id: before.signature_id, email_address: 'carol.new@example.com' }, key());
      assert.equal(res.status, 200, res.text);
      const after = res.json.signature_request.signatures[0];
      assert.equal(after.signer_email_address, 'carol.new@example.com');
      assert.notEqual(after.signature_id, before.signature_id);
      const signed = (await get(sandbox(), `/v3/signature_request/${SEED_REQUESTS.partiallySigned}`, key())).json.signature_request.signatures[0];
      const refused = await postJson(sandbox(), `/v3/signature_request/update/${SEED_REQUESTS.partiallySigned}`, { signature_id: signed.signature_id, name: 'X' }, key());
      assert.equal(refused.status, 400);
    });

    it('release_hold moves on-hold signers to awaiting_signature, once', async () => {
      const res = await postForm(sandbox(), `/v3/signature_request/release_hold/${SEED_REQUESTS.onHold}`, {}, key());
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.signature_request.signatures[0].status_code, 'awaiting_signature');
      assert.equal((await postForm(sandbox(), `/v3/signature_request/release_hold/${SEED_REQUESTS.onHold}`, {}, key())).status, 400);
    });

    it('PUT /account updates callback_url and locale', async () => {
      const res = await fetch(`${sandbox().url}/v3/account`, {
        method: 'PUT',
        headers: { Authorization: key(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ callback_url: 'https://example.com/events', locale: 'fr-FR' }),
      });
      const json = (await res.json()) as { account: { callback_url: string; locale: string } };
      assert.equal(json.account.callback_url, 'https://example.com/events');
      assert.equal(json.account.locale, 'fr-FR');
    });
  });
});
