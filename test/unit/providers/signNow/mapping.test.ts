import assert from 'node:assert/strict';
import { isOrdered, signerLabel } from '../../../../src/model/requestsFormat';
import { isDraft, msFromSeconds, toAccount, toSignatureRequest } from '../../../../src/providers/signNow/mapping';

describe('signNow mapping', () => {
  const invite = (status: string, extra: Record<string, unknown> = {}) => ({ id: `fi-${status}`, status, email: `${status}@example.com`, role: 'Signer 1', role_id: 'r1', ...extra });

  it('epoch-second strings become ms; junk becomes undefined', () => {
    assert.equal(msFromSeconds('1700000000'), 1_700_000_000_000);
    assert.equal(msFromSeconds(1_700_000_000), 1_700_000_000_000);
    for (const v of [undefined, '', 'x', '-5', 0, '1e9']) assert.equal(msFromSeconds(v), undefined, String(v));
  });

  it('signer statuses: created/pending awaiting (viewed when opened), fulfilled signed, declined with text, others unknown with the raw code', () => {
    const doc = {
      id: 'd',
      document_name: 'Doc',
      roles: [{ unique_id: 'r1', name: 'Signer 1', signing_order: '2' }],
      field_invites: [
        invite('created'),
        invite('pending', { email_statuses: [{ status: 'opened', created_at: 1_700_000_000, last_reaction_at: 1_700_000_100 }] }),
        invite('fulfilled', { updated: '1700000200' }),
        invite('skipped'),
      ],
    };
    const r = toSignatureRequest(doc, 'owner@example.com', false);
    assert.deepEqual(r.signers.map((s) => [s.statusCode, s.status, s.order]), [['created', 'awaiting', 1], ['pending', 'viewed', 1], ['fulfilled', 'signed', 1], ['skipped', 'unknown', 1]]);
    assert.equal(r.signers[1].lastViewedAt, 1_700_000_100_000);
    assert.equal(r.signers[2].signedAt, 1_700_000_200_000);
    assert.equal(r.state, 'awaiting');
    const declined = toSignatureRequest({ ...doc, field_invites: [invite('declined', { declined: [{ declined_text: 'No' }] })] }, undefined, true);
    assert.equal(declined.state, 'declined');
    assert.equal(declined.signers[0].declineReason, 'No');
    assert.equal(declined.testMode, true);
    assert.equal(declined.sentByAccount, undefined);
  });

  it('signing order: signNow counts from 1, the model from 0, so the tree numbers the first signer 1.', () => {
    const doc = {
      id: 'd',
      document_name: 'Doc',
      roles: [{ unique_id: 'r1', name: 'Signer 1', signing_order: '1' }, { unique_id: 'r2', name: 'Signer 2', signing_order: '2' }],
      field_invites: [invite('pending', { email: 'a@example.com' }), invite('created', { email: 'b@example.com', role: 'Signer 2', role_id: 'r2' })],
    };
    const r = toSignatureRequest(doc, undefined, false);
    assert.deepEqual(r.signers.map((s) => s.order), [0, 1]);
    assert.deepEqual(r.signers.map((s) => signerLabel(s, isOrdered(r))), ['1. a@example.com', '2. b@example.com']);
    const odd = toSignatureRequest({ ...doc, roles: [{ unique_id: 'r1', name: 'Signer 1', signing_order: '0' }] }, undefined, false);
    assert.equal(odd.signers[0].order, undefined, 'an order signNow never gives is left out');
  });

  it('the details page: the document in signNow\'s web app, when the app base URL is known', () => {
    const doc = { id: 'a b', document_name: 'Doc' };
    assert.equal(toSignatureRequest(doc, undefined, false, 'https://app-eval.signnow.com/').detailsUrl, 'https://app-eval.signnow.com/webapp/document/a%20b');
    assert.equal(toSignatureRequest(doc, undefined, false).detailsUrl, undefined);
  });

  it('free-form invites: signed by signature_id, canceled, pending; sentByAccount by owner', () => {
    const base = { id: 'd', document_name: 'Doc', owner: 'Alice@Example.com' };
    const req = (signature_id: string | null, canceled: boolean | null) => ({ id: 'q', signer_email: 's@example.com', signature_id, canceled });
    assert.equal(toSignatureRequest({ ...base, requests: [req('sig', null)] }, 'alice@example.com', false).state, 'completed');
    assert.equal(toSignatureRequest({ ...base, requests: [req(null, true)] }, 'alice@example.com', false).state, 'canceled');
    const pending = toSignatureRequest({ ...base, requests: [req(null, null)] }, 'bob@example.com', false);
    assert.equal(pending.state, 'awaiting');
    assert.equal(pending.sentByAccount, false);
    assert.equal(isDraft(base), true);
    assert.equal(isDraft({ ...base, requests: [req(null, null)] }), false);
    // A free-form signer's id is the invite's unique_id, the id signNow's cancel takes (as SignNow.NET's FreeformInvite.Id).
    assert.equal(toSignatureRequest({ ...base, requests: [{ ...req(null, null), unique_id: 'invite-1' }] }, undefined, false).signers[0].id, 'invite-1');
    assert.equal(pending.signers[0].id, 'q', 'without a unique_id, the request id');
  });

  it('accounts: active "0" is locked', () => {
    assert.deepEqual(toAccount({ id: 'u', primary_email: 'a@example.com', active: '0' }), { id: 'u', email: 'a@example.com', isLocked: true });
  });
});
