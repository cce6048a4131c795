import * as assert from 'node:assert/strict';
import { decodeState } from '../../../src/auth/oauthState';
import {
  callbackToRegister,
  DEFAULT_LOOPBACK_PORT,
  planRedirect,
  relayUrlProblem,
  resolveRedirectMode,
} from '../../../src/auth/redirectStrategy';
import { authorizeUrl } from '../../../src/providers/dropboxSign/endpoints';

const NONCE = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const SERVER_CALLBACK = 'http://127.0.0.1:8080/stable-1/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk&vscode-path=%2Fcallback';
const RELAY = 'https://me.github.io/signdesk-relay/';

describe('redirect strategies', () => {
  it('defaults to relay when a relay URL is set, else direct; an explicit mode wins', () => {
    assert.equal(resolveRedirectMode({ setting: 'auto', relayUrl: RELAY, loopbackPort: 1 }), 'relay');
    assert.equal(resolveRedirectMode({ setting: 'auto', relayUrl: ' ', loopbackPort: 1 }), 'direct');
    assert.equal(resolveRedirectMode({ setting: 'auto', loopbackPort: 1 }), 'direct');
    assert.equal(resolveRedirectMode({ setting: 'manual', relayUrl: RELAY, loopbackPort: 1 }), 'manual');
    assert.equal(resolveRedirectMode({ setting: 'loopback', loopbackPort: 1 }), 'loopback');
    assert.equal(resolveRedirectMode({ setting: 'bogus' as never, loopbackPort: 1 }), 'direct');
  });

  it('relay: redirect_uri is the relay page; state = nonce + the extension callback', () => {
    const plan = planRedirect('relay', { nonce: NONCE, extensionCallback: SERVER_CALLBACK, relayUrl: RELAY });
    assert.equal(plan.redirectUri, RELAY);
    assert.equal(plan.arrivesVia, 'uriHandler');
    assert.deepEqual(decodeState(plan.state), { nonce: NONCE, target: SERVER_CALLBACK });
    assert.throws(() => planRedirect('relay', { nonce: NONCE, extensionCallback: SERVER_CALLBACK }));
  });

  it('direct: redirect_uri is the extension callback; state is the nonce', () => {
    const plan = planRedirect('direct', { nonce: NONCE, extensionCallback: 'vscode://signdesk.signdesk/callback' });
    assert.deepEqual(plan, { mode: 'direct', redirectUri: 'vscode://signdesk.signdesk/callback', state: NONCE, arrivesVia: 'uriHandler' });
  });

  it('loopback: redirect_uri is the receiver; manual: none (the app default) and a paste', () => {
    const loopback = planRedirect('loopback', { nonce: NONCE, extensionCallback: '', loopbackRedirectUri: 'http://127.0.0.1:5/callback' });
    assert.deepEqual(loopback, { mode: 'loopback', redirectUri: 'http://127.0.0.1:5/callback', state: NONCE, arrivesVia: 'loopback' });
    assert.throws(() => planRedirect('loopback', { nonce: NONCE, extensionCallback: '' }));
    assert.deepEqual(planRedirect('manual', { nonce: NONCE, extensionCallback: '' }), { mode: 'manual', redirectUri: undefined, state: NONCE, arrivesVia: 'paste' });
  });

  it('builds the Dropbox Sign authorize URL from the plan', () => {
    const plan = planRedirect('relay', { nonce: NONCE, extensionCallback: SERVER_CALLBACK, relayUrl: RELAY });
    const url = new URL(authorizeUrl('https://app.hellosign.com/', { clientId: 'cid', state: plan.state, redirectUri: plan.redirectUri }));
    assert.equal(url.origin + url.pathname, 'https://app.hellosign.com/oauth/authorize');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), 'cid');
    assert.equal(url.searchParams.get('state'), plan.state);
    assert.equal(url.searchParams.get('redirect_uri'), RELAY);
    const manual = planRedirect('manual', { nonce: NONCE, extensionCallback: '' });
    const manualUrl = new URL(authorizeUrl('https://app.hellosign.com', { clientId: 'cid', state: manual.state, redirectUri: manual.redirectUri }));
    assert.equal(manualUrl.searchParams.has('redirect_uri'), false);
  });

  it('accepts relay pages over https, or http on loopback only', () => {
    assert.equal(relayUrlProblem(RELAY), undefined);
    assert.equal(relayUrlProblem('http://127.0.0.2:9099/relay/'), undefined);
    assert.match(relayUrlProblem('http://example.com/relay/') ?? '', /https/);
    assert.match(relayUrlProblem('https://u:p@example.com/') ?? '', /user name/);
    assert.match(relayUrlProblem('https://example.com/#x') ?? '', /fragment/);
    assert.match(relayUrlProblem('nope') ?? '', /not a URL/);
  });

  it('tells the user which callback URL to register for each mode', () => {
    const config = { setting: 'auto' as const, relayUrl: RELAY, loopbackPort: DEFAULT_LOOPBACK_PORT };
    assert.equal(callbackToRegister('relay', config, SERVER_CALLBACK).url, RELAY);
    assert.equal(callbackToRegister('relay', { ...config, relayUrl: undefined }, SERVER_CALLBACK).url, undefined);
    assert.equal(callbackToRegister('direct', config, 'vscode://signdesk.signdesk/callback').url, 'vscode://signdesk.signdesk/callback');
    const server = callbackToRegister('direct', config, SERVER_CALLBACK);
    assert.equal(server.url, undefined, 'a per-call server URL cannot be registered');
    assert.match(server.explanation, /relay/);
    assert.equal(callbackToRegister('loopback', config, SERVER_CALLBACK).url, `http://127.0.0.1:${DEFAULT_LOOPBACK_PORT}/callback`);
    assert.match(callbackToRegister('manual', config, SERVER_CALLBACK).explanation, /Complete Authorization…/);
  });
});
