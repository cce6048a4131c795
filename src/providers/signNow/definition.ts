// signNow as a value: identity, default hosts, OAuth traits, the rules the model and commands follow
// for it (sources: ../shared/notes/providers.md), and the factories the runtime builds its clients with.
// Not in providers/index.ts yet.
import type { HttpClient } from '../../core/http';
import { backOffBare429 } from '../../core/readBackoff';
import type { OAuthClient, ServiceContext, ServiceDefinition, SignatureRules } from '../../model/service';
import { SignNowApi } from './apiClient';
import { DEFAULT_API_BASE_URL, DEFAULT_APP_BASE_URL } from './endpoints';
import { readSignNowError } from './errorBody';
import { toAccount } from './mapping';
import { SignNowOAuthClient } from './oauthClient';
import { SignNowService } from './service';

export const signNowRules: SignatureRules = {
  // The upload docs' list (.doc .docx .pdf .xls .xlsx .ppt .pptx .png) plus what the official client sends.
  acceptedFileTypes: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'png', 'odt', 'rtf', 'jpg', 'jpeg', 'gif', 'bmp'],
  // Not documented; the sandbox refuses above 40 MB, as Dropbox Sign does.
  maxFileBytes: 40 * 1024 * 1024,
  // Not documented; SignDesk's own limits for what it shows.
  fieldLimits: { title: 255, subject: 255, message: 5000 },
  // GET /folder/{id}: limit is capped at 100.
  maxPageSize: 100,
  // signNow publishes no rate limit: a conservative guess until a 429 says otherwise.
  defaultRateLimit: { limit: 60, windowMs: 60_000 },
  // No documented minimum between resends.
  reminderIntervalMs: 0,
  downloadFormats: ['pdf', 'zip'],
  // A canceled document stays in its folder, with its invites canceled.
  canceledRequestsLeaveList: false,
};

const backedOff = new WeakMap<ServiceContext, HttpClient>();

/**
 * signNow's 429s carry no rate-limit headers: reads back off on SignDesk's own schedule, writes are never
 * repeated (core/readBackoff.ts). One schedule per runtime, shared by the OAuth and API clients.
 */
function signNowHttp(context: ServiceContext): HttpClient {
  let http = backedOff.get(context);
  if (!http) {
    http = backOffBare429(context.http, { clock: context.clock });
    backedOff.set(context, http);
  }
  return http;
}

/** The token endpoint, plus /user for whose the new token is. */
function createOAuthClient(context: ServiceContext): OAuthClient {
  const http = signNowHttp(context);
  const api = new SignNowApi(http, context.settings);
  return Object.assign(new SignNowOAuthClient(http, context.settings, context.clock, context.secrets), {
    getAccount: async (token: string, signal?: AbortSignal) => toAccount(await api.getUser(token, signal)),
  });
}

export const signNow = {
  id: 'signNow',
  label: 'signNow',
  authProviderId: 'signdesk-signnow',
  defaults: { apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_APP_BASE_URL },
  readError: readSignNowError,
  // The token endpoint takes the client as `Authorization: Basic base64(id:secret)`; no PKCE in any SDK.
  // A refresh takes the client too.
  oauth: { clientSecret: 'required', pkce: false, clientAuthentication: 'basic', refreshNeedsClient: true, create: createOAuthClient },
  signatures: {
    rules: signNowRules,
    create: (context) => new SignNowService(new SignNowApi(signNowHttp(context), context.settings), context.settings),
  },
} as const satisfies ServiceDefinition;
