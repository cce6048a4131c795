// Dropbox Sign URLs. Base URLs come from settings on every call, so changing them (e.g. to the
// local sandbox) takes effect without a reload.
import { SettingsError } from '../../core/errors';
import { secureUrlProblem } from '../../core/serviceUrl';
import type { AuthorizeUrlParams, TokenOrigins } from '../../model/tokens';

export interface DropboxSignSettings {
  /** Default DEFAULT_API_BASE_URL. */
  apiBaseUrl: string;
  /** Default DEFAULT_OAUTH_BASE_URL. */
  oauthBaseUrl: string;
}

export const DEFAULT_API_BASE_URL = 'https://api.hellosign.com/v3';
export const DEFAULT_OAUTH_BASE_URL = 'https://app.hellosign.com';

export const defaultSettings: DropboxSignSettings = {
  apiBaseUrl: DEFAULT_API_BASE_URL,
  oauthBaseUrl: DEFAULT_OAUTH_BASE_URL,
};

/**
 * The base URLs to use, from the raw setting values (user-level only: the VS Code adapter never passes a
 * workspace's). Unset, blank or not text means the default. Throws SettingsError, before anything is
 * sent, for a URL SignDesk must not send secrets to (core/serviceUrl: https, or http on loopback).
 */
export function resolveDropboxSignSettings(raw: { apiBaseUrl?: unknown; oauthBaseUrl?: unknown }): DropboxSignSettings {
  return {
    apiBaseUrl: checkedBaseUrl(raw.apiBaseUrl, DEFAULT_API_BASE_URL, 'signdesk.dropboxSign.apiBaseUrl'),
    oauthBaseUrl: checkedBaseUrl(raw.oauthBaseUrl, DEFAULT_OAUTH_BASE_URL, 'signdesk.dropboxSign.oauthBaseUrl'),
  };
}

function checkedBaseUrl(value: unknown, fallback: string, setting: string): string {
  const url = typeof value === 'string' ? value.trim() : '';
  const problem = url && secureUrlProblem(url);
  if (problem) {
    // The value itself is not repeated: it may hold a user name and password.
    throw new SettingsError(`The setting "${setting}" cannot be used: ${problem}. Nothing was sent.`);
  }
  return url || fallback;
}

/** Where tokens obtained with these settings may go (see TokenOrigins). */
export function tokenOrigins(settings: DropboxSignSettings): TokenOrigins {
  return { oauth: new URL(settings.oauthBaseUrl).origin, api: new URL(settings.apiBaseUrl).origin };
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

/** `${oauthBaseUrl}/oauth/authorize?response_type=code&client_id=…&state=…[&redirect_uri=…]` */
export function authorizeUrl(oauthBaseUrl: string, params: AuthorizeUrlParams): string {
  const query = new URLSearchParams({ response_type: 'code', client_id: params.clientId, state: params.state });
  if (params.redirectUri !== undefined) {
    query.set('redirect_uri', params.redirectUri);
  }
  return `${trimSlash(oauthBaseUrl)}/oauth/authorize?${query.toString()}`;
}

export function tokenUrl(oauthBaseUrl: string): string {
  return `${trimSlash(oauthBaseUrl)}/oauth/token`;
}

/** The spec's refresh operation is the path `/oauth/token?refresh` (a bare query flag). */
export function refreshUrl(oauthBaseUrl: string): string {
  return `${trimSlash(oauthBaseUrl)}/oauth/token?refresh`;
}

/** `${apiBaseUrl}/<path>` with each dynamic segment percent-encoded by the caller via `segment()`. */
export function apiUrl(apiBaseUrl: string, path: string): string {
  return `${trimSlash(apiBaseUrl)}/${path.replace(/^\/+/, '')}`;
}

/** Percent-encodes one path segment (ids come from responses, but never trust them into a path raw). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
