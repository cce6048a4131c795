import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { BadResponseError, InvalidInputError } from '../../../../src/core/errors';
import {
  mapAccount,
  mapFileLink,
  mapPage,
  mapSignatureRequest,
  mapSigner,
  requestState,
  signerStatus,
  toSendRequest,
} from '../../../../src/providers/dropboxSign/mapping';
import type {
  AccountGetResponse,
  SignatureRequestGetResponse,
  SignatureRequestListResponse,
  SignatureRequestResponse,
  SignatureRequestResponseSignatures,
} from '../../../../src/providers/dropboxSign/types';
import { isReceived, withSender } from '../../../../src/model/requestSender';
import { example } from './examples';

function request(overrides: Partial<Record<keyof SignatureRequestResponse, unknown>> = {}): SignatureRequestResponse {
  return { signature_request_id: 'abc', title: 'T', test_mode: false, signatures: [], ...overrides } as SignatureRequestResponse;
}

function signature(overrides: Partial<Record<keyof SignatureRequestResponseSignatures, unknown>> = {}): SignatureRequestResponseSignatures {
  return { signature_id: 's1', signer_email_address: 'jack@example.com', status_code: 'awaiting_signature', ...overrides } as SignatureRequestResponseSignatures;
}

describe('mapAccount', () => {
  it('maps the spec example', () => {
    assert.deepEqual(mapAccount(example<AccountGetResponse>('AccountGetResponse').account), {
      id: '5008b25c7f67153e57d5a357b1687968068fb465',
      email: 'me@dropboxsign.com',
      isLocked: false,
      isPaid: true,
      apiSignatureRequestsLeft: 1250,
      locale: 'en-US',
    });
  });

  it('refuses an account without id or email, or with wrong types', () => {
    assert.throws(() => mapAccount({ email_address: 'a@b.c' }), BadResponseError);
    assert.throws(() => mapAccount({ account_id: 'x' }), BadResponseError);
    assert.throws(() => mapAccount({ account_id: 1 as unknown as string, email_address: 'a@b.c' }), BadResponseError);
    assert.throws(() => mapAccount({ account_id: 'x', email_address: 'a@b.c', is_locked: 'no' as unknown as boolean }), BadResponseError);
  });
});

describe('signerStatus', () => {
  const cases: Array<[string | undefined, number | undefined, number | undefined, string]> = [
    ['awaiting_signature', undefined, undefined, 'awaiting'],
    ['awaiting_signature', undefined, 5, 'viewed'],
    ['signed', 10, 5, 'signed'],
    ['declined', undefined, 5, 'declined'],
    ['on_hold', undefined, undefined, 'onHold'],
    ['error_file', undefined, undefined, 'error'],
    ['error_unknown', undefined, undefined, 'error'],
    ['something_new', undefined, undefined, 'unknown'],
    [undefined, 10, undefined, 'signed'],
    [undefined, undefined, undefined, 'unknown'],
  ];
  for (const [code, signedAt, viewedAt, expected] of cases) {
    it(`${code ?? '(none)'}${signedAt ? ' +signed_at' : ''}${viewedAt ? ' +last_viewed_at' : ''} → ${expected}`, () => {
      assert.equal(signerStatus(code, signedAt, viewedAt), expected);
    });
  }
});

describe('mapSigner', () => {
  it('maps fields and converts seconds to ms; null and empty strings become absent', () => {
    assert.deepEqual(
      mapSigner(
        signature({
          signer_name: 'Jack',
          signer_role: null,
          order: 1,
          status_code: 'signed',
          signed_at: 100,
          last_viewed_at: 90,
          last_reminded_at: null,
          decline_reason: '',
          error: null,
        }),
        0,
      ),
      {
        id: 's1',
        email: 'jack@example.com',
        name: 'Jack',
        order: 1,
        status: 'signed',
        statusCode: 'signed',
        signedAt: 100_000,
        lastViewedAt: 90_000,
      },
    );
  });

  it('refuses wrong types with the field in the message', () => {
    assert.throws(() => mapSigner(signature({ signed_at: '2020-01-01' }), 3), /signatures\[3\]\.signed_at is not a number/);
    assert.throws(() => mapSigner(signature({ status_code: 5 }), 0), BadResponseError);
    assert.throws(() => mapSigner('x' as unknown as SignatureRequestResponseSignatures, 0), BadResponseError);
  });
});

