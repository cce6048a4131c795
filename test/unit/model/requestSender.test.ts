import assert from 'node:assert/strict';
import { isReceived, isSentByAccount, onlySenderReason, withSender } from '../../../src/model/requestSender';
import { receivedFromLabel, requestDescription, requestTooltipMarkdown } from '../../../src/model/requestsFormat';
import { request, signer } from '../../support/requests';

describe('who sent a request', () => {
  it('compares the requester email with the account email case-insensitively', () => {
    assert.equal(isSentByAccount('Alice@Example.com', 'alice@example.com'), true);
    assert.equal(isSentByAccount('bob@example.com', 'alice@example.com'), false);
  });

  it('cannot tell without both emails', () => {
    assert.equal(isSentByAccount(undefined, 'alice@example.com'), undefined);
    assert.equal(isSentByAccount('bob@example.com', undefined), undefined);
    assert.equal(isSentByAccount('', 'alice@example.com'), undefined);
  });

  it('withSender marks the request, and drops a stale mark when it cannot tell', () => {
    const fromBob = request('r1', { requesterEmail: 'bob@example.com' });
    assert.equal(withSender(fromBob, 'alice@example.com').sentByAccount, false);
    assert.equal(withSender(fromBob, 'BOB@example.com').sentByAccount, true);
    const unknown = withSender(request('r2', { sentByAccount: false }), 'alice@example.com');
    assert.equal('sentByAccount' in unknown, false);
    assert.equal(isReceived(unknown), false, 'unknown counts as sent: the actions stay');
  });

  it('only a request someone else sent is received, and only then do cancel/remind say who can', () => {
    const received = request('r1', { title: 'Expense Policy', requesterEmail: 'bob@example.com', sentByAccount: false });
    assert.equal(isReceived(received), true);
    assert.equal(onlySenderReason(received, 'cancel'), '“Expense Policy” was sent by bob@example.com; only the sender can cancel it.');
    assert.equal(onlySenderReason(received, 'remind'), '“Expense Policy” was sent by bob@example.com; only the sender can send reminders for it.');
    assert.equal(onlySenderReason({ ...received, sentByAccount: true }, 'cancel'), undefined);
    assert.equal(onlySenderReason({ ...received, sentByAccount: undefined }, 'remind'), undefined);
  });
});

describe('how a received request reads', () => {
  const now = Date.UTC(2026, 0, 10);
  const received = request('r1', {
    title: 'Expense Policy',
    requesterEmail: 'bob@example.com',
    sentByAccount: false,
    createdAt: now - 3 * 86_400_000,
    signers: [signer({ email: 'alice@example.com', status: 'awaiting' })],
  });

  it('the description starts with who sent it; own requests are unchanged', () => {
    assert.equal(requestDescription(received, now), 'from bob@example.com · 0/1 signed · 3 days ago');
    assert.equal(requestDescription({ ...received, sentByAccount: true }, now), '0/1 signed · 3 days ago');
  });

  it('the tooltip says "Sent by" and that only the sender can cancel or remind', () => {
    assert.match(requestTooltipMarkdown(received, now), /^Sent by bob@example\\\.com · only the sender can cancel it or send reminders {2}$/m);
    assert.doesNotMatch(requestTooltipMarkdown({ ...received, sentByAccount: true }, now), /Sent by/);
  });

  it('the accessible wording names the sender', () => {
    assert.equal(receivedFromLabel(received), 'received from bob@example.com');
  });
});
