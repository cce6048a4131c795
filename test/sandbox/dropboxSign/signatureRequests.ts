// Signature request rules: who sees what, how requests are sent, reminded, updated, canceled, and how
// signers move (admin/timed mode). Responses use the generated spec types.
import type {
  SignatureRequestResponse,
  SignatureRequestResponseSignatures,
  SignatureRequestSendRequest,
  SubSignatureRequestSigner,
} from '../../../src/providers/dropboxSign/types';
import { Account, SignatureRequest, Signer } from './model';
import { Store } from './store';
import { ApiError, badRequest } from '../kit/http';
import { forbidden } from './errors';
import { randomHex } from '../kit/ids';
import { DocPage } from '../kit/documents';

/** Who is calling: an API key acts as its account; a token acts as its account through one app. */
export interface Principal {
  kind: 'api_key' | 'oauth';
  account: Account;
  clientId?: string;
  scopes?: string[];
  /** the raw credential, only to key rate limits */
  credential: string;
}

export const deleted = () => new ApiError(410, 'deleted', 'This resource has been deleted.');

export function isComplete(r: SignatureRequest): boolean {
  return r.signers.length > 0 && r.signers.every((s) => s.status === 'signed');
}

export function isDeclined(r: SignatureRequest): boolean {
  return r.signers.some((s) => s.status === 'declined');
}

function involves(r: SignatureRequest, account: Account): boolean {
  const email = account.email.toLowerCase();
  return r.requesterAccountId === account.accountId || r.signers.some((s) => s.email.toLowerCase() === email);
}

/** The walkthrough's visibility rule: a token sees only requests sent through its own app. */
export function isVisible(r: SignatureRequest, p: Principal): boolean {
  if (!involves(r, p.account)) return false;
  return p.kind === 'api_key' || r.clientId === p.clientId;
}

/** Looks up a request the caller may act on; unknown → 404, not theirs → 403, canceled → 410. */
export function requireRequest(store: Store, p: Principal, id: string): SignatureRequest {
  const r = store.request(id);
  if (!r) throw new ApiError(404, 'not_found', 'Not found.');
  if (!isVisible(r, p)) throw forbidden('You do not have access to this SignatureRequest.');
  if (r.canceled) throw deleted();
  return r;
}

function requireRequester(r: SignatureRequest, p: Principal): void {
  if (r.requesterAccountId !== p.account.accountId) throw forbidden('Only the requester can perform this action.');
}

export function toResponse(r: SignatureRequest, urls: { baseUrl: string; apiBaseUrl: string }): SignatureRequestResponse {
  const complete = isComplete(r);
  const declined = isDeclined(r);
  const signatures: SignatureRequestResponseSignatures[] = r.signers.map((s) => ({
    signature_id: s.signatureId,
    signer_email_address: s.email,
    signer_name: s.name,
    signer_role: null,
    order: s.order,
    status_code: s.status,
    decline_reason: s.declineReason,
    signed_at: s.signedAt,
    last_viewed_at: s.lastViewedAt,
    last_reminded_at: s.lastRemindedAt,
    has_pin: s.hasPin,
    has_sms_auth: false,
    has_sms_delivery: false,
    sms_phone_number: null,
    reassigned_by: null,
    reassignment_reason: null,
    reassigned_from: null,
    error: null,
  }));
  return {
    test_mode: r.testMode,
    signature_request_id: r.id,
    requester_email_address: r.requesterEmail,
    title: r.title,
    original_title: r.title,
    subject: r.subject,
    message: r.message,
    metadata: r.metadata,
    created_at: r.createdAt,
    expires_at: r.expiresAt,
    is_complete: complete,
    is_declined: declined,
    has_error: false,
    files_url: `${urls.apiBaseUrl}/signature_request/files/${r.id}`,
    signing_url: complete || declined ? null : `${urls.baseUrl}/sign/${r.id}`,
    details_url: `${urls.baseUrl}/home/manage?guid=${r.id}`,
    cc_email_addresses: r.ccEmails,
    signing_redirect_url: r.signingRedirectUrl,
    final_copy_uri: null,
    template_ids: null,
    custom_fields: [],
    attachments: [],
    response_data: [],
    signatures,
    bulk_send_job_id: null,
    signer_experience: { form_view: 'disabled' },
  };
}

