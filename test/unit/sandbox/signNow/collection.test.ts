// The official signNow Postman collection, replayed against the sandbox: its paths, methods and example
// bodies must work unchanged where the sandbox implements the route (and the shapes of the answers are
// checked by the suite's contract hook).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findApiRoute } from '../../../sandbox/signNow/api';
import { buildPdf } from '../../../sandbox/kit/documents';
import { call, useSignNowSandbox, type Reply } from '../../../support/sandboxes/signNow';

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: {
    method: string;
    url: { raw: string } | string;
    header?: Array<{ key: string; value: string }>;
    auth?: { type: string };
    body?: { mode?: string; raw?: string; formdata?: Array<{ key: string; value?: string; type: string }>; urlencoded?: Array<{ key: string; value?: string }> };
  };
}

const collection = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../../test/sandbox/signNow/reference/signnow-postman-collection.json'), 'utf8'),
) as { item: PostmanItem[] };

function flow(name: string): PostmanItem[] {
  const folder = collection.item.find((i) => i.name.startsWith(name));
  assert.ok(folder?.item, `no ${name} in the collection`);
  return folder.item;
}

const rawUrl = (r: NonNullable<PostmanItem['request']>) => (typeof r.url === 'string' ? r.url : r.url.raw);

/** Every request of the collection as `METHOD /path` (variables left in). */
function allRequests(items: PostmanItem[] = collection.item): Array<{ name: string; method: string; path: string }> {
  return items.flatMap((i) => (i.item ? allRequests(i.item) : i.request ? [{ name: i.name, method: i.request.method, path: rawUrl(i.request).replace(/^\{\{(prod_)?url\}\}/, '').split('?')[0] }] : []));
}

