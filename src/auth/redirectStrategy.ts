// How the browser gets back to VS Code after the consent page. The service sends the user to the one
// callback URL registered in the app, so the mode decides what that URL is and what `redirect_uri` and
// `state` the authorize request carries:
// - relay: a static page the user hosts (media/oauth-relay.html); `state` carries the extension's
//   asExternalUri callback, which the page forwards `code`/`state` to.
// - direct: the asExternalUri callback itself is the redirect_uri (desktop `vscode://…`).
// - loopback: http://127.0.0.1:<port>/callback served by the extension (desktop only).
// - manual: no redirect_uri; the user pastes the address the browser ended on.
import { secureUrlProblem } from '../core/serviceUrl';
import { encodeState } from './oauthState';

export type RedirectMode = 'relay' | 'direct' | 'loopback' | 'manual';
/** The `signdesk.oauth.redirect` setting; `auto` = relay when a relay URL is set, else direct. */
export type RedirectSetting = 'auto' | RedirectMode;

export const REDIRECT_SETTINGS: readonly RedirectSetting[] = ['auto', 'relay', 'direct', 'loopback', 'manual'];
export const DEFAULT_LOOPBACK_PORT = 53682;
export const LOOPBACK_PATH = '/callback';

export interface RedirectConfig {
  setting: RedirectSetting;
  relayUrl?: string;
  loopbackPort: number;
}

export function resolveRedirectMode(config: RedirectConfig): RedirectMode {
  if (config.setting === 'auto' || !REDIRECT_SETTINGS.includes(config.setting)) {
    return config.relayUrl?.trim() ? 'relay' : 'direct';
  }
  return config.setting;
}

export function loopbackRedirectUri(port: number): string {
  return `http://127.0.0.1:${port}${LOOPBACK_PATH}`;
}

/**
 * A relay page must be served over https (it receives authorization codes); plain http only on a
 * loopback address (the local sandbox). Returns a reason when the URL is not acceptable.
 */
export function relayUrlProblem(relayUrl: string): string | undefined {
  return secureUrlProblem(relayUrl, false);
}

export interface PlanInputs {
  nonce: string;
  /** vscode.env.asExternalUri(<uriScheme>://signdesk.signdesk/callback), as a string. */
  extensionCallback: string;
  relayUrl?: string;
  /** For loopback: the redirect URI of the running receiver. */
  loopbackRedirectUri?: string;
  /** The service's limit on `state` (a relay target is then compressed when needed). */
  stateMaxBytes?: number;
}

export interface RedirectPlan {
  mode: RedirectMode;
  /** The authorize request's redirect_uri; undefined lets the service use the app's registered one. */
  redirectUri?: string;
  state: string;
  /** Where the callback arrives: the URI handler, the loopback receiver, or a paste. */
  arrivesVia: 'uriHandler' | 'loopback' | 'paste';
}

export function planRedirect(mode: RedirectMode, inputs: PlanInputs): RedirectPlan {
  if (mode === 'relay' && !inputs.relayUrl) {
    throw new Error('relay mode needs a relay URL');
  }
  if (mode === 'loopback' && !inputs.loopbackRedirectUri) {
    throw new Error('loopback mode needs a running receiver');
  }
  const redirectUris: Record<RedirectMode, string | undefined> = {
    relay: inputs.relayUrl,
    direct: inputs.extensionCallback,
    loopback: inputs.loopbackRedirectUri,
    manual: undefined,
  };
  return {
    mode,
    redirectUri: redirectUris[mode],
    // Only the relay's state carries a target: the callback the relay page forwards to.
    state: mode === 'relay' ? encodeState(inputs.nonce, inputs.extensionCallback, inputs.stateMaxBytes) : encodeState(inputs.nonce),
    arrivesVia: mode === 'loopback' ? 'loopback' : mode === 'manual' ? 'paste' : 'uriHandler',
  };
}

/** How to set up the relay page, for where the relay mode has no relay URL yet. */
export const HOST_THE_RELAY_PAGE =
  'Host SignDesk\'s media/oauth-relay.html unchanged over https (e.g. GitHub Pages), set "signdesk.oauth.relayUrl" to its address and register that address as your app\'s callback URL.';

export interface CallbackToRegister {
  /** The exact URL to enter as the app's OAuth callback, when there is one. */
  url?: string;
  /** One or two sentences for the user. */
  explanation: string;
}

/**
 * What `signdesk.configureApp` tells the user to register. `extensionCallback` is what asExternalUri
 * returns right now: on a desktop a stable `vscode://…` URI; on a VS Code server an http(s) URL whose
 * request id changes with every call, which no app can register.
 */
export function callbackToRegister(mode: RedirectMode, config: RedirectConfig, extensionCallback: string): CallbackToRegister {
  switch (mode) {
    case 'relay':
      return config.relayUrl
        ? {
            url: config.relayUrl,
            explanation: "It is your hosted relay page, which must serve SignDesk's media/oauth-relay.html unchanged (see the README).",
          }
        : { explanation: HOST_THE_RELAY_PAGE };
    case 'direct': {
      const stable = !/^https?:/i.test(extensionCallback);
      return stable
        ? { url: extensionCallback, explanation: "It is this VS Code's own address." }
        : {
            url: undefined,
            explanation:
              'In this VS Code (a server or a browser) the address VS Code listens on changes with every sign-in, so it cannot be registered: use the relay mode ("signdesk.oauth.redirect": "relay") instead.',
          };
    }
    case 'loopback':
      return {
        url: loopbackRedirectUri(config.loopbackPort),
        explanation: `SignDesk listens there (port ${config.loopbackPort} of this machine) while you sign in; desktop VS Code only.`,
      };
    case 'manual': {
      const paste = 'After you accept, copy the address your browser shows and paste it into "SignDesk: Complete Authorization…".';
      return config.relayUrl
        ? { url: config.relayUrl, explanation: paste }
        : { url: undefined, explanation: `Register any https address you control as the app's callback URL. ${paste}` };
    }
  }
}

/**
 * `direct` needs an address the service can be told once: the desktop's `vscode://…`. In a browser or
 * on a VS Code server asExternalUri answers an http(s) URL with a new request id every time, so the
 * registered callback can never match. (A desktop window on a remote, e.g. over SSH, still gets
 * `vscode://…` and works.)
 */
export function directModeCannotWork(extensionCallback: string, runsInBrowser: boolean): boolean {
  return runsInBrowser || /^https?:/i.test(extensionCallback);
}
