// The admin side of the sandbox: a programmatic API for in-process tests, and the same operations
// over HTTP under /_admin/ for anything out of process (e2e tests, `npm start`, curl).
import * as http from 'http';
import { SandboxContext } from './context';
import { RateLimitConfig, SandboxConfig, SandboxConfigPatch, State } from './model';
import { ApiError } from '../kit/http';
import { AdminBody, FAULT_ENDPOINTS, FaultAdminMethods, NOT_MINE, serveAdmin } from '../kit/admin';
import { normalizeFault } from '../kit/faults';
import { mergeConfig } from './store';
import { confirmAccount, expireAccessTokens } from './tokens';
import { SignerAction, completeRequest, moveSigner, timedTick, toResponse } from './signatureRequests';

export interface AdminCounters {
  token: Record<string, number>;
  tokenIssued: Record<string, number>;
  http: Record<string, number>;
  rateLimited: number;
  faultsServed: Record<string, number>;
}

export class SandboxAdmin extends FaultAdminMethods {
  private timer: NodeJS.Timeout | undefined;
  private timedMs: number | null = null;

  constructor(private readonly ctx: SandboxContext) {
    super(ctx.faults, normalizeFault);
  }

  /** A deep copy of the whole state (accounts, apps, tokens, requests…). */
  state(): State {
    return JSON.parse(JSON.stringify(this.ctx.store.state)) as State;
  }

  counters(): AdminCounters {
    return { ...this.ctx.counters.snapshot(), faultsServed: { ...this.ctx.faults.served } };
  }

  resetCounters(): void {
    this.ctx.counters.reset();
    this.ctx.faults.served = {};
  }

  config(): SandboxConfig & { timedIntervalMs: number | null } {
    return { ...this.ctx.store.config, timedIntervalMs: this.timedMs };
  }

  configure(patch: SandboxConfigPatch): SandboxConfig {
    this.ctx.store.config = mergeConfig(this.ctx.store.config, patch);
    return this.ctx.store.config;
  }

  setRateLimits(patch: Partial<RateLimitConfig>): RateLimitConfig {
    this.ctx.rateLimiter.reset();
    return this.configure({ rateLimits: patch }).rateLimits;
  }

  /** Simulates the user clicking the confirmation link: the account and its pending app grants activate. */
  confirmAccount(email: string): void {
    const account = this.ctx.store.accountByEmail(email);
    if (!account) throw new ApiError(404, 'not_found', `No account ${email}.`);
    confirmAccount(this.ctx.store, account);
    this.ctx.store.save();
  }

  /** Makes access tokens expire now; returns how many were live. */
  expireAccessTokens(sel: { accessToken?: string; email?: string; all?: boolean }): number {
    const n = expireAccessTokens(this.ctx.store, sel);
    this.ctx.store.save();
    return n;
  }

  moveSigner(requestId: string, who: { email?: string; signatureId?: string }, action: SignerAction, reason?: string) {
    const r = this.requireRequest(requestId);
    moveSigner(this.ctx.store, r, who, action, reason);
    this.ctx.store.save();
    return toResponse(r, this.ctx.urls);
  }

  complete(requestId: string) {
    const r = this.requireRequest(requestId);
    completeRequest(this.ctx.store, r);
    this.ctx.store.save();
    return toResponse(r, this.ctx.urls);
  }

  /** true: the files endpoints answer 409 until set back to false (and any preparation delay has passed). */
  setFilesPreparing(requestId: string, preparing: boolean): void {
    const r = this.requireRequest(requestId);
    r.filesPreparing = preparing;
    if (!preparing) r.filesReadyAtMs = 0;
    this.ctx.store.save();
  }

  /** Timed mode: every `intervalMs` the next signer of each open request views, then signs. null stops it. */
  setTimed(intervalMs: number | null): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.timedMs = intervalMs;
    if (intervalMs !== null) {
      this.timer = setInterval(() => this.tick(), intervalMs);
      this.timer.unref();
    }
  }

  tick(): void {
    if (timedTick(this.ctx.store)) this.ctx.store.save();
  }

  /** Moves the sandbox clock forward (codes, tokens, reminders and file preparation all follow it). */
  advanceClock(ms: number): void {
    this.ctx.store.clock.advance(ms);
  }

  updateApp(clientId: string, patch: { callbackUrl?: string; scopes?: string[]; name?: string; acceptAnyRedirectUri?: boolean }) {
    const app = this.ctx.store.app(clientId);
    if (!app) throw new ApiError(404, 'not_found', `No app ${clientId}.`);
    if (patch.callbackUrl !== undefined) app.callbackUrl = String(patch.callbackUrl);
    if (patch.scopes !== undefined) app.scopes = patch.scopes.map(String);
    if (patch.name !== undefined) app.name = String(patch.name);
    if (patch.acceptAnyRedirectUri !== undefined) app.acceptAnyRedirectUri = !!patch.acceptAnyRedirectUri;
    this.ctx.store.save();
    return { ...app };
  }

  /** Back to the seed: state, config, counters, faults, rate-limit windows, clock, timed mode. */
  reset(config: SandboxConfigPatch = {}): void {
    this.setTimed(null);
    this.ctx.store.clock.reset();
    this.ctx.store.reset(config);
    this.ctx.faults.clear();
    this.ctx.rateLimiter.reset();
    this.resetCounters();
  }

  dispose(): void {
    this.setTimed(null);
  }

  private requireRequest(id: string) {
    const r = this.ctx.store.request(id);
    if (!r) throw new ApiError(404, 'not_found', `No signature request ${id}.`);
    return r;
  }
}