describe('requestState', () => {
  const none = { isDeclined: false, hasError: false, isComplete: false };
  const signer = (status: 'awaiting' | 'declined' | 'error' | 'signed') => ({ email: 'x', status });

  it('awaiting by default; completed when complete', () => {
    assert.equal(requestState(none, [signer('awaiting')]), 'awaiting');
    assert.equal(requestState({ ...none, isComplete: true }, [signer('signed')]), 'completed');
  });

  it('declined by flag or by a declined signer, before error and completed', () => {
    assert.equal(requestState({ ...none, isDeclined: true }, []), 'declined');
    assert.equal(requestState(none, [signer('signed'), signer('declined')]), 'declined');
    assert.equal(requestState({ isDeclined: true, hasError: true, isComplete: true }, []), 'declined');
  });

  it('error by flag or by a signer in error', () => {
    assert.equal(requestState({ ...none, hasError: true }, []), 'error');
    assert.equal(requestState(none, [signer('error')]), 'error');
  });
});

describe('mapSignatureRequest', () => {
  it('maps the spec get example (completed, one signer)', () => {
    const mapped = mapSignatureRequest(example<SignatureRequestGetResponse>('SignatureRequestGetResponse').signature_request);
    assert.equal(mapped.id, 'fa5c8a0b0f492d768749333ad6fcc214c111e967');
    assert.equal(mapped.title, 'Purchase Agreement');
    assert.equal(mapped.subject, 'Purchase Agreement');
    assert.equal(mapped.message, 'Please sign and return.');
    assert.equal(mapped.state, 'completed');
    assert.equal(mapped.isComplete, true);
    assert.equal(mapped.onHold, false);
    assert.equal(mapped.testMode, false);
    assert.equal(mapped.createdAt, 1_570_471_067_000);
    assert.equal(mapped.signingUrl, undefined);
    assert.equal(mapped.requesterEmail, 'me@dropboxsign.com');
    assert.match(String(mapped.detailsUrl), /^https:\/\/app\.hellosign\.com\/home\/manage/);
    assert.deepEqual(mapped.ccEmails, []);
    assert.equal(mapped.signers.length, 1);
    assert.equal(mapped.signers[0].status, 'signed');
    assert.equal(mapped.signers[0].signedAt, 1_346_521_550_000);
  });

  it('keeps requester_email_address so the account can tell what it sent from what it received', () => {
    const raw = example<SignatureRequestGetResponse>('SignatureRequestGetResponse').signature_request;
    const mapped = mapSignatureRequest(raw);
    assert.equal(mapped.sentByAccount, undefined, 'the mapping does not know who is signed in');
    assert.equal(withSender(mapped, 'Me@DropboxSign.com').sentByAccount, true);
    assert.equal(isReceived(withSender(mapped, 'alice@example.com')), true);
    assert.equal(mapSignatureRequest({ ...raw, requester_email_address: null } as unknown as SignatureRequestResponse).requesterEmail, undefined);
  });

  it('maps every request of the spec list example', () => {
    const list = example<SignatureRequestListResponse>('SignatureRequestListResponse');
    const mapped = list.signature_requests.map(mapSignatureRequest);
    assert.deepEqual(
      mapped.map((r) => [r.state, r.signers.map((s) => [s.status, s.order])]),
      [
        ['awaiting', [['awaiting', 0], ['awaiting', 1]]],
        ['completed', [['signed', undefined]]],
      ],
    );
  });

  it('marks onHold when a signer is on hold, keeping the state awaiting', () => {
    const mapped = mapSignatureRequest(request({ signatures: [signature({ status_code: 'on_hold' })] }));
    assert.equal(mapped.state, 'awaiting');
    assert.equal(mapped.onHold, true);
  });

  it('falls back to original_title, then subject, then an empty title', () => {
    assert.equal(mapSignatureRequest(request({ title: '', original_title: 'Orig' })).title, 'Orig');
    assert.equal(mapSignatureRequest(request({ title: undefined, subject: 'Subj' })).title, 'Subj');
    assert.equal(mapSignatureRequest(request({ title: undefined })).title, '');
  });

  it('reads test mode, expiry and links', () => {
    const mapped = mapSignatureRequest(
      request({ test_mode: true, expires_at: 200, files_url: 'https://f', signing_url: 'https://s', cc_email_addresses: ['c@d.e'] }),
    );
    assert.equal(mapped.testMode, true);
    assert.equal(mapped.expiresAt, 200_000);
    assert.equal(mapped.filesUrl, 'https://f');
    assert.equal(mapped.signingUrl, 'https://s');
    assert.deepEqual(mapped.ccEmails, ['c@d.e']);
  });

  it('refuses a request without id or with wrong types', () => {
    assert.throws(() => mapSignatureRequest(request({ signature_request_id: undefined })), BadResponseError);
    assert.throws(() => mapSignatureRequest(request({ is_complete: 'yes' })), /is_complete is not true\/false/);
    assert.throws(() => mapSignatureRequest(request({ created_at: '2020' })), BadResponseError);
    assert.throws(() => mapSignatureRequest(request({ signatures: {} })), BadResponseError);
    assert.throws(() => mapSignatureRequest(request({ cc_email_addresses: [1] })), BadResponseError);
  });

  it('leaves absent fields out instead of holding them as undefined, in one field order (compact objects for 10,000 requests)', () => {
    const sparse = mapSignatureRequest(request({ subject: null, message: '', expires_at: null, signatures: [signature({ signer_name: null, order: null })] }));
    assert.deepEqual(Object.keys(sparse), ['id', 'title', 'state', 'onHold', 'isComplete', 'testMode', 'ccEmails', 'signers']);
    assert.deepEqual(Object.keys(sparse.signers[0]), ['id', 'email', 'status', 'statusCode']);
    const full = mapSignatureRequest(example<SignatureRequestGetResponse>('SignatureRequestGetResponse').signature_request as SignatureRequestResponse);
    const order = ['id', 'title', 'subject', 'message', 'state', 'onHold', 'isComplete', 'testMode', 'createdAt', 'expiresAt', 'requesterEmail', 'detailsUrl', 'signingUrl', 'filesUrl', 'ccEmails', 'signers'];
    assert.deepEqual(Object.keys(full), order.filter((key) => key in full));
    assert.ok(Object.values(full).every((value) => value !== undefined));
    assert.ok(full.signers.every((signer) => Object.values(signer).every((value) => value !== undefined)));
  });
});

