// The local signNow sandbox as a library: `startSignNowSandbox()` starts one in-process (port 0 in tests).
import * as http from 'http';
import { SandboxClock } from '../kit/clock';
import { Counters } from '../kit/counters';
import { Faults } from '../kit/faults';
import { RateLimiter } from '../kit/rateLimit';
import { sendHtml } from '../kit/http';
import { indexPage, listPage } from '../kit/pages';
import { Exchange, applyFault, startHttpSandbox } from '../kit/server';
import { RELAY_FILE, RELAY_PATHS, sandboxRepoRoot, serveRelayPage } from '../kit/relay';
import * as path from 'path';
import { SnContext, SnUrls } from './context';
import { SnConfigPatch } from './model';
import { SnStore } from './store';
import { SN_FAULT_BODIES, noRoute, sendSnError } from './errors';
import { AUTHORIZE_PATHS, SERVICE_NAME, handleAuthorize } from './oauth';
import { basicToken, terminateToken, tokenEndpoint, verifyToken } from './tokens';
import { findApiRoute, handleApi, serveDownloadLink } from './api';
import { SignNowAdmin, handleSnAdmin } from './admin';
import { SN_SEED, SN_SEED_USERS } from './seed';
import { documentPage } from './documents';

export { SN_SEED, SN_SEED_DOCUMENTS, SN_SEED_USERS } from './seed';
export { SignNowAdmin } from './admin';
export type { SnConfig, SnConfigPatch, SnState } from './model';

export const SIGNNOW_DEFAULT_PORT = 8720;

export interface SignNowSandboxOptions {
  /** default 0 (a free port); the CLI defaults to SIGNNOW_DEFAULT_PORT */
  port?: number;
  /** a loopback address; default 127.0.0.1 */
  host?: string;
  dataFile?: string;
  /** the demo app's registered redirect URI; default: this sandbox's `/callback` page */
  callbackUrl?: string;
  config?: SnConfigPatch;
  onExchange?: (exchange: Exchange) => void;
  /** SignDesk's relay page served at /relay/; default `<repo>/media/oauth-relay.html` */
  relayFile?: string;
}

/** The JSON object `npm run sandbox -- --service signnow` prints as its first line. */
export interface SignNowSandboxInfo {
  service: 'signNow';
  apiBaseUrl: string;
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** base64(client_id:client_secret), the value of `Authorization: Basic` on /oauth2/token */
  basicToken: string;
  users: Array<{ email: string; password: string }>;
  adminUrl: string;
  callbackUrl: string;
  baseUrl: string;
  /** SignDesk's relay page on this sandbox (register it with `--callback-url` for the relay redirect mode) */
  relayUrl: string;
}

export interface SignNowSandbox {
  info: SignNowSandboxInfo;
  url: string;
  admin: SignNowAdmin;
  close(): Promise<void>;
}

export async function startSignNowSandbox(options: SignNowSandboxOptions = {}): Promise<SignNowSandbox> {
  const server = await startHttpSandbox({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, onExchange: options.onExchange, sendError: sendSnError });
  const baseUrl = server.baseUrl;
  const urls: SnUrls = { baseUrl, apiBaseUrl: baseUrl, oauthBaseUrl: baseUrl };
  const callbackUrl = options.callbackUrl ?? `${baseUrl}/callback`;
  let store: SnStore;
  try {
    store = new SnStore(new SandboxClock(), callbackUrl, options.dataFile, options.config);
  } catch (e) {
    await server.close();
    throw e;
  }
  const ctx: SnContext = { store, counters: new Counters(), faults: new Faults(), rateLimiter: new RateLimiter(), urls };
  const admin = new SignNowAdmin(ctx);
  const relayFile = options.relayFile ?? path.join(sandboxRepoRoot(__dirname), RELAY_FILE);
  server.serve((req, res, url, exchange) => route(ctx, admin, req, res, url, server.timers, exchange, relayFile));
  const app = SN_SEED.app;
  return {
    info: {
      service: 'signNow',
      apiBaseUrl: urls.apiBaseUrl,
      oauthBaseUrl: urls.oauthBaseUrl,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      basicToken: basicToken(app),
      users: SN_SEED_USERS.map((u) => ({ ...u })),
      adminUrl: `${baseUrl}/_admin`,
      callbackUrl,
      baseUrl,
      relayUrl: `${baseUrl}/relay/`,
    },
    url: baseUrl,
    admin,
    close: async () => {
      store.save();
      await server.close();
    },
  };
}

