// signNow documents and invites: state rules (roles from fields, signing order, cancel, resend, signer moves)
// and the JSON shapes signNow answers with (document, folder entry, list item).
import { randomHex } from '../kit/ids';
import { DocPage } from '../kit/documents';
import { SnStore } from './store';
import { SnDocument, SnField, SnFieldInvite, SnFolder, SnUser } from './model';
import { apiError, badRequest } from './errors';
import { roleId } from './seed';

const s = (n: number) => String(n);

/** Modified = fields, invites or signatures were added (what /user/documentsv2 lists). */
export function isModified(d: SnDocument): boolean {
  return d.fields.length > 0 || d.fieldInvites.length > 0 || d.requests.length > 0 || d.signatures.length > 0;
}

const OPEN: ReadonlySet<string> = new Set(['created', 'pending']);

export function hasOpenInvites(d: SnDocument): boolean {
  return d.fieldInvites.some((f) => OPEN.has(f.status)) || d.requests.some((r) => !r.canceled && !r.signatureId);
}

/** signNow's signing-status filter values for one document, seen by `user`. */
export function signingStatus(d: SnDocument, user: SnUser): 'signed' | 'pending' | 'unsent' | 'expired' | 'declined' | 'canceled' {
  if (d.fieldInvites.length === 0 && d.requests.length === 0) return 'unsent';
  if (d.fieldInvites.some((f) => f.status === 'declined')) return 'declined';
  if (d.fieldInvites.some((f) => f.status === 'expired')) return 'expired';
  if (d.fieldInvites.length > 0 && d.fieldInvites.every((f) => f.status === 'fulfilled')) return 'signed';
  if (d.requests.length > 0 && d.requests.every((r) => r.signatureId)) return 'signed';
  if (hasOpenInvites(d)) return 'pending';
  void user;
  return 'canceled';
}

export function matchesSigningFilter(d: SnDocument, user: SnUser, value: string): boolean {
  const status = signingStatus(d, user);
  const waitingForMe = d.fieldInvites.some((f) => f.status === 'pending' && f.email.toLowerCase() === user.email.toLowerCase());
  switch (value) {
    case 'signed':
    case 'pending':
    case 'unsent':
    case 'expired':
      return status === value;
    case 'waiting-for-me':
      return waitingForMe;
    case 'waiting-for-others':
      return status === 'pending' && d.userId === user.id && !waitingForMe;
    default:
      return true;
  }
}

/** The full GET /document/{id} shape (the fields SignDesk reads plus the arrays every client expects). */
export function documentJson(d: SnDocument, baseUrl: string): Record<string, unknown> {
  return {
    id: d.id,
    user_id: d.userId,
    document_name: d.name,
    page_count: s(d.pageCount),
    created: s(d.created),
    updated: s(d.updated),
    original_filename: d.originalFilename,
    origin_document_id: null,
    origin_user_id: null,
    owner: d.ownerEmail,
    owner_name: d.ownerEmail.split('@')[0],
    template: false,
    parent_id: d.folderId,
    originator_logo: '',
    version_time: d.updated,
    thumbnail: {
      small: `${baseUrl}/_thumbnail/${d.id}?size=small`,
      medium: `${baseUrl}/_thumbnail/${d.id}?size=medium`,
      large: `${baseUrl}/_thumbnail/${d.id}?size=large`,
    },
    pages: Array.from({ length: d.pageCount }, (_, i) => ({ src: `${baseUrl}/_page/${d.id}/${i}`, size: { width: 612, height: 792 } })),
    signatures: d.signatures.map((x) => ({ id: x.id, user_id: x.userId, email: x.email, created: s(x.created), page_number: '0' })),
    texts: [],
    checks: [],
    tags: [],
    fields: d.fields.map((f) => ({
      id: f.id,
      type: f.type,
      role_id: f.roleId,
      role: f.role,
      originator: d.ownerEmail,
      fulfiller: d.fieldInvites.find((i) => i.roleId === f.roleId && i.status === 'fulfilled')?.email ?? null,
      field_request_id: null,
      element_id: null,
      field_request_canceled: null,
      template_field_id: null,
      json_attributes: { page_number: f.pageNumber, x: f.x, y: f.y, width: f.width, height: f.height, required: f.required, ...(f.name ? { name: f.name } : {}), ...(f.label ? { label: f.label } : {}) },
    })),
    roles: d.roles.map((r) => ({ unique_id: r.uniqueId, signing_order: s(r.signingOrder), name: r.name })),
    field_invites: d.fieldInvites.map((f) => fieldInviteJson(f)),
    requests: d.requests.map((r) => ({
      id: r.id,
      unique_id: r.uniqueId,
      user_id: d.userId,
      created: s(r.created),
      originator_email: r.originatorEmail,
      signer_email: r.signerEmail,
      canceled: r.canceled,
      redirect_uri: null,
      signature_id: r.signatureId,
      email_statuses: [],
    })),
    enumeration_options: [],
    attachments: [],
    routing_details: [],
    integrations: [],
    hyperlinks: [],
    radiobuttons: [],
    document_group_template_info: [],
    document_group_info: [],
    originator_organization_settings: [],
    field_validators: [],
    settings: { no_document_attachment: false, no_document_file_attachments: false },
  };
}

