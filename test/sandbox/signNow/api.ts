// signNow's REST paths, at the root of apiBaseUrl as on api.signnow.com: account, folders, document
// lists, documents (upload, get, fields, download, one-time link) and invites. Every route needs a Bearer
// token; answers and errors are in signNow's shapes (errors.ts).
import * as http from 'http';
import * as path from 'path';
import { randomHex, randomToken } from '../kit/ids';
import { ParsedBody, readBody, sendJson } from '../kit/http';
import { buildPdf, buildZip } from '../kit/documents';
import { SnContext } from './context';
import { SnDocument, SnUser } from './model';
import { apiError, badRequest, documentNotFound, noRoute } from './errors';
import { bearer } from './tokens';
import * as docs from './documents';
import { SYSTEM_FOLDERS, folderId } from './seed';

/** File types signNow accepts on upload (the collection's list plus the official client's). */
export const ACCEPTED_EXTENSIONS = ['doc', 'docx', 'pdf', 'odt', 'rtf', 'xls', 'xlsx', 'ppt', 'pptx', 'png', 'jpg', 'jpeg', 'gif', 'bmp'];
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

interface Call {
  ctx: SnContext;
  user: SnUser;
  params: string[];
  query: URLSearchParams;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  body: () => Promise<ParsedBody>;
}

interface Route {
  method: string;
  /** the route's name in counters and recorded exchanges, e.g. `GET /document/{id}` */
  name: string;
  pattern: RegExp;
  run: (c: Call) => Promise<void> | void;
}

const route = (method: string, template: string, run: Route['run']): Route => ({
  method,
  name: `${method} ${template}`,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}/?$`),
  run,
});

export const API_ROUTES: Route[] = [
  route('GET', '/user', (c) => sendJson(c.res, 200, userJson(c.ctx, c.user))),
  route('GET', '/user/folder', (c) => {
    const root = c.ctx.store.state.folders.find((f) => f.userId === c.user.id && f.parentId === null)!;
    sendJson(c.res, 200, { ...docs.folderJson(root, c.ctx.store), total_documents: 0, documents: [] });
  }),
  route('GET', '/folder/{id}', (c) => folderListing(c)),
  route('GET', '/user/documentsv2', (c) => documentList(c, true)),
  route('GET', '/user/documents', (c) => documentList(c, false)),
  route('POST', '/document', (c) => upload(c)),
  route('GET', '/document/{id}', (c) => sendJson(c.res, 200, docs.documentJson(ownDocument(c), c.ctx.urls.apiBaseUrl))),
  route('PUT', '/document/{id}', async (c) => {
    const d = ownDocument(c);
    const body = (await c.body()).value;
    if (body.fields !== undefined) docs.setFields(d, body.fields, c.ctx.store.now());
    if (body.document_name !== undefined) {
      if (typeof body.document_name !== 'string' || !body.document_name.trim()) throw badRequest('document_name must be a non-empty string.');
      d.name = body.document_name;
      d.updated = c.ctx.store.now();
    }
    sendJson(c.res, 200, { id: d.id, signatures: [], texts: [], checks: [], attachments: [], radiobuttons: [] });
  }),
  route('POST', '/document/{id}/invite', async (c) => {
    const d = ownDocument(c);
    const body = (await c.body()).value;
    if (typeof body.to === 'string') return sendJson(c.res, 200, docs.freeFormInvite(c.ctx.store, d, c.user, body));
    if (Array.isArray(body.to)) return sendJson(c.res, 200, docs.fieldInvite(c.ctx.store, d, c.user, body));
    throw badRequest('"to" is required: one email (free-form invite) or a list of roles (field invite).');
  }),
  route('PUT', '/document/{id}/fieldinvitecancel', (c) => sendJson(c.res, 200, docs.cancelFieldInvites(c.ctx.store, ownDocument(c)))),
  route('PUT', '/invite/{id}/cancel', (c) => sendJson(c.res, 200, docs.cancelFreeForm(c.ctx.store, c.user, c.params[0]))),
  route('PUT', '/fieldinvite/{id}/resend', (c) => sendJson(c.res, 200, docs.resendFieldInvite(c.ctx.store, c.user, c.params[0]))),
  route('GET', '/document/{id}/download', (c) => download(c)),
  // The collection (2020) says GET, the current SDKs POST: both work.
  route('POST', '/document/{id}/download/link', (c) => downloadLink(c)),
  route('GET', '/document/{id}/download/link', (c) => downloadLink(c)),
];

/** Finds the route for a request; undefined → signNow's `{"404": …}`. */
export function findApiRoute(method: string, pathname: string): { route: Route; params: string[] } | undefined {
  for (const r of API_ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(pathname);
    if (m) return { route: r, params: m.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

export async function handleApi(ctx: SnContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const found = findApiRoute(req.method ?? 'GET', url.pathname);
  if (!found) throw noRoute(url.pathname);
  const { user } = bearer(ctx, req);
  const limit = ctx.store.config.rateLimit;
  if (ctx.rateLimiter.check(user.id, limit.limit, limit, ctx.store.clock.nowMs()).exceeded) {
    ctx.counters.rateLimited++;
    // signNow documents no rate-limit headers: the 429 comes bare.
    throw apiError(429, 65535, 'Too many requests.');
  }
  let parsed: ParsedBody | undefined;
  const body = async () => (parsed ??= await readBody(req, { keepFiles: true, lenientEnd: true }));
  await found.route.run({ ctx, user, params: found.params, query: url.searchParams, req, res, body });
  ctx.store.save();
}

function userJson(ctx: SnContext, u: SnUser): Record<string, unknown> {
  return {
    id: u.id,
    first_name: u.firstName,
    last_name: u.lastName,
    active: '1',
    verified: '1',
    type: 1,
    pro: 0,
    created: String(u.created),
    emails: [u.email],
    primary_email: u.email,
    credits: 0,
    has_atticus_access: false,
    is_logged_in: true,
    billing_period: { start_date: '', end_date: '', start_timestamp: 0, end_timestamp: 0 },
    subscriptions: [],
    cloud_export_account_details: null,
    companies: [],
    teams: [],
    registration_source: null,
    settings: {},
    organization_settings: [],
    merchant_accounts: [],
    locale: 'en',
    document_count: ctx.store.state.documents.filter((d) => d.userId === u.id).length,
  };
}

function ownDocument(c: Call): SnDocument {
  const d = c.ctx.store.document(c.params[0]);
  if (!d) throw documentNotFound();
  const signer = d.fieldInvites.some((f) => f.email.toLowerCase() === c.user.email.toLowerCase());
  if (d.userId !== c.user.id && !(signer && c.req.method === 'GET')) throw apiError(403, 65610, 'You do not have access to this document.');
  return d;
}

function intParam(q: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw apiError(400, 13003001, `Query parameter \`${name}\` must be an integer`);
  if (n < min) throw apiError(400, 13003002, `Query parameter \`${name}\` must be more than ${min - 1}`);
  return n;
}

