import assert from 'node:assert/strict';
import { SEED } from '../../../sandbox/dropboxSign/server';
import { authorize, get, postForm, postJson, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('sandbox OAuth pages', () => {
  const sandbox = useSandbox();

  const authorizePath = (params: Record<string, string>) => `/oauth/authorize?${new URLSearchParams({ response_type: 'code', ...params })}`;

  async function loginCookie(email: string, returnTo: string): Promise<string> {
    const res = await postForm(sandbox(), '/oauth/login', { email, return_to: returnTo });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), returnTo);
    return res.headers.get('set-cookie')!.split(';')[0];
  }

  it('shows an error page (never a redirect) for an unknown client', async () => {
    const res = await get(sandbox(), authorizePath({ client_id: 'nope', state: 's1' }));
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(res.text, /id="error-message"[^>]*>Unknown client_id/);
  });

  it('shows an error page (never a redirect) when redirect_uri differs from the registered callback', async () => {
    const res = await get(sandbox(), authorizePath({ client_id: sandbox().info.clientId, state: 's1', redirect_uri: 'https://evil.example/cb' }));
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(res.text, /redirect_uri does not match/);
  });

  it('a redirect_uri mismatch page shows the URL sent next to the one registered, and how to fix either side', async () => {
    const sb = sandbox();
    const sent = 'http://127.0.0.1:8080/stable-1/callback?vscode-reqid=3&vscode-authority=signdesk.signdesk';
    const res = await get(sb, authorizePath({ client_id: sb.info.clientId, state: 's1', redirect_uri: sent }));
    assert.equal(res.status, 400);
    const text = (id: string) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(res.text)?.[1];
    assert.equal(text('sent-redirect-uri'), sent.replace(/&/g, '&amp;'));
    assert.equal(text('registered-callback-url'), sb.info.callbackUrl);
    assert.match(res.text, /SignDesk Demo App/);
    assert.match(res.text, new RegExp(`id="error-fix"[^>]*>[^]*POST ${sb.url}/_admin/apps/${sb.info.clientId}[^]*&quot;callbackUrl&quot;:&quot;${sent.replace(/[?]/g, '\\?').replace(/&/g, '&amp;')}&quot;`));

    // Following the page's advice (register what was sent) makes the same request go through.
    assert.equal((await postJson(sb, `/_admin/apps/${sb.info.clientId}`, { callbackUrl: sent })).status, 200);
    const again = await get(sb, authorizePath({ client_id: sb.info.clientId, state: 's1', redirect_uri: sent }));
    assert.equal(again.status, 200);
    assert.match(again.text, /id="login-form"/);
  });

  it('rejects a missing state and a response_type other than code with an error page', async () => {
    const noState = await get(sandbox(), authorizePath({ client_id: sandbox().info.clientId }));
    assert.equal(noState.status, 400);
    assert.match(noState.text, /Missing state/);
    const token = await get(sandbox(), `/oauth/authorize?response_type=token&client_id=${sandbox().info.clientId}&state=x`);
    assert.equal(token.status, 400);
  });

  it('asks a visitor without a sandbox session to log in with an email', async () => {
    const res = await get(sandbox(), authorizePath({ client_id: sandbox().info.clientId, state: 's1' }));
    assert.equal(res.status, 200);
    assert.match(res.text, /<input[^>]*name="email"/);
    assert.match(res.text, /<button id="login"/);
    assert.match(res.text, /SignDesk Demo App/);
  });

  it('refuses an unknown email on the login form and sets no session', async () => {
    const res = await postForm(sandbox(), '/oauth/login', { email: 'nobody@example.com', return_to: authorizePath({ client_id: sandbox().info.clientId, state: 's' }) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.match(res.text, /No Dropbox Sign account/);
  });

  it('never redirects a login anywhere but back to the authorize page', async () => {
    const res = await postForm(sandbox(), '/oauth/login', { email: SEED.alice.email, return_to: 'https://evil.example/' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/');
  });

  it('shows a consent page naming the app and its scopes, with Accept and Deny', async () => {
    const path = authorizePath({ client_id: sandbox().info.clientId, state: 's1' });
    const cookie = await loginCookie(SEED.alice.email, path);
    const res = await fetch(sandbox().url + path, { headers: { Cookie: cookie } });
    const html = await res.text();
    assert.match(html, /<span id="app-name">SignDesk Demo App<\/span>/);
    assert.match(html, /id="account-email">alice@example.com/);
    for (const scope of SEED.demoApp.scopes) assert.match(html, new RegExp(`data-scope="${scope}"`));
    assert.match(html, /<button id="accept" name="decision" value="accept"/);
    assert.match(html, /<button id="deny" name="decision" value="deny"/);
    assert.match(html, /id="switch-account"/);
  });

  it('Accept redirects (302) to the registered callback with code and state', async () => {
    const target = await authorize(sandbox(), { email: SEED.alice.email, state: 'state-123' });
    assert.equal(`${target.origin}${target.pathname}`, sandbox().info.callbackUrl);
    assert.match(target.searchParams.get('code') ?? '', /^[0-9a-f]{16}$/);
    assert.equal(target.searchParams.get('state'), 'state-123');
  });

  it('accepts a redirect_uri equal to the registered callback and keeps its query', async () => {
    sandbox().admin.updateApp(SEED.demoApp.clientId, { callbackUrl: 'http://127.0.0.1:9/cb?keep=1' });
    const target = await authorize(sandbox(), { email: SEED.alice.email, state: 's', redirectUri: 'http://127.0.0.1:9/cb?keep=1' });
    assert.equal(target.searchParams.get('keep'), '1');
    assert.ok(target.searchParams.get('code'));
  });

  it('Deny redirects with state only (like Dropbox Sign), or with error=access_denied when configured', async () => {
    const denied = await authorize(sandbox(), { email: SEED.alice.email, state: 'deny-1', decision: 'deny' });
    assert.deepEqual([...denied.searchParams.keys()], ['state']);
    assert.equal(denied.searchParams.get('state'), 'deny-1');
    sandbox().admin.configure({ denyWithError: true });
    const withError = await authorize(sandbox(), { email: SEED.alice.email, state: 'deny-2', decision: 'deny' });
    assert.equal(withError.searchParams.get('error'), 'access_denied');
    assert.equal(withError.searchParams.get('code'), null);
  });

  it('follows any redirect_uri only when the admin knob acceptAnyRedirectUri is on (direct mode)', async () => {
    const target = 'code-oss://signdesk.signdesk/callback?x=1';
    const before = await get(sandbox(), authorizePath({ client_id: sandbox().info.clientId, state: 's', redirect_uri: target }));
    assert.equal(before.status, 400);
    sandbox().admin.updateApp(SEED.demoApp.clientId, { acceptAnyRedirectUri: true });
    const url = await authorize(sandbox(), { email: SEED.alice.email, state: 's', redirectUri: target });
    assert.equal(url.protocol, 'code-oss:');
    assert.equal(url.searchParams.get('x'), '1');
    assert.ok(url.searchParams.get('code'));
  });

  it('the switch-account link ends the session and returns to the login form', async () => {
    const path = authorizePath({ client_id: sandbox().info.clientId, state: 's1' });
    const cookie = await loginCookie(SEED.alice.email, path);
    const out = await fetch(`${sandbox().url}/oauth/logout?return_to=${encodeURIComponent(path)}`, { headers: { Cookie: cookie }, redirect: 'manual' });
    assert.equal(out.status, 303);
    const again = await fetch(sandbox().url + path, { headers: { Cookie: cookie } });
    assert.match(await again.text(), /<button id="login"/);
  });

  it('a decision without a session is refused with an error page', async () => {
    const res = await postForm(sandbox(), '/oauth/authorize', { client_id: sandbox().info.clientId, state: 's', decision: 'accept' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
  });

  it('serves the relay page at /relay/ (placeholder while media/oauth-relay.html is missing)', async () => {
    const res = await get(sandbox(), '/relay/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  });
});
