// The /v3 API: authentication per the spec's security, rate limits, request validation, handlers.
import * as http from 'http';
import type {
  AccountCreateRequest,
  AccountCreateResponse,
  AccountGetResponse,
  AccountResponse,
  AccountVerifyRequest,
  AccountVerifyResponse,
  FileResponse,
  FileResponseDataUri,
  SignatureRequestGetResponse,
  SignatureRequestListResponse,
  SignatureRequestRemindRequest,
  SignatureRequestSendRequest,
  SignatureRequestUpdateRequest,
} from '../../../src/providers/dropboxSign/types';
import { SandboxContext } from './context';
import { Account } from './model';
import { ApiError, ParsedBody, badRequest, readBody, sendJson } from '../kit/http';
import { SpecOperation, findOperation } from '../kit/openapi';
import { validateBody, validateQuery } from '../kit/validation';
import { forbidden, rateLimitHeaders, sendError, unauthorized } from './errors';
import { RateClass } from './model';
import { checkAccessToken, issuePendingTokens } from './tokens';
import * as sr from './signatureRequests';
import { fetchLocalFileUrls } from './fileUrls';
import { buildPdf, buildZip } from '../kit/documents';
import { randomHex, randomToken } from '../kit/ids';

const HEAVY = new Set([
  'signatureRequestSend',
  'signatureRequestSendWithTemplate',
  'signatureRequestFiles',
  'signatureRequestFilesAsFileUrl',
  'signatureRequestFilesAsDataUri',
]);

interface Call {
  ctx: SandboxContext;
  op: SpecOperation;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: ParsedBody;
  p: sr.Principal;
  res: http.ServerResponse;
  headers: Record<string, string>;
}

type Handler = (c: Call) => void | Promise<void>;

/** Answers one /v3 request; `apiPath` has the /v3 prefix removed. */
export async function handleApi(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse, apiPath: string, url: URL): Promise<void> {
  let headers: Record<string, string> = {};
  try {
    const match = findOperation(ctx.spec, req.method ?? 'GET', apiPath, url.searchParams);
    if (!match) throw new ApiError(404, 'not_found', 'Not found.');
    const handler = HANDLERS[match.op.operationId];
    if (!handler) throw new ApiError(404, 'not_found', `The sandbox does not implement ${match.op.operationId}.`);
    const p = authenticate(ctx, req, match.op);
    const body: ParsedBody = req.method === 'GET' ? { kind: 'none', value: {}, files: [] } : await readBody(req, { fileField: dropboxSignFileField });
    const testMode = ['1', 'true', true].includes(body.value.test_mode as string | boolean) || ['1', 'true'].includes(url.searchParams.get('test_mode') ?? '');
    const cls: RateClass = testMode ? 'testMode' : HEAVY.has(match.op.operationId) ? 'heavy' : 'standard';
    const limits = ctx.store.config.rateLimits;
    const decision = ctx.rateLimiter.check(`${p.account.accountId}|${cls}`, limits[cls], limits, ctx.store.clock.nowMs());
    headers = rateLimitHeaders(decision);
    if (decision.exceeded) {
      ctx.counters.rateLimited++;
      throw new ApiError(429, 'exceeded_rate', 'Too many requests.');
    }
    const query = validateQuery(ctx.spec, match.op, url.searchParams);
    await handler({ ctx, op: match.op, params: match.params, query, body, p, res, headers });
    ctx.store.save();
  } catch (e) {
    if (e instanceof ApiError) return sendError(res, e, headers);
    throw e;
  }
}

/** The spec's `files` is an array: `file[0]` and `file` parts are stored as `files[0]` / `files[]`. */
function dropboxSignFileField(name: string): string {
  return name.startsWith('file[') ? `files${name.slice(4)}` : name === 'file' ? 'files[]' : name;
}

/** Bearer access token or Basic API key, as the operation's `security` allows; token scopes checked. */
function authenticate(ctx: SandboxContext, req: http.IncomingMessage, op: SpecOperation): sr.Principal {
  const auth = req.headers.authorization ?? '';
  const allowsKey = (op.security ?? []).some((s) => 'api_key' in s);
  const oauth = (op.security ?? []).find((s) => 'oauth2' in s);
  const bearer = /^Bearer\s+(.+)$/i.exec(auth);
  if (bearer) {
    if (!oauth) throw forbidden('This endpoint requires an API key.');
    const { grant, account } = checkAccessToken(ctx.store, bearer[1].trim());
    const needed = oauth.oauth2 ?? [];
    if (needed.length > 0 && !needed.some((s) => grant.scopes.includes(s))) {
      throw forbidden(`The access token lacks the scope this endpoint needs (${needed.join(' or ')}).`);
    }
    return { kind: 'oauth', account, clientId: grant.clientId, scopes: grant.scopes, credential: bearer[1] };
  }
  const basic = /^Basic\s+(.+)$/i.exec(auth);
  if (basic) {
    if (!allowsKey) throw forbidden('This endpoint requires an OAuth access token.');
    const decoded = Buffer.from(basic[1].trim(), 'base64').toString('utf8');
    const key = decoded.split(':')[0];
    const account = ctx.store.state.accounts.find((a) => a.apiKey !== undefined && a.apiKey === key);
    if (!account) throw unauthorized('Invalid API key.');
    return { kind: 'api_key', account, credential: key };
  }
  throw unauthorized();
}

