import * as assert from 'node:assert/strict';
import type { SignatureRequest, Signer } from '../../../../src/model/signatureRequest';
import { cannotRemindReason, remindAgainAt, signerLabel } from '../../../../src/commands/actions/remindRules';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';

const request: Pick<SignatureRequest, 'state' | 'title'> = { state: 'awaiting', title: 'NDA' };
const signer = (overrides: Partial<Signer> = {}): Signer => ({ email: 'jack@example.com', name: 'Jack', status: 'awaiting', ...overrides });

describe('remind rules', () => {
  it('lets awaiting and viewed signers of an awaiting request be reminded', () => {
    assert.equal(cannotRemindReason(request, signer()), undefined);
    assert.equal(cannotRemindReason(request, signer({ status: 'viewed' })), undefined);
  });

  it('says why others cannot', () => {
    assert.match(cannotRemindReason(request, signer({ status: 'signed' })) ?? '', /not awaiting a signature \(signed\)/);
    assert.match(cannotRemindReason(request, signer({ status: 'onHold' })) ?? '', /on hold/);
    assert.match(cannotRemindReason({ state: 'completed', title: 'NDA' }, signer()) ?? '', /“NDA” is completed/);
  });

  it('refuses, without asking Dropbox Sign, on a request someone else sent (only the sender may remind)', () => {
    const received = { ...request, requesterEmail: 'bob@example.com', sentByAccount: false };
    assert.equal(cannotRemindReason(received, signer()), '“NDA” was sent by bob@example.com; only the sender can send reminders for it.');
    assert.equal(cannotRemindReason({ ...received, sentByAccount: true }, signer()), undefined);
  });

  it('a signer its service cannot remind (noReminder) is refused with the service\'s reason, whatever the request\'s state', () => {
    const reason = 'That service has no reminder for this kind of invite.';
    assert.equal(cannotRemindReason(request, signer({ noReminder: reason })), reason);
    assert.equal(cannotRemindReason({ state: 'completed', title: 'NDA' }, signer({ noReminder: reason })), reason);
  });

  it('knows when the next reminder is allowed', () => {
    const now = 1_000_000_000;
    assert.equal(remindAgainAt(dropboxSign.signatures.rules, signer(), now), undefined);
    assert.equal(remindAgainAt(dropboxSign.signatures.rules, signer({ lastRemindedAt: now - dropboxSign.signatures.rules.reminderIntervalMs }), now), undefined);
    assert.deepEqual(remindAgainAt(dropboxSign.signatures.rules, signer({ lastRemindedAt: now - 10 * 60_000 }), now), new Date(now + 50 * 60_000));
  });

  it('labels signers by name and email', () => {
    assert.equal(signerLabel(signer()), 'Jack (jack@example.com)');
    assert.equal(signerLabel(signer({ name: ' ' })), 'jack@example.com');
  });
});
