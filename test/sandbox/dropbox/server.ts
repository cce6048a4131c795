// The local Dropbox sandbox as a library: `startDropboxSandbox()` starts one in-process (port 0 in tests).
// One port stands in for Dropbox's hosts, each a path prefix (see DropboxUrls).
import type { IncomingMessage, ServerResponse } from 'http';
import * as path from 'path';
import { SandboxClock } from '../kit/clock';
import { findRepoRoot } from '../kit/openapi';
import { Exchange, startHttpSandbox } from '../kit/server';
import { handleDropboxAdmin, DropboxSandboxAdmin } from './admin';
import { countRequest, handleApi } from './api';
import { DropboxContext, DropboxUrls, emptyCounters, HOST_PREFIXES } from './context';
import { DropboxHttpError, sendDropboxError, sendDropboxJson } from './errors';
import { DropboxFaults, serveDropboxFault } from './faults';
import { serveTemporaryLink } from './files';
import { DropboxSandboxConfigPatch } from './model';
import { handleAuthorize, handleToken } from './oauth';
import { indexPage } from './pages';
import { loadStoneSpec } from './stone';
import { DropboxStore } from './store';
import { DROPBOX_SEED, DROPBOX_SEED_USERS } from './seed';
import { sendHtml } from '../kit/http';

export { DROPBOX_SEED, DROPBOX_SEED_USERS, DROPBOX_SCOPES } from './seed';
export { DropboxSandboxAdmin } from './admin';
export type { DropboxSandboxConfig, DropboxSandboxConfigPatch } from './model';
export type { DropboxFaultSpec, DropboxFaultKind } from './faults';

export const DROPBOX_DEFAULT_PORT = 8720;
export const STONE_RELATIVE_DIR = path.join('test', 'sandbox', 'dropbox', 'spec', 'dropbox-api');

export interface DropboxSandboxOptions {
  /** default 0 (a free port) */
  port?: number;
  /** a loopback address; default 127.0.0.1 */
  host?: string;
  /** the demo app's registered redirect URI; default: `<sandbox>/callback` (a page that shows the query) */
  callbackUrl?: string;
  config?: DropboxSandboxConfigPatch;
  /** where the Stone spec lives; default: found by walking up from this file */
  repoRoot?: string;
  /** every response (tests record them) */
  onExchange?: (e: Exchange) => void;
}

/** The JSON object `npm run sandbox -- --service dropbox` prints as its first line. */
export interface DropboxSandboxInfo {
  service: 'dropbox';
  /** stands for https://www.dropbox.com (/oauth2/authorize) */
  oauthBaseUrl: string;
  /** stands for https://api.dropboxapi.com (/oauth2/token, /2/… rpc) */
  apiBaseUrl: string;
  /** stands for https://content.dropboxapi.com (/2/files/upload, /2/files/download) */
  contentBaseUrl: string;
  clientId: string;
  /** the demo app's secret (SignDesk uses PKCE and needs none) */
  clientSecret: string;
  callbackUrl: string;
  users: string[];
  adminUrl: string;
  baseUrl: string;
}

export interface DropboxSandbox {
  info: DropboxSandboxInfo;
  url: string;
  admin: DropboxSandboxAdmin;
  close(): Promise<void>;
}

