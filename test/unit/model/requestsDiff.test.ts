import assert from 'node:assert/strict';
import { diffRequests, notificationsFor } from '../../../src/model/requestsDiff';
import type { SignatureRequest } from '../../../src/model/signatureRequest';
import { many, request, signer } from '../../support/requests';

function nda(overrides: Partial<SignatureRequest> = {}): SignatureRequest {
  return request('nda', {
    title: 'NDA with Acme Co.',
    signers: [
      signer({ id: 's-jack', email: 'jack@acme.test', name: 'Jack', order: 0 }),
      signer({ id: 's-jill', email: 'jill@acme.test', name: 'Jill', order: 1 }),
    ],
    ...overrides,
  });
}

function withSigner(r: SignatureRequest, index: number, update: Partial<SignatureRequest['signers'][number]>): SignatureRequest {
  return { ...r, signers: r.signers.map((s, i) => (i === index ? { ...s, ...update } : s)) };
}

describe('diffing two snapshots into notifications', () => {
  it('reports nothing when nothing changed, or a request only appeared or left', () => {
    assert.deepEqual(diffRequests([nda()], [nda()]), []);
    assert.deepEqual(diffRequests([], [nda({ state: 'completed' })]), []);
    assert.deepEqual(diffRequests([nda()], []), []);
  });

  it('"Jack signed \'NDA with Acme Co.\'" when one signer signed', () => {
    const after = withSigner(nda(), 0, { status: 'signed', signedAt: 1 });
    const changes = diffRequests([nda()], [after]);
    assert.deepEqual(changes.map((c) => c.kind), ['signerSigned']);
    assert.deepEqual(notificationsFor(changes), [
      {
        severity: 'info',
        message: "Jack signed “NDA with Acme Co.”.",
        actions: [{ kind: 'reveal', title: 'Show', requestId: 'nda' }],
      },
    ]);
  });

  it('a viewed signer is not news', () => {
    assert.deepEqual(diffRequests([nda()], [withSigner(nda(), 0, { status: 'viewed', lastViewedAt: 5 })]), []);
  });

  it('"\'NDA\' is complete" with a Download action, once, when the last signers signed', () => {
    const before = withSigner(nda(), 0, { status: 'signed' });
    const after = withSigner(withSigner(nda({ state: 'completed', isComplete: true }), 0, { status: 'signed' }), 1, { status: 'signed' });
    const changes = diffRequests([before], [after]);
    assert.deepEqual(changes.map((c) => c.kind), ['signerSigned', 'completed']);
    assert.deepEqual(notificationsFor(changes), [
      {
        severity: 'info',
        message: "“NDA with Acme Co.” is complete.",
        actions: [{ kind: 'download', title: 'Download', requestId: 'nda' }],
      },
    ]);
  });

  it('a decline is a warning with the reason', () => {
    const after = withSigner(nda({ state: 'declined' }), 1, { status: 'declined', declineReason: 'Wrong address' });
    const [note] = notificationsFor(diffRequests([nda()], [after]));
    assert.equal(note.severity, 'warning');
    assert.equal(note.message, `Jill declined “NDA with Acme Co.”: “Wrong address”`);
  });

  it('names several signers of one request in one notification', () => {
    const after = withSigner(withSigner(nda(), 0, { status: 'signed' }), 1, { status: 'signed' });
    assert.deepEqual(
      notificationsFor(diffRequests([nda()], [after])).map((n) => n.message),
      ["Jack and Jill signed “NDA with Acme Co.”."],
    );
  });

  it('matches signers by email and order when the service gives no signer id', () => {
    const noIds = nda({ signers: nda().signers.map((s) => ({ ...s, id: undefined })) });
    const after = withSigner(noIds, 1, { status: 'signed' });
    assert.deepEqual(notificationsFor(diffRequests([noIds], [after])).map((n) => n.message), ["Jill signed “NDA with Acme Co.”."]);
  });

  it('batches: one notification per request up to three, then a single summary', () => {
    const before = many(5);
    const after = before.map((r, i) =>
      i < 3 ? withSigner(r, 0, { status: 'signed' }) : i === 3 ? { ...withSigner(r, 0, { status: 'signed' }), state: 'completed' as const } : r,
    );
    const four = notificationsFor(diffRequests(before, after));
    assert.equal(four.length, 1);
    assert.equal(four[0].message, '4 signature requests changed: 1 complete, 4 new signatures.');
    assert.deepEqual(four[0].actions, [{ kind: 'reveal', title: 'Show' }]);
    const three = notificationsFor(diffRequests(before.slice(0, 3), after.slice(0, 3)));
    assert.deepEqual(three.map((n) => n.message), ["Signer r1 signed “Request r1”.", "Signer r2 signed “Request r2”.", "Signer r3 signed “Request r3”."]);
  });

  it('an error on a request is a warning', () => {
    const [note] = notificationsFor(diffRequests([nda()], [nda({ state: 'error' })]));
    assert.deepEqual(note, { severity: 'warning', message: "“NDA with Acme Co.” has an error.", actions: [{ kind: 'reveal', title: 'Show', requestId: 'nda' }] });
  });
});