function fieldInviteJson(f: SnFieldInvite): Record<string, unknown> {
  return {
    id: f.id,
    signer_user_id: f.signerUserId,
    status: f.status,
    created: s(f.created),
    updated: s(f.updated),
    email: f.email,
    role: f.role,
    role_id: f.roleId,
    reminder: s(f.reminder),
    expiration_time: s(f.expirationTime),
    declined: f.declinedText ? [{ declined_text: f.declinedText }] : [],
    is_full_declined: f.status === 'declined',
    decline_by_signature: '0',
    reassign: '0',
    email_statuses: f.emailStatuses.map((e) => ({ status: e.status, created_at: e.createdAt, last_reaction_at: e.lastReactionAt })),
  };
}

/** A folder as GET /user/folder and GET /folder/{id} show it (documents added by the caller). */
export function folderJson(f: SnFolder, store: SnStore): Record<string, unknown> {
  const children = store.state.folders.filter((c) => c.parentId === f.id);
  return {
    id: f.id,
    created: s(f.created),
    name: f.name,
    user_id: f.userId,
    parent_id: f.parentId,
    system_folder: f.systemFolder,
    shared: false,
    folders: children.map((c) => ({
      id: c.id,
      created: s(c.created),
      name: c.name,
      user_id: c.userId,
      parent_id: c.parentId,
      system_folder: c.systemFolder,
      shared: false,
      document_count: s(store.state.documents.filter((d) => d.folderId === c.id).length),
      template_count: '0',
      folder_count: s(store.state.folders.filter((x) => x.parentId === c.id).length),
    })),
  };
}