describe('mapPage', () => {
  it('maps list_info and computes hasMore', () => {
    assert.deepEqual(mapPage(['a', 'b'], { page: 1, num_pages: 3, num_results: 42, page_size: 2 }), {
      items: ['a', 'b'],
      page: 1,
      numPages: 3,
      numResults: 42,
      pageSize: 2,
      hasMore: true,
    });
    assert.equal(mapPage([], { page: 3, num_pages: 3, num_results: 5, page_size: 2 }).hasMore, false);
  });

  it('fills gaps from the request and the items; refuses wrong types', () => {
    assert.deepEqual(mapPage(['a'], { num_results: null }, { page: 1, pageSize: 20 }), {
      items: ['a'],
      page: 1,
      numPages: 1,
      numResults: 1,
      pageSize: 20,
      hasMore: false,
    });
    assert.throws(() => mapPage([], { page: '1' as unknown as number }), BadResponseError);
  });
});

describe('mapFileLink', () => {
  it('converts expires_at to ms and requires both fields', () => {
    assert.deepEqual(mapFileLink({ file_url: 'https://x', expires_at: 10 }), { url: 'https://x', expiresAt: 10_000 });
    assert.throws(() => mapFileLink({ file_url: 'https://x' } as never), BadResponseError);
    assert.throws(() => mapFileLink({ expires_at: 10 } as never), BadResponseError);
  });
});

describe('toSendRequest', () => {
  it('builds the body and file parts', () => {
    const pdf = Buffer.from('%PDF');
    const { body, files } = toSendRequest({
      title: 'NDA',
      subject: 'Please sign',
      message: '',
      signers: [
        { email: 'a@x.y', name: 'A', order: 0 },
        { email: 'b@x.y', name: 'B' },
      ],
      ccEmails: ['c@x.y'],
      files: [{ filename: 'nda.pdf', contentType: 'application/pdf', data: pdf }],
      testMode: true,
    });
    assert.deepEqual(body, {
      title: 'NDA',
      subject: 'Please sign',
      signers: [
        { email_address: 'a@x.y', name: 'A', order: 0 },
        { email_address: 'b@x.y', name: 'B' },
      ],
      cc_email_addresses: ['c@x.y'],
      test_mode: true,
      allow_decline: false,
      allow_reassign: false,
      hide_text_tags: false,
      is_eid: false,
      use_text_tags: false,
    });
    assert.deepEqual(files, [{ field: 'files[0]', filename: 'nda.pdf', contentType: 'application/pdf', data: pdf }]);
  });

  it('passes file URLs in the body', () => {
    const { body, files } = toSendRequest({ signers: [{ email: 'a@x.y', name: 'A' }], fileUrls: ['https://x/a.pdf'], testMode: false });
    assert.deepEqual(body.file_urls, ['https://x/a.pdf']);
    assert.equal(body.test_mode, false);
    assert.deepEqual(files, []);
  });

  it('refuses a request without signers', () => {
    assert.throws(() => toSendRequest({ signers: [], fileUrls: ['https://x'], testMode: true }), InvalidInputError);
  });
});