export async function startDropboxSandbox(options: DropboxSandboxOptions = {}): Promise<DropboxSandbox> {
  const repoRoot = options.repoRoot ?? findRepoRoot(__dirname, STONE_RELATIVE_DIR);
  const spec = loadStoneSpec(path.join(repoRoot, STONE_RELATIVE_DIR));
  const http = await startHttpSandbox({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    onExchange: options.onExchange,
    // Dropbox errors are thrown as DropboxHttpError and answered in route(); this is for anything else.
    sendError: (res, e) => sendDropboxError(res, new DropboxHttpError(e.status, e.message)),
  });
  const baseUrl = http.baseUrl;
  const urls: DropboxUrls = {
    baseUrl,
    oauthBaseUrl: `${baseUrl}${HOST_PREFIXES.www}`,
    apiBaseUrl: `${baseUrl}${HOST_PREFIXES.api}`,
    contentBaseUrl: `${baseUrl}${HOST_PREFIXES.content}`,
    linkBaseUrl: `${baseUrl}${HOST_PREFIXES.links}`,
    adminUrl: `${baseUrl}/_admin`,
  };
  const callbackUrl = options.callbackUrl ?? `${baseUrl}/callback`;
  const store = new DropboxStore(new SandboxClock(), callbackUrl, options.config);
  const ctx: DropboxContext = { store, spec, urls, faults: new DropboxFaults(), counters: emptyCounters(), rateWindows: new Map(), inflight: new Set() };
  const admin = new DropboxSandboxAdmin(ctx);
  http.serve(async (req, res, url) => {
    try {
      await route(ctx, admin, req, res, url, http.timers);
    } catch (e) {
      if (!(e instanceof DropboxHttpError)) throw e;
      if (!res.headersSent) sendDropboxError(res, e);
    }
  });
  const info: DropboxSandboxInfo = {
    service: 'dropbox',
    oauthBaseUrl: urls.oauthBaseUrl,
    apiBaseUrl: urls.apiBaseUrl,
    contentBaseUrl: urls.contentBaseUrl,
    clientId: DROPBOX_SEED.app.clientId,
    clientSecret: DROPBOX_SEED.app.clientSecret,
    callbackUrl,
    users: [...DROPBOX_SEED_USERS],
    adminUrl: urls.adminUrl,
    baseUrl,
  };
  return { info, url: baseUrl, admin, close: () => http.close() };
}

async function route(ctx: DropboxContext, admin: DropboxSandboxAdmin, req: IncomingMessage, res: ServerResponse, url: URL, timers: Set<NodeJS.Timeout>): Promise<void> {
  const p = url.pathname;
  const method = req.method ?? 'GET';
  if (p === '/_admin' || p.startsWith('/_admin/')) return handleDropboxAdmin(admin, req, res, url);

  const prefix = Object.entries(HOST_PREFIXES).find(([, pre]) => p === pre || p.startsWith(`${pre}/`));
  const hostName = prefix?.[0] as keyof typeof HOST_PREFIXES | undefined;
  const hostPath = prefix ? p.slice(prefix[1].length) || '/' : p;
  countRequest(ctx, method, `${hostName ?? ''}${hostPath}`);
  ctx.store.prune();

  const fault = ctx.faults.take(method, [p, hostPath]);
  let pendingDelay = false;
  if (fault) {
    const isApiDelay = fault.kind === 'delay' && (hostName === 'api' || hostName === 'content') && hostPath.startsWith('/2/');
    if (isApiDelay) pendingDelay = true;
    else if (!(await serveDropboxFault(fault, req, res, timers))) return;
  }

  if (hostName === 'www' && (hostPath === '/oauth2/authorize' || hostPath.startsWith('/oauth2/authorize/'))) {
    return handleAuthorize(ctx, req, res, hostPath.slice('/oauth2/authorize'.length), url);
  }
  if (hostName === 'api' && hostPath === '/oauth2/token') return sendDropboxJson(res, await handleToken(ctx, req, url));
  if ((hostName === 'api' || hostName === 'content') && hostPath.startsWith('/2/')) {
    // A delay fault on an API route waits after the argument is read, so a "simultaneous" twin can be seen.
    const wait = () => serveDropboxFault(fault!, req, res, timers);
    return handleApi(ctx, req, res, hostName, hostPath.slice(3), url, pendingDelay || fault?.kind !== 'delay' ? fault : undefined, wait);
  }
  if (hostName === 'links' && (method === 'GET' || method === 'HEAD')) return serveTemporaryLink(ctx, req, res, hostPath.slice(1));
  if (p === '/callback' && method === 'GET') {
    // The default registered redirect URI: shows what arrived, for people trying the flow by hand.
    return sendHtml(res, 200, `<!doctype html><meta charset="utf-8"><title>Callback</title><pre id="callback-query">${[...url.searchParams].map(([k, v]) => `${k}=${v}`).join('\n').replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`);
  }
  if (p === '/' && method === 'GET') return sendHtml(res, 200, indexPage(ctx.urls));
  throw new DropboxHttpError(404, 'Not Found');
}
