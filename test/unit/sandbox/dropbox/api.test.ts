import assert from 'node:assert/strict';
import { findRepoRoot } from '../../../sandbox/kit/openapi';
import { STONE_RELATIVE_DIR } from '../../../sandbox/dropbox/server';
import { loadStoneSpec, parseStoneRoutes } from '../../../sandbox/dropbox/stone';
import { bearer, call, download, headerJson, rpc, signIn, upload, useDropboxSandbox } from '../../../support/sandboxes/dropbox';
import * as path from 'node:path';

describe('Dropbox sandbox: API styles, encodings and errors', () => {
  const sb = useDropboxSandbox();
  let token: string;
  beforeEach(async () => {
    token = (await signIn(sb())).access_token;
  });

  describe('the route table comes from the Stone spec', () => {
    it('host, style and scope per route; a :2 version becomes _v2', () => {
      const spec = loadStoneSpec(path.join(findRepoRoot(__dirname, STONE_RELATIVE_DIR), STONE_RELATIVE_DIR));
      assert.deepEqual(
        ['files/list_folder', 'files/get_temporary_link', 'files/download', 'files/upload', 'users/get_current_account', 'auth/token/revoke'].map((n) => {
          const r = spec.routes.get(n)!;
          return [n, r.host, r.style, r.scope];
        }),
        [
          ['files/list_folder', 'api', 'rpc', 'files.metadata.read'],
          ['files/get_temporary_link', 'api', 'rpc', 'files.content.read'],
          ['files/download', 'content', 'download', 'files.content.read'],
          ['files/upload', 'content', 'upload', 'files.content.write'],
          ['users/get_current_account', 'api', 'rpc', 'account_info.read'],
          ['auth/token/revoke', 'api', 'rpc', undefined],
        ],
      );
      assert.ok(spec.routes.has('files/search_v2'));
      assert.deepEqual(
        spec.structs.get('UploadArg')!.filter((f) => !f.optional).map((f) => f.name),
        ['path'],
        'CommitInfo fields are inherited; only path is required',
      );
    });

    it('parses a route without attrs as the stone_cfg defaults', () => {
      assert.deepEqual(parseStoneRoutes('namespace x\n\nroute do_it (Void, Void, Void)\n    "Doc."\n'), [
        { name: 'x/do_it', host: 'api', style: 'rpc', auth: 'user', argType: 'Void', deprecated: false },
      ]);
    });
  });

  describe('rpc', () => {
    it('users/get_current_account: no body → FullAccount', async () => {
      const r = await rpc(sb(), 'users/get_current_account', token);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.email, 'alice@example.com');
      assert.equal(r.json.name.display_name, 'Alice Anders');
      assert.equal(r.json.account_type['.tag'], 'pro');
      assert.equal(r.json.root_info['.tag'], 'user');
    });

    it('a Void route with Content-Type: application/json and an empty body: 400 plain text', async () => {
      const r = await call(`${sb().info.apiBaseUrl}/2/users/get_current_account`, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' } });
      assert.equal(r.status, 400);
      assert.match(r.headers.get('content-type')!, /^text\/plain/);
      assert.equal(r.text, 'Error in call to API function "users/get_current_account": request body: could not decode input as JSON');
    });

    it('a JSON route with another content type, bad JSON, an unknown field or a missing field: 400 plain text', async () => {
      const post = (body: string, type = 'application/json') =>
        call(`${sb().info.apiBaseUrl}/2/files/list_folder`, { method: 'POST', headers: { ...bearer(token), 'Content-Type': type }, body });
      const wrongType = await post('{"path":""}', 'application/x-www-form-urlencoded');
      assert.equal(wrongType.status, 400);
      assert.match(wrongType.text, /Bad HTTP "Content-Type" header/);
      assert.match((await post('{"path":')).text, /could not decode input as JSON/);
      assert.match((await post('{"path":"","recursiv":true}')).text, /unknown field 'recursiv'/);
      assert.match((await post('{}')).text, /missing required field 'path'/);
      assert.equal((await post('{"path":""}', 'text/plain; charset=dropbox-cors-hack')).status, 200);
    });

    it('"" is the root; "/" is a plain-text 400; a relative path fails the spec pattern', async () => {
      assert.equal((await rpc(sb(), 'files/list_folder', token, { path: '' })).status, 200);
      const slash = await rpc(sb(), 'files/list_folder', token, { path: '/' });
      assert.equal(slash.status, 400);
      assert.match(slash.headers.get('content-type')!, /^text\/plain/);
      assert.match(slash.text, /Specify the root folder as an empty string rather than as "\/"/);
      assert.match((await rpc(sb(), 'files/list_folder', token, { path: 'Contracts' })).text, /did not match pattern/);
      assert.match((await rpc(sb(), 'files/get_metadata', token, { path: '' })).text, /root folder is unsupported/);
    });

    it('the token may come as the `authorization` URL parameter instead of the header', async () => {
      const r = await call(`${sb().info.apiBaseUrl}/2/users/get_current_account?authorization=${encodeURIComponent(`Bearer ${token}`)}`, { method: 'POST' });
      assert.equal(r.status, 200, r.text);
    });

    it('no token: 400 plain text; an unknown token: 401 invalid_access_token', async () => {
      const none = await call(`${sb().info.apiBaseUrl}/2/users/get_current_account`, { method: 'POST' });
      assert.equal(none.status, 400);
      assert.match(none.text, /Must provide HTTP header "Authorization"/);
      const unknown = await rpc(sb(), 'users/get_current_account', 'sl.nope');
      assert.equal(unknown.status, 401);
      assert.equal(unknown.json.error['.tag'], 'invalid_access_token');
    });

    it('a route on the wrong host, an unknown route: refused', async () => {
      const wrongHost = await call(`${sb().info.apiBaseUrl}/2/files/download`, { method: 'POST', headers: { ...bearer(token), 'Dropbox-API-Arg': '{"path":"/Welcome.pdf"}' } });
      assert.equal(wrongHost.status, 400);
      assert.match(wrongHost.text, /content host/);
      assert.equal((await rpc(sb(), 'files/no_such_route', token, {})).status, 404);
    });
  });

  describe('scopes, checked per route from the Stone `scope` attribute', () => {
    it('a token without files.content.read may list but not get a temporary link: 401 missing_scope naming the scope', async () => {
      const narrow = (await signIn(sb(), { scope: 'files.metadata.read' })).access_token;
      assert.equal((await rpc(sb(), 'files/list_folder', narrow, { path: '' })).status, 200);
      const r = await rpc(sb(), 'files/get_temporary_link', narrow, { path: '/Welcome.pdf' });
      assert.equal(r.status, 401);
      assert.deepEqual(r.json.error, { '.tag': 'missing_scope', required_scope: 'files.content.read' });
      assert.match(r.json.error_summary, /^missing_scope\//);
      assert.equal((await rpc(sb(), 'users/get_current_account', narrow)).json.error.required_scope, 'account_info.read');
      assert.equal((await upload(sb(), narrow, { path: '/x.pdf' }, 'x')).json.error.required_scope, 'files.content.write');
      assert.equal((await rpc(sb(), 'auth/token/revoke', narrow)).status, 200, 'revoke needs no scope');
    });
  });

  describe('download and upload: Dropbox-API-Arg', () => {
    it('download: bytes in the body, the metadata in Dropbox-API-Result with non-ASCII escaped', async () => {
      const r = await download(sb(), token, { path: '/Contracts/Vertrag für Müller.pdf' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
      const raw = r.headers.get('dropbox-api-result')!;
      assert.match(raw, /Vertrag f\\u00fcr M\\u00fcller\.pdf/);
      assert.doesNotMatch(raw, /[^\x20-\x7e]/);
      assert.equal(JSON.parse(raw).name, 'Vertrag für Müller.pdf');
      assert.equal(JSON.parse(raw).size, r.body.length);
    });

    it('a header with raw (unescaped) non-ASCII is refused with 400', async () => {
      const r = await call(`${sb().info.contentBaseUrl}/2/files/download`, {
        method: 'POST',
        // latin1 bytes on the wire, as a client that forgot to escape would send them
        headers: { ...bearer(token), 'Dropbox-API-Arg': Buffer.from('{"path":"/Contracts/Vertrag f\u00fcr M\u00fcller.pdf"}', 'latin1').toString('latin1') },
      });
      assert.equal(r.status, 400);
      assert.match(r.text, /HTTP header "Dropbox-API-Arg": could not decode input as JSON/);
    });

    it('download by GET with the `arg` and `authorization` URL parameters, and a Range', async () => {
      const q = new URLSearchParams({ arg: JSON.stringify({ path: '/Welcome.pdf' }), authorization: `Bearer ${token}` });
      const whole = await call(`${sb().info.contentBaseUrl}/2/files/download?${q}`);
      assert.equal(whole.status, 200, whole.text);
      const part = await call(`${sb().info.contentBaseUrl}/2/files/download?${q}`, { headers: { Range: 'bytes=0-7' } });
      assert.equal(part.status, 206);
      assert.equal(part.text, '%PDF-1.4');
      assert.equal(part.headers.get('content-range'), `bytes 0-7/${whole.body.length}`);
    });

    it('missing Dropbox-API-Arg, or both header and parameter: 400', async () => {
      const none = await call(`${sb().info.contentBaseUrl}/2/files/download`, { method: 'POST', headers: bearer(token) });
      assert.match(none.text, /Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg"/);
      const both = await call(`${sb().info.contentBaseUrl}/2/files/download?arg=${encodeURIComponent('{"path":"/Welcome.pdf"}')}`, {
        method: 'POST',
        headers: { ...bearer(token), 'Dropbox-API-Arg': '{"path":"/Welcome.pdf"}' },
      });
      assert.equal(both.status, 400);
    });

    it('upload: octet-stream body, escaped non-ASCII path; another content type is refused', async () => {
      const r = await upload(sb(), token, { path: '/SignDesk/Vertrag für Müller (signed).pdf', mode: 'add', autorename: true }, '%PDF-1.4 signed');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.path_display, '/SignDesk/Vertrag für Müller (signed).pdf');
      assert.equal(sb().admin.file('alice@example.com', '/signdesk/vertrag für müller (signed).pdf')!.content!.toString(), '%PDF-1.4 signed');
      const wrong = await call(`${sb().info.contentBaseUrl}/2/files/upload`, {
        method: 'POST',
        headers: { ...bearer(token), 'Content-Type': 'application/pdf', 'Dropbox-API-Arg': headerJson({ path: '/a.pdf' }) },
        body: 'x',
      });
      assert.equal(wrong.status, 400);
      assert.match(wrong.text, /Bad HTTP "Content-Type" header: "application\/pdf"/);
    });
  });

  describe('errors: 409 route unions with error_summary', () => {
    it('path/not_found, path/not_folder, path/not_file, path/malformed_path', async () => {
      const nf = await rpc(sb(), 'files/get_metadata', token, { path: '/nope.pdf' });
      assert.equal(nf.status, 409);
      assert.deepEqual(nf.json.error, { '.tag': 'path', path: { '.tag': 'not_found' } });
      assert.match(nf.json.error_summary, /^path\/not_found\/\.+$/);
      assert.equal((await rpc(sb(), 'files/list_folder', token, { path: '/Welcome.pdf' })).json.error.path['.tag'], 'not_folder');
      assert.equal((await rpc(sb(), 'files/get_temporary_link', token, { path: '/Contracts' })).json.error.path['.tag'], 'not_file');
      assert.equal((await rpc(sb(), 'files/get_metadata', token, { path: '/Contracts/' })).json.error.path['.tag'], 'malformed_path');
    });
  });
});
