import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { BadResponseError, ConflictError, InvalidInputError, NotFoundError } from '../../../../src/core/errors';
import { authorizationHeader, DropboxSignApi, toFormFields } from '../../../../src/providers/dropboxSign/apiClient';
import { example } from './examples';
import { FakeHttp, settings } from '../../../support/scriptedHttp';

const ID = 'fa5c8a0b0f492d768749333ad6fcc214c111e967';
const sendBody = {
  title: 'NDA',
  signers: [{ email_address: 'jack@example.com', name: 'Jack', order: 0 }],
  cc_email_addresses: ['boss@example.com'],
  metadata: { project: 'x' },
  test_mode: true,
  allow_decline: false,
  allow_reassign: false,
  hide_text_tags: false,
  is_eid: false,
  use_text_tags: false,
};

function api(http: FakeHttp): DropboxSignApi {
  return new DropboxSignApi(http, settings);
}

describe('authorizationHeader', () => {
  it('uses Bearer for tokens and Basic key: for API keys', () => {
    assert.equal(authorizationHeader('tok'), 'Bearer tok');
    assert.equal(authorizationHeader({ apiKey: 'k3y' }), `Basic ${Buffer.from('k3y:').toString('base64')}`);
  });

  it('refuses empty credentials before sending anything', () => {
    assert.throws(() => authorizationHeader(''), InvalidInputError);
    assert.throws(() => authorizationHeader({ apiKey: '' }), InvalidInputError);
  });
});

describe('toFormFields', () => {
  it('flattens nested objects and arrays with brackets, booleans as 1/0, skipping null', () => {
    assert.deepEqual(toFormFields({ ...sendBody, subject: null, expires_at: undefined }), [
      ['title', 'NDA'],
      ['signers[0][email_address]', 'jack@example.com'],
      ['signers[0][name]', 'Jack'],
      ['signers[0][order]', '0'],
      ['cc_email_addresses[0]', 'boss@example.com'],
      ['metadata[project]', 'x'],
      ['test_mode', '1'],
      ['allow_decline', '0'],
      ['allow_reassign', '0'],
      ['hide_text_tags', '0'],
      ['is_eid', '0'],
      ['use_text_tags', '0'],
    ]);
  });
});

