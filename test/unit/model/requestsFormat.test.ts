import assert from 'node:assert/strict';
import {
  escapeMarkdown,
  relativeTime,
  requestDescription,
  requestTitle,
  requestTooltipMarkdown,
  signedSummary,
  signerDescription,
  signerLabel,
} from '../../../src/model/requestsFormat';
import { request, signer } from '../../support/requests';

const NOW = Date.UTC(2024, 4, 15, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('requests format', () => {
  it('counts signed signers as k/n', () => {
    const r = request('a', {
      signers: [
        signer({ email: 'a@x.com', status: 'signed' }),
        signer({ email: 'b@x.com', status: 'viewed' }),
        signer({ email: 'c@x.com', status: 'declined' }),
      ],
    });
    assert.equal(signedSummary(r), '1/3 signed');
    assert.equal(signedSummary(request('b', { signers: [] })), '0/0 signed');
  });

  it('formats relative times from seconds to dates', () => {
    assert.equal(relativeTime(NOW - 10_000, NOW), 'just now');
    assert.equal(relativeTime(NOW - 5 * MIN, NOW), '5 min ago');
    assert.equal(relativeTime(NOW - 3 * HOUR - 5 * MIN, NOW), '3 h ago');
    assert.equal(relativeTime(NOW - DAY - HOUR, NOW), 'yesterday');
    assert.equal(relativeTime(NOW - 4 * DAY, NOW), '4 days ago');
    assert.equal(relativeTime(Date.UTC(2024, 2, 12, 12), NOW), '12 Mar');
    assert.equal(relativeTime(Date.UTC(2023, 2, 12, 12), NOW), '12 Mar 2023');
    assert.equal(relativeTime(NOW + 2 * DAY + HOUR, NOW), 'in 2 days');
    assert.equal(relativeTime(NOW + DAY + HOUR, NOW), 'tomorrow');
  });

  it('describes a request as "k/n signed · when"', () => {
    const r = request('a', { createdAt: NOW - 3 * HOUR, signers: [signer({ email: 'a@x.com', status: 'signed' }), signer({ email: 'b@x.com' })] });
    assert.equal(requestDescription(r, NOW), '1/2 signed · 3 h ago');
    assert.equal(requestDescription({ ...r, createdAt: undefined }, NOW), '1/2 signed');
  });

  it('titles an untitled request', () => {
    assert.equal(requestTitle({ title: '  ' }), '(untitled)');
    assert.equal(requestTitle({ title: 'NDA' }), 'NDA');
  });

  it('labels signers with their order when the order matters', () => {
    const s = signer({ email: 'jack@x.com', name: 'Jack', order: 1, status: 'signed', signedAt: NOW - 2 * HOUR });
    assert.equal(signerLabel(s, true), '2. Jack');
    assert.equal(signerLabel(s, false), 'Jack');
    assert.equal(signerLabel(signer({ email: 'jill@x.com' }), true), 'jill@x.com');
    assert.equal(signerDescription(s, NOW), 'jack@x.com · signed 2 h ago');
    assert.equal(signerDescription(signer({ email: 'jill@x.com' }), NOW), 'awaiting signature');
    assert.equal(signerDescription(signer({ email: 'jill@x.com', name: 'Jill', status: 'viewed', lastViewedAt: NOW - 5 * MIN }), NOW), 'jill@x.com · viewed, not signed 5 min ago');
  });

  it('escapes Markdown in user text', () => {
    assert.equal(escapeMarkdown('*NDA* [x](y) <b>'), '\\*NDA\\* \\[x\\]\\(y\\) \\<b\\>');
  });

  it('builds a tooltip with title, subject, id, dates, test mode and signers', () => {
    const r = request('abc123', {
      title: 'NDA with *Acme*',
      subject: 'Please sign',
      createdAt: Date.UTC(2024, 4, 15, 9, 0),
      expiresAt: Date.UTC(2024, 5, 1, 12, 0),
      testMode: true,
      signers: [
        signer({ email: 'jack@x.com', name: 'Jack', order: 0, status: 'signed', signedAt: NOW - HOUR }),
        signer({ email: 'jill@x.com', name: 'Jill', order: 1, status: 'declined', declineReason: 'Wrong date' }),
      ],
    });
    const md = requestTooltipMarkdown(r, NOW);
    assert.match(md, /^\*\*NDA with \\\*Acme\\\*\*\*/);
    assert.match(md, /Subject: Please sign/);
    assert.match(md, /ID: `abc123`/);
    assert.match(md, /Created: 2024-05-15 09:00 UTC \(3 h ago\)/);
    assert.match(md, /Expires: 2024-06-01 12:00 UTC \(1 Jun\)/);
    assert.match(md, /Test mode: yes/);
    assert.match(md, /- 1\\\. Jack · jack@x\\.com: Signed, signed 1 h ago/);
    assert.match(md, /- 2\\\. Jill · jill@x\\.com: Declined, reason: Wrong date/);
  });
});
