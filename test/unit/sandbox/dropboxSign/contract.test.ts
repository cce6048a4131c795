// The sandbox against the vendored Dropbox Sign spec: a tour of every implemented operation (success and
// failure answers, all validated by the recorder in test/support/sandboxes/dropboxSign.ts), plus spec-driven invalid requests that
// must be refused with 400 bad_request.
import assert from 'node:assert/strict';
import { IMPLEMENTED_API_OPERATIONS } from '../../../sandbox/dropboxSign/api';
import { resolveSchema } from '../../../sandbox/kit/openapi';
import { loadDropboxSignSpec } from '../../../sandbox/dropboxSign/spec';
import { Exchange, SEED, SEED_REQUESTS } from '../../../sandbox/dropboxSign/server';
import { contractViolation } from '../../../support/sandboxes/dropboxSignSpec';
import { basic, bearer, get, postJson, signIn, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('sandbox contract (vendored OpenAPI spec)', function () {
  this.timeout(20_000);
  const sandbox = useSandbox();
  const key = () => basic(sandbox().info.apiKey);

  describe('the response checker', () => {
    const exchange = (over: Partial<Exchange>): Exchange => ({
      method: 'GET',
      path: '/v3/signature_request/list',
      query: '',
      operationId: 'signatureRequestList',
      status: 200,
      headers: { 'content-type': 'application/json', 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' },
      body: Buffer.from(JSON.stringify({ signature_requests: [], list_info: { page: 1, num_pages: 1, num_results: 0, page_size: 20 } })),
      ...over,
    });

    it('accepts a conforming response', () => {
      assert.equal(contractViolation(exchange({})), undefined);
    });

    it('reports a missing required property, a wrong type, a wrong content type, an undeclared status, missing headers', () => {
      assert.match(contractViolation(exchange({ body: Buffer.from('{"signature_requests":[]}') }))!, /list_info/);
      assert.match(contractViolation(exchange({ body: Buffer.from('{"signature_requests":[{"title":5}],"list_info":{}}') }))!, /\[title\] must be string/);
      assert.match(contractViolation(exchange({ headers: { 'content-type': 'text/html' } }))!, /content-type/);
      assert.match(contractViolation(exchange({ status: 500 }))!, /status not declared/);
      assert.match(contractViolation(exchange({ headers: { 'content-type': 'application/json' } }))!, /missing headers/);
      assert.match(contractViolation(exchange({ status: 404, body: Buffer.from('{"error":{"error_msg":"x"}}') }))!, /error_name/);
    });

    it('handles nullable fields the OpenAPI 3.0 way', () => {
      const sr = { signature_request: { signature_request_id: 'x', expires_at: null, signing_url: null, subject: null } };
      const e = exchange({ operationId: 'signatureRequestGet', path: '/v3/signature_request/x', body: Buffer.from(JSON.stringify(sr)) });
      assert.equal(contractViolation(e), undefined);
      const notNullable = { signature_request: { title: null } };
      assert.ok(contractViolation({ ...e, body: Buffer.from(JSON.stringify(notNullable)) }));
    });

    it('leaves injected faults and non-API pages alone', () => {
      assert.equal(contractViolation(exchange({ status: 503, fault: 'html_503', headers: { 'content-type': 'text/html' } })), undefined);
      assert.equal(contractViolation(exchange({ operationId: undefined, path: '/oauth/authorize', headers: { 'content-type': 'text/html' } })), undefined);
    });
  });

  it('a tour of every implemented operation gets spec-conforming answers, 200 and 4XX alike', async () => {
    const sb = sandbox();
    const seen = sb.exchanges.length;
    const t = await signIn(sb, SEED.alice.email);
    const b = bearer(t.access_token);
    const sr = (id: string) => `/v3/signature_request/${id}`;
    const calls: Array<Promise<unknown>> = [];
    // account
    await get(sb, '/v3/account', b);
    await get(sb, '/v3/account', key());
    await get(sb, '/v3/account?account_id=nope', key());
    await fetch(`${sb.url}/v3/account`, { method: 'PUT', headers: { Authorization: key(), 'Content-Type': 'application/json' }, body: '{"locale":"en-GB"}' });
    await fetch(`${sb.url}/v3/account`, { method: 'PUT', headers: { Authorization: key(), 'Content-Type': 'application/json' }, body: '{"callback_url":5}' });
    await postJson(sb, '/v3/account/verify', { email_address: SEED.bob.email }, key());
    await postJson(sb, '/v3/account/verify', { email_address: 'nobody@example.com' }, b);
    await postJson(sb, '/v3/account/verify', {}, key());
    const created = await postJson(sb, '/v3/account/create', { email_address: 'tour@example.com', client_id: sb.info.clientId, client_secret: sb.info.clientSecret }, key());
    await get(sb, '/v3/account', bearer(created.json.oauth_data.access_token)); // 403 until confirmed
    await postJson(sb, '/v3/account/create', { email_address: 'tour@example.com' }, key());
    // list / get
    await get(sb, '/v3/signature_request/list?page=1&page_size=100', b);
    await get(sb, '/v3/signature_request/list?query=complete:false', key());
    await get(sb, '/v3/signature_request/list?page_size=500', key());
    for (const id of Object.values(SEED_REQUESTS)) calls.push(get(sb, sr(id), key()), get(sb, sr(id), b));
    await Promise.all(calls);
    // send
    const sent = await postJson(sb, '/v3/signature_request/send', { title: 'Tour', file_urls: ['https://example.com/t.pdf'], signers: [{ name: 'T', email_address: 't@example.com' }], test_mode: true }, b);
    const newId = sent.json.signature_request.signature_request_id as string;
    await postJson(sb, '/v3/signature_request/send', { signers: [] }, b);
    // remind / update / release / cancel
    await postJson(sb, `/v3/signature_request/remind/${newId}`, { email_address: 't@example.com' }, b);
    await postJson(sb, `/v3/signature_request/remind/${newId}`, { email_address: 't@example.com' }, b);
    const sigId = sent.json.signature_request.signatures[0].signature_id;
    await postJson(sb, `/v3/signature_request/update/${newId}`, { signature_id: sigId, name: 'Tee' }, b);
    await postJson(sb, `/v3/signature_request/update/${newId}`, { name: 'Tee' }, b);
    await postJson(sb, `/v3/signature_request/release_hold/${SEED_REQUESTS.onHold}`, {}, key());
    await postJson(sb, `/v3/signature_request/release_hold/${SEED_REQUESTS.onHold}`, {}, key());
    await postJson(sb, `/v3/signature_request/cancel/${newId}`, {}, b);
    await postJson(sb, `/v3/signature_request/cancel/${newId}`, {}, b);
    // files
    await get(sb, `/v3/signature_request/files/${SEED_REQUESTS.completed}`, b);
    await get(sb, `/v3/signature_request/files/${SEED_REQUESTS.completed}?file_type=zip`, b);
    await get(sb, `/v3/signature_request/files_as_file_url/${SEED_REQUESTS.completed}`, b);
    await get(sb, `/v3/signature_request/files_as_data_uri/${SEED_REQUESTS.completed}`, b);
    sb.admin.setFilesPreparing(SEED_REQUESTS.completed, true);
    await get(sb, `/v3/signature_request/files/${SEED_REQUESTS.completed}`, b);
    await get(sb, `/v3/signature_request/files_as_data_uri/${SEED_REQUESTS.completed}`, key());
    await get(sb, `/v3/signature_request/files_as_file_url/${SEED_REQUESTS.completed}`, key());
    // tokens
    await postJson(sb, '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    await postJson(sb, '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    await postJson(sb, '/oauth/token', { grant_type: 'authorization_code' });
    // rate limit and auth failures
    sb.admin.setRateLimits({ standard: 0 });
    await get(sb, '/v3/signature_request/list', key());
    await get(sb, '/v3/signature_request/list');

    const tour = sb.exchanges.slice(seen);
    const byOp = new Map<string, Set<number>>();
    for (const e of tour) if (e.operationId) byOp.set(e.operationId, (byOp.get(e.operationId) ?? new Set()).add(e.status));
    for (const op of [...IMPLEMENTED_API_OPERATIONS, 'oauthTokenGenerate', 'oauthTokenRefresh']) {
      const statuses = [...(byOp.get(op) ?? [])];
      assert.ok(statuses.includes(200), `${op} answered 200 in the tour (saw ${statuses})`);
      assert.ok(statuses.some((s) => s >= 400 && s < 500), `${op} answered a 4XX in the tour (saw ${statuses})`);
    }
    const statuses = new Set(tour.map((e) => e.status));
    for (const s of [200, 400, 401, 403, 404, 409, 410, 429]) assert.ok(statuses.has(s), `the tour saw a ${s}`);
    assert.deepEqual(tour.map((e) => contractViolation(e)).filter(Boolean), []);
  });

  it('refuses, with 400 bad_request and the field in error_path, a body missing any property the spec requires', async () => {
    const spec = loadDropboxSignSpec();
    const valid: Record<string, { path: string; body: Record<string, unknown> }> = {
      accountCreate: { path: '/v3/account/create', body: { email_address: 'req@example.com' } },
      accountVerify: { path: '/v3/account/verify', body: { email_address: SEED.bob.email } },
      signatureRequestRemind: { path: `/v3/signature_request/remind/${SEED_REQUESTS.awaiting}`, body: { email_address: 'carol@example.com' } },
      signatureRequestUpdate: { path: `/v3/signature_request/update/${SEED_REQUESTS.awaiting}`, body: { signature_id: 'x', name: 'y' } },
      oauthTokenGenerate: { path: '/oauth/token', body: { client_id: 'a', client_secret: 'b', code: 'c', state: 'd', grant_type: 'authorization_code' } },
      oauthTokenRefresh: { path: '/oauth/token?refresh', body: { grant_type: 'refresh_token', refresh_token: 'r' } },
    };
    let checked = 0;
    for (const [operationId, { path, body }] of Object.entries(valid)) {
      const op = spec.operations.find((o) => o.operationId === operationId)!;
      const schema = resolveSchema(spec, op.requestBody!.content['application/json'].schema)!;
      const required = ((schema.required as string[]) ?? []).filter((p) => !(operationId === 'oauthTokenRefresh' && p === 'grant_type'));
      for (const prop of required) {
        const { [prop]: _omitted, ...rest } = body;
        const res = await postJson(sandbox(), path, rest, path.startsWith('/v3') ? key() : undefined);
        assert.equal(res.status, 400, `${operationId} without ${prop}`);
        assert.equal(res.json.error.error_name, 'bad_request', `${operationId} without ${prop}`);
        assert.equal(res.json.error.error_path, prop, `${operationId} without ${prop}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `checked ${checked} required properties`);
  });

  it('refuses query values of the wrong type or outside an enum with 400 bad_request', async () => {
    for (const path of [
      '/v3/signature_request/list?page=two',
      '/v3/signature_request/list?page_size=1.5',
      `/v3/signature_request/files/${SEED_REQUESTS.completed}?file_type=docx`,
      `/v3/signature_request/files_as_file_url/${SEED_REQUESTS.completed}?force_download=yes`,
    ]) {
      const res = await get(sandbox(), path, key());
      assert.equal(res.status, 400, path);
      assert.equal(res.json.error.error_name, 'bad_request', path);
    }
  });
});