export function accountResponse(a: Account): AccountResponse {
  return {
    account_id: a.accountId,
    email_address: a.email,
    is_locked: false,
    is_paid_hs: true,
    is_paid_hf: false,
    quotas: {
      api_signature_requests_left: 1250,
      documents_left: null,
      templates_total: null,
      templates_left: null,
      sms_verifications_left: null,
      num_fax_pages_left: null,
    },
    callback_url: a.callbackUrl,
    role_code: null,
    team_id: null,
    locale: a.locale,
    usage: { fax_pages_sent: 0 },
    settings: { signer_access_codes: false, sms_delivery: false, sms_authentication: false },
  };
}

function ok(c: Call, body: unknown): void {
  sendJson(c.res, 200, body, c.headers);
}

function requestOf(c: Call) {
  return sr.requireRequest(c.ctx.store, c.p, c.params.signature_request_id);
}

function getResponse(c: Call, r: ReturnType<typeof requestOf>): SignatureRequestGetResponse {
  return { signature_request: sr.toResponse(r, c.ctx.urls) };
}

function requireFilesReady(c: Call, r: ReturnType<typeof requestOf>): void {
  if (!sr.filesReady(c.ctx.store, r)) throw new ApiError(409, 'conflict', 'Files are still being processed. Please try again later.');
}

function pdfOf(r: ReturnType<typeof requestOf>): Buffer {
  return buildPdf(sr.documentPages(r).map((d) => d.page));
}

