// Dropbox URLs: three hosts (www pages, api, content), each a base URL setting, with Dropbox's own paths
// under them, so the local sandbox (or any stand-in) is reached by swapping hosts alone.
import { SettingsError } from '../../core/errors';
import { secureUrlProblem } from '../../core/serviceUrl';

export interface DropboxSettings {
  /** www.dropbox.com: /oauth2/authorize */
  oauthBaseUrl: string;
  /** api.dropboxapi.com: /oauth2/token and the rpc routes under /2/ */
  apiBaseUrl: string;
  /** content.dropboxapi.com: /2/files/upload and /2/files/download */
  contentBaseUrl: string;
}

export const DEFAULT_DROPBOX_SETTINGS: DropboxSettings = {
  oauthBaseUrl: 'https://www.dropbox.com',
  apiBaseUrl: 'https://api.dropboxapi.com',
  contentBaseUrl: 'https://content.dropboxapi.com',
};

/** Dropbox's documented limit on `state`; a longer one is refused on the authorize page. */
export const STATE_MAX_BYTES = 500;

/**
 * The base URLs to use from raw setting values (unset, blank or not text → the default). Throws
 * SettingsError before anything is sent for a URL SignDesk must not send tokens to.
 */
export function resolveDropboxSettings(raw: Partial<Record<keyof DropboxSettings, unknown>>): DropboxSettings {
  const pick = (key: keyof DropboxSettings): string => {
    const value = raw[key];
    const url = typeof value === 'string' ? value.trim() : '';
    const problem = url && secureUrlProblem(url);
    if (problem) {
      // The value itself is not repeated: it may hold a user name and password.
      throw new SettingsError(`The setting "signdesk.dropbox.${key}" cannot be used: ${problem}. Nothing was sent.`);
    }
    return (url || DEFAULT_DROPBOX_SETTINGS[key]).replace(/\/+$/, '');
  };
  return { oauthBaseUrl: pick('oauthBaseUrl'), apiBaseUrl: pick('apiBaseUrl'), contentBaseUrl: pick('contentBaseUrl') };
}


export interface DropboxAuthorizeParams {
  clientId: string;
  state: string;
  /** S256 challenge of the PKCE verifier */
  codeChallenge: string;
  /** Left out in manual mode: Dropbox then shows the code for the user to paste. */
  redirectUri?: string;
  /** Left out when empty: Dropbox refuses an empty `scope=`. */
  scopes?: readonly string[];
}

/** `/oauth2/authorize` with PKCE (S256) and offline access (a refresh token). */
export function dropboxAuthorizeUrl(settings: DropboxSettings, params: DropboxAuthorizeParams): string {
  const stateBytes = Buffer.byteLength(params.state, 'utf8');
  if (stateBytes > STATE_MAX_BYTES) {
    throw new Error(`The sign-in state is ${stateBytes} bytes; Dropbox accepts at most ${STATE_MAX_BYTES}.`);
  }
  const query = new URLSearchParams({
    client_id: params.clientId,
    response_type: 'code',
    token_access_type: 'offline',
    code_challenge: params.codeChallenge,
    code_challenge_method: 'S256',
    state: params.state,
  });
  if (params.redirectUri !== undefined) {
    query.set('redirect_uri', params.redirectUri);
  }
  if (params.scopes?.length) {
    query.set('scope', params.scopes.join(' '));
  }
  return `${settings.oauthBaseUrl}/oauth2/authorize?${query.toString()}`;
}

export const dropboxTokenUrl = (settings: DropboxSettings) => `${settings.apiBaseUrl}/oauth2/token`;
export const dropboxRpcUrl = (settings: DropboxSettings, route: string) => `${settings.apiBaseUrl}/2/${route}`;
export const dropboxContentUrl = (settings: DropboxSettings, route: string) => `${settings.contentBaseUrl}/2/${route}`;
