// signNow's clients, built from a runtime's ServiceContext: the OAuth client (the token endpoint, plus /user for
// whose the new token is), the signature service and the error reader. The definition builds them on first use
// (core/onFirstCall.ts): this file, and everything only it imports, ships in dist/features.js
// (test/build/build.js LAZY_SOURCES), so activation never loads them.
import type { HttpClient } from '../../core/http';
import { backOffBare429 } from '../../core/readBackoff';
import type { OAuthClient, ServiceContext, SignatureService } from '../../model/service';
import { SignNowApi } from './apiClient';
import { SignNowOAuthClient } from './oauthClient';
import { SignNowService } from './service';

export { readSignNowError } from './errorBody';

/** The OAuth client the runtime holds, with signNow's own extras (password grant, token check). */
export type SignNowOAuth = OAuthClient & Pick<SignNowOAuthClient, 'passwordGrant' | 'tokenSecondsLeft' | 'revoke'>;

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

export function createSignNowOAuthClient(context: ServiceContext): SignNowOAuth {
  return new SignNowOAuthClient(signNowHttp(context), context.settings, context.clock, context.secrets);
}

export function createSignNowService(context: ServiceContext): SignatureService {
  return new SignNowService(new SignNowApi(signNowHttp(context), context.settings), context.settings);
}
