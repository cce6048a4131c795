// The Dropbox sandbox's admin side: a programmatic API for in-process tests and the same operations
// over HTTP under /_admin/ (e2e tests, `npm start`, curl).
import * as http from 'http';
import { FaultAdminMethods, NOT_MINE } from '../kit/admin';
import { readRaw, sendJson } from '../kit/http';
import { DropboxContext, DropboxCounters, emptyCounters } from './context';
import { DropboxFaultSpec, normalizeDropboxFault } from './faults';
import { metadata } from './files';
import { DropboxApp, DropboxSandboxConfig, DropboxSandboxConfigPatch, DropboxUser, mergeConfig } from './model';

export const DROPBOX_ADMIN_ENDPOINTS = [
  'GET  /_admin/state                      users, app, files (no bytes), grants, tokens, config',
  'GET  /_admin/counters                   requests per route, token calls per grant_type, 429s, link fetches',
  'POST /_admin/counters/reset',
  'GET|POST /_admin/config                 {expiresIn, codeTtlSeconds, localhostNeedsNoRegistration, maxUploadBytes, temporaryLinkTtlSeconds, defaultListLimit, rateLimit:{enabled, perWindow, windowMs, retryAfterSeconds, plainText}}',
  'POST /_admin/reset                      back to the seed (optional config patch)',
  'POST /_admin/tokens/expire              {email | access_token | all:true}',
  'POST /_admin/clock                      {advanceMs}: codes, tokens, links and rate windows follow it',
  'GET|POST|DELETE /_admin/faults          {path, kind, count?, method?, delayMs?, retryAfter?}',
  'POST /_admin/cursors/invalidate         every list_folder cursor answers `reset`',
  'POST /_admin/apps/{client_id}           {redirectUris?, scopes?, name?}',
  'POST /_admin/users/{email}              {emailVerified?, disabled?}',
  'GET  /_admin/files?email=&path=         one entry\'s metadata and its bytes (base64)',
  'POST /_admin/files                      {email, path, contentBase64}: put a file',
];

export class DropboxSandboxAdmin extends FaultAdminMethods<DropboxFaultSpec> {
  constructor(private readonly ctx: DropboxContext) {
    super(ctx.faults, normalizeDropboxFault);
  }

  state(): unknown {
    return JSON.parse(JSON.stringify(this.ctx.store.snapshot()));
  }

  counters(): DropboxCounters & { faultsServed: Record<string, number> } {
    return { ...(JSON.parse(JSON.stringify(this.ctx.counters)) as DropboxCounters), faultsServed: { ...this.ctx.faults.served } };
  }

  resetCounters(): void {
    this.ctx.counters = emptyCounters();
    this.ctx.faults.served = {};
  }

  config(): DropboxSandboxConfig {
    return this.ctx.store.config;
  }

  configure(patch: DropboxSandboxConfigPatch): DropboxSandboxConfig {
    this.ctx.store.config = mergeConfig(this.ctx.store.config, patch);
    if (patch.rateLimit) this.ctx.rateWindows.clear();
    return this.ctx.store.config;
  }

  reset(config?: DropboxSandboxConfigPatch): void {
    this.ctx.store.reset(config);
    this.ctx.faults.clear();
    this.ctx.rateWindows.clear();
    this.ctx.inflight.clear();
    this.resetCounters();
  }

  /** Access tokens answer `expired_access_token` from now on; refresh tokens keep working. */
  expireAccessTokens(who: { email?: string; accessToken?: string; all?: boolean }): number {
    const now = this.ctx.store.clock.nowMs();
    let n = 0;
    for (const t of this.ctx.store.accessTokens.values()) {
      const grant = this.ctx.store.grants.get(t.grantId);
      const hit = who.all || (who.accessToken !== undefined && t.token === who.accessToken) || (who.email !== undefined && grant?.email.toLowerCase() === who.email.toLowerCase());
      if (hit && t.expiresAtMs > now) {
        t.expiresAtMs = now;
        n++;
      }
    }
    return n;
  }

  advanceClock(ms: number): void {
    this.ctx.store.clock.advance(ms);
  }

  app(): DropboxApp {
    return this.ctx.store.app;
  }

  /** list_folder calls in progress (held by a delay fault, for instance) */
  listCallsInProgress(): number {
    return this.ctx.inflight.size;
  }

  invalidateCursors(): void {
    this.ctx.store.cursorGeneration++;
  }