/** Fields from PUT /document/{id}; roles follow the fields' role names in order of first appearance. */
export function setFields(d: SnDocument, input: unknown, now: number): void {
  if (!Array.isArray(input)) throw badRequest('fields must be an array.');
  if (hasOpenInvites(d) || d.fieldInvites.some((f) => f.status === 'fulfilled')) throw apiError(400, 65579, 'Document has invites: fields cannot be changed.');
  const fields: SnField[] = input.map((raw, i) => {
    const f = (raw ?? {}) as Record<string, unknown>;
    const num = (k: string) => {
      const n = Number(f[k]);
      if (f[k] === undefined || !Number.isFinite(n)) throw badRequest(`fields[${i}].${k} is required and must be a number.`);
      return n;
    };
    if (typeof f.type !== 'string' || !f.type) throw badRequest(`fields[${i}].type is required.`);
    if (typeof f.role !== 'string' || !f.role) throw badRequest(`fields[${i}].role is required.`);
    const page = num('page_number');
    if (page < 0 || page >= d.pageCount) throw badRequest(`fields[${i}].page_number is past the document's last page.`);
    return {
      id: randomHex(20),
      type: f.type,
      role: f.role,
      roleId: roleId(d.id, f.role),
      pageNumber: page,
      x: num('x'),
      y: num('y'),
      width: num('width'),
      height: num('height'),
      required: f.required !== false && f.required !== 'false' && f.required !== 0,
      ...(typeof f.name === 'string' ? { name: f.name } : {}),
      ...(typeof f.label === 'string' ? { label: f.label } : {}),
    };
  });
  d.fields = fields;
  const names = [...new Set(fields.map((f) => f.role))];
  d.roles = names.map((name, i) => ({ uniqueId: roleId(d.id, name), name, signingOrder: i + 1 }));
  d.updated = now;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkFrom(body: Record<string, unknown>, user: SnUser): void {
  if (typeof body.from !== 'string' || body.from.toLowerCase() !== user.email.toLowerCase()) {
    throw badRequest('"from" must be the login email of your account.', 65591);
  }
}

/** POST /document/{id}/invite with `to` as one email: a free-form invite (documents without fields). */
export function freeFormInvite(store: SnStore, d: SnDocument, user: SnUser, body: Record<string, unknown>): { result: 'success'; id: string; callback_url: string } {
  if (d.fields.length > 0) throw badRequest('This document has fields: send a role-based invite ("to" as a list of roles).', 65600);
  const to = String(body.to);
  if (!EMAIL.test(to)) throw badRequest('"to" must be an email address.', 65601);
  checkFrom(body, user);
  if (to.toLowerCase() === user.email.toLowerCase()) throw badRequest('You cannot invite yourself.', 65602);
  if (d.requests.some((r) => !r.canceled && !r.signatureId)) throw badRequest('This document already has a pending invite.', 65603);
  const now = store.now();
  // The invite's id, as the answer names it and PUT /invite/{id}/cancel takes it, is the request's unique_id
  // (SignNow.NET reads `unique_id` as FreeformInvite.Id and cancels with it); `id` is another value.
  const uniqueId = randomHex(20);
  d.requests.push({
    id: randomHex(20),
    uniqueId,
    signerEmail: to,
    originatorEmail: user.email,
    created: now,
    signatureId: null,
    canceled: null,
    ...(typeof body.subject === 'string' ? { subject: body.subject } : {}),
    ...(typeof body.message === 'string' ? { message: body.message } : {}),
  });
  d.updated = now;
  return { result: 'success', id: uniqueId, callback_url: 'none' };
}

/** POST /document/{id}/invite with `to` as a list: a role-based field invite, signing in `order`. */
export function fieldInvite(store: SnStore, d: SnDocument, user: SnUser, body: Record<string, unknown>): { status: 'success' } {
  if (d.fields.length === 0) throw badRequest('This document has no fields: send a free-form invite ("to" as one email).', 65604);
  if (d.fieldInvites.some((f) => OPEN.has(f.status) || f.status === 'fulfilled')) throw badRequest('This document already has a field invite.', 65605);
  checkFrom(body, user);
  const to = body.to as unknown[];
  if (to.length === 0) throw badRequest('"to" must name at least one role.');
  const now = store.now();
  const seen = new Set<string>();
  const invites: SnFieldInvite[] = to.map((raw, i) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    if (typeof t.email !== 'string' || !EMAIL.test(t.email)) throw badRequest(`to[${i}].email must be an email address.`, 65601);
    const role = d.roles.find((r) => r.name === t.role || (typeof t.role_id === 'string' && t.role_id !== '' && r.uniqueId === t.role_id));
    if (!role) throw badRequest(`to[${i}].role ${String(t.role)} is not a role of this document.`, 65606);
    if (typeof t.role_id === 'string' && t.role_id !== '' && t.role_id !== role.uniqueId) throw badRequest(`to[${i}].role_id does not belong to role ${role.name}.`, 65606);
    if (seen.has(role.uniqueId)) throw badRequest(`Role ${role.name} is invited twice.`, 65607);
    seen.add(role.uniqueId);
    const order = t.order === undefined ? role.signingOrder : Number(t.order);
    if (!Number.isInteger(order) || order < 1) throw badRequest(`to[${i}].order must be a positive whole number.`);
    const days = t.expiration_days === undefined ? 30 : Number(t.expiration_days);
    if (!Number.isInteger(days) || days < 3 || days > 180) throw badRequest(`to[${i}].expiration_days must be between 3 and 180.`);
    return {
      id: randomHex(20),
      email: t.email,
      role: role.name,
      roleId: role.uniqueId,
      order,
      status: 'created',
      created: now,
      updated: now,
      expirationTime: now + days * 86400,
      reminder: Number(t.reminder ?? 0) || 0,
      emailStatuses: [],
      signerUserId: store.userByEmail(t.email)?.id ?? null,
      ...(typeof t.subject === 'string' ? { subject: t.subject } : typeof body.subject === 'string' ? { subject: body.subject } : {}),
      ...(typeof t.message === 'string' ? { message: t.message } : typeof body.message === 'string' ? { message: body.message } : {}),
    };
  });
  const missing = d.roles.filter((r) => !seen.has(r.uniqueId));
  if (missing.length > 0) throw badRequest(`Every role needs a signer: ${missing.map((r) => r.name).join(', ')} missing.`, 65608);
  d.fieldInvites = invites;
  advanceOrder(d, now);
  d.updated = now;
  return { status: 'success' };
}

/** The lowest order with unfinished invites becomes `pending` (its invite email goes out). */
function advanceOrder(d: SnDocument, now: number): void {
  const open = d.fieldInvites.filter((f) => OPEN.has(f.status));
  if (open.length === 0 || d.fieldInvites.some((f) => f.status === 'declined')) return;
  const step = Math.min(...open.map((f) => f.order));
  for (const f of open) {
    if (f.order === step && f.status === 'created') {
      f.status = 'pending';
      f.updated = now;
      f.emailStatuses.push({ status: 'sent', createdAt: now, lastReactionAt: now });
    }
  }
}