/**
 * The search subset the sandbox understands: free words (title, subject, message, signer and requester
 * emails and names, all must match), `title:x`, `from:email`, `to:email`, `complete:true|false`,
 * `declined:true|false`. Unknown `field:value` terms are matched as free words.
 */
export function matchesQuery(r: SignatureRequest, query: string): boolean {
  const terms = query.match(/(?:[^\s"]+:"[^"]*"|"[^"]*"|\S+)/g) ?? [];
  return terms.every((raw) => {
    const term = raw.replace(/"/g, '').toLowerCase();
    const m = /^([a-z_]+):(.*)$/.exec(term);
    const field = m?.[1];
    const value = m?.[2] ?? term;
    switch (field) {
      case 'title':
        return r.title.toLowerCase().includes(value);
      case 'from':
        return r.requesterEmail.toLowerCase().includes(value);
      case 'to':
        return r.signers.some((s) => s.email.toLowerCase().includes(value));
      case 'complete':
        return isComplete(r) === (value === 'true');
      case 'declined':
        return isDeclined(r) === (value === 'true');
      default: {
        const hay = [r.title, r.subject ?? '', r.message ?? '', r.requesterEmail, ...r.signers.flatMap((s) => [s.email, s.name])]
          .join(' ')
          .toLowerCase();
        return hay.includes(term);
      }
    }
  });
}

export function listVisible(store: Store, p: Principal, query: string | undefined): SignatureRequest[] {
  return store.state.requests
    .filter((r) => !r.canceled && isVisible(r, p) && (!query || matchesQuery(r, query)))
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

function fileNameFromUrl(u: string, i: number): string {
  try {
    const last = new URL(u).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : `document-${i + 1}.pdf`;
  } catch {
    return `document-${i + 1}.pdf`;
  }
}

/** Creates a request from a body already validated against SignatureRequestSendRequest. */
export function sendRequest(store: Store, p: Principal, body: SignatureRequestSendRequest, uploadedNames: string[]): SignatureRequest {
  const fileUrls = body.file_urls ?? [];
  const hasFiles = uploadedNames.length > 0 || (body.files?.length ?? 0) > 0;
  if (!hasFiles && fileUrls.length === 0) throw badRequest('Must specify files or file_urls[].', 'files');
  if (hasFiles && fileUrls.length > 0) throw badRequest('Specify either files or file_urls[], not both.', 'file_urls');
  const grouped = body.grouped_signers ?? [];
  if ((body.signers?.length ?? 0) === 0 && grouped.length === 0) throw badRequest('Must specify signers.', 'signers');
  if ((body.signers?.length ?? 0) > 0 && grouped.length > 0) throw badRequest('Specify either signers or grouped_signers, not both.', 'grouped_signers');
  checkMetadata(body.metadata);
  let clientId: string | null = null;
  if (p.kind === 'oauth') clientId = p.clientId ?? null;
  else if (body.client_id) {
    if (!store.app(body.client_id)) throw badRequest('Invalid client_id.', 'client_id');
    clientId = body.client_id;
  }
  const now = store.clock.nowSeconds();
  if (body.expires_at != null && body.expires_at <= now) throw badRequest('expires_at must be in the future.', 'expires_at');
  const toSigner = (s: SubSignatureRequestSigner, order: number | null): Signer => ({
    signatureId: randomHex(16),
    email: s.email_address,
    name: s.name,
    order,
    status: 'awaiting_signature',
    signedAt: null,
    lastViewedAt: null,
    lastRemindedAt: null,
    declineReason: null,
    hasPin: !!s.pin,
  });
  const signers =
    grouped.length > 0
      ? grouped.flatMap((g) => g.signers.map((s) => toSigner(s, g.order ?? null)))
      : (body.signers ?? []).map((s) => toSigner(s, s.order ?? null));
  const fileNames = hasFiles ? (uploadedNames.length > 0 ? uploadedNames : (body.files ?? []).map((_, i) => `document-${i + 1}.pdf`)) : fileUrls.map(fileNameFromUrl);
  const title = body.title ?? body.subject ?? fileNames[0];
  const r: SignatureRequest = {
    id: randomHex(20),
    clientId,
    requesterAccountId: p.account.accountId,
    requesterEmail: p.account.email,
    title,
    subject: body.subject ?? title,
    message: body.message ?? null,
    metadata: body.metadata ?? {},
    createdAt: now,
    expiresAt: body.expires_at ?? null,
    testMode: !!body.test_mode,
    allowDecline: !!body.allow_decline,
    signers,
    ccEmails: body.cc_email_addresses ?? [],
    fileNames,
    signingRedirectUrl: body.signing_redirect_url ?? null,
    canceled: false,
    filesReadyAtMs: store.clock.nowMs() + store.config.filesPrepMs,
    filesPreparing: false,
  };
  store.state.requests.push(r);
  return r;
}

/** Up to 10 keys, key names up to 40 characters, values up to 1000 characters (the spec's limits). */
function checkMetadata(metadata: Record<string, unknown> | undefined): void {
  if (metadata === undefined) return;
  const keys = Object.keys(metadata);
  if (keys.length > 10) throw badRequest('metadata may have at most 10 keys.', 'metadata');
  for (const k of keys) {
    if (k.length > 40) throw badRequest('metadata key names may be at most 40 characters.', `metadata[${k}]`);
    const v = metadata[k];
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    if (text.length > 1000) throw badRequest('metadata values may be at most 1000 characters.', `metadata[${k}]`);
  }
}

export function cancelRequest(r: SignatureRequest, p: Principal): void {
  requireRequester(r, p);
  if (isComplete(r)) throw badRequest('This SignatureRequest has already been completed and cannot be canceled.');
  r.canceled = true;
}

export function remindSigner(store: Store, r: SignatureRequest, p: Principal, email: string): void {
  requireRequester(r, p);
  if (isComplete(r)) throw badRequest('This SignatureRequest has already been completed.');
  if (isDeclined(r)) throw badRequest('This SignatureRequest has been declined.');
  const s = r.signers.find((x) => x.email.toLowerCase() === email.toLowerCase());
  if (!s) throw badRequest('No signer with this email address.', 'email_address');
  if (s.status !== 'awaiting_signature') throw badRequest('This signer is not awaiting a signature.', 'email_address');
  const now = store.clock.nowSeconds();
  if (s.lastRemindedAt !== null && now - s.lastRemindedAt < 3600) {
    throw badRequest('You cannot send a reminder within 1 hour of the last reminder.', 'email_address');
  }
  s.lastRemindedAt = now;
}

export function updateSigner(
  store: Store,
  r: SignatureRequest,
  p: Principal,
  body: { signature_id: string; email_address?: string; name?: string; expires_at?: number | null },
): void {
  requireRequester(r, p);
  if (body.email_address === undefined && body.name === undefined && body.expires_at === undefined) {
    throw badRequest('Specify email_address, name or expires_at.', 'email_address');
  }
  const s = r.signers.find((x) => x.signatureId === body.signature_id);
  if (!s) throw badRequest('No signer with this signature_id.', 'signature_id');
  if (s.status === 'signed' || s.status === 'declined') throw badRequest('This signer has already acted on the request.', 'signature_id');
  if (body.expires_at !== undefined) {
    if (body.expires_at !== null && body.expires_at <= store.clock.nowSeconds()) throw badRequest('expires_at must be in the future.', 'expires_at');
    r.expiresAt = body.expires_at;
  }
  if (body.name !== undefined) s.name = body.name;
  if (body.email_address !== undefined && body.email_address.toLowerCase() !== s.email.toLowerCase()) {
    s.email = body.email_address;
    s.signatureId = randomHex(16); // a new email means a new signature_id
  }
}

export function releaseHold(r: SignatureRequest, p: Principal): void {
  requireRequester(r, p);
  if (!r.signers.some((s) => s.status === 'on_hold')) throw badRequest('This SignatureRequest is not on hold.');
  for (const s of r.signers) if (s.status === 'on_hold') s.status = 'awaiting_signature';
}

export function filesReady(store: Store, r: SignatureRequest): boolean {
  return !r.filesPreparing && store.clock.nowMs() >= r.filesReadyAtMs;
}

export function documentPages(r: SignatureRequest): Array<{ name: string; page: DocPage }> {
  const status = (s: Signer) =>
    `${s.name} <${s.email}>: ${s.status}${s.signedAt ? ` at ${new Date(s.signedAt * 1000).toISOString()}` : ''}`;
  return r.fileNames.map((name) => ({
    name: /\.pdf$/i.test(name) ? name : `${name}.pdf`,
    page: {
      heading: r.title,
      lines: [`Document: ${name}`, `Signature request: ${r.id}`, `Requester: ${r.requesterEmail}`, '', ...r.signers.map(status)],
    },
  }));
}

export type SignerAction = 'view' | 'sign' | 'decline';

/** Moves one signer (admin / timed mode); signing respects signer order. Completion starts file prep. */
export function moveSigner(store: Store, r: SignatureRequest, who: { email?: string; signatureId?: string }, action: SignerAction, reason?: string): Signer {
  if (r.canceled) throw deleted();
  const s = r.signers.find((x) => (who.signatureId ? x.signatureId === who.signatureId : x.email.toLowerCase() === who.email?.toLowerCase()));
  if (!s) throw badRequest('No such signer on this request.');
  const now = store.clock.nowSeconds();
  if (action === 'view') {
    s.lastViewedAt = now;
    return s;
  }
  if (s.status !== 'awaiting_signature') throw new ApiError(409, 'conflict', `Signer is ${s.status}, not awaiting_signature.`);
  if (isDeclined(r)) throw new ApiError(409, 'conflict', 'The request has been declined.');
  if (action === 'decline') {
    s.status = 'declined';
    s.declineReason = reason ?? 'Declined in the sandbox.';
    s.lastViewedAt ??= now;
    return s;
  }
  if (s.order !== null && r.signers.some((o) => o.order !== null && o.order < s.order! && o.status !== 'signed')) {
    throw new ApiError(409, 'conflict', 'An earlier signer (by order) has not signed yet.');
  }
  s.status = 'signed';
  s.signedAt = now;
  s.lastViewedAt ??= now;
  if (isComplete(r)) r.filesReadyAtMs = store.clock.nowMs() + store.config.filesPrepMs;
  return s;
}

/** Signs every remaining signer in order. */
export function completeRequest(store: Store, r: SignatureRequest): void {
  if (isDeclined(r)) throw new ApiError(409, 'conflict', 'The request has been declined.');
  const pending = r.signers.filter((s) => s.status === 'awaiting_signature' || s.status === 'on_hold');
  pending.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const s of pending) {
    s.status = 'awaiting_signature';
    moveSigner(store, r, { signatureId: s.signatureId }, 'sign');
  }
}

/** One tick of timed mode: the next signer of each open request views, or signs if already viewed. */
export function timedTick(store: Store): boolean {
  let changed = false;
  for (const r of store.state.requests) {
    if (r.canceled || isComplete(r) || isDeclined(r)) continue;
    const next = r.signers
      .filter((s) => s.status === 'awaiting_signature')
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))[0];
    if (!next) continue;
    try {
      moveSigner(store, r, { signatureId: next.signatureId }, next.lastViewedAt === null ? 'view' : 'sign');
      changed = true;
    } catch {
      // e.g. an earlier signer is on hold: this request waits; a timer must never crash the sandbox
    }
  }
  return changed;
}
