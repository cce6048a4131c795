// The local Dropbox Sign sandbox as a library: `startSandbox()` starts one in-process (port 0 in tests).
import * as http from 'http';
import * as path from 'path';
import { SandboxClock } from '../kit/clock';
import { Counters } from '../kit/counters';
import { Faults } from '../kit/faults';
import { RateLimiter } from '../kit/rateLimit';
import { ApiError, escapeHtml, sendHtml } from '../kit/http';
import { findOperation } from '../kit/openapi';
import { Exchange, applyFault, startHttpSandbox } from '../kit/server';
import { SandboxContext, SandboxUrls } from './context';
import { SandboxConfigPatch, type State } from './model';
import { Store } from './store';
import { dropboxSignRepoRoot, loadDropboxSignSpec } from './spec';
import { FAULT_BODIES, sendError } from './errors';
import { handleOAuth } from './oauth';
import { handleApi, serveFileLink } from './api';
import { SandboxAdmin, handleAdmin } from './admin';
import { indexPage, requestPage } from './pages';
import { RELAY_FILE, RELAY_PATHS, serveRelayPage } from '../kit/relay';
import { SEED, SEED_USERS } from './seed';

export { SEED, SEED_REQUESTS, SEED_USERS } from './seed';
export { SandboxAdmin } from './admin';
export type { SandboxConfig, SandboxConfigPatch, RateLimitConfig, State } from './model';
export type { FaultSpec, FaultKind } from '../kit/faults';
export { isLoopbackHost, type Exchange } from '../kit/server';

export const DEFAULT_PORT = 8719;
export const DEFAULT_HOST = '127.0.0.1';
export { RELAY_FILE } from '../kit/relay';

export interface SandboxOptions {
  /** default 0 (a free port); the CLI defaults to DEFAULT_PORT */
  port?: number;
  /** a loopback address; default 127.0.0.1. Use 127.0.0.2 when VS Code's web host opens the URLs. */
  host?: string;
  /** persist the state to this JSON file (loaded at start if it exists) */
  dataFile?: string;
  /** start from this state instead of the seed (kept in memory only; ignored with `dataFile`) */
  initialState?: State;
  /** the demo app's registered OAuth callback URL; default: this sandbox's own `/relay/` page */
  callbackUrl?: string;
  config?: SandboxConfigPatch;
  /** start in timed mode: signers move every this many ms */
  timedIntervalMs?: number;
  /** called with every response the sandbox gives (contract tests record them) */
  onExchange?: (exchange: Exchange) => void;
  /** where `media/oauth-relay.html` and the spec live; default: found by walking up from this file */
  repoRoot?: string;
  /** the relay page served at /relay/; default `<repoRoot>/media/oauth-relay.html` */
  relayFile?: string;
}

/** The JSON object `npm run sandbox` prints as its first line. */
export interface SandboxInfo {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  adminUrl: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  callbackUrl: string;
  users: string[];
  baseUrl: string;
  relayUrl: string;
  /** the second app (visibility rule: its requests are invisible to the demo app's tokens) */
  otherApp: { clientId: string; clientSecret: string };
}

export interface Sandbox {
  info: SandboxInfo;
  /** base URL, e.g. http://127.0.0.1:8719 */
  url: string;
  admin: SandboxAdmin;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const repoRoot = options.repoRoot ?? dropboxSignRepoRoot(__dirname);
  const spec = loadDropboxSignSpec(repoRoot);
  const httpServer = await startHttpSandbox({ host: options.host ?? DEFAULT_HOST, port: options.port ?? 0, onExchange: options.onExchange, sendError: (res, e) => sendError(res, e) });
  const baseUrl = httpServer.baseUrl;
  const urls: SandboxUrls = { baseUrl, apiBaseUrl: `${baseUrl}/v3`, oauthBaseUrl: baseUrl };
  const relayUrl = `${baseUrl}/relay/`;
  const callbackUrl = options.callbackUrl ?? relayUrl;
  let store: Store;
  try {
    store = new Store(new SandboxClock(), callbackUrl, options.dataFile, options.config, options.initialState);
  } catch (e) {
    await httpServer.close();
    throw e;
  }
  const relayFile = options.relayFile ?? path.join(repoRoot, RELAY_FILE);
  const ctx: SandboxContext = { spec, store, counters: new Counters(), faults: new Faults(), rateLimiter: new RateLimiter(), urls, relayFile };
  const admin = new SandboxAdmin(ctx);
  if (options.timedIntervalMs) admin.setTimed(options.timedIntervalMs);
  httpServer.serve((req, res, url, exchange) => route(ctx, admin, req, res, url, httpServer.timers, exchange));