const HANDLERS: Record<string, Handler> = {
  accountGet(c) {
    const id = c.query.account_id as string | undefined;
    const email = c.query.email_address as string | undefined;
    const target = id ? c.ctx.store.account(id) : email ? c.ctx.store.accountByEmail(email) : c.p.account;
    if (!target) throw new ApiError(404, 'not_found', 'Account not found.');
    if (target.accountId !== c.p.account.accountId) throw forbidden('You can only look up your own account (or your team members).');
    ok(c, { account: accountResponse(target) } satisfies AccountGetResponse);
  },

  accountUpdate(c) {
    const b = validateBody<{ callback_url?: string; locale?: string; account_id?: string | null }>(c.ctx.spec, c.op, c.body);
    if (b.callback_url !== undefined) c.p.account.callbackUrl = b.callback_url;
    if (b.locale !== undefined) c.p.account.locale = b.locale;
    ok(c, { account: accountResponse(c.p.account) } satisfies AccountGetResponse);
  },

  accountVerify(c) {
    const b = validateBody<AccountVerifyRequest>(c.ctx.spec, c.op, c.body);
    const a = c.ctx.store.accountByEmail(b.email_address);
    ok(c, (a ? { account: { email_address: a.email } } : {}) satisfies AccountVerifyResponse);
  },

  accountCreate(c) {
    const b = validateBody<AccountCreateRequest>(c.ctx.spec, c.op, c.body);
    if (c.ctx.store.accountByEmail(b.email_address)) throw badRequest('An account with this email address already exists.', 'email_address');
    let app;
    if (b.client_id !== undefined || b.client_secret !== undefined) {
      app = c.ctx.store.app(b.client_id);
      if (!app || app.clientSecret !== b.client_secret) throw badRequest('Invalid client_id or client_secret.', 'client_id');
    }
    const account: Account = {
      accountId: randomHex(20),
      email: b.email_address,
      name: b.email_address.split('@')[0],
      confirmed: false,
      callbackUrl: null,
      locale: b.locale ?? 'en-US',
      createdAt: c.ctx.store.clock.nowSeconds(),
    };
    c.ctx.store.state.accounts.push(account);
    const out: AccountCreateResponse = { account: accountResponse(account) };
    if (app) out.oauth_data = issuePendingTokens(c.ctx.store, app, account);
    ok(c, out);
  },

  signatureRequestList(c) {
    const page = (c.query.page as number | undefined) ?? 1;
    const pageSize = (c.query.page_size as number | undefined) ?? 20;
    if (!Number.isInteger(page) || page < 1) throw badRequest('page must be 1 or more.', 'page');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw badRequest('page_size must be between 1 and 100.', 'page_size');
    const accountId = c.query.account_id as string | undefined;
    if (accountId !== undefined && accountId !== 'all' && accountId !== c.p.account.accountId) {
      throw forbidden('account_id must be your own account or a member of your team.');
    }
    const all = sr.listVisible(c.ctx.store, c.p, c.query.query as string | undefined);
    const items = all.slice((page - 1) * pageSize, page * pageSize);
    ok(c, {
      signature_requests: items.map((r) => sr.toResponse(r, c.ctx.urls)),
      list_info: { num_pages: Math.max(1, Math.ceil(all.length / pageSize)), num_results: all.length, page, page_size: pageSize },
    } satisfies SignatureRequestListResponse);
  },

  signatureRequestGet(c) {
    ok(c, getResponse(c, requestOf(c)));
  },

  async signatureRequestSend(c) {
    const b = validateBody<SignatureRequestSendRequest>(c.ctx.spec, c.op, c.body);
    await fetchLocalFileUrls(b.file_urls ?? []);
    const r = sr.sendRequest(c.ctx.store, c.p, b, c.body.files.map((f) => f.filename));
    const warnings = c.ctx.store.config.sendWarnings;
    ok(c, warnings.length > 0 ? { ...getResponse(c, r), warnings } : getResponse(c, r));
  },

  signatureRequestCancel(c) {
    sr.cancelRequest(requestOf(c), c.p);
    // Dropbox Sign answers an empty 200 (the cancelation itself is asynchronous there, immediate here).
    c.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 0, ...c.headers });
    c.res.end();
  },

  signatureRequestRemind(c) {
    const r = requestOf(c);
    const b = validateBody<SignatureRequestRemindRequest>(c.ctx.spec, c.op, c.body);
    sr.remindSigner(c.ctx.store, r, c.p, b.email_address);
    ok(c, getResponse(c, r));
  },

  signatureRequestUpdate(c) {
    const r = requestOf(c);
    const b = validateBody<SignatureRequestUpdateRequest>(c.ctx.spec, c.op, c.body);
    sr.updateSigner(c.ctx.store, r, c.p, b);
    ok(c, getResponse(c, r));
  },

  signatureRequestReleaseHold(c) {
    const r = requestOf(c);
    sr.releaseHold(r, c.p);
    ok(c, getResponse(c, r));
  },

  signatureRequestFiles(c) {
    const r = requestOf(c);
    requireFilesReady(c, r);
    const fileType = (c.query.file_type as string | undefined) ?? 'pdf';
    const safeTitle = r.title.replace(/[^\w .-]+/g, '_');
    let data: Buffer;
    let type: string;
    let name: string;
    if (fileType === 'zip') {
      data = buildZip(sr.documentPages(r).map((d) => ({ name: d.name, data: buildPdf([d.page]) })), new Date(r.createdAt * 1000));
      type = 'application/zip';
      name = `${safeTitle}.zip`;
    } else {
      data = pdfOf(r);
      type = 'application/pdf';
      name = `${safeTitle}.pdf`;
    }
    c.res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length, 'Content-Disposition': `attachment; filename="${name}"`, ...c.headers });
    c.res.end(data);
  },

  signatureRequestFilesAsFileUrl(c) {
    const r = requestOf(c);
    requireFilesReady(c, r);
    const expiresAt = c.ctx.store.clock.nowSeconds() + 3600;
    const token = randomToken(24);
    c.ctx.store.state.fileLinks.push({ token, requestId: r.id, expiresAt });
    const forceDownload = (c.query.force_download as number | undefined) ?? 1;
    ok(c, { file_url: `${c.ctx.urls.baseUrl}/_files/${token}.pdf?force_download=${forceDownload ? 1 : 0}`, expires_at: expiresAt } satisfies FileResponse);
  },

  signatureRequestFilesAsDataUri(c) {
    const r = requestOf(c);
    requireFilesReady(c, r);
    ok(c, { data_uri: `data:application/pdf;base64,${pdfOf(r).toString('base64')}` } satisfies FileResponseDataUri);
  },
};

/** The spec operations the sandbox answers under /v3 (others are 404 not_found). */
export const IMPLEMENTED_API_OPERATIONS = Object.keys(HANDLERS);

/** GET /_files/<token>.pdf: the short-lived link handed out by files_as_file_url (no auth, like a signed URL). */
export function serveFileLink(ctx: SandboxContext, res: http.ServerResponse, url: URL): void {
  const token = url.pathname.replace(/^\/_files\//, '').replace(/\.pdf$/, '');
  const link = ctx.store.state.fileLinks.find((l) => l.token === token);
  const r = link && ctx.store.request(link.requestId);
  if (!link || !r || link.expiresAt <= ctx.store.clock.nowSeconds()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('This link has expired or does not exist.');
    return;
  }
  const data = buildPdf(sr.documentPages(r).map((d) => d.page));
  const disposition = url.searchParams.get('force_download') === '0' ? 'inline' : 'attachment';
  res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': data.length, 'Content-Disposition': `${disposition}; filename="${r.id}.pdf"` });
  res.end(data);
}
