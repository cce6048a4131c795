// signNow URLs. Two hosts: the API (api.signnow.com; also the token endpoint /oauth2/token) and the web app
// that shows the authorize page (app.signnow.com/authorize). The eval environment has its own pair.
import type { AuthorizeUrlParams } from '../../model/tokens';
import { apiUrl, segment, trimSlash } from '../urls';

export interface SignNowSettings {
  /** Default DEFAULT_API_BASE_URL; the eval environment: https://api-eval.signnow.com */
  apiBaseUrl: string;
  /** Where /authorize lives. Default DEFAULT_APP_BASE_URL; eval: https://app-eval.signnow.com */
  oauthBaseUrl: string;
}

export const DEFAULT_API_BASE_URL = 'https://api.signnow.com';
export const DEFAULT_APP_BASE_URL = 'https://app.signnow.com';
export const EVAL_API_BASE_URL = 'https://api-eval.signnow.com';
/** GET /folder/{id}'s filter-values for filters=signing-status a user may filter by (unsent lists only drafts, which the tree hides). */
export const SIGNING_STATUSES = ['signed', 'pending', 'waiting-for-me', 'waiting-for-others', 'expired'];
/** What signNow's list filters by: it has no search. */
export const SIGNING_STATUS_FILTER = `one signing status: ${SIGNING_STATUSES.join(', ')}`;


/** `${oauthBaseUrl}/authorize?client_id=…&response_type=code&redirect_uri=…&state=…` */
export function authorizeUrl(oauthBaseUrl: string, params: AuthorizeUrlParams): string {
  const query = new URLSearchParams({ client_id: params.clientId, response_type: 'code' });
  if (params.redirectUri !== undefined) {
    query.set('redirect_uri', params.redirectUri);
  }
  query.set('state', params.state);
  return `${trimSlash(oauthBaseUrl)}/authorize?${query.toString()}`;
}

export { apiUrl, segment };

/**
 * The document in signNow's web app (on the app host, beside /authorize). signNow documents no such page;
 * this is the address its embedded-signing links open (SignNow.NET's GenerateEmbeddedSigningLink test:
 * `https://app-eval.signnow.com/webapp/document/{id}?…`), without their one-time access token.
 */
export function documentPageUrl(appBaseUrl: string, id: string): string {
  return `${trimSlash(appBaseUrl)}/webapp/document/${segment(id)}`;
}

/** True for signNow's eval environment (signNow has no per-request test flag: the environment is the test). */
export function isEvalEnvironment(apiBaseUrl: string): boolean {
  try {
    return new URL(apiBaseUrl).hostname.includes('-eval.');
  } catch {
    return false;
  }
}