  const info: SandboxInfo = {
    apiBaseUrl: urls.apiBaseUrl,
    oauthBaseUrl: urls.oauthBaseUrl,
    adminUrl: `${baseUrl}/_admin`,
    clientId: SEED.demoApp.clientId,
    clientSecret: SEED.demoApp.clientSecret,
    apiKey: SEED.alice.apiKey,
    callbackUrl,
    users: [...SEED_USERS],
    baseUrl,
    relayUrl,
    otherApp: { clientId: SEED.otherApp.clientId, clientSecret: SEED.otherApp.clientSecret },
  };
  return {
    info,
    url: baseUrl,
    admin,
    close: async () => {
      admin.dispose();
      store.save();
      await httpServer.close();
    },
  };
}

async function route(
  ctx: SandboxContext,
  admin: SandboxAdmin,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  timers: Set<NodeJS.Timeout>,
  exchange: Partial<Exchange> | undefined,
): Promise<void> {
  const p = url.pathname;
  const method = req.method ?? 'GET';
  if (p === '/_admin' || p.startsWith('/_admin/')) return handleAdmin(admin, req, res, url);

  const apiPath = p.startsWith('/v3/') ? p.slice(3) : undefined;
  const op = apiPath !== undefined ? findOperation(ctx.spec, method, apiPath, url.searchParams) : p === '/oauth/token' ? findOperation(ctx.spec, method, p, url.searchParams) : undefined;
  if (exchange && op) exchange.operationId = op.op.operationId;
  ctx.counters.bump(ctx.counters.http, `${method} ${op ? (apiPath !== undefined ? `/v3${op.op.specPath}` : op.op.specPath) : p}`);
  ctx.store.prune();

  if (!(await applyFault(ctx.faults, req, res, url, { defaultDelayMs: ctx.store.config.faultDelayMs, timers, bodies: FAULT_BODIES, exchange }))) return;

  if (apiPath !== undefined) return handleApi(ctx, req, res, apiPath, url);
  if (p.startsWith('/oauth/')) return handleOAuth(ctx, req, res, url);
  if (method === 'GET' && RELAY_PATHS.includes(p)) return serveRelayPage(res, ctx.relayFile, 'Dropbox Sign');
  if (method === 'GET' && p.startsWith('/_files/')) return serveFileLink(ctx, res, url);
  if (method === 'GET' && (p.startsWith('/sign/') || p === '/home/manage')) return serveRequestPage(ctx, res, p.startsWith('/sign/') ? p.slice(6) : (url.searchParams.get('guid') ?? ''));
  if (method === 'GET' && p === '/') {
    return sendHtml(res, 200, indexPage({ apiBaseUrl: ctx.urls.apiBaseUrl, oauthBaseUrl: ctx.urls.oauthBaseUrl, adminUrl: `${ctx.urls.baseUrl}/_admin` }));
  }
  sendError(res, new ApiError(404, 'not_found', 'Not found.'));
}

function serveRequestPage(ctx: SandboxContext, res: http.ServerResponse, id: string): void {
  const r = ctx.store.request(id);
  if (!r) return sendHtml(res, 404, requestPage('Not found', [`No signature request ${escapeHtml(id)}.`]));
  sendHtml(res, 200, requestPage(r.title, r.signers.map((s) => `${s.name} <${s.email}>: ${s.status}`)));
}
