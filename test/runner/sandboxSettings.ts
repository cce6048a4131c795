// How SignDesk is pointed at the local sandboxes (Dropbox Sign, and Dropbox when one runs). `npm start` and
// every e2e fixture take the settings from here, so what the e2e tests run against is what a person trying
// `npm start` gets.
import type { DropboxSandboxInfo } from '../sandbox/dropbox/server';
import type { SandboxInfo } from '../sandbox/dropboxSign/server';
import type { SignNowSandboxInfo } from '../sandbox/signNow/server';

// 127.0.0.2, not 127.0.0.1: the web workbench rewrites 127.0.0.1/localhost URLs opened with openExternal
// to its own /proxy/ path, so the consent page would never load (shared/notes/real-vscode-host.md).
export const SANDBOX_HOST = '127.0.0.2';

/**
 * SignDesk's settings for a running sandbox: its API and OAuth pages, the demo app, and the way back to VS Code;
 * with `dropbox`, also the Dropbox sandbox's three hosts and demo app.
 */
export function signDeskSandboxSettings(info: SandboxInfo, dropbox?: DropboxSandboxInfo, signNow?: SignNowSandboxInfo): Record<string, unknown> {
  return {
    ...(dropbox ? dropboxSandboxSettings(dropbox) : {}),
    ...(signNow ? signNowSandboxSettings(signNow) : {}),
    'signdesk.dropboxSign.apiBaseUrl': info.apiBaseUrl,
    'signdesk.dropboxSign.oauthBaseUrl': info.oauthBaseUrl,
    'signdesk.dropboxSign.clientId': info.clientId,
    // The demo app's registered callback is the sandbox's /relay/ page, which serves media/oauth-relay.html.
    // Like Dropbox Sign, the sandbox refuses any other redirect_uri, and in VS Code's web/server host the
    // `direct` mode's address changes with every sign-in: relay is the mode that works here. Set
    // explicitly so a persisted profile whose mode was changed by hand is put back by the next `npm start`.
    'signdesk.oauth.redirect': 'relay',
    'signdesk.oauth.relayUrl': info.callbackUrl,
  };
}

/**
 * The Dropbox sandbox's hosts and demo app key (PKCE: no secret). Start it with `callbackUrl` set to the
 * Dropbox Sign sandbox's relay page: both demo apps then have the one relay registered that
 * "signdesk.oauth.relayUrl" names, and Dropbox's relay mode is set for the same reason as above.
 */
export function dropboxSandboxSettings(info: DropboxSandboxInfo): Record<string, unknown> {
  return {
    'signdesk.dropbox.oauthBaseUrl': info.oauthBaseUrl,
    'signdesk.dropbox.apiBaseUrl': info.apiBaseUrl,
    'signdesk.dropbox.contentBaseUrl': info.contentBaseUrl,
    'signdesk.dropbox.clientId': info.clientId,
    'signdesk.dropbox.redirect': 'relay',
  };
}

/**
 * The signNow sandbox's API and app hosts and demo client id (its secret is pasted into Configure signNow
 * App, as Dropbox Sign's is). Start it with `callbackUrl` set to the Dropbox Sign sandbox's relay page: its
 * demo app then has the one relay registered that "signdesk.oauth.relayUrl" names, and signNow's own
 * redirect setting is put on relay (its `auto` would pick loopback, which a VS Code server cannot serve).
 */
export function signNowSandboxSettings(info: SignNowSandboxInfo): Record<string, unknown> {
  return {
    'signdesk.signNow.apiBaseUrl': info.apiBaseUrl,
    'signdesk.signNow.oauthBaseUrl': info.oauthBaseUrl,
    'signdesk.signNow.clientId': info.clientId,
    'signdesk.signNow.redirect': 'relay',
  };
}
