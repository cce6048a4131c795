import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'mocha';
import { AuthError, RateLimitError } from '../../../../src/core/errors';
import { DropboxSignApi } from '../../../../src/providers/dropboxSign/apiClient';
import { DropboxSignService } from '../../../../src/providers/dropboxSign/service';
import { example } from './examples';
import { FakeHttp, settings } from '../../../support/scriptedHttp';
import type { SignatureService } from '../../../../src/model/service';
import { dropboxSignStack } from '../../../support/stacks';

describe('DropboxSignService (fake HttpClient)', () => {
  it('listRequests maps the page and its requests', async () => {
    const fake = new FakeHttp().reply({ json: example('SignatureRequestListResponse') });
    const page = await new DropboxSignService(new DropboxSignApi(fake, settings)).listRequests('tok', { page: 1, pageSize: 20 });
    assert.equal(page.items.length, 2);
    assert.equal(page.numResults, 2);
    assert.equal(page.hasMore, false);
    assert.equal(page.items[1].state, 'completed');
  });

  it('sendRequest uploads files as multipart and returns the mapped request', async () => {
    const fake = new FakeHttp().reply({ json: example('SignatureRequestSendResponse') });
    const sent = await new DropboxSignService(new DropboxSignApi(fake, settings)).sendRequest('tok', {
      signers: [{ email: 'a@x.y', name: 'A' }],
      files: [{ filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') }],
      testMode: true,
    });
    assert.ok(fake.last.body && 'multipart' in fake.last.body);
    assert.deepEqual(fake.last.body.multipart.fields.find(([name]) => name === 'test_mode'), ['test_mode', '1']);
    assert.equal(typeof sent.request.id, 'string');
    assert.ok(sent.request.signers.length > 0);
    assert.deepEqual(sent.warnings, []);
  });

  it('sendRequest passes the service\'s warnings on, as text', async () => {
    const body = { ...(example('SignatureRequestSendResponse') as object), warnings: [{ warning_msg: 'Signer order was ignored. ', warning_name: 'signer_order' }, { warning_msg: '', warning_name: 'blank' }] };
    const fake = new FakeHttp().reply({ json: body });
    const sent = await new DropboxSignService(new DropboxSignApi(fake, settings)).sendRequest('tok', {
      signers: [{ email: 'a@x.y', name: 'A' }],
      files: [{ filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') }],
      testMode: true,
    });
    assert.deepEqual(sent.warnings, ['Signer order was ignored.']);
  });

  it('updateSigner sends signature_id with the changed fields only', async () => {
    const fake = new FakeHttp().reply({ json: example('SignatureRequestUpdateResponse') });
    await new DropboxSignService(new DropboxSignApi(fake, settings)).updateSigner('tok', 'rid', { signerId: 'sig', name: 'New' });
    assert.equal(JSON.stringify((fake.last.body as { json: unknown }).json), '{"signature_id":"sig","name":"New"}');
  });

  it('fileLink maps to ms', async () => {
    const fake = new FakeHttp().reply({ json: { file_url: 'https://s3/x', expires_at: 2 } });
    assert.deepEqual(await new DropboxSignService(new DropboxSignApi(fake, settings)).fileLink('tok', 'rid'), {
      url: 'https://s3/x',
      expiresAt: 2000,
    });
  });
});

describe('DropboxSignService over FetchHttpClient (local server)', () => {
  let server: http.Server;
  let service: SignatureService;
  let answer: (res: http.ServerResponse) => void;
  let seenAuth: string | undefined;

  before(async () => {
    server = http.createServer((req, res) => {
      seenAuth = req.headers.authorization;
      req.resume();
      req.on('end', () => answer(res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    service = dropboxSignStack({ apiBaseUrl: `${base}/v3`, oauthBaseUrl: base }, { timeoutMs: 2000 }).signatures;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gets the account with the bearer token', async () => {
    answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(example('AccountGetResponse')));
    };
    const account = await service.getAccount('live-token');
    assert.equal(account.email, 'me@dropboxsign.com');
    assert.equal(seenAuth, 'Bearer live-token');
  });

  it("surfaces Dropbox Sign's 401 error body as AuthError with its message", async () => {
    answer = (res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(example('Error401Response')));
    };
    const expected = example<{ error: { error_msg: string; error_name: string } }>('Error401Response').error;
    await assert.rejects(service.getRequest('tok', 'x'), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.message, expected.error_msg);
      assert.equal(error.errorName, expected.error_name);
      return true;
    });
  });

  it('surfaces 429 as RateLimitError with the reset time', async () => {
    const reset = Math.floor(Date.now() / 1000) + 60;
    answer = (res) => {
      res.writeHead(429, { 'Content-Type': 'application/json', 'X-Ratelimit-Reset': String(reset), 'X-RateLimit-Remaining': '0' });
      res.end(JSON.stringify(example('Error429Response')));
    };
    await assert.rejects(
      service.listRequests('tok', { page: 1 }),
      (error: unknown) => error instanceof RateLimitError && error.resetAt?.getTime() === reset * 1000 && error.remaining === 0,
    );
  });
});
