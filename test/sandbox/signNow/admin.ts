// The signNow sandbox's admin side: the same operations in-process (`sandbox.admin`) and over HTTP
// under /_admin/ (e2e tests, `npm start`, curl).
import * as http from 'http';
import { ApiError } from '../kit/http';
import { AdminBody, FAULT_ENDPOINTS, FaultAdminMethods, NOT_MINE, serveAdmin } from '../kit/admin';
import { normalizeFault } from '../kit/faults';
import { SnContext } from './context';
import { SnConfig, SnConfigPatch, SnState } from './model';
import { mergeSnConfig } from './store';
import { expireAccessTokens } from './tokens';
import { SignerMove, documentJson, moveSigner } from './documents';

export class SignNowAdmin extends FaultAdminMethods {

  constructor(private readonly ctx: SnContext) {
    super(ctx.faults, normalizeFault);
  }

  /** A deep copy of the whole state. */
  state(): SnState {
    return JSON.parse(JSON.stringify(this.ctx.store.state)) as SnState;
  }

  counters() {
    return { ...this.ctx.counters.snapshot(), faultsServed: { ...this.ctx.faults.served } };
  }

  resetCounters(): void {
    this.ctx.counters.reset();
    this.ctx.faults.served = {};
  }

  config(): SnConfig {
    return { ...this.ctx.store.config, rateLimit: { ...this.ctx.store.config.rateLimit } };
  }

  configure(patch: SnConfigPatch): SnConfig {
    this.ctx.store.config = mergeSnConfig(this.ctx.store.config, patch);
    if (patch.rateLimit) this.ctx.rateLimiter.reset();
    return this.config();
  }

  /** Makes access tokens expire now; returns how many were live. */
  expireAccessTokens(sel: { accessToken?: string; email?: string; all?: boolean }): number {
    const n = expireAccessTokens(this.ctx, sel);
    this.ctx.store.save();
    return n;
  }

  /** A signer views, signs or declines (field invites in signing order: else 409). Returns the document. */
  moveSigner(documentId: string, email: string, action: SignerMove, reason?: string) {
    const d = this.ctx.store.document(documentId);
    if (!d) throw new ApiError(404, 'not_found', `No document ${documentId}.`);
    moveSigner(this.ctx.store, d, email, action, reason);
    this.ctx.store.save();
    return documentJson(d, this.ctx.urls.apiBaseUrl);
  }

  /** Sets a user's password (the password grant and the login page check it). */
  setPassword(email: string, password: string): void {
    const user = this.ctx.store.state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user) throw new ApiError(404, 'not_found', `No user ${email}.`);
    if (typeof password !== 'string' || password === '') throw new ApiError(400, 'bad_request', 'password must be a non-empty string.');
    user.password = password;
    this.ctx.store.save();
  }

  /** Registers the redirect URIs of an app (replacing the list). */
  updateApp(clientId: string, patch: { redirectUris?: string[]; name?: string }) {
    const app = this.ctx.store.state.apps.find((a) => a.clientId === clientId);
    if (!app) throw new ApiError(404, 'not_found', `No app ${clientId}.`);
    if (patch.redirectUris !== undefined) app.redirectUris = patch.redirectUris.map(String);
    if (patch.name !== undefined) app.name = String(patch.name);
    this.ctx.store.save();
    return { ...app, clientSecret: undefined };
  }

  /** Moves the sandbox clock forward (codes, tokens, download links and rate windows follow it). */
  advanceClock(ms: number): void {
    this.ctx.store.clock.advance(ms);
  }

  /** Back to the seed: state, switches, counters, faults, rate windows, clock. */
  reset(config: SnConfigPatch = {}): void {
    this.ctx.store.clock.reset();
    this.ctx.store.reset(config);
    this.ctx.faults.clear();
    this.ctx.rateLimiter.reset();
    this.resetCounters();
  }
}

export const SN_ADMIN_ENDPOINTS = [
  'GET  /_admin/state                                   whole state (JSON)',
  'GET  /_admin/counters | POST /_admin/counters/reset  token requests by grant_type, requests by route, 429s, faults served',
  'GET  /_admin/config | POST /_admin/config {switch: value, …}   (see test/sandbox/README.md, signNow switches)',
  'POST /_admin/reset                                   back to the seed and the default switches',
  'POST /_admin/tokens/expire {email | access_token | all:true}',
  'POST /_admin/documents/{id}/signers {email, action: view|sign|decline, reason?}   (signing order is kept: else 409)',
  'POST /_admin/apps/{client_id} {redirectUris?, name?}',
  'POST /_admin/users/password {email, password}',
  'POST /_admin/clock {advanceMs}',
  ...FAULT_ENDPOINTS,
];

interface SnAdminBody extends AdminBody {
  email?: string;
  access_token?: string;
  all?: boolean;
  action?: string;
  reason?: string;
  advanceMs?: number;
  password?: unknown;
}

export function handleSnAdmin(admin: SignNowAdmin, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  return serveAdmin(req, res, url, SN_ADMIN_ENDPOINTS, [(route, body) => adminRoute(admin, route, body as SnAdminBody), admin.faultAdmin.routes]);
}

function adminRoute(admin: SignNowAdmin, route: string, body: SnAdminBody): unknown {
  let m: RegExpExecArray | null;
  if (route === 'GET /_admin/state') return admin.state();
  if (route === 'GET /_admin/counters') return admin.counters();
  if (route === 'POST /_admin/counters/reset') return admin.resetCounters();
  if (route === 'GET /_admin/config') return admin.config();
  if (route === 'POST /_admin/config') return admin.configure(body as SnConfigPatch);
  if (route === 'POST /_admin/reset') return admin.reset();
  if (route === 'POST /_admin/tokens/expire') return { expired: admin.expireAccessTokens({ accessToken: body.access_token, email: body.email, all: body.all === true }) };
  if ((m = /^POST \/_admin\/documents\/([^/]+)\/signers$/.exec(route))) {
    const action = String(body.action) as SignerMove;
    if (!['view', 'sign', 'decline'].includes(action)) throw new ApiError(400, 'bad_request', 'action must be view, sign or decline.');
    if (typeof body.email !== 'string') throw new ApiError(400, 'bad_request', 'email is required.');
    return admin.moveSigner(decodeURIComponent(m[1]), body.email, action, body.reason);
  }
  if ((m = /^POST \/_admin\/apps\/([^/]+)$/.exec(route))) return admin.updateApp(decodeURIComponent(m[1]), body as Parameters<SignNowAdmin['updateApp']>[1]);
  if (route === 'POST /_admin/users/password') return admin.setPassword(String(body.email ?? ''), body.password as string);
  if (route === 'POST /_admin/clock') return admin.advanceClock(Number(body.advanceMs ?? 0));
  return NOT_MINE;
}