export const ADMIN_ENDPOINTS = [
  'GET  /_admin/state                                   whole state (JSON)',
  'GET  /_admin/counters                                token requests by grant_type, requests by route, 429s, faults served',
  'POST /_admin/counters/reset',
  'GET  /_admin/config | POST /_admin/config {expiresIn, rotateRefreshTokens, codeTtlSeconds, filesPrepMs, denyWithError, faultDelayMs, sendWarnings}',
  'POST /_admin/reset                                   back to the seed',
  'POST /_admin/accounts/confirm {email}',
  'POST /_admin/tokens/expire {email | access_token | all:true}',
  'POST /_admin/signature_requests/{id}/signers {email | signature_id, action: view|sign|decline, reason?}',
  'POST /_admin/signature_requests/{id}/complete',
  'POST /_admin/signature_requests/{id}/files_preparing {preparing: true|false}',
  'POST /_admin/timed {intervalMs: number|null} | POST /_admin/timed/tick',
  ...FAULT_ENDPOINTS,
  'POST /_admin/rate_limits {enabled?, standard?, heavy?, testMode?, windowMs?}',
  'POST /_admin/clock {advanceMs}',
  'POST /_admin/apps/{client_id} {callbackUrl?, scopes?, name?, acceptAnyRedirectUri?}',
];

/** Admin request bodies (JSON, trusted: the admin API is a loopback test tool). */
interface DropboxSignAdminBody extends AdminBody {
  email?: string;
  email_address?: string;
  access_token?: string;
  all?: boolean;
  action?: string;
  signature_id?: string;
  reason?: string;
  preparing?: boolean;
  intervalMs?: number | null;
  advanceMs?: number;
}

export function handleAdmin(admin: SandboxAdmin, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  return serveAdmin(req, res, url, ADMIN_ENDPOINTS, [(route, body) => adminRoute(admin, route, body as DropboxSignAdminBody), admin.faultAdmin.routes]);
}

function adminRoute(admin: SandboxAdmin, route: string, body: DropboxSignAdminBody): unknown {
  let m: RegExpExecArray | null;
  if (route === 'GET /_admin/state') return admin.state();
  if (route === 'GET /_admin/counters') return admin.counters();
  if (route === 'POST /_admin/counters/reset') return admin.resetCounters();
  if (route === 'GET /_admin/config') return admin.config();
  if (route === 'POST /_admin/config') return admin.configure(body as SandboxConfigPatch);
  if (route === 'POST /_admin/reset') return admin.reset();
  if (route === 'POST /_admin/accounts/confirm') return admin.confirmAccount(String(body.email ?? body.email_address ?? ''));
  if (route === 'POST /_admin/tokens/expire') {
    return { expired: admin.expireAccessTokens({ accessToken: body.access_token, email: body.email, all: body.all === true }) };
  }
  if ((m = /^POST \/_admin\/signature_requests\/([^/]+)\/signers$/.exec(route))) {
    const action = String(body.action) as SignerAction;
    if (!['view', 'sign', 'decline'].includes(action)) throw new ApiError(400, 'bad_request', 'action must be view, sign or decline.');
    return admin.moveSigner(m[1], { email: body.email, signatureId: body.signature_id }, action, body.reason);
  }
  if ((m = /^POST \/_admin\/signature_requests\/([^/]+)\/complete$/.exec(route))) return admin.complete(m[1]);
  if ((m = /^POST \/_admin\/signature_requests\/([^/]+)\/files_preparing$/.exec(route))) return admin.setFilesPreparing(m[1], body.preparing !== false);
  if (route === 'POST /_admin/timed') {
    const ms = body.intervalMs === null || body.intervalMs === undefined ? null : Number(body.intervalMs);
    if (ms !== null && !(ms > 0)) throw new ApiError(400, 'bad_request', 'intervalMs must be a positive number or null.');
    return admin.setTimed(ms);
  }
  if (route === 'POST /_admin/timed/tick') return admin.tick();
  if (route === 'POST /_admin/rate_limits') return admin.setRateLimits(body as Partial<RateLimitConfig>);
  if (route === 'POST /_admin/clock') return admin.advanceClock(Number(body.advanceMs ?? 0));
  if ((m = /^POST \/_admin\/apps\/([^/]+)$/.exec(route))) return admin.updateApp(decodeURIComponent(m[1]), body as Parameters<SandboxAdmin['updateApp']>[1]);
  return NOT_MINE;
}
