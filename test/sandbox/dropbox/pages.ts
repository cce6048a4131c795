// HTML pages of the Dropbox sandbox's www host, on the kit's login and consent pages (their element ids are
// the browser tests' contract), plus Dropbox's own: the code shown when no redirect_uri was sent (#auth-code)
// and the redirect_uri mismatch (#error-message, #sent-redirect-uri, #registered-redirect-uris, #error-fix).
import { escapeHtml as h } from '../kit/http';
import { HOST_PREFIXES } from './context';
import { consentPage as kitConsentPage, errorPage as kitErrorPage, layout as kitLayout, loginPage as kitLoginPage } from '../kit/pages';

const SCOPE_TEXT: Record<string, string> = {
  'account_info.read': 'View basic information about your Dropbox account such as your username, email, and country',
  'files.metadata.read': 'View information about your Dropbox files and folders',
  'files.content.read': 'View content of your Dropbox files and folders',
  'files.content.write': 'Edit content of your Dropbox files and folders',
};

const SERVICE = 'Dropbox';
/**
 * Forms post to absolute paths: the consent page is also served from the login POST's own address
 * (/oauth2/authorize/login), where a relative `authorize/decide` would resolve one level too deep.
 */
const AUTHORIZE_PATH = `${HOST_PREFIXES.www}/oauth2/authorize`;
const layout = (title: string, body: string) => kitLayout(SERVICE, title, body);

export const errorPage = (title: string, message: string) => kitErrorPage(SERVICE, title, message);

export function redirectMismatchPage(opts: { appName: string; clientId: string; sent: string; registered: string[]; adminAppUrl: string }): string {
  const body = JSON.stringify({ redirectUris: [...opts.registered, opts.sent] });
  return layout(
    'Invalid redirect_uri',
    `<h1>Invalid redirect_uri</h1>
<p id="error-message" class="error">Invalid redirect_uri: "${h(opts.sent)}". It must exactly match one of the redirect URIs registered for the app.</p>
<dl>
<dt>redirect_uri sent by the app</dt><dd><code id="sent-redirect-uri">${h(opts.sent)}</code></dd>
<dt>redirect URIs registered for <strong>${h(opts.appName)}</strong> (app key <code>${h(opts.clientId)}</code>)</dt>
<dd><ul id="registered-redirect-uris">${opts.registered.map((u) => `<li><code>${h(u)}</code></li>`).join('') || '<li>(none)</li>'}</ul></dd>
</dl>
<p id="error-fix">Either send a registered URI, or register this one: in the Dropbox App Console under <em>Settings → OAuth 2 →
Redirect URIs</em>; in this sandbox with <code>POST ${h(opts.adminAppUrl)}</code> and the body <code>${h(body)}</code>.</p>`,
  );
}

/** The login form; `query` is the authorize request, carried through as `return_to`. */
export function loginPage(opts: { query: string; appName: string; users: string[]; error?: string }): string {
  return kitLoginPage(SERVICE, { action: `${AUTHORIZE_PATH}/login`, returnTo: opts.query, appName: opts.appName, users: opts.users, error: opts.error });
}

export function consentPage(opts: { query: string; appName: string; email: string; scopes: string[] }): string {
  return kitConsentPage(SERVICE, {
    action: `${AUTHORIZE_PATH}/decide`,
    appName: opts.appName,
    email: opts.email,
    scopes: opts.scopes.map((id) => ({ id, text: SCOPE_TEXT[id] ?? id })),
    hidden: { return_to: opts.query },
    switchUrl: `${AUTHORIZE_PATH}/logout?return_to=${encodeURIComponent(opts.query)}`,
  });
}

/** No redirect_uri: Dropbox shows the code for the user to paste into the app. */
export function codePage(opts: { appName: string; code: string }): string {
  return layout(
    'Access code',
    `<h1>Enter this code into ${h(opts.appName)} to finish the process</h1>
<code id="auth-code" style="display:block;font-size:1.3rem;padding:.6rem;background:#f4f4f4;user-select:all;word-break:break-all">${h(opts.code)}</code>`,
  );
}

export function deniedPage(appName: string): string {
  return layout('Access denied', `<h1>Access denied</h1><p id="error-message">You chose not to give ${h(appName)} access to your Dropbox.</p>`);
}

export function indexPage(info: { oauthBaseUrl: string; apiBaseUrl: string; contentBaseUrl: string; adminUrl: string }): string {
  return layout(
    'Dropbox sandbox',
    `<h1>Dropbox sandbox</h1><ul>
<li>www (authorize): <code>${h(info.oauthBaseUrl)}/oauth2/authorize</code></li>
<li>api (token, rpc): <code>${h(info.apiBaseUrl)}/oauth2/token</code>, <code>${h(info.apiBaseUrl)}/2/…</code></li>
<li>content (upload, download): <code>${h(info.contentBaseUrl)}/2/files/…</code></li>
<li>admin: <code>${h(info.adminUrl)}</code></li></ul>`,
  );
}