/** PUT /document/{id}/fieldinvitecancel. */
export function cancelFieldInvites(store: SnStore, d: SnDocument): { status: 'success' } {
  const open = d.fieldInvites.filter((f) => OPEN.has(f.status));
  if (open.length === 0) throw badRequest('This document has no field invite to cancel.', 65609);
  const now = store.now();
  if (store.config.fieldInviteCancel === 'remove') d.fieldInvites = d.fieldInvites.filter((f) => !OPEN.has(f.status));
  else
    for (const f of open) {
      f.status = 'canceled';
      f.updated = now;
    }
  d.updated = now;
  return { status: 'success' };
}

/** PUT /invite/{id}/cancel (free-form): `id` is the invite's unique_id; its `id` is not found (404). */
export function cancelFreeForm(store: SnStore, user: SnUser, inviteId: string): { id: string } {
  for (const d of store.state.documents) {
    const r = d.requests.find((x) => x.uniqueId === inviteId);
    if (!r) continue;
    if (d.userId !== user.id) throw apiError(403, 65610, 'You do not have access to this invite.');
    if (r.canceled) throw badRequest('This invite is already canceled.', 65611);
    if (r.signatureId) throw badRequest('This invite is already signed.', 65612);
    r.canceled = true;
    d.updated = store.now();
    return { id: r.uniqueId };
  }
  throw apiError(404, 65613, 'Invite not found');
}

/** PUT /fieldinvite/{id}/resend. */
export function resendFieldInvite(store: SnStore, user: SnUser, inviteId: string): { status: 'success' } {
  for (const d of store.state.documents) {
    const f = d.fieldInvites.find((x) => x.id === inviteId);
    if (!f) continue;
    if (d.userId !== user.id) throw apiError(403, 65610, 'You do not have access to this invite.');
    if (f.status !== 'pending') throw badRequest(`This invite cannot be resent: its status is ${f.status}.`, 65614);
    const now = store.now();
    const wait = store.config.resendMinIntervalSeconds;
    if (wait > 0 && f.lastResentAt !== undefined && now - f.lastResentAt < wait) throw badRequest(`This invite was resent less than ${wait} seconds ago.`, 65615);
    f.lastResentAt = now;
    f.emailStatuses.push({ status: 'sent', createdAt: now, lastReactionAt: now });
    return { status: 'success' };
  }
  throw apiError(404, 65613, 'Invite not found');
}

export type SignerMove = 'view' | 'sign' | 'decline';

/** Admin: a signer opens, signs or declines. Field invites sign in order (else 409); free-form invites only sign. */
export function moveSigner(store: SnStore, d: SnDocument, email: string, action: SignerMove, reason?: string): void {
  const now = store.now();
  const who = email.toLowerCase();
  const f = d.fieldInvites.find((x) => x.email.toLowerCase() === who && (OPEN.has(x.status) || action === 'view'));
  if (f) {
    if (f.status !== 'pending') throw apiError(409, 65620, `${email} cannot ${action} yet: an earlier signer has not signed (status ${f.status}).`);
    if (action === 'view') {
      f.emailStatuses.push({ status: 'opened', createdAt: now, lastReactionAt: now });
    } else if (action === 'sign') {
      f.status = 'fulfilled';
      d.signatures.push({ id: randomHex(20), userId: f.signerUserId, email: f.email, created: now });
      advanceOrder(d, now);
    } else {
      f.status = 'declined';
      f.declinedText = reason ?? 'Declined (sandbox).';
    }
    f.updated = now;
    d.updated = now;
    return;
  }
  const r = d.requests.find((x) => x.signerEmail.toLowerCase() === who && !x.canceled && !x.signatureId);
  if (r) {
    if (action === 'decline') throw apiError(409, 65621, 'Free-form invites have no decline in this sandbox.');
    if (action === 'sign') {
      r.signatureId = randomHex(20);
      d.signatures.push({ id: r.signatureId, userId: store.userByEmail(r.signerEmail)?.id ?? null, email: r.signerEmail, created: now });
      d.updated = now;
    }
    return;
  }
  throw apiError(409, 65622, `${email} has no open invite on this document.`);
}

/** The page drawn into downloads: title, id and each signer's state. */
export function documentPage(d: SnDocument): DocPage {
  const lines = [
    ...d.fieldInvites.map((f) => `${f.order}. ${f.email} (${f.role}): ${f.status}${f.declinedText ? ` - ${f.declinedText}` : ''}`),
    ...d.requests.map((r) => `${r.signerEmail}: ${r.canceled ? 'canceled' : r.signatureId ? 'signed' : 'pending'}`),
  ];
  return { heading: d.name, lines: [`Document ${d.id}`, `Owner ${d.ownerEmail}`, ...lines] };
}