describe('DropboxSignApi', () => {
  it('getAccount: GET /account with the bearer token and JSON accept', async () => {
    const http = new FakeHttp().reply({ json: example('AccountGetResponse') });
    const response = await api(http).getAccount('tok');
    assert.equal(response.account.email_address, example<{ account: { email_address: string } }>('AccountGetResponse').account.email_address);
    assert.equal(http.last.method, 'GET');
    assert.equal(http.last.url, 'https://api.example.test/v3/account');
    assert.equal(http.last.headers?.Authorization, 'Bearer tok');
    assert.equal(http.last.headers?.Accept, 'application/json');
  });

  it('verifyAccount: POST JSON with Basic API-key auth; tolerates "not found" (no account)', async () => {
    const http = new FakeHttp().reply({ json: example('AccountVerifyFoundResponse') }, { json: example('AccountVerifyNotFoundResponse') });
    const found = await api(http).verifyAccount({ apiKey: 'key' }, 'a@b.c');
    assert.ok(found.account?.email_address);
    assert.equal(http.last.url, 'https://api.example.test/v3/account/verify');
    assert.deepEqual(http.last.body, { json: { email_address: 'a@b.c' } });
    assert.match(String(http.last.headers?.Authorization), /^Basic /);
    const missing = await api(http).verifyAccount({ apiKey: 'key' }, 'nobody@b.c');
    assert.equal(missing.account, undefined);
  });

  it('createAccount: POST JSON with the OAuth app fields only when given', async () => {
    const http = new FakeHttp().reply({ json: example('AccountCreateOAuthResponse') }, { json: example('AccountCreateResponse') });
    const created = await api(http).createAccount({ apiKey: 'key' }, { emailAddress: 'n@b.c', clientId: 'cid', clientSecret: 'sec' });
    assert.ok(created.oauth_data?.access_token);
    assert.deepEqual(http.last.body, { json: { email_address: 'n@b.c', client_id: 'cid', client_secret: 'sec' } });
    await api(http).createAccount('tok', { emailAddress: 'n@b.c' });
    assert.deepEqual(http.last.body, { json: { email_address: 'n@b.c' } });
  });

  it('listSignatureRequests: GET with paging query, undefined params left out', async () => {
    const http = new FakeHttp().reply({ json: example('SignatureRequestListResponse') }, { json: example('SignatureRequestListResponse') });
    const list = await api(http).listSignatureRequests('tok', { page: 2, pageSize: 20, query: 'title:NDA', accountId: 'all' });
    assert.ok(list.signature_requests.length > 0);
    assert.equal(http.last.url, 'https://api.example.test/v3/signature_request/list');
    assert.deepEqual(http.last.query, { account_id: 'all', page: 2, page_size: 20, query: 'title:NDA' });
    await api(http).listSignatureRequests('tok');
    assert.deepEqual(http.last.query, { account_id: undefined, page: undefined, page_size: undefined, query: undefined });
  });

  it('listSignatureRequests parses a page once (the largest answer SignDesk reads)', async () => {
    let parses = 0;
    const http = new FakeHttp().reply({ json: example('SignatureRequestListResponse') });
    const counting = {
      request: async (req: Parameters<FakeHttp['request']>[0]) => {
        const res = await http.request(req);
        return { ...res, json: <T>() => (parses++, res.json<T>()) };
      },
    };
    await new DropboxSignApi(counting, settings).listSignatureRequests('tok');
    assert.equal(parses, 1);
  });

  it('refuses a list without signature_requests or list_info', async () => {
    const http = new FakeHttp().reply({ json: { list_info: {} } }, { json: { signature_requests: [] } }, { json: [] });
    for (let i = 0; i < 3; i++) {
      await assert.rejects(api(http).listSignatureRequests('tok'), BadResponseError);
    }
  });

  it('getSignatureRequest: encodes the id into the path', async () => {
    const http = new FakeHttp().reply({ json: example('SignatureRequestGetResponse') });
    const got = await api(http).getSignatureRequest('tok', ID);
    assert.equal(got.signature_request.signature_request_id, ID);
    assert.equal(http.last.url, `https://api.example.test/v3/signature_request/${ID}`);
    http.reply({ json: example('SignatureRequestGetResponse') });
    await api(http).getSignatureRequest('tok', '../account');
    assert.equal(http.last.url, 'https://api.example.test/v3/signature_request/..%2Faccount');
  });

  it('refuses a get response whose signature_request is not an object', async () => {
    const http = new FakeHttp().reply({ json: { signature_request: 'nope' } });
    await assert.rejects(api(http).getSignatureRequest('tok', ID), BadResponseError);
  });

  it('sendSignatureRequest with files: multipart with flattened fields and files[i] parts', async () => {
    const http = new FakeHttp().reply({ json: example('SignatureRequestSendResponse') });
    const pdf = Buffer.from('%PDF-1.4');
    await api(http).sendSignatureRequest('tok', sendBody, [
      { field: 'ignored', filename: 'a.pdf', contentType: 'application/pdf', data: pdf },
      { field: 'ignored', filename: 'b.pdf', contentType: 'application/pdf', data: pdf },
    ]);
    const req = http.last;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, 'https://api.example.test/v3/signature_request/send');
    assert.ok(req.body && 'multipart' in req.body);
    assert.deepEqual(req.body.multipart.fields, toFormFields(sendBody));
    assert.deepEqual(
      req.body.multipart.files.map((f) => [f.field, f.filename]),
      [
        ['files[0]', 'a.pdf'],
        ['files[1]', 'b.pdf'],
      ],
    );
  });

  it('sendSignatureRequest with file_urls: JSON', async () => {
    const http = new FakeHttp().reply({ json: example('SignatureRequestSendResponse') });
    const body = { ...sendBody, file_urls: ['https://example.com/a.pdf'] };
    await api(http).sendSignatureRequest('tok', body);
    assert.deepEqual(http.last.body, { json: body });
  });

  it('refuses to send with no files, or with both files and URLs, before any request', async () => {
    const http = new FakeHttp();
    await assert.rejects(api(http).sendSignatureRequest('tok', sendBody), InvalidInputError);
    await assert.rejects(
      api(http).sendSignatureRequest('tok', { ...sendBody, file_urls: ['https://x/a.pdf'] }, [
        { field: 'f', filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') },
      ]),
      InvalidInputError,
    );
    assert.equal(http.requests.length, 0);
  });

  it('cancel: POST with no body; resolves on an empty 200', async () => {
    const http = new FakeHttp().reply({ body: '' });
    await api(http).cancelSignatureRequest('tok', ID);
    assert.equal(http.last.method, 'POST');
    assert.equal(http.last.url, `https://api.example.test/v3/signature_request/cancel/${ID}`);
    assert.equal(http.last.body, undefined);
  });

  it('cancel surfaces 410 as NotFoundError from the HTTP layer', async () => {
    const http = new FakeHttp().reply(new NotFoundError('Gone', { status: 410 }));
    await assert.rejects(api(http).cancelSignatureRequest('tok', ID), NotFoundError);
  });

  it('remind: POST JSON email (and name when given)', async () => {
    const http = new FakeHttp().reply({ json: example('SignatureRequestRemindResponse') }, { json: example('SignatureRequestRemindResponse') });
    await api(http).remindSignatureRequest('tok', ID, 'jack@example.com');
    assert.equal(http.last.url, `https://api.example.test/v3/signature_request/remind/${ID}`);
    assert.deepEqual(http.last.body, { json: { email_address: 'jack@example.com' } });
    await api(http).remindSignatureRequest('tok', ID, 'jack@example.com', 'Jack');
    assert.deepEqual(http.last.body, { json: { email_address: 'jack@example.com', name: 'Jack' } });
  });

  it('update: POST JSON; refuses an update that changes nothing', async () => {
    const http = new FakeHttp().reply({ json: example('SignatureRequestUpdateResponse') });
    await api(http).updateSignatureRequest('tok', ID, { signature_id: 'sig', email_address: 'new@example.com' });
    assert.equal(http.last.url, `https://api.example.test/v3/signature_request/update/${ID}`);
    assert.deepEqual(http.last.body, { json: { signature_id: 'sig', email_address: 'new@example.com' } });
    await assert.rejects(api(http).updateSignatureRequest('tok', ID, { signature_id: 'sig' }), InvalidInputError);
    assert.equal(http.requests.length, 1);
  });

  it('releaseHold: POST without body', async () => {
    const http = new FakeHttp().reply({ json: example('SignatureRequestReleaseHoldResponse') });
    await api(http).releaseHold('tok', ID);
    assert.equal(http.last.url, `https://api.example.test/v3/signature_request/release_hold/${ID}`);
    assert.equal(http.last.body, undefined);
  });

  it('downloadFiles: GET with file_type, returns the bytes; refuses non-PDF/ZIP bodies', async () => {
    const pdf = Buffer.from('%PDF-1.4\n...');
    const zip = Buffer.from('PK\x03\x04...');
    const http = new FakeHttp().reply(
      { body: pdf, headers: { 'content-type': 'application/pdf' } },
      { body: zip, headers: { 'content-type': 'application/zip' } },
      { body: '<html>oops</html>', headers: { 'content-type': 'text/html' } },
    );
    assert.ok((await api(http).downloadFiles('tok', ID, 'pdf')).equals(pdf));
    assert.equal(http.last.url, `https://api.example.test/v3/signature_request/files/${ID}`);
    assert.deepEqual(http.last.query, { file_type: 'pdf' });
    assert.equal(http.last.headers?.Accept, 'application/pdf');
    assert.equal(http.last.responseKind, 'file', 'a download gets the file size cap, not the data one');
    assert.ok((await api(http).downloadFiles('tok', ID, 'zip')).equals(zip));
    await assert.rejects(api(http).downloadFiles('tok', ID, 'pdf'), BadResponseError);
  });

  it('downloadFiles surfaces 409 (files still being prepared) as ConflictError', async () => {
    const http = new FakeHttp().reply(new ConflictError('Files are still being processed.', { status: 409 }));
    await assert.rejects(api(http).downloadFiles('tok', ID, 'pdf'), ConflictError);
  });

  it('filesAsFileUrl validates its body', async () => {
    const http = new FakeHttp().reply(
      { json: { file_url: 'https://s3/x.pdf', expires_at: 1700000000 } },
      { json: { file_url: 'https://s3/x.pdf' } },
    );
    assert.deepEqual(await api(http).filesAsFileUrl('tok', ID), { file_url: 'https://s3/x.pdf', expires_at: 1700000000 });
    assert.equal(http.last.url, `https://api.example.test/v3/signature_request/files_as_file_url/${ID}`);
    await assert.rejects(api(http).filesAsFileUrl('tok', ID), BadResponseError);
    assert.equal(http.last.responseKind, undefined, 'a link is data');
  });

  it('reads base URLs from settings on every call', async () => {
    let base = 'https://one.test/v3';
    const http = new FakeHttp().reply({ json: example('AccountGetResponse') }, { json: example('AccountGetResponse') });
    const client = new DropboxSignApi(http, () => ({ apiBaseUrl: base, oauthBaseUrl: 'x' }));
    await client.getAccount('tok');
    base = 'http://127.0.0.1:1234/v3';
    await client.getAccount('tok');
    assert.deepEqual(
      http.requests.map((r) => r.url),
      ['https://one.test/v3/account', 'http://127.0.0.1:1234/v3/account'],
    );
  });

  it('refuses an HTML 200 instead of JSON', async () => {
    const http = new FakeHttp().reply({ body: '<!doctype html>', headers: { 'content-type': 'text/html' } });
    await assert.rejects(api(http).getAccount('tok'), BadResponseError);
  });
});
