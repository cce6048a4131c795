// signNow documents → SignDesk's service-neutral requests. A signNow "request" is a document with invites:
// field (role-based) invites or free-form invites. Rules (../shared/notes/providers.md, §1b):
// - state: declined if an invite declined; completed if every invite is fulfilled (or every free-form
//   invite signed); canceled when every invite was canceled; else awaiting. Drafts (no invites) are not
//   requests: `isDraft` tells, and the list leaves them out.
// - signer status: created/pending → awaiting (viewed once an email status says opened), fulfilled → signed,
//   declined → declined with its text, anything else → unknown with the raw status kept.
// - reminders: signNow resends only a field invite whose turn it is (pending; PUT /fieldinvite/{id}/resend)
//   and documents no reminder for free-form invites: those signers, and the ones waiting for an earlier
//   signer (created), carry noReminder, so the tree offers no Remind on them.
// - signer order: signNow's signing_order starts at 1, the model's order (as Dropbox Sign's) at 0.
import type { Account } from '../../model/account';
import type { Signer, SignatureRequest, SignatureRequestState } from '../../model/signatureRequest';
import { textOf } from '../errorBody';
import { documentPageUrl } from './endpoints';
import type { SnDocumentJson, SnFieldInviteJson, SnRequestJson, SnUserJson } from './types';

/** signNow's numbers often arrive as digit strings: those as numbers, anything else as it is. */
export function numberOf(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d{1,12}\s*$/.test(value) ? Number(value) : value;
}

/** Epoch seconds (a number or a digit string) → ms; undefined when absent or not a time. */
export function msFromSeconds(value: unknown): number | undefined {
  const n = numberOf(value);
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
}

export function toAccount(user: SnUserJson): Account {
  const account: Account = { id: user.id, email: user.primary_email };
  if (user.active !== undefined) {
    account.isLocked = String(user.active) === '0';
  }
  if (user.locale) {
    account.locale = user.locale;
  }
  return account;
}

export function isDraft(doc: SnDocumentJson): boolean {
  return (doc.field_invites ?? []).length === 0 && (doc.requests ?? []).length === 0;
}

function fieldInviteSigner(invite: SnFieldInviteJson, orderOf: Map<string, number>): Signer {
  const signer: Signer = { id: invite.id, email: invite.email, status: 'unknown', statusCode: invite.status };
  if (invite.role) {
    signer.role = invite.role;
  }
  const order = invite.role_id ? orderOf.get(invite.role_id) : undefined;
  if (order !== undefined) {
    signer.order = order - 1;
  }
  const declinedText = invite.declined?.map((d) => textOf(d.declined_text)).find(Boolean);
  if (invite.status === 'declined' || invite.is_full_declined || declinedText) {
    signer.status = 'declined';
    if (declinedText) {
      signer.declineReason = declinedText;
    }
  } else if (invite.status === 'fulfilled') {
    signer.status = 'signed';
    const at = msFromSeconds(invite.updated);
    if (at !== undefined) {
      signer.signedAt = at;
    }
  } else if (invite.status === 'created' || invite.status === 'pending') {
    const opened = (invite.email_statuses ?? []).filter((e) => e.status === 'opened' || e.status === 'clicked');
    signer.status = opened.length > 0 ? 'viewed' : 'awaiting';
    if (invite.status === 'created') signer.noReminder = `signNow reminds ${invite.email} once it is their turn to sign. No reminder was sent.`;
    const lastOpened = Math.max(...opened.map((e) => msFromSeconds(e.last_reaction_at ?? e.created_at) ?? 0));
    if (lastOpened > 0) {
      signer.lastViewedAt = lastOpened;
    }
  }
  return signer;
}

function freeFormSigner(request: SnRequestJson): Signer {
  const signed = !!request.signature_id;
  return {
    // The invite's own id, the one its cancel takes (service.ts); `id` names the request record.
    id: request.unique_id ?? request.id,
    email: request.signer_email,
    status: signed ? 'signed' : request.canceled ? 'unknown' : 'awaiting',
    statusCode: signed ? 'signed' : request.canceled ? 'canceled' : 'pending',
    noReminder: 'signNow cannot remind free-form signers. No reminder was sent.',
  };
}

function stateOf(doc: SnDocumentJson): SignatureRequestState {
  const invites = doc.field_invites ?? [];
  if (invites.some((i) => i.status === 'declined' || i.is_full_declined || i.declined?.length)) {
    return 'declined';
  }
  // Free-form invites read in field-invite words: signed is fulfilled.
  const statuses = invites.length > 0 ? invites.map((i) => i.status) : (doc.requests ?? []).map((r) => (r.signature_id ? 'fulfilled' : r.canceled ? 'canceled' : 'pending'));
  if (statuses.length > 0 && statuses.every((s) => s === 'fulfilled')) {
    return 'completed';
  }
  if (statuses.every((s) => s === 'fulfilled' || s === 'canceled') && statuses.includes('canceled')) {
    return 'canceled';
  }
  return 'awaiting';
}

/**
 * `accountEmail`: the signed-in account's login email (who sent it); `testMode`: the eval environment;
 * `appBaseUrl`: signNow's web app (signdesk.signNow.oauthBaseUrl), where the document's details page is.
 */
export function toSignatureRequest(doc: SnDocumentJson, accountEmail: string | undefined, testMode: boolean, appBaseUrl?: string): SignatureRequest {
  const orderOf = new Map((doc.roles ?? []).map((r) => [r.unique_id, Number(r.signing_order)] as const).filter(([, n]) => Number.isInteger(n) && n >= 1));
  const invites = doc.field_invites ?? [];
  const signers = invites.length > 0 ? invites.map((i) => fieldInviteSigner(i, orderOf)) : (doc.requests ?? []).map(freeFormSigner);
  const state = stateOf(doc);
  const request: SignatureRequest = {
    id: doc.id,
    title: doc.document_name,
    state,
    onHold: false,
    isComplete: state === 'completed',
    testMode,
    ccEmails: [],
    signers,
  };
  if (appBaseUrl !== undefined) {
    request.detailsUrl = documentPageUrl(appBaseUrl, doc.id);
  }
  const created = msFromSeconds(doc.created);
  if (created !== undefined) {
    request.createdAt = created;
  }
  // The nearest deadline of an invite still open, as signNow's own MCP server shows it.
  const deadlines = invites.filter((i) => i.status === 'pending' || i.status === 'created').map((i) => msFromSeconds(i.expiration_time)).filter((x): x is number => x !== undefined);
  if (deadlines.length > 0) {
    request.expiresAt = Math.min(...deadlines);
  }
  if (doc.owner) {
    request.requesterEmail = doc.owner;
    if (accountEmail !== undefined) {
      request.sentByAccount = doc.owner.toLowerCase() === accountEmail.toLowerCase();
    }
  }
  return request;
}