function sortDocuments(list: SnDocument[], q: URLSearchParams): SnDocument[] {
  const by = q.get('sortby') ?? 'updated';
  const order = (q.get('order') ?? 'desc').toLowerCase() === 'asc' ? 1 : -1;
  const key = (d: SnDocument) => (by === 'created' ? d.created : by === 'document-name' ? d.name.toLowerCase() : d.updated);
  return [...list].sort((a, b) => (key(a) < key(b) ? -order : key(a) > key(b) ? order : a.id < b.id ? -1 : 1));
}

/** GET /folder/{id}: offset/limit (limit ≤ 100), sortby/order, filters=signing-status&filter-values=…, total_documents. */
function folderListing(c: Call): void {
  const folder = c.ctx.store.state.folders.find((f) => f.id === c.params[0]);
  if (!folder) throw apiError(404, 65630, 'Folder not found');
  if (folder.userId !== c.user.id) throw apiError(403, 65631, 'You do not have access to this folder.');
  const limit = Math.min(intParam(c.query, 'limit', 20, 1), 100);
  const offset = intParam(c.query, 'offset', 0, 0);
  const filters = (c.query.get('filters') ?? '').split(',').filter(Boolean);
  const values = (c.query.get('filter-values') ?? '').split(',');
  let list = c.ctx.store.state.documents.filter((d) => d.folderId === folder.id);
  filters.forEach((f, i) => {
    const v = values[i] ?? '';
    if (f === 'signing-status') list = list.filter((d) => docs.matchesSigningFilter(d, c.user, v));
    else if (f === 'documents-created') list = list.filter((d) => d.created >= Number(v));
    else if (f === 'documents-updated') list = list.filter((d) => d.updated >= Number(v));
  });
  const sorted = sortDocuments(list, c.query);
  sendJson(c.res, 200, {
    ...docs.folderJson(folder, c.ctx.store),
    total_documents: sorted.length,
    documents: sorted.slice(offset, offset + limit).map((d) => docs.documentJson(d, c.ctx.urls.apiBaseUrl)),
  });
}