/** The name a request is counted and recorded under (`POST /oauth2/token`, `GET /document/{id}`, …). */
function routeName(method: string, p: string): string | undefined {
  if (p === '/oauth2/token' || p === '/oauth2/terminate') return `${method} ${p}`;
  return findApiRoute(method, p)?.route.name;
}

async function route(
  ctx: SnContext,
  admin: SignNowAdmin,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  timers: Set<NodeJS.Timeout>,
  exchange: Partial<Exchange> | undefined,
  relayFile: string,
): Promise<void> {
  const p = url.pathname;
  const method = req.method ?? 'GET';
  if (p === '/_admin' || p.startsWith('/_admin/')) return handleSnAdmin(admin, req, res, url);
  const name = routeName(method, p);
  if (exchange && name) exchange.operationId = name;
  ctx.counters.bump(ctx.counters.http, name ?? `${method} ${p}`);
  ctx.store.prune();
  if (!(await applyFault(ctx.faults, req, res, url, { defaultDelayMs: ctx.store.config.faultDelayMs, timers, bodies: SN_FAULT_BODIES, exchange }))) return;

  if (p === '/oauth2/token' && method === 'POST') return tokenEndpoint(ctx, req, res);
  if (p === '/oauth2/token' && method === 'GET') return verifyToken(ctx, req, res);
  if (p === '/oauth2/terminate' && method === 'POST') return terminateToken(ctx, req, res);
  if (AUTHORIZE_PATHS.includes(p) || p.startsWith('/authorize/') || p === '/authorize') {
    if (await handleAuthorize(ctx, req, res, url)) return;
  }
  if (method === 'GET' && p.startsWith('/_download/')) return serveDownloadLink(ctx, res, decodeURIComponent(p.slice('/_download/'.length)));
  if (method === 'GET' && RELAY_PATHS.includes(p)) return serveRelayPage(res, relayFile, SERVICE_NAME);
  if (method === 'GET' && p === '/callback') return sendHtml(res, 200, callbackPage(url));
  if (method === 'GET' && p.startsWith(DOCUMENT_PAGE)) return serveDocumentPage(ctx, res, decodeURIComponent(p.slice(DOCUMENT_PAGE.length)));
  if (method === 'GET' && p === '/') return sendHtml(res, 200, indexPage(SERVICE_NAME, { apiBaseUrl: ctx.urls.apiBaseUrl, oauthBaseUrl: ctx.urls.oauthBaseUrl, adminUrl: `${ctx.urls.baseUrl}/_admin` }));
  if (findApiRoute(method, p)) return handleApi(ctx, req, res, url);
  throw noRoute(p);
}

/** The web app's document page, which SignDesk's Open Details opens. */
const DOCUMENT_PAGE = '/webapp/document/';

/** The document as the web app would show it (no login: the sandbox has no web app session to check). */
function serveDocumentPage(ctx: SnContext, res: http.ServerResponse, id: string): void {
  const d = ctx.store.document(id);
  if (!d) return sendHtml(res, 404, listPage(SERVICE_NAME, 'Not found', [`No document ${id}.`]));
  const page = documentPage(d);
  sendHtml(res, 200, listPage(SERVICE_NAME, page.heading, page.lines));
}

/** The default redirect URI: shows what arrived, for a person trying the flow by hand. */
function callbackPage(url: URL): string {
  const params = Object.fromEntries(url.searchParams);
  return indexPage(SERVICE_NAME, { callback: params });
}
