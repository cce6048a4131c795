// Dropbox Sign URLs. Base URLs come from settings on every call, so changing them (e.g. to the
// local sandbox) takes effect without a reload.
import { resolveServiceSettings, tokenOrigins, type RawServiceSettings, type ServiceSettings } from '../../model/serviceSettings';
import type { AuthorizeUrlParams } from '../../model/tokens';
import { apiUrl, segment, trimSlash } from '../urls';

/** Dropbox Sign's base URLs: the service-neutral settings (no content host). */
export type DropboxSignSettings = Pick<ServiceSettings, 'apiBaseUrl' | 'oauthBaseUrl'>;

export const DEFAULT_API_BASE_URL = 'https://api.hellosign.com/v3';
export const DEFAULT_OAUTH_BASE_URL = 'https://app.hellosign.com';

export const defaultSettings: DropboxSignSettings = {
  apiBaseUrl: DEFAULT_API_BASE_URL,
  oauthBaseUrl: DEFAULT_OAUTH_BASE_URL,
};

/**
 * The base URLs to use from the raw `signdesk.dropboxSign.*` values (model/serviceSettings: unset means the
 * default; throws SettingsError for a URL SignDesk must not send secrets to). The runtime does the same for
 * every service from its definition; this is the provider's own tests' way in.
 */
export function resolveDropboxSignSettings(raw: RawServiceSettings): DropboxSignSettings {
  return resolveServiceSettings('dropboxSign', defaultSettings, raw);
}

export { tokenOrigins };

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

export { apiUrl, segment };
