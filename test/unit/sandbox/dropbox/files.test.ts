import assert from 'node:assert/strict';
import { call, download, rpc, signIn, upload, useDropboxSandbox } from '../../../support/sandboxes/dropbox';

describe('Dropbox sandbox: files', () => {
  const sb = useDropboxSandbox();
  let token: string;
  beforeEach(async () => {
    token = (await signIn(sb())).access_token;
  });
  const names = (r: { json: { entries: Array<{ name: string }> } }) => r.json.entries.map((e) => e.name);

  describe('list_folder and list_folder/continue', () => {
    it('the seed: folders and PDFs at the root, each entry with Dropbox\'s metadata fields', async () => {
      const r = await rpc(sb(), 'files/list_folder', token, { path: '' });
      assert.equal(r.status, 200);
      assert.deepEqual(names(r), ['Contracts', 'Empty folder', 'Invoices', 'readme.txt', 'Scans', 'Welcome.pdf']);
      assert.equal(r.json.has_more, false);
      const file = r.json.entries.find((e: { name: string }) => e.name === 'Welcome.pdf');
      assert.equal(file['.tag'], 'file');
      assert.equal(file.path_lower, '/welcome.pdf');
      assert.match(file.id, /^id:/);
      assert.match(file.rev, /^[0-9a-f]{9,}$/);
      assert.match(file.client_modified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.match(file.content_hash, /^[0-9a-f]{64}$/);
      assert.equal(typeof file.size, 'number');
      assert.equal(r.json.entries.find((e: { name: string }) => e.name === 'Contracts')['.tag'], 'folder');
    });

    it('pages with limit, has_more and continue until done; paths are case-insensitive', async () => {
      let r = await rpc(sb(), 'files/list_folder', token, { path: '/scans', limit: 5 });
      const seen = names(r);
      assert.equal(r.json.has_more, true);
      while (r.json.has_more) {
        r = await rpc(sb(), 'files/list_folder/continue', token, { cursor: r.json.cursor });
        assert.equal(r.status, 200, r.text);
        seen.push(...names(r));
      }
      assert.equal(seen.length, 12);
      assert.equal(new Set(seen).size, 12);
    });

    it('a cursor can be replayed (the same page again), and after the end it reports new changes', async () => {
      const first = await rpc(sb(), 'files/list_folder', token, { path: '/Invoices' });
      assert.equal(first.json.has_more, false);
      const quiet = await rpc(sb(), 'files/list_folder/continue', token, { cursor: first.json.cursor });
      assert.deepEqual(names(quiet), []);
      await upload(sb(), token, { path: '/Invoices/Invoice 1043.pdf' }, '%PDF-1.4 new');
      const changes = await rpc(sb(), 'files/list_folder/continue', token, { cursor: first.json.cursor });
      assert.deepEqual(names(changes), ['Invoice 1043.pdf']);
    });

    it('recursive listings include the folder itself and its descendants', async () => {
      const r = await rpc(sb(), 'files/list_folder', token, { path: '/Contracts', recursive: true });
      assert.deepEqual(
        r.json.entries.map((e: { path_display: string }) => e.path_display),
        ['/Contracts', '/Contracts/Archive', '/Contracts/Archive/Old lease.pdf', '/Contracts/NDA Acme.pdf', '/Contracts/Services Agreement 2026.pdf', '/Contracts/Vertrag für Müller.pdf'],
      );
    });

    it('after the admin invalidates cursors, continue answers 409 reset', async () => {
      const r = await rpc(sb(), 'files/list_folder', token, { path: '/Scans', limit: 2 });
      sb().admin.invalidateCursors();
      const reset = await rpc(sb(), 'files/list_folder/continue', token, { cursor: r.json.cursor });
      assert.equal(reset.status, 409);
      assert.deepEqual(reset.json.error, { '.tag': 'reset' });
      assert.match(reset.json.error_summary, /^reset\//);
      assert.equal((await rpc(sb(), 'files/list_folder/continue', token, { cursor: 'not a cursor' })).status, 400);
    });

    it('another user sees only their own files', async () => {
      const bob = (await signIn(sb(), { email: 'bob@example.com' })).access_token;
      assert.deepEqual(names(await rpc(sb(), 'files/list_folder', bob, { path: '' })), ['Offer letter.pdf', 'Projects']);
      assert.equal((await rpc(sb(), 'files/get_metadata', bob, { path: '/Welcome.pdf' })).status, 409);
    });
  });

  describe('get_metadata', () => {
    it('by path (any case) and by id:', async () => {
      const a = await rpc(sb(), 'files/get_metadata', token, { path: '/contracts/nda acme.PDF' });
      assert.equal(a.status, 200);
      assert.equal(a.json.path_display, '/Contracts/NDA Acme.pdf');
      const b = await rpc(sb(), 'files/get_metadata', token, { path: a.json.id });
      assert.deepEqual(b.json, a.json);
    });
  });

  describe('upload modes and conflicts', () => {
    const nda = '/Contracts/NDA Acme.pdf';
    it('add onto an existing file: conflict; with autorename: "NDA Acme (1).pdf", then "(2)"', async () => {
      const conflict = await upload(sb(), token, { path: nda, mode: 'add' }, 'different');
      assert.equal(conflict.status, 409);
      assert.deepEqual(conflict.json.error.reason, { '.tag': 'conflict', conflict: { '.tag': 'file' } });
      assert.equal(conflict.json.error['.tag'], 'path');
      assert.ok(conflict.json.error.upload_session_id);
      assert.match(conflict.json.error_summary, /^path\/conflict\/file\/\.+$/);
      assert.equal((await upload(sb(), token, { path: nda, mode: 'add', autorename: true }, 'v1')).json.name, 'NDA Acme (1).pdf');
      assert.equal((await upload(sb(), token, { path: nda, autorename: true }, 'v2')).json.name, 'NDA Acme (2).pdf');
    });

    it('identical content is no conflict: the existing file comes back unchanged', async () => {
      const bytes = sb().admin.file('alice@example.com', nda)!.content!;
      const before = (await rpc(sb(), 'files/get_metadata', token, { path: nda })).json;
      const r = await upload(sb(), token, { path: nda, mode: 'add' }, bytes);
      assert.equal(r.status, 200);
      assert.equal(r.json.rev, before.rev);
    });

    it('overwrite: same id, new rev, new bytes; onto a folder it is a folder conflict', async () => {
      const before = (await rpc(sb(), 'files/get_metadata', token, { path: nda })).json;
      const r = await upload(sb(), token, { path: nda, mode: 'overwrite' }, 'new bytes');
      assert.equal(r.json.id, before.id);
      assert.notEqual(r.json.rev, before.rev);
      assert.equal(r.json.size, 9);
      assert.equal((await download(sb(), token, { path: nda })).text, 'new bytes');
      const folder = await upload(sb(), token, { path: '/Contracts', mode: 'overwrite' }, 'x');
      assert.deepEqual(folder.json.error.reason.conflict, { '.tag': 'folder' });
    });

    it('update: the current rev overwrites; a stale rev conflicts, or with autorename makes a "conflicted copy"', async () => {
      const rev = (await rpc(sb(), 'files/get_metadata', token, { path: nda })).json.rev;
      const ok = await upload(sb(), token, { path: nda, mode: { '.tag': 'update', update: rev } }, 'edit 1');
      assert.equal(ok.status, 200, ok.text);
      const stale = await upload(sb(), token, { path: nda, mode: { '.tag': 'update', update: rev } }, 'edit 2');
      assert.equal(stale.status, 409);
      assert.equal(stale.json.error.reason.conflict['.tag'], 'file');
      const copy = await upload(sb(), token, { path: nda, mode: { '.tag': 'update', update: rev }, autorename: true }, 'edit 2');
      assert.equal(copy.json.name, 'NDA Acme (conflicted copy).pdf');
    });

    it('a file as a parent folder: file_ancestor conflict; missing parents are created', async () => {
      const r = await upload(sb(), token, { path: '/Welcome.pdf/inner.pdf' }, 'x');
      assert.deepEqual(r.json.error.reason.conflict, { '.tag': 'file_ancestor' });
      assert.equal((await upload(sb(), token, { path: '/SignDesk/2026/a.pdf' }, 'x')).status, 200);
      assert.equal((await rpc(sb(), 'files/get_metadata', token, { path: '/SignDesk/2026' })).json['.tag'], 'folder');
    });

    it('over the size limit: 409 payload_too_large (Dropbox: 150 MiB; lowered here)', async () => {
      sb().admin.configure({ maxUploadBytes: 1024 });
      const r = await upload(sb(), token, { path: '/big.pdf' }, Buffer.alloc(1025));
      assert.equal(r.status, 409);
      assert.deepEqual(r.json.error, { '.tag': 'payload_too_large' });
      assert.equal((await upload(sb(), token, { path: '/ok.pdf' }, Buffer.alloc(1024))).status, 200);
    });

    it('a content_hash that does not match the bytes: 409 content_hash_mismatch; a bad mode: 400', async () => {
      const r = await upload(sb(), token, { path: '/h.pdf', content_hash: '0'.repeat(64) }, 'x');
      assert.deepEqual(r.json.error, { '.tag': 'content_hash_mismatch' });
      assert.equal((await upload(sb(), token, { path: '/h.pdf', mode: 'replace' }, 'x')).status, 400);
      assert.equal((await upload(sb(), token, { path: '/h.pdf', mode: { '.tag': 'update', update: 'xyz' } }, 'x')).status, 400);
    });
  });

  describe('get_temporary_link', () => {
    it('serves the bytes (as a PDF) for 4 h of sandbox time, then 410 Gone', async () => {
      const r = await rpc(sb(), 'files/get_temporary_link', token, { path: '/Contracts/Vertrag für Müller.pdf' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.metadata.name, 'Vertrag für Müller.pdf');
      const fetched = await call(r.json.link);
      assert.equal(fetched.status, 200);
      assert.equal(fetched.headers.get('content-type'), 'application/pdf');
      assert.equal(fetched.body.subarray(0, 5).toString(), '%PDF-');
      sb().admin.advanceClock(4 * 3600_000 - 1000);
      assert.equal((await call(r.json.link)).status, 200);
      sb().admin.advanceClock(1000);
      assert.equal((await call(r.json.link)).status, 410);
      assert.deepEqual(sb().admin.counters().linkFetches, { 200: 2, 410: 1 });
    });

    it('an unverified email: 409 email_not_verified', async () => {
      sb().admin.updateUser('alice@example.com', { emailVerified: false });
      const r = await rpc(sb(), 'files/get_temporary_link', token, { path: '/Welcome.pdf' });
      assert.deepEqual(r.json.error, { '.tag': 'email_not_verified' });
    });
  });

  describe('rate limits and faults', () => {
    it('past the per-token window: 429 JSON with Retry-After; the 429s count against the window', async () => {
      sb().admin.configure({ rateLimit: { perWindow: 2, retryAfterSeconds: 7 } });
      assert.equal((await rpc(sb(), 'files/list_folder', token, { path: '' })).status, 200);
      assert.equal((await rpc(sb(), 'files/list_folder', token, { path: '/Scans' })).status, 200);
      const r = await rpc(sb(), 'files/list_folder', token, { path: '' });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '7');
      assert.deepEqual(r.json.error, { reason: { '.tag': 'too_many_requests' }, retry_after: 7 });
      sb().admin.advanceClock(60_000);
      assert.equal((await rpc(sb(), 'files/list_folder', token, { path: '' })).status, 200);
      assert.equal(sb().admin.counters().rateLimited, 1);
    });

    it('the plain-text 429 variant', async () => {
      sb().admin.configure({ rateLimit: { perWindow: 0, plainText: true } });
      const r = await rpc(sb(), 'users/get_current_account', token);
      assert.equal(r.status, 429);
      assert.match(r.headers.get('content-type')!, /^text\/plain/);
      assert.ok(r.headers.get('retry-after'));
    });

    it('an identical list_folder while the first is still running: 429', async () => {
      sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'delay', delayMs: 300 });
      const slow = rpc(sb(), 'files/list_folder', token, { path: '/Scans' });
      // The twin must arrive while the first is held: poll the sandbox's own view instead of sleeping.
      while (sb().admin.listCallsInProgress() === 0) await new Promise((r) => setImmediate(r));
      const twin = await rpc(sb(), 'files/list_folder', token, { path: '/Scans' });
      assert.equal(twin.status, 429);
      assert.equal((await slow).status, 200);
    });

    it('faults on demand: plain 503 with Retry-After, 500, 429 for writes, expired token', async () => {
      sb().admin.injectFault({ path: '/api/2/files/list_folder', kind: 'plain_503', retryAfter: 3 });
      const r503 = await rpc(sb(), 'files/list_folder', token, { path: '' });
      assert.equal(r503.status, 503);
      assert.equal(r503.headers.get('retry-after'), '3');
      assert.match(r503.headers.get('content-type')!, /^text\/plain/);
      assert.equal((await rpc(sb(), 'files/list_folder', token, { path: '' })).status, 200, 'count 1 by default');
      sb().admin.injectFault({ path: '/2/files/upload', kind: 'too_many_write_operations' });
      const w = await upload(sb(), token, { path: '/a.pdf' }, 'x');
      assert.equal(w.json.error.reason['.tag'], 'too_many_write_operations');
      sb().admin.injectFault({ path: '/2/users/*', kind: 'expired_access_token' });
      assert.equal((await rpc(sb(), 'users/get_current_account', token)).json.error['.tag'], 'expired_access_token');
      sb().admin.injectFault({ path: '/oauth2/token', kind: 'server_error' });
      assert.equal((await call(`${sb().info.apiBaseUrl}/oauth2/token`, { method: 'POST' })).status, 500);
    });

    it('a download without Dropbox-API-Result, and one cut off halfway', async () => {
      sb().admin.injectFault({ path: '/2/files/download', kind: 'missing_api_result' });
      const r = await download(sb(), token, { path: '/Welcome.pdf' });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('dropbox-api-result'), null);
      sb().admin.injectFault({ path: '/2/files/download', kind: 'truncated_download' });
      await assert.rejects(download(sb(), token, { path: '/Welcome.pdf' }));
    });
  });
});
