// When a signer can be reminded. VS Code-free. Services refuse a reminder too soon after the previous one
// (manual or automatic; their rules' reminderIntervalMs); checking the time we know first saves a failing call.
import type { SignatureRules } from '../../model/service';
import type { SignatureRequest, Signer } from '../../model/signatureRequest';
import { onlySenderReason } from '../../model/requestSender';

/** Signers who still have to sign: the ones a reminder is for. */
export function isAwaitingSigner(signer: Pick<Signer, 'status'>): boolean {
  return signer.status === 'awaiting' || signer.status === 'viewed';
}

/** Why this signer cannot be reminded at all (regardless of time), or undefined. */
export function cannotRemindReason(
  request: Pick<SignatureRequest, 'state' | 'title' | 'sentByAccount' | 'requesterEmail'>,
  signer: Signer,
): string | undefined {
  // Dropbox Sign lets only the sender remind (it refuses with 403 otherwise).
  const notSender = onlySenderReason(request, 'remind');
  if (notSender) return notSender;
  if (signer.noReminder) return signer.noReminder;
  const who = signerLabel(signer);
  if (request.state !== 'awaiting') {
    return `“${request.title}” is ${request.state}; only requests awaiting signatures can send reminders.`;
  }
  if (signer.status === 'onHold') return `${who} is on hold and cannot sign yet, so there is nothing to remind.`;
  if (!isAwaitingSigner(signer)) return `${who} is not awaiting a signature (${signer.status}).`;
  return undefined;
}

/** When the next reminder is allowed, if the last one we know of is younger than the service's interval. */
export function remindAgainAt(
  rules: Pick<SignatureRules, 'reminderIntervalMs'>,
  signer: Pick<Signer, 'lastRemindedAt'>,
  now: number,
): Date | undefined {
  if (signer.lastRemindedAt === undefined) return undefined;
  const next = signer.lastRemindedAt + rules.reminderIntervalMs;
  return next > now ? new Date(next) : undefined;
}

/** "Jack (jack@example.com)", or the email alone when there is no name. */
export function signerLabel(signer: Pick<Signer, 'name' | 'email'>): string {
  const name = signer.name?.trim();
  return name ? `${name} (${signer.email})` : signer.email;
}
