// The `/2/…` routes of the api and content hosts: route lookup in the Stone table, the Bearer token (header
// or `authorization` parameter), per-route scope, rate limits, and each style's argument encoding
// (rpc: JSON body; download/upload: `Dropbox-API-Arg` header or `arg` parameter).
import * as http from 'http';
import { readRaw } from '../kit/http';
import { bump, DropboxContext } from './context';
import { authError, badInput, DropboxHttpError, rateLimited, sendDropboxJson } from './errors';
import { ActiveDropboxFault } from './faults';
import { ANSWERED, FILE_HANDLERS, RouteCall } from './files';
import { AccessToken, DropboxUser, Grant } from './model';
import { StoneRoute } from './stone';

const RPC_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain; charset=dropbox-cors-hack'];
const UPLOAD_TYPES = ['application/octet-stream', 'text/plain; charset=dropbox-cors-hack'];

export async function handleApi(
  ctx: DropboxContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  host: 'api' | 'content',
  routePath: string,
  url: URL,
  fault: ActiveDropboxFault | undefined,
  waitForFault: () => Promise<boolean>,
): Promise<void> {
  const route = ctx.spec.routes.get(routePath);
  if (!route) throw new DropboxHttpError(404, `Unknown API function: "${routePath}"`);
  if (route.host !== host) {
    throw badInput(routePath, `this function is served by the ${route.host} host (${route.host === 'content' ? 'content.dropboxapi.com' : 'api.dropboxapi.com'}), not the ${host} host.`);
  }
  const handler = FILE_HANDLERS[routePath];
  if (!handler) throw new DropboxHttpError(404, `Unknown API function: "${routePath}" (in the Dropbox spec, but not implemented by the sandbox)`);
  const method = req.method ?? 'GET';
  if (method !== 'POST' && !(method === 'GET' && route.style === 'download')) {
    throw badInput(routePath, `request method ${method} is not allowed; use POST.`);
  }

  const { token, grant, user } = authenticate(ctx, req, url, route);
  checkRateLimit(ctx, token);
  const arg = await decodeArgument(ctx, req, url, route);

  // Dropbox answers 429 to a list_folder call identical to one still in progress from the same token.
  const twinKey = routePath.startsWith('files/list_folder') ? `${token.token} ${routePath} ${JSON.stringify(arg)}` : undefined;
  if (twinKey && ctx.inflight.has(twinKey)) throw rateLimited('too_many_requests', 1, false);
  if (twinKey) ctx.inflight.add(twinKey);
  try {
    if (fault?.kind === 'delay' && !(await waitForFault())) return;
    const call: RouteCall = {
      ctx,
      req,
      res,
      route,
      user,
      grant,
      token,
      arg,
      fault,
      readBody: () => readUploadBody(ctx, req),
    };
    const result = await handler(call);
    if (result === ANSWERED) return;
    sendDropboxJson(res, result ?? null);
  } finally {
    if (twinKey) ctx.inflight.delete(twinKey);
  }
}

function authenticate(ctx: DropboxContext, req: http.IncomingMessage, url: URL, route: StoneRoute): { token: AccessToken; grant: Grant; user: DropboxUser } {
  const header = req.headers.authorization;
  const param = url.searchParams.get('authorization');
  if (header !== undefined && param !== null) throw badInput(route.name, 'provide either the HTTP header "Authorization" or the URL parameter "authorization", not both.');
  const value = header ?? param;
  if (value === undefined || value === null) throw badInput(route.name, 'Must provide HTTP header "Authorization" or URL parameter "authorization".');
  const m = /^Bearer\s+(\S+)$/i.exec(value);
  if (!m) {
    const shown = value.split(/\s+/)[0] ?? '';
    throw badInput(route.name, `Invalid authorization value in ${header !== undefined ? 'HTTP header "Authorization"' : 'URL parameter "authorization"'}: "${shown} …". Expecting "Bearer <oauth2-access-token>".`);
  }
  const token = ctx.store.accessTokens.get(m[1]);
  const grant = token && ctx.store.grants.get(token.grantId);
  if (!token || !grant || grant.revoked) throw authError('invalid_access_token');
  if (token.expiresAtMs <= ctx.store.clock.nowMs()) throw authError('expired_access_token');
  const user = ctx.store.user(grant.email);
  if (!user) throw authError('invalid_access_token');
  if (user.disabled) throw authError('user_suspended');
  if (route.scope && !token.scopes.includes(route.scope)) throw authError('missing_scope', { required_scope: route.scope });
  return { token, grant, user };
}