describe('signNow sandbox: the official Postman collection', () => {
  const sandbox = useSignNowSandbox();

  it("routes the collection's requests for every endpoint SignDesk uses (ids in the path as any id)", () => {
    const implemented = allRequests()
      .filter((r) => r.path === '/oauth2/token' || findApiRoute(r.method, r.path.replace(/\{\{\w+\}\}/g, 'x').replace(/\/$/, '')))
      .map((r) => `${r.method} ${r.path.replace(/\{\{\w+\}\}/g, '{id}').replace(/\/$/, '')}`);
    for (const needed of [
      'POST /oauth2/token',
      'GET /oauth2/token',
      'GET /user',
      'GET /user/documentsv2',
      'GET /user/folder',
      'GET /folder/{id}',
      'POST /document',
      'GET /document/{id}',
      'PUT /document/{id}',
      'POST /document/{id}/invite',
      'PUT /document/{id}/fieldinvitecancel',
      'PUT /fieldinvite/{id}/resend',
      'GET /document/{id}/download',
      'GET /document/{id}/download/link',
    ]) {
      assert.ok(implemented.includes(needed), `${needed} is not routed (routed: ${[...new Set(implemented)].join(', ')})`);
    }
  });

  /** Replays one flow of the collection; `vars` fills {{…}}, `after` reads ids from each answer. */
  async function replay(items: PostmanItem[], vars: Record<string, string>, after: (name: string, res: Reply) => void): Promise<Map<string, Reply>> {
    const fill = (s: string) => s.replace(/\{\{(\$?\w+)\}\}/g, (_, k: string) => (k === '$timestamp' ? String(Math.floor(Date.now() / 1000)) : (vars[k] ?? `{{${k}}}`)));
    const results = new Map<string, Reply>();
    for (const item of items) {
      const r = item.request!;
      const target = fill(rawUrl(r)).replace(vars.url, '');
      const p = new URL(target, sandbox().url);
      // The request's own Authorization header (Basic for /oauth2/token), else the collection's bearer auth.
      const own = r.header?.find((h) => h.key.toLowerCase() === 'authorization');
      const auth = own ? fill(own.value) : `Bearer ${vars.token}`;
      let res: Reply;
      if (r.body?.mode === 'urlencoded') {
        const form = Object.fromEntries((r.body.urlencoded ?? []).map((f) => [f.key, fill(f.value ?? '')]));
        res = await call(sandbox(), r.method, p.pathname + p.search, { auth, form });
      } else if (r.body?.mode === 'formdata') {
        const form = new FormData();
        for (const f of r.body.formdata ?? []) {
          if (f.type === 'file') form.append(f.key, new Blob([new Uint8Array(buildPdf([{ heading: 'Collection upload', lines: [] }]))], { type: 'application/pdf' }), 'collection.pdf');
          else form.append(f.key, fill(f.value ?? ''));
        }
        res = await call(sandbox(), r.method, p.pathname + p.search, { auth, body: form });
      } else if (r.body?.mode === 'raw' && r.body.raw?.trim()) {
        res = await call(sandbox(), r.method, p.pathname + p.search, { auth, json: JSON.parse(fill(r.body.raw)) });
      } else {
        res = await call(sandbox(), r.method, p.pathname + p.search, { auth });
      }
      results.set(item.name, res);
      after(item.name, res);
    }
    return results;
  }

  it("'Invite to Sign (with fields)': authenticate, upload, add fields, read role ids, field invite, resend", async () => {
    const info = sandbox().info;
    const vars: Record<string, string> = { url: sandbox().url, basic: info.basicToken, user: info.users[0].email, password: info.users[0].password, signer1: 'one@example.com', signer2: 'two@example.com', user3: 'three@example.com' };
    const results = await replay(flow('00 Invite to Sign'), vars, (name, res) => {
      if (name === 'Authentication') vars.token = res.json.access_token;
      if (name === 'Upload document') vars.document_id = res.json.id;
      if (name === 'Get role ids') [vars.role_id_1, vars.role_id_2] = res.json.roles.map((r: { unique_id: string }) => r.unique_id);
      if (name === 'Get field and field invite id') {
        [vars.field_id_1, vars.field_id_2] = res.json.field_invites.map((f: { id: string }) => f.id);
        [vars.field_invite_id_1, vars.field_invite_id_2] = [vars.field_id_1, vars.field_id_2];
      }
    });
    for (const step of ['Authentication', 'Upload document', 'Add 2 fillable fields', 'Get role ids', 'Field Invite', 'Get field and field invite id', 'Resend field invite']) {
      assert.equal(results.get(step)?.status, 200, `${step}: ${results.get(step)?.text}`);
    }
    const invites = results.get('Get field and field invite id')!.json.field_invites;
    assert.deepEqual(invites.map((f: { email: string; status: string }) => [f.email, f.status]), [['one@example.com', 'pending'], ['two@example.com', 'created']]);
    // Reassign, change password and deleting one field invite are not in the sandbox: signNow's own 404 shape.
    for (const step of ['Reassign signer', 'Change password', 'Cancel field invite']) {
      assert.equal(results.get(step)?.status, 404, step);
      assert.deepEqual(Object.keys(results.get(step)!.json), ['404']);
    }
  });

  it("'Free form Invite (without fields)': authorize, upload, free-form invite with cc", async () => {
    const info = sandbox().info;
    const vars: Record<string, string> = { url: sandbox().url, basic: info.basicToken, user: info.users[0].email, password: info.users[0].password, user1: 'signer@example.com', user2: 'cc@example.com' };
    const results = await replay(flow('01 Free form Invite'), vars, (name, res) => {
      if (name === '1. Authorization') vars.token = res.json.access_token;
      if (name === '2. Upload document') vars.document_id = res.json.id;
    });
    for (const [step, res] of results) assert.equal(res.status, 200, `${step}: ${res.text}`);
    assert.equal(results.get('3. Send a free form invite')!.json.result, 'success');
    const doc = await call(sandbox(), 'GET', `/document/${vars.document_id}`, { auth: `Bearer ${vars.token}` });
    assert.equal(doc.json.requests[0].signer_email, 'signer@example.com');
  });
});
