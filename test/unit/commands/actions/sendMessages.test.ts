import * as assert from 'node:assert/strict';
import { listNames, sentMessage, warningsMessage } from '../../../../src/commands/actions/sendMessages';
import { cancelConfirmation } from '../../../../src/commands/actions/cancelConfirmation';
import type { SignatureRequest } from '../../../../src/model/signatureRequest';

describe('messages after a send', () => {
  it('lists signer names naturally', () => {
    assert.equal(listNames(['Jack']), 'Jack');
    assert.equal(listNames(['Jack', 'Jill']), 'Jack and Jill');
    assert.equal(listNames(['A', 'B', 'C']), 'A, B and C');
    assert.equal(listNames(['A', 'B', 'C', 'D', 'E']), 'A, B and 3 others');
  });

  it('says who the request went to, by name or email, and test mode', () => {
    const message = sentMessage({
      title: 'NDA',
      testMode: true,
      signers: [
        { email: 'jack@example.com', name: 'Jack', status: 'awaiting' },
        { email: 'jill@example.com', status: 'awaiting' },
      ],
    });
    assert.equal(message, 'Sent “NDA” to Jack and jill@example.com in test mode.');
  });

  it('shows warnings in one message', () => {
    assert.equal(warningsMessage('Dropbox Sign', 'NDA', []), undefined);
    assert.equal(warningsMessage('Dropbox Sign', 'NDA', ['Title was truncated.']), 'Dropbox Sign sent “NDA” with a warning: Title was truncated.');
    assert.equal(warningsMessage('Dropbox Sign', 'NDA', ['One.', 'Two']), 'Dropbox Sign sent “NDA” with 2 warnings: One; Two.');
  });
});

describe('cancel confirmation', () => {
  const base: SignatureRequest = {
    id: 'r',
    title: 'NDA',
    state: 'awaiting',
    onHold: false,
    isComplete: false,
    testMode: false,
    ccEmails: [],
    signers: [],
  };

  it('names what is lost, and that it cannot be undone', () => {
    const one = cancelConfirmation({ ...base, signers: [{ email: 'a@x.com', status: 'awaiting' }] });
    assert.equal(one.message, 'Cancel “NDA”?');
    assert.match(one.detail, /^The signer who has not signed yet will no longer be able to sign it\. This cannot be undone\.$/);
    const partly = cancelConfirmation({
      ...base,
      signers: [
        { email: 'a@x.com', status: 'signed' },
        { email: 'b@x.com', status: 'awaiting' },
        { email: 'c@x.com', status: 'viewed' },
      ],
    });
    assert.match(partly.detail, /The 2 signers who have not signed yet .*the 1 signature already given will not complete it/);
  });
});
