// The local Dropbox Sign sandbox as a library: `startSandbox()` starts one in-process (port 0 in tests).
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { SandboxClock } from './clock';
import { SandboxContext, SandboxUrls } from './context';
import { Counters } from './counters';
import { FaultKind, Faults, serveFault } from './faults';
import { RateLimiter } from './rateLimit';
import { SandboxConfigPatch, type State } from './model';
import { Store } from './store';
import { findOperation, findRepoRoot, loadSpec } from './openapi';
import { ApiError, escapeHtml, sendError, sendHtml } from './httpUtil';
import { handleOAuth } from './oauth';
import { handleApi, serveFileLink } from './api';
import { SandboxAdmin, handleAdmin } from './admin';
import { indexPage, relayPlaceholderPage, requestPage } from './pages';
import { SEED, SEED_USERS } from './seed';

export { SEED, SEED_REQUESTS, SEED_USERS } from './seed';
export { SandboxAdmin } from './admin';
export type { SandboxConfig, SandboxConfigPatch, RateLimitConfig, State } from './model';
export type { FaultSpec, FaultKind } from './faults';

export const DEFAULT_PORT = 8719;
export const DEFAULT_HOST = '127.0.0.1';
export const RELAY_FILE = path.join('media', 'oauth-relay.html');

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

