// HTML pages of the sandbox's OAuth flow. Element ids are a stable contract for browser tests:
// login: form#login-form, input[name=email], button#login; consent: #app-name, ul#scopes,
// button#accept, button#deny, a#switch-account; error: #error-message; unconfirmed: button#confirm-email;
// redirect_uri mismatch: #error-message, #sent-redirect-uri, #registered-callback-url, #error-fix.
import { escapeHtml as h } from './httpUtil';

const SCOPE_TEXT: Record<string, string> = {
  basic_account_info: 'See your basic account information (email address)',
  account_access: 'Manage your account settings',
  signature_request_access: 'View and manage your signature requests',
  request_signature: 'Send signature requests on your behalf',
  template_access: 'View and manage your templates',
  team_access: 'View and manage your team',
  api_app_access: 'View and manage your API apps',
};

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${h(title)} · Dropbox Sign sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1e1919}
.banner{background:#fff3cd;border:1px solid #e0c36c;padding:.4rem .7rem;font-size:.85rem;margin-bottom:1.5rem}
button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.6rem;cursor:pointer}
button#accept,button#login,button#confirm-email{background:#0061fe;color:#fff;border:0}
input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box;margin:.4rem 0 1rem}
.error{color:#a4000f}
</style></head>
<body><div class="banner">Local Dropbox Sign <strong>sandbox</strong> — not the real service.</div>
${body}
</body></html>`;
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${h(title)}</h1><p id="error-message" class="error">${h(message)}</p>`);
}

/**
 * The authorize request's redirect_uri is not the app's registered callback. The developer who sees this
 * needs both URLs side by side and the two ways out.
 */
export function redirectMismatchPage(opts: { message: string; appName: string; clientId: string; sent: string; registered: string; adminAppUrl: string }): string {
  const body = JSON.stringify({ callbackUrl: opts.sent });
  return layout(
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
  return layout(
    'Sign in',
    `<h1>Sign in to Dropbox Sign</h1>
<p>to continue to <strong id="app-name">${h(opts.appName)}</strong></p>
${opts.error ? `<p id="error-message" class="error">${h(opts.error)}</p>` : ''}
<form id="login-form" method="post" action="${h(opts.action)}">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${h(opts.email ?? '')}">
<input type="hidden" name="return_to" value="${h(opts.returnTo)}">
<button id="login" type="submit">Continue</button>
</form>
<p>Demo users: ${opts.users.map((u) => `<code>${h(u)}</code>`).join(', ')}</p>`,
  );
}

export function unconfirmedPage(opts: { action: string; returnTo: string; email: string }): string {
  return layout(
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

export function consentPage(opts: {
  action: string;
  appName: string;
  email: string;
  scopes: string[];
  hidden: Record<string, string>;
  switchUrl: string;
}): string {
  const hidden = Object.entries(opts.hidden)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join('\n');
  return layout(
    'Authorize app',
    `<h1><span id="app-name">${h(opts.appName)}</span> wants to access your Dropbox Sign account</h1>
<p>Signed in as <strong id="account-email">${h(opts.email)}</strong> · <a id="switch-account" href="${h(opts.switchUrl)}">Use another account</a></p>
<p>This app will be able to:</p>
<ul id="scopes">${opts.scopes.map((s) => `<li data-scope="${h(s)}">${h(SCOPE_TEXT[s] ?? s)} <code>${h(s)}</code></li>`).join('')}</ul>
<form id="consent-form" method="post" action="${h(opts.action)}">
${hidden}
<button id="accept" name="decision" value="accept" type="submit">Accept</button>
<button id="deny" name="decision" value="deny" type="submit">Deny</button>
</form>`,
  );
}

export function relayPlaceholderPage(expectedPath: string): string {
  return layout(
    'OAuth relay missing',
    `<h1>OAuth relay page not found</h1>
<p id="error-message">The sandbox serves SignDesk's relay page from <code>${h(expectedPath)}</code>, which does not exist yet.
The authorization result is in this page's address (<code>code</code>, <code>state</code>).</p>`,
  );
}

export function indexPage(info: Record<string, unknown>): string {
  return layout(
    'Sandbox',
    `<h1>Dropbox Sign sandbox</h1>
<pre id="sandbox-info">${h(JSON.stringify(info, null, 2))}</pre>
<p>See <code>test/sandbox/README.md</code> for the API, the OAuth pages and the admin endpoints.</p>`,
  );
}

export function requestPage(title: string, lines: string[]): string {
  return layout(title, `<h1>${h(title)}</h1><ul>${lines.map((l) => `<li>${h(l)}</li>`).join('')}</ul>
<p>Signing is simulated: move signers with the admin API (<code>/_admin/</code>).</p>`);
}
