// The admin side of the sandbox: a programmatic API for in-process tests, and the same operations
// over HTTP under /_admin/ for anything out of process (e2e tests, `npm start`, curl).
import * as http from 'http';
import { SandboxContext } from './context';
import { RateLimitConfig, SandboxConfig, SandboxConfigPatch, State } from './model';
import { ApiError, readBody, sendJson } from './httpUtil';
import { FaultSpec, normalizeFault } from './faults';
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

export class SandboxAdmin {
  private timer: NodeJS.Timeout | undefined;
  private timedMs: number | null = null;

  constructor(private readonly ctx: SandboxContext) {}

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

  injectFault(f: FaultSpec | Record<string, unknown>): void {
    this.ctx.faults.add(normalizeFault(f as Record<string, unknown>));
  }

  faults() {
    return this.ctx.faults.active.map((f) => ({ ...f }));
  }

  clearFaults(): void {
    this.ctx.faults.clear();
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
  'GET  /_admin/faults | POST /_admin/faults {path, method?, kind, count?, delayMs?} or {faults:[...]} | DELETE /_admin/faults',
  '     kind: server_error(500) | html_503(503) | delay(timeout) | malformed_json(malformed) | unauthorized(401) | drop',
  'POST /_admin/rate_limits {enabled?, standard?, heavy?, testMode?, windowMs?}',
  'POST /_admin/clock {advanceMs}',
  'POST /_admin/apps/{client_id} {callbackUrl?, scopes?, name?, acceptAnyRedirectUri?}',
];

/** Admin request bodies (JSON, trusted: the admin API is a loopback test tool). */
interface AdminBody {
  email?: string;
  email_address?: string;
  access_token?: string;
  all?: boolean;
  action?: string;
  signature_id?: string;
  reason?: string;
  preparing?: boolean;
  intervalMs?: number | null;
  faults?: Array<Record<string, unknown>>;
  advanceMs?: number;
  [key: string]: unknown;
}

export async function handleAdmin(admin: SandboxAdmin, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  let m: RegExpExecArray | null;
  try {
    const body: AdminBody = req.method === 'GET' || req.method === 'DELETE' ? {} : ((await readBody(req)).value as AdminBody);
    if (route === 'GET /_admin') return sendJson(res, 200, { endpoints: ADMIN_ENDPOINTS });
    if (route === 'GET /_admin/state') return sendJson(res, 200, admin.state());
    if (route === 'GET /_admin/counters') return sendJson(res, 200, admin.counters());
    if (route === 'POST /_admin/counters/reset') return done(res, admin.resetCounters());
    if (route === 'GET /_admin/config') return sendJson(res, 200, admin.config());
    if (route === 'POST /_admin/config') return sendJson(res, 200, admin.configure(body as SandboxConfigPatch));
    if (route === 'POST /_admin/reset') return done(res, admin.reset());
    if (route === 'POST /_admin/accounts/confirm') return done(res, admin.confirmAccount(String(body.email ?? body.email_address ?? '')));
    if (route === 'POST /_admin/tokens/expire') {
      return sendJson(res, 200, { expired: admin.expireAccessTokens({ accessToken: body.access_token, email: body.email, all: body.all === true }) });
    }
    if ((m = /^POST \/_admin\/signature_requests\/([^/]+)\/signers$/.exec(route))) {
      const action = String(body.action) as SignerAction;
      if (!['view', 'sign', 'decline'].includes(action)) throw new ApiError(400, 'bad_request', 'action must be view, sign or decline.');
      return sendJson(res, 200, admin.moveSigner(m[1], { email: body.email, signatureId: body.signature_id }, action, body.reason));
    }
    if ((m = /^POST \/_admin\/signature_requests\/([^/]+)\/complete$/.exec(route))) return sendJson(res, 200, admin.complete(m[1]));
    if ((m = /^POST \/_admin\/signature_requests\/([^/]+)\/files_preparing$/.exec(route))) {
      return done(res, admin.setFilesPreparing(m[1], body.preparing !== false));
    }
    if (route === 'POST /_admin/timed') {
      const ms = body.intervalMs === null || body.intervalMs === undefined ? null : Number(body.intervalMs);
      if (ms !== null && !(ms > 0)) throw new ApiError(400, 'bad_request', 'intervalMs must be a positive number or null.');
      return done(res, admin.setTimed(ms));
    }
    if (route === 'POST /_admin/timed/tick') return done(res, admin.tick());
    if (route === 'GET /_admin/faults') return sendJson(res, 200, admin.faults());
    if (route === 'DELETE /_admin/faults') return done(res, admin.clearFaults());
    if (route === 'POST /_admin/faults') {
      for (const f of Array.isArray(body.faults) ? body.faults : [body]) admin.injectFault(f);
      return sendJson(res, 200, admin.faults());
    }
    if (route === 'POST /_admin/rate_limits') return sendJson(res, 200, admin.setRateLimits(body as Partial<RateLimitConfig>));
    if (route === 'POST /_admin/clock') return done(res, admin.advanceClock(Number(body.advanceMs ?? 0)));
    if ((m = /^POST \/_admin\/apps\/([^/]+)$/.exec(route))) return sendJson(res, 200, admin.updateApp(decodeURIComponent(m[1]), body as Parameters<SandboxAdmin['updateApp']>[1]));
    throw new ApiError(404, 'not_found', `No admin endpoint ${route}.`);
  } catch (e) {
    if (e instanceof ApiError) return sendJson(res, e.status, { error: e.message });
    if (e instanceof Error) return sendJson(res, 400, { error: e.message });
    throw e;
  }
}

function done(res: http.ServerResponse, _: void): void {
  sendJson(res, 200, { ok: true });
}
