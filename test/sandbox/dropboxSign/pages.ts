// Dropbox Sign's OAuth pages: the kit's pages with its name and scope texts, plus the two pages only it has
// (redirect_uri mismatch: #error-message, #sent-redirect-uri, #registered-callback-url, #error-fix;
// unconfirmed account: button#confirm-email).
import { escapeHtml as h } from '../kit/http';
import * as kit from '../kit/pages';

const SERVICE = 'Dropbox Sign';

const SCOPE_TEXT: Record<string, string> = {
  basic_account_info: 'See your basic account information (email address)',
  account_access: 'Manage your account settings',
  signature_request_access: 'View and manage your signature requests',
  request_signature: 'Send signature requests on your behalf',
  template_access: 'View and manage your templates',
  team_access: 'View and manage your team',
  api_app_access: 'View and manage your API apps',
};

export function errorPage(title: string, message: string): string {
  return kit.errorPage(SERVICE, title, message);
}

/**
 * The authorize request's redirect_uri is not the app's registered callback. The developer who sees this
 * needs both URLs side by side and the two ways out.
 */
export function redirectMismatchPage(opts: { message: string; appName: string; clientId: string; sent: string; registered: string; adminAppUrl: string }): string {
  const body = JSON.stringify({ callbackUrl: opts.sent });
  return kit.layout(
    SERVICE,
    'Authorization error',
    `<h1>Authorization error</h1>
<p id="error-message" class="error">${h(opts.message)}</p>
<dl>
<dt>redirect_uri sent by the client</dt>
<dd><code id="sent-redirect-uri">${h(opts.sent)}</code></dd>
<dt>callback URL registered for <strong>${h(opts.appName)}</strong> (client ID <code>${h(opts.clientId)}</code>)</dt>
<dd><code id="registered-callback-url">${h(opts.registered)}</code></dd>
</dl>
<p id="error-fix">To fix it, either have the client send the registered callback URL as <code>redirect_uri</code> (SignDesk: the
<code>signdesk.oauth.*</code> settings; "SignDesk: Configure Dropbox Sign App" names the URL each mode sends), or register the
URL that was sent: in Dropbox Sign under <em>API → API apps → OAuth</em>; in this sandbox with
<code>POST ${h(opts.adminAppUrl)}</code> and the body <code>${h(body)}</code>.</p>`,
  );
}

export function loginPage(opts: { action: string; returnTo: string; appName: string; users: string[]; error?: string; email?: string }): string {
  return kit.loginPage(SERVICE, opts);
}

export function unconfirmedPage(opts: { action: string; returnTo: string; email: string }): string {
  return kit.layout(
    SERVICE,
    'Confirm your email',
    `<h1>Confirm your email address</h1>
<p id="error-message">The account <strong>${h(opts.email)}</strong> has not been confirmed yet. In the real service you would click the link in the confirmation email.</p>
<form method="post" action="${h(opts.action)}">
<input type="hidden" name="email" value="${h(opts.email)}">
<input type="hidden" name="return_to" value="${h(opts.returnTo)}">
<button id="confirm-email" type="submit">Confirm email (sandbox)</button>
</form>`,
  );
}

export function consentPage(opts: { action: string; appName: string; email: string; scopes: string[]; hidden: Record<string, string>; switchUrl: string }): string {
  return kit.consentPage(SERVICE, { ...opts, scopes: opts.scopes.map((id) => ({ id, text: SCOPE_TEXT[id] ?? id })) });
}

export function indexPage(info: Record<string, unknown>): string {
  return kit.indexPage(SERVICE, info);
}

export function requestPage(title: string, lines: string[]): string {
  return kit.listPage(SERVICE, title, lines);
}