export interface Exchange {
  method: string;
  /** path without query, e.g. /v3/signature_request/list */
  path: string;
  query: string;
  /** the spec operation, for /v3 and /oauth/token requests the spec knows */
  operationId?: string;
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
  /** set when the response was an injected fault (not expected to follow the spec) */
  fault?: FaultKind;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopbackHost(host)) throw new Error(`the sandbox listens on loopback only (got host ${host})`);
  const repoRoot = options.repoRoot ?? findRepoRoot(__dirname);
  const spec = loadSpec(path.join(repoRoot, 'test', 'sandbox', 'spec', 'dropbox-sign-openapi.yaml'));
  const timers = new Set<NodeJS.Timeout>();
  // Filled in once listening: the seed needs the port for the default callback URL.
  const live: { ctx?: SandboxContext; admin?: SandboxAdmin } = {};

  const server = http.createServer((req, res) => {
    const { ctx: c, admin: a } = live;
    if (!c || !a) {
      res.writeHead(503).end();
      return;
    }
    const exchange = options.onExchange ? record(req, res, c, options.onExchange) : undefined;
    route(c, a, req, res, timers, exchange).catch((e: unknown) => {
      process.stderr.write(`sandbox: ${req.method} ${req.url?.split('?')[0]} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      if (e instanceof ApiError) return sendError(res, e);
      if (!res.headersSent) sendError(res, new ApiError(500, 'internal_error', 'Sandbox internal error.'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const urls: SandboxUrls = { baseUrl, apiBaseUrl: `${baseUrl}/v3`, oauthBaseUrl: baseUrl };
  const relayUrl = `${baseUrl}/relay/`;
  const callbackUrl = options.callbackUrl ?? relayUrl;
  let store: Store;
  try {
    store = new Store(new SandboxClock(), callbackUrl, options.dataFile, options.config, options.initialState);
  } catch (e) {
    server.close();
    throw e;
  }
  const relayFile = options.relayFile ?? path.join(repoRoot, RELAY_FILE);
  const ctx: SandboxContext = { spec, store, counters: new Counters(), faults: new Faults(), rateLimiter: new RateLimiter(), urls, relayFile };
  const admin = new SandboxAdmin(ctx);
  if (options.timedIntervalMs) admin.setTimed(options.timedIntervalMs);
  live.ctx = ctx;
  live.admin = admin;

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
      for (const t of timers) clearTimeout(t);
      timers.clear();
      store.save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function route(
  ctx: SandboxContext,
  admin: SandboxAdmin,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  timers: Set<NodeJS.Timeout>,
  exchange: Partial<Exchange> | undefined,
): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.urls.baseUrl);
  const p = url.pathname;
  const method = req.method ?? 'GET';
  if (p === '/_admin' || p.startsWith('/_admin/')) return handleAdmin(admin, req, res, url);

  const apiPath = p.startsWith('/v3/') ? p.slice(3) : undefined;
  const op = apiPath !== undefined ? findOperation(ctx.spec, method, apiPath, url.searchParams) : p === '/oauth/token' ? findOperation(ctx.spec, method, p, url.searchParams) : undefined;
  if (exchange && op) exchange.operationId = op.op.operationId;
  ctx.counters.bump(ctx.counters.http, `${method} ${op ? (apiPath !== undefined ? `/v3${op.op.specPath}` : op.op.specPath) : p}`);
  ctx.store.prune();

  const fault = ctx.faults.take(method, p);
  if (fault) {
    if (exchange) exchange.fault = fault.kind;
    const proceed = await serveFault(fault, req, res, ctx.store.config.faultDelayMs, timers);
    if (!proceed) return;
    if (exchange) exchange.fault = undefined;
  }

  if (apiPath !== undefined) return handleApi(ctx, req, res, apiPath, url);
  if (p.startsWith('/oauth/')) return handleOAuth(ctx, req, res, url);
  if (method === 'GET' && (p === '/relay/' || p === '/relay/index.html' || p === '/relay')) return serveRelay(ctx, res);
  if (method === 'GET' && p.startsWith('/_files/')) return serveFileLink(ctx, res, url);
  if (method === 'GET' && (p.startsWith('/sign/') || p === '/home/manage')) return serveRequestPage(ctx, res, p.startsWith('/sign/') ? p.slice(6) : (url.searchParams.get('guid') ?? ''));
  if (method === 'GET' && p === '/') {
    return sendHtml(res, 200, indexPage({ apiBaseUrl: ctx.urls.apiBaseUrl, oauthBaseUrl: ctx.urls.oauthBaseUrl, adminUrl: `${ctx.urls.baseUrl}/_admin` }));
  }
  sendError(res, new ApiError(404, 'not_found', 'Not found.'));
}

/** SignDesk's own relay page (media/oauth-relay.html), read per request so edits show up at once. */
function serveRelay(ctx: SandboxContext, res: http.ServerResponse): void {
  const file = ctx.relayFile;
  if (fs.existsSync(file)) return sendHtml(res, 200, fs.readFileSync(file, 'utf8'));
  sendHtml(res, 200, relayPlaceholderPage(RELAY_FILE));
}

function serveRequestPage(ctx: SandboxContext, res: http.ServerResponse, id: string): void {
  const r = ctx.store.request(id);
  if (!r) return sendHtml(res, 404, requestPage('Not found', [`No signature request ${escapeHtml(id)}.`]));
  sendHtml(res, 200, requestPage(r.title, r.signers.map((s) => `${s.name} <${s.email}>: ${s.status}`)));
}

/** Wraps the response so the whole exchange (status, headers, body) reaches `onExchange` when it ends. */
function record(req: http.IncomingMessage, res: http.ServerResponse, ctx: SandboxContext, sink: (e: Exchange) => void): Partial<Exchange> {
  const url = new URL(req.url ?? '/', ctx.urls.baseUrl);
  const exchange: Partial<Exchange> = { method: req.method ?? 'GET', path: url.pathname, query: url.search };
  const chunks: Buffer[] = [];
  // Headers given to writeHead are not visible through getHeaders(), so collect them here.
  const headers: http.OutgoingHttpHeaders = {};
  type Fn = (...args: unknown[]) => unknown;
  const patch = (name: 'writeHead' | 'write' | 'end', before: (args: unknown[]) => void) => {
    const original = (res[name] as Fn).bind(res);
    (res as unknown as Record<string, Fn>)[name] = (...args: unknown[]) => {
      before(args);
      return original(...args);
    };
  };
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  patch('writeHead', (args) => {
    const h = args.slice(1).find((x) => x && typeof x === 'object');
    if (h) for (const [k, v] of Object.entries(h as Record<string, unknown>)) headers[k.toLowerCase()] = v as string;
  });
  patch('write', (args) => keep(args[0], args[1]));
  patch('end', (args) => keep(args[0], args[1]));
  res.on('finish', () => {
    sink({ ...(exchange as Exchange), status: res.statusCode, headers: { ...res.getHeaders(), ...headers }, body: Buffer.concat(chunks) });
  });
  return exchange;
}
