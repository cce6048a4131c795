// Who sent a request: the signed-in account, or someone else (a service may list requests the account is a
// signer on too). VS Code-free. Only the sender may cancel a request or remind its signers.
import type { SignatureRequest } from './signatureRequest';

/** true/false when both emails are known (compared case-insensitively), else undefined. */
export function isSentByAccount(requesterEmail: string | undefined, accountEmail: string | undefined): boolean | undefined {
  const requester = requesterEmail?.trim().toLowerCase();
  const account = accountEmail?.trim().toLowerCase();
  if (!requester || !account) return undefined;
  return requester === account;
}

/** The request with `sentByAccount` set for this account (left out when it cannot be told). */
export function withSender(request: SignatureRequest, accountEmail: string | undefined): SignatureRequest {
  const sent = isSentByAccount(request.requesterEmail, accountEmail);
  if (sent === undefined) {
    const copy = { ...request };
    delete copy.sentByAccount;
    return copy;
  }
  return { ...request, sentByAccount: sent };
}

/** Someone else sent it: the account received it as a signer. Unknown counts as sent (the actions stay). */
export function isReceived(request: Pick<SignatureRequest, 'sentByAccount'>): boolean {
  return request.sentByAccount === false;
}

/** Why this account cannot cancel the request or remind its signers, or undefined when it sent it. */
export function onlySenderReason(request: Pick<SignatureRequest, 'sentByAccount' | 'requesterEmail' | 'title'>, action: 'cancel' | 'remind'): string | undefined {
  if (!isReceived(request)) return undefined;
  const sender = request.requesterEmail ?? 'someone else';
  const what = action === 'cancel' ? 'cancel it' : 'send reminders for it';
  return `“${request.title}” was sent by ${sender}; only the sender can ${what}.`;
}