  updateApp(patch: Partial<Pick<DropboxApp, 'redirectUris' | 'scopes' | 'name'>>): DropboxApp {
    const app = this.ctx.store.app;
    if (patch.redirectUris !== undefined) {
      if (!Array.isArray(patch.redirectUris) || patch.redirectUris.some((u) => typeof u !== 'string')) throw new Error('redirectUris must be a list of strings');
      app.redirectUris = [...patch.redirectUris];
    }
    if (patch.scopes !== undefined) {
      if (!Array.isArray(patch.scopes)) throw new Error('scopes must be a list of strings');
      app.scopes = [...patch.scopes];
    }
    if (typeof patch.name === 'string') app.name = patch.name;
    return app;
  }

  updateUser(email: string, patch: Partial<Pick<DropboxUser, 'emailVerified' | 'disabled'>>): DropboxUser {
    const user = this.ctx.store.user(email);
    if (!user) throw new Error(`no user ${email}`);
    if (typeof patch.emailVerified === 'boolean') user.emailVerified = patch.emailVerified;
    if (typeof patch.disabled === 'boolean') user.disabled = patch.disabled;
    return user;
  }

  /** One entry as the API would describe it, with its bytes (files), or undefined. */
  file(email: string, path: string): { metadata: Record<string, unknown>; content?: Buffer } | undefined {
    const user = this.ctx.store.user(email);
    const entry = user && this.ctx.store.get(user.email, path.toLowerCase());
    return entry ? { metadata: metadata(entry), content: entry.content } : undefined;
  }

  putFile(email: string, path: string, content: Buffer): Record<string, unknown> {
    const user = this.ctx.store.user(email);
    if (!user) throw new Error(`no user ${email}`);
    if (!path.startsWith('/') || path.endsWith('/')) throw new Error('path must start with / and name a file');
    return metadata(this.ctx.store.putFile(user.email, path, content, this.ctx.store.clock.nowMs()));
  }
}

export async function handleDropboxAdmin(admin: DropboxSandboxAdmin, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const p = url.pathname.replace(/\/+$/, '');
  let body: Record<string, unknown> = {};
  if (method === 'POST') {
    const raw = (await readRaw(req)).toString('utf8').trim();
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return sendJson(res, 400, { error: 'body must be JSON' });
    }
  }
  try {
    const out = route(admin, method, p, body, url);
    if (out === undefined) return sendJson(res, 404, { error: 'unknown admin endpoint', endpoints: DROPBOX_ADMIN_ENDPOINTS });
    sendJson(res, 200, out);
  } catch (e) {
    sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}

function route(admin: DropboxSandboxAdmin, method: string, p: string, body: Record<string, unknown>, url: URL): unknown {
  const key = `${method} ${p}`;
  const fault = admin.faultAdmin.routes(key, body);
  if (fault !== NOT_MINE) return fault ?? { ok: true };
  switch (key) {
    case 'GET /_admin':
      return { endpoints: DROPBOX_ADMIN_ENDPOINTS };
    case 'GET /_admin/state':
      return admin.state();
    case 'GET /_admin/counters':
      return admin.counters();
    case 'POST /_admin/counters/reset':
      admin.resetCounters();
      return { ok: true };
    case 'GET /_admin/config':
      return admin.config();
    case 'POST /_admin/config':
      return admin.configure(body as DropboxSandboxConfigPatch);
    case 'POST /_admin/reset':
      admin.reset(body as DropboxSandboxConfigPatch);
      return { ok: true };
    case 'POST /_admin/tokens/expire':
      return { expired: admin.expireAccessTokens({ email: body.email as string | undefined, accessToken: body.access_token as string | undefined, all: body.all === true }) };
    case 'POST /_admin/clock': {
      const ms = Number(body.advanceMs);
      if (!Number.isFinite(ms) || ms < 0) throw new Error('advanceMs must be a number >= 0');
      admin.advanceClock(ms);
      return { ok: true };
    }
    case 'POST /_admin/cursors/invalidate':
      admin.invalidateCursors();
      return { ok: true };
    case 'GET /_admin/files': {
      const f = admin.file(url.searchParams.get('email') ?? '', url.searchParams.get('path') ?? '');
      if (!f) throw new Error('no such entry');
      return { metadata: f.metadata, contentBase64: f.content?.toString('base64') };
    }
    case 'POST /_admin/files':
      return admin.putFile(String(body.email), String(body.path), Buffer.from(String(body.contentBase64 ?? ''), 'base64'));
  }
  if (method === 'POST' && p.startsWith('/_admin/apps/')) {
    const clientId = decodeURIComponent(p.slice('/_admin/apps/'.length));
    if (clientId !== admin.app().clientId) throw new Error(`no app ${clientId}`);
    return admin.updateApp(body);
  }
  if (method === 'POST' && p.startsWith('/_admin/users/')) return admin.updateUser(decodeURIComponent(p.slice('/_admin/users/'.length)), body);
  return undefined;
}