/** Fixed windows per access token; 429s count against the window too, as Dropbox's do. */
function checkRateLimit(ctx: DropboxContext, token: AccessToken): void {
  const cfg = ctx.store.config.rateLimit;
  const now = ctx.store.clock.nowMs();
  let w = ctx.rateWindows.get(token.grantId);
  if (!w || now - w.startMs >= cfg.windowMs) {
    w = { startMs: now, count: 0 };
    ctx.rateWindows.set(token.grantId, w);
  }
  w.count++;
  if (cfg.enabled && w.count > cfg.perWindow) {
    ctx.counters.rateLimited++;
    throw rateLimited('too_many_requests', cfg.retryAfterSeconds, cfg.plainText);
  }
}

async function decodeArgument(ctx: DropboxContext, req: http.IncomingMessage, url: URL, route: StoneRoute): Promise<Record<string, unknown>> {
  const contentType = (req.headers['content-type'] ?? '').trim().toLowerCase();
  if (route.style === 'rpc') {
    const raw = await readRaw(req);
    if (route.argType === 'Void') {
      // No body at all, or the JSON `null`; an empty body declared as JSON cannot be decoded.
      if (raw.length === 0 && !contentType) return {};
      if (raw.toString('utf8').trim() === 'null' && RPC_TYPES.includes(contentType)) return {};
      throw badInput(route.name, 'request body: could not decode input as JSON');
    }
    if (!RPC_TYPES.includes(contentType)) {
      throw badInput(route.name, `Bad HTTP "Content-Type" header: "${contentType}".  Expecting one of ${RPC_TYPES.map((t) => `"${t}"`).join(', ')}.`);
    }
    return checkStruct(ctx, route, 'request body', parseJson(route, 'request body', raw.toString('utf8')));
  }
  const header = req.headers['dropbox-api-arg'];
  const param = url.searchParams.get('arg');
  if (header !== undefined && param !== null) throw badInput(route.name, 'provide either the HTTP header "Dropbox-API-Arg" or the URL parameter "arg", not both.');
  const where = header !== undefined ? 'HTTP header "Dropbox-API-Arg"' : 'URL parameter "arg"';
  const text = Array.isArray(header) ? header.join(',') : (header ?? param);
  if (text === undefined || text === null) throw badInput(route.name, 'Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg".');
  // Header values arrive as latin1: any byte from 0x7F up means the client did not escape non-ASCII.
  if (header !== undefined && /[^\x20-\x7e]/.test(text)) throw badInput(route.name, `${where}: could not decode input as JSON`);
  if (route.style === 'upload' && !UPLOAD_TYPES.includes(contentType)) {
    throw badInput(route.name, `Bad HTTP "Content-Type" header: "${contentType}".  Expecting one of ${UPLOAD_TYPES.map((t) => `"${t}"`).join(', ')}.`);
  }
  return checkStruct(ctx, route, where, parseJson(route, where, text));
}

function parseJson(route: StoneRoute, where: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badInput(route.name, `${where}: could not decode input as JSON`);
  }
}

/** Unknown fields, missing required ones and path patterns, from the route's argument struct in the spec. */
function checkStruct(ctx: DropboxContext, route: StoneRoute, where: string, value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badInput(route.name, `${where}: expected object, got ${Array.isArray(value) ? 'list' : typeof value}`);
  const fields = ctx.spec.structs.get(route.argType) ?? [];
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!fields.some((f) => f.name === key)) throw badInput(route.name, `${where}: unknown field '${key}'`);
  }
  for (const f of fields) {
    const v = obj[f.name];
    if (v === undefined || v === null) {
      if (!f.optional) throw badInput(route.name, `${where}: missing required field '${f.name}'`);
      continue;
    }
    const pattern = ctx.spec.patterns.get(f.type);
    if (!pattern) continue;
    if (typeof v !== 'string') throw badInput(route.name, `${where}: ${f.name}: expected string, got ${typeof v}`);
    if (f.name === 'path' && v === '/') throw badInput(route.name, `${where}: path: Specify the root folder as an empty string rather than as "/".`);
    if (f.name === 'path' && v === '' && !pattern.regex.test(v)) throw badInput(route.name, `${where}: path: The root folder is unsupported.`);
    if (!pattern.regex.test(v)) throw badInput(route.name, `${where}: ${f.name}: '${v}' did not match pattern '${pattern.source}'`);
  }
  return obj;
}

/**
 * Reads an upload body up to the configured limit (150 MiB), then drains the rest: a larger upload gets
 * UploadError.payload_too_large without the sandbox holding it in memory.
 */
function readUploadBody(ctx: DropboxContext, req: http.IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  const max = ctx.store.config.maxUploadBytes;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve({ body: size <= max ? Buffer.concat(chunks) : Buffer.alloc(0), tooLarge: size > max }));
    req.on('error', reject);
  });
}

export function countRequest(ctx: DropboxContext, method: string, key: string): void {
  bump(ctx.counters.http, `${method} ${key}`);
}
