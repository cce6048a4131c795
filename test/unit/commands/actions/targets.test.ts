import * as assert from 'node:assert/strict';
import type { SignatureRequest } from '../../../../src/model/signatureRequest';
import { requestOf, signerOf } from '../../../../src/commands/actions/targets';

const request: SignatureRequest = {
  id: 'r1',
  title: 'NDA',
  state: 'awaiting',
  onHold: false,
  isComplete: false,
  testMode: true,
  ccEmails: [],
  signers: [{ email: 'jack@example.com', name: 'Jack', status: 'awaiting' }],
};

describe('action targets', () => {
  it('finds the request in a request, a request node and a signer node', () => {
    assert.equal(requestOf(request), request);
    assert.equal(requestOf({ kind: 'request', request }), request);
    assert.equal(requestOf({ request, signer: request.signers[0] }), request);
  });

  it('finds the signer only in a signer node', () => {
    assert.deepEqual(signerOf({ request, signer: request.signers[0] }), { request, signer: request.signers[0] });
    assert.equal(signerOf({ request }), undefined);
    assert.equal(signerOf(request), undefined);
  });

  it('ignores anything else (e.g. a group node, a Uri, nothing)', () => {
    for (const value of [undefined, null, 'r1', { state: 'awaiting', count: 3 }, { request: { id: 5 } }, { fsPath: '/x.pdf' }]) {
      assert.equal(requestOf(value), undefined);
      assert.equal(signerOf(value), undefined);
    }
  });
});
