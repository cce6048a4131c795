import assert from 'node:assert/strict';
import { basic, get, postJson, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('sandbox faults', () => {
  const sandbox = useSandbox();
  const key = () => basic(sandbox().info.apiKey);
  const list = () => get(sandbox(), '/v3/signature_request/list', key());
  const inject = (fault: Record<string, unknown>) => postJson(sandbox(), '/_admin/faults', fault);

  it('server_error: the next N calls get a 500, then calls work again', async () => {
    await inject({ path: '/v3/signature_request/list', kind: '500', count: 2 });
    assert.equal((await list()).status, 500);
    assert.equal((await list()).status, 500);
    assert.equal((await list()).status, 200);
    assert.equal(sandbox().admin.counters().faultsServed.server_error, 2);
  });

  it('html_503: an HTML error page', async () => {
    await inject({ path: '/v3/signature_request/list', kind: 'html_503' });
    const res = await list();
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.text, /<html>/);
  });

  it('malformed_json: 200 with a body that is not JSON', async () => {
    await inject({ path: '/v3/signature_request/list', kind: 'malformed_json' });
    const res = await list();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.throws(() => JSON.parse(res.text));
  });

  it('unauthorized: a 401 as for an expired access token', async () => {
    await inject({ path: '/v3/account', kind: '401' });
    const res = await get(sandbox(), '/v3/account', key());
    assert.equal(res.status, 401);
    assert.equal(res.json.error.error_name, 'unauthorized');
  });

  it('drop: the connection is closed without an answer', async () => {
    await inject({ path: '/v3/signature_request/list', kind: 'drop' });
    await assert.rejects(list());
    assert.equal((await list()).status, 200);
  });

  it('delay: the answer comes after the delay (past a short client timeout)', async () => {
    await inject({ path: '/v3/signature_request/list', kind: 'delay', delayMs: 5_000 });
    const started = Date.now();
    await assert.rejects(fetch(`${sandbox().url}/v3/signature_request/list`, { headers: { Authorization: key() }, signal: AbortSignal.timeout(200) }));
    assert.ok(Date.now() - started < 4_000);
    assert.equal((await list()).status, 200);
  });

  it('delay: a short delay still ends in the normal answer', async () => {
    sandbox().admin.injectFault({ path: '/v3/account', kind: 'delay', delayMs: 20 });
    assert.equal((await get(sandbox(), '/v3/account', key())).status, 200);
  });

  it('matches by method and path prefix (trailing *), and applies to /oauth/token', async () => {
    sandbox().admin.injectFault({ path: '/v3/signature_request/*', method: 'GET', kind: 'server_error', count: 2 });
    assert.equal((await get(sandbox(), '/v3/account', key())).status, 200);
    assert.equal((await list()).status, 500);
    assert.equal((await get(sandbox(), '/v3/signature_request/abc', key())).status, 500);
    sandbox().admin.injectFault({ path: '/oauth/token', kind: 'server_error' });
    assert.equal((await postJson(sandbox(), '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: 'x' })).status, 500);
  });

  it('lists and clears pending faults; refuses unknown kinds', async () => {
    await inject({ faults: [{ path: '/a', kind: 'drop' }, { path: '/b', kind: '503', count: 3 }] });
    const pending = await get(sandbox(), '/_admin/faults');
    assert.deepEqual(pending.json.map((f: { kind: string; remaining: number }) => [f.kind, f.remaining]), [['drop', 1], ['html_503', 3]]);
    await fetch(`${sandbox().url}/_admin/faults`, { method: 'DELETE' });
    assert.deepEqual((await get(sandbox(), '/_admin/faults')).json, []);
    assert.equal((await inject({ path: '/a', kind: 'explode' })).status, 400);
    assert.equal((await inject({ path: 'no-slash', kind: 'drop' })).status, 400);
  });
});
