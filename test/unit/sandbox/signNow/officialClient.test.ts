// The official signNow Node client (@signnow/api-client, a devDependency) against the sandbox, as a client
// would use it: token (password grant, verify, refresh), user, document upload/get/fields, both invites and
// download. The client always speaks https to its configured host; the test points its host and port at
// the sandbox and hands its https.request to http.request (loopback has no TLS) — its paths, headers and
// bodies go out unchanged.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import { buildPdf } from '../../../sandbox/kit/documents';
import { useSignNowSandbox } from '../../../support/sandboxes/signNow';

type Callback = (err: unknown, res: unknown) => void;
type Method = (params: Record<string, unknown>, cb: Callback) => void;
interface Client {
  oauth2: { requestToken: Method; verify: Method; refreshToken: Method };
  user: { retrieve: Method };
  document: { create: Method; view: Method; update: Method; invite: Method; download: Method; cancelFieldInvite: Method };
}

// The real module objects (an ES import would hand out a copy whose `request` the client never sees);
// the client ships no types.
const load = createRequire(__filename);
const https = load('node:https') as { request: unknown };
const init = load('@signnow/api-client') as (p: { credentials: string; production: boolean }) => Client;
const config = load('@signnow/api-client/config') as { getEnvConfig(): { api: { host: string; port: number } } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const run = (fn: Method, params: Record<string, unknown>): Promise<any> =>
  new Promise((resolve, reject) => fn(params, (err, res) => (err ? reject(new Error(`official client: ${JSON.stringify(err)}`)) : resolve(res))));

describe('signNow sandbox: the official Node client (@signnow/api-client)', () => {
  const sandbox = useSignNowSandbox();
  const originalRequest = https.request;
  let client: Client;
  let dir: string;

  beforeEach(() => {
    client = init({ credentials: sandbox().info.basicToken, production: false });
    const { hostname, port } = new URL(sandbox().url);
    config.getEnvConfig().api = { host: hostname, port: Number(port) };
    https.request = http.request;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signnow-client-'));
  });
  afterEach(() => {
    https.request = originalRequest;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('token, verify and refresh (password grant with the Basic client token)', async () => {
    const user = sandbox().info.users[0];
    const token = await run(client.oauth2.requestToken, { username: user.email, password: user.password });
    assert.match(token.access_token, /^[0-9a-f]{64}$/);
    const verified = await run(client.oauth2.verify, { token: token.access_token });
    assert.equal(verified.access_token, token.access_token);
    const refreshed = await run(client.oauth2.refreshToken, { refresh_token: token.refresh_token });
    assert.notEqual(refreshed.access_token, token.access_token);
    await assert.rejects(run(client.oauth2.refreshToken, { refresh_token: token.refresh_token }), /invalid_grant/);
  });

  it('user, document upload and get, free-form invite, fields and role-based invite, download', async () => {
    const user = sandbox().info.users[0];
    const { access_token: token } = await run(client.oauth2.requestToken, { username: user.email, password: user.password });
    assert.equal((await run(client.user.retrieve, { token })).primary_email, user.email);

    const file = path.join(dir, 'Offer.pdf');
    fs.writeFileSync(file, buildPdf([{ heading: 'Offer', lines: ['Sign here'] }]));
    const { id } = await run(client.document.create, { filepath: file, token });
    const doc = await run(client.document.view, { id, token });
    assert.equal(doc.document_name, 'Offer');

    const freeForm = await run(client.document.invite, { id, token, data: { to: 'signer@example.com', from: user.email, subject: 'Please sign' } });
    assert.equal(freeForm.result, 'success');

    const second = await run(client.document.create, { filepath: file, token });
    await run(client.document.update, { id: second.id, token, fields: { client_timestamp: 1, fields: [{ x: 10, y: 10, width: 100, height: 30, page_number: 0, role: 'Signer 1', required: true, type: 'signature' }] } });
    const withRole = await run(client.document.view, { id: second.id, token });
    const invite = await run(client.document.invite, {
      id: second.id,
      token,
      data: { to: [{ email: 'one@example.com', role: 'Signer 1', role_id: withRole.roles[0].unique_id, order: 1 }], from: user.email },
    });
    assert.deepEqual(invite, { status: 'success' });
    assert.equal((await run(client.document.view, { id: second.id, token })).field_invites[0].status, 'pending');

    const pdf: string = await run(client.document.download, { id: second.id, token });
    assert.equal(pdf.slice(0, 5), '%PDF-');
    assert.deepEqual(await run(client.document.cancelFieldInvite, { id: second.id, token }), { status: 'success' });
  });

  it("sees signNow's errors as errors (a wrong password, an unknown document)", async () => {
    await assert.rejects(run(client.oauth2.requestToken, { username: 'alice@example.com', password: 'wrong' }), /Invalid credentials/);
    const user = sandbox().info.users[0];
    const { access_token: token } = await run(client.oauth2.requestToken, { username: user.email, password: user.password });
    await assert.rejects(run(client.document.view, { id: '0'.repeat(40), token }), /Document not found/);
  });
});
