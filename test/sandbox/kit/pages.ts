// HTML pages of a sandbox's OAuth flow, for any service (`service` names it on the page). Element ids are a
// stable contract for browser tests: login: form#login-form, input[name=email] (input[name=password] where
// the service asks for one), button#login; consent: #app-name, #account-email, ul#scopes li[data-scope],
// button#accept, button#deny, a#switch-account; errors: #error-message.
import { escapeHtml as h } from './http';

export function layout(service: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${h(title)} · ${h(service)} sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1e1919}
.banner{background:#fff3cd;border:1px solid #e0c36c;padding:.4rem .7rem;font-size:.85rem;margin-bottom:1.5rem}
button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.6rem;cursor:pointer}
button#accept,button#login,button#confirm-email{background:#0061fe;color:#fff;border:0}
input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box;margin:.4rem 0 1rem}
.error{color:#a4000f}
</style></head>
<body><div class="banner">Local ${h(service)} <strong>sandbox</strong> — not the real service.</div>
${body}
</body></html>`;
}

export function errorPage(service: string, title: string, message: string): string {
  return layout(service, title, `<h1>${h(title)}</h1><p id="error-message" class="error">${h(message)}</p>`);
}

export interface LoginPageOptions {
  action: string;
  returnTo: string;
  appName: string;
  /** demo users listed under the form */
  users: string[];
  error?: string;
  email?: string;
  /** add input[name=password] (the Dropbox Sign sandbox signs in with the email alone) */
  withPassword?: boolean;
}

export function loginPage(service: string, opts: LoginPageOptions): string {
  const password = opts.withPassword
    ? `<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
`
    : '';
  return layout(
    service,
    'Sign in',
    `<h1>Sign in to ${h(service)}</h1>
<p>to continue to <strong id="app-name">${h(opts.appName)}</strong></p>
${opts.error ? `<p id="error-message" class="error">${h(opts.error)}</p>` : ''}
<form id="login-form" method="post" action="${h(opts.action)}">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${h(opts.email ?? '')}">
${password}<input type="hidden" name="return_to" value="${h(opts.returnTo)}">
<button id="login" type="submit">Continue</button>
</form>
<p>Demo users: ${opts.users.map((u) => `<code>${h(u)}</code>`).join(', ')}</p>`,
  );
}

export interface ConsentPageOptions {
  action: string;
  appName: string;
  email: string;
  /** what the app may do: the scope id and the sentence shown for it */
  scopes: Array<{ id: string; text: string }>;
  /** form fields carried to the decision (client_id, state, redirect_uri, …) */
  hidden: Record<string, string>;
  switchUrl: string;
}

export function consentPage(service: string, opts: ConsentPageOptions): string {
  const hidden = Object.entries(opts.hidden)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join('\n');
  return layout(
    service,
    'Authorize app',
    `<h1><span id="app-name">${h(opts.appName)}</span> wants to access your ${h(service)} account</h1>
<p>Signed in as <strong id="account-email">${h(opts.email)}</strong> · <a id="switch-account" href="${h(opts.switchUrl)}">Use another account</a></p>
<p>This app will be able to:</p>
<ul id="scopes">${opts.scopes.map((s) => `<li data-scope="${h(s.id)}">${h(s.text)} <code>${h(s.id)}</code></li>`).join('')}</ul>
<form id="consent-form" method="post" action="${h(opts.action)}">
${hidden}
<button id="accept" name="decision" value="accept" type="submit">Accept</button>
<button id="deny" name="decision" value="deny" type="submit">Deny</button>
</form>`,
  );
}

export function relayPlaceholderPage(service: string, expectedPath: string): string {
  return layout(
    service,
    'OAuth relay missing',
    `<h1>OAuth relay page not found</h1>
<p id="error-message">The sandbox serves SignDesk's relay page from <code>${h(expectedPath)}</code>, which does not exist yet.
The authorization result is in this page's address (<code>code</code>, <code>state</code>).</p>`,
  );
}

export function indexPage(service: string, info: Record<string, unknown>): string {
  return layout(
    service,
    'Sandbox',
    `<h1>${h(service)} sandbox</h1>
<pre id="sandbox-info">${h(JSON.stringify(info, null, 2))}</pre>
<p>See <code>test/sandbox/README.md</code> for the API, the OAuth pages and the admin endpoints.</p>`,
  );
}

export function listPage(service: string, title: string, lines: string[]): string {
  return layout(service, title, `<h1>${h(title)}</h1><ul>${lines.map((l) => `<li>${h(l)}</li>`).join('')}</ul>
<p>Signing is simulated: move signers with the admin API (<code>/_admin/</code>).</p>`);
}