/** /user/documentsv2 (modified) and /user/documents (not modified): a bare array; a page past the end is 400. */
function documentList(c: Call, modified: boolean): void {
  const perPage = intParam(c.query, 'per_page', 20, 1);
  if (perPage > c.ctx.store.config.documentsPerPageMax) throw apiError(400, 13003003, `Query parameter \`per_page\` must be at most ${c.ctx.store.config.documentsPerPageMax}`);
  const page = intParam(c.query, 'page', 1, 1);
  const own = c.ctx.store.state.documents.filter((d) => d.userId === c.user.id && docs.isModified(d) === modified);
  const sorted = sortDocuments(own, new URLSearchParams({ sortby: 'updated', order: 'desc' }));
  const start = (page - 1) * perPage;
  if (page > 1 && start >= sorted.length) throw apiError(400, 13003004, 'Page number is out of range');
  sendJson(
    c.res,
    200,
    sorted.slice(start, start + perPage).map((d) => docs.documentJson(d, c.ctx.urls.apiBaseUrl)),
  );
}

async function upload(c: Call): Promise<void> {
  const body = await c.body();
  const file = body.files.find((f) => f.field === 'file');
  if (body.kind !== 'multipart' || !file) throw badRequest('Upload the document as multipart/form-data with a "file" part.', 65640);
  const ext = path.extname(file.filename).slice(1).toLowerCase();
  if (!ACCEPTED_EXTENSIONS.includes(ext)) throw badRequest(`File type .${ext || '?'} is not supported.`, 65641);
  if (file.size === 0) throw badRequest('The file is empty.', 65642);
  if (file.size > MAX_UPLOAD_BYTES) throw badRequest('The file is larger than 40 MB.', 65643);
  const requestedFolder = typeof body.value.folder_id === 'string' ? body.value.folder_id : undefined;
  const folder = requestedFolder ?? folderId(c.user.id, SYSTEM_FOLDERS[0]);
  if (!c.ctx.store.state.folders.some((f) => f.id === folder && f.userId === c.user.id)) throw apiError(404, 65630, 'Folder not found');
  const now = c.ctx.store.now();
  const id = randomHex(20);
  const name = typeof body.value.name === 'string' && body.value.name.trim() ? body.value.name.trim() : path.basename(file.filename, path.extname(file.filename));
  c.ctx.store.state.documents.push({
    id,
    userId: c.user.id,
    ownerEmail: c.user.email,
    name,
    originalFilename: file.filename,
    pageCount: countPdfPages(file.data) ?? 1,
    created: now,
    updated: now,
    folderId: folder,
    fields: [],
    roles: [],
    fieldInvites: [],
    requests: [],
    signatures: [],
    originalBase64: file.data?.toString('base64'),
  });
  sendJson(c.res, 200, { id });
}

/** Pages of an uploaded PDF (so fields can be placed on them); undefined for other files. */
function countPdfPages(data: Buffer | undefined): number | undefined {
  if (!data || data.subarray(0, 5).toString('latin1') !== '%PDF-') return undefined;
  const n = (data.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
  return n > 0 ? n : undefined;
}

function download(c: Call): void {
  const d = ownDocument(c);
  const type = c.query.get('type');
  const safe = d.name.replace(/[^\w .-]+/g, '_');
  if (type === 'zip') {
    const zip = buildZip([{ name: `${safe}.pdf`, data: buildPdf([docs.documentPage(d)]) }]);
    return sendBytes(c.res, zip, 'application/zip', `${safe}.zip`);
  }
  if (type === null && d.originalBase64) return sendBytes(c.res, Buffer.from(d.originalBase64, 'base64'), 'application/octet-stream', d.originalFilename);
  if (type !== null && type !== 'collapsed') throw badRequest('type must be collapsed or zip.');
  sendBytes(c.res, buildPdf([docs.documentPage(d)]), 'application/pdf', `${safe}.pdf`);
}

function sendBytes(res: http.ServerResponse, data: Buffer, type: string, filename: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length, 'Content-Disposition': `attachment; filename="${filename.replace(/"/g, '')}"` });
  res.end(data);
}

function downloadLink(c: Call): void {
  const d = ownDocument(c);
  const token = randomToken(24);
  c.ctx.store.state.downloadLinks.push({ token, documentId: d.id, expiresAt: c.ctx.store.now() + c.ctx.store.config.downloadLinkTtlSeconds, used: false });
  sendJson(c.res, 200, { link: `${c.ctx.urls.baseUrl}/_download/${token}` });
}

/** GET /_download/{token}: the one-time link's PDF (no auth, as the link is for anyone); used or expired → 404. */
export function serveDownloadLink(ctx: SnContext, res: http.ServerResponse, token: string): void {
  const link = ctx.store.state.downloadLinks.find((l) => l.token === token);
  const d = link ? ctx.store.document(link.documentId) : undefined;
  if (!link || !d || link.used || link.expiresAt <= ctx.store.now()) throw apiError(404, 65650, 'This link has expired or was already used.');
  link.used = true;
  ctx.store.save();
  sendBytes(res, buildPdf([docs.documentPage(d)]), 'application/pdf', `${d.name.replace(/[^\w .-]+/g, '_')}.pdf`);
}
