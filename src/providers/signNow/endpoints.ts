// signNow URLs. Two hosts: the API (api.signnow.com; also the token endpoint /oauth2/token) and the web app
// that shows the authorize page (app.signnow.com/authorize). The eval environment has its own pair.
import { SettingsError } from '../../core/errors';
import { secureUrlProblem } from '../../core/serviceUrl';
import type { AuthorizeUrlParams, TokenOrigins } from '../../model/tokens';

export interface SignNowSettings {
  /** Default DEFAULT_API_BASE_URL; the eval environment: https://api-eval.signnow.com */
  apiBaseUrl: string;
  /** Where /authorize lives. Default DEFAULT_APP_BASE_URL; eval: https://app-eval.signnow.com */
  oauthBaseUrl: string;
}

export const DEFAULT_API_BASE_URL = 'https://api.signnow.com';
export const DEFAULT_APP_BASE_URL = 'https://app.signnow.com';
export const EVAL_API_BASE_URL = 'https://api-eval.signnow.com';

/** The base URLs from raw setting values; SettingsError (nothing sent) for a URL secrets must not go to. */
export function resolveSignNowSettings(raw: { apiBaseUrl?: unknown; oauthBaseUrl?: unknown }, settingPrefix = 'signdesk.signNow'): SignNowSettings {
  return {
    apiBaseUrl: checkedBaseUrl(raw.apiBaseUrl, DEFAULT_API_BASE_URL, `${settingPrefix}.apiBaseUrl`),
    oauthBaseUrl: checkedBaseUrl(raw.oauthBaseUrl, DEFAULT_APP_BASE_URL, `${settingPrefix}.oauthBaseUrl`),
  };
}

function checkedBaseUrl(value: unknown, fallback: string, setting: string): string {
  const url = typeof value === 'string' ? value.trim() : '';
  const problem = url && secureUrlProblem(url);
  if (problem) {
    throw new SettingsError(`The setting "${setting}" cannot be used: ${problem}. Nothing was sent.`);
  }
  return url || fallback;
}

/** The refresh token goes to the token endpoint, which is on the API host; so does the access token. */
export function tokenOrigins(settings: SignNowSettings): TokenOrigins {
  const api = new URL(settings.apiBaseUrl).origin;
  return { oauth: api, api };
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

/** `${oauthBaseUrl}/authorize?client_id=…&response_type=code&redirect_uri=…&state=…` */
export function authorizeUrl(oauthBaseUrl: string, params: AuthorizeUrlParams): string {
  const query = new URLSearchParams({ client_id: params.clientId, response_type: 'code' });
  if (params.redirectUri !== undefined) {
    query.set('redirect_uri', params.redirectUri);
  }
  query.set('state', params.state);
  return `${trimSlash(oauthBaseUrl)}/authorize?${query.toString()}`;
}

export function apiUrl(apiBaseUrl: string, path: string): string {
  return `${trimSlash(apiBaseUrl)}/${path.replace(/^\/+/, '')}`;
}

/** Percent-encodes one path segment (ids come from responses, but never trust them into a path raw). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** True for signNow's eval environment (signNow has no per-request test flag: the environment is the test). */
export function isEvalEnvironment(apiBaseUrl: string): boolean {
  try {
    return new URL(apiBaseUrl).hostname.includes('-eval.');
  } catch {
    return false;
  }
}
