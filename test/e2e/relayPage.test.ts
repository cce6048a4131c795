// The relay page (media/oauth-relay.html) in real Chromium, served from a local http server: the code
// Dropbox Sign puts in its address must not outlive the page's decision in the address bar or the tab's
// history, whether it forwards to a vscode: link (the page stays open), refuses the target, or forwards
// to a VS Code web host. Manual mode is the one exception: the user copies that address.
import * as assert from 'node:assert/strict';
import { encodeState } from '../../src/auth/oauthState';
import { RelayPageBrowser, type RelayVisit } from '../runner/relayPageBrowser';

const NONCE = 'nRk0S2bV1xq7c3mFz8LwYpA4dGhJtE6uQiO9sK5vXyB';
const CODE = 'relay-code-7f3a9c2e51d84b06';

/** Nowhere but in the forward itself (VS Code's callback needs it). */
function assertCodeGone(visit: RelayVisit, where: string): void {
  const relayEntries = visit.history.filter((entry) => entry !== visit.forwardedTo);
  assert.ok(visit.address === visit.forwardedTo || !visit.address.includes(CODE), `${where}: the address bar still shows the code: ${visit.address}`);
  for (const entry of relayEntries) {
    assert.ok(!entry.includes(CODE), `${where}: the tab's history keeps the code: ${entry}`);
  }
}

describe('Relay page in Chromium: the code leaves the address bar and history (e2e)', function () {
  this.timeout(60_000);
  let relay: RelayPageBrowser;

  before(async () => {
    relay = await RelayPageBrowser.start();
  });

  after(async () => {
    await relay?.close();
  });

  it('vscode: target: the page stays with an Open VS Code button; address and history no longer carry the code', async () => {
    const state = encodeState(NONCE, 'vscode://signdesk.signdesk/callback');
    const visit = await relay.visit(`?code=${CODE}&state=${state}`);
    assert.equal(visit.forwardedTo, undefined);
    assert.equal(visit.title, 'Returning to VS Code…');
    assert.ok(visit.buttonHref?.startsWith(`vscode://signdesk.signdesk/callback?code=${CODE}&state=`), visit.buttonHref);
    assert.equal(visit.address, relay.relayUrl);
    assertCodeGone(visit, 'vscode:');
    assert.deepEqual(visit.requests, [], 'the page loaded nothing else');
  });

  it('refused target: the page says so, and address and history no longer carry the code', async () => {
    const state = encodeState(NONCE, 'https://fluffy-space-engine-8080.app.github.dev/cb?vscode-authority=signdesk.signdesk');
    const visit = await relay.visit(`?code=${CODE}&state=${state}`);
    assert.equal(visit.title, 'Sign-in not forwarded');
    assert.equal(visit.address, relay.relayUrl);
    assertCodeGone(visit, 'refused');
    assert.deepEqual(visit.requests, []);
  });

  it('a code without any state: refused, and the code leaves the address bar', async () => {
    const visit = await relay.visit(`?code=${CODE}`);
    assert.equal(visit.title, 'Sign-in not forwarded');
    assertCodeGone(visit, 'no state');
  });

  it('a VS Code server target: forwarded with code and state; the relay address with the code is not in the history', async () => {
    const target = 'http://127.0.0.1:8080/stable-1/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk';
    const state = encodeState(NONCE, target);
    const visit = await relay.visit(`?code=${CODE}&state=${state}`);
    assert.ok(visit.forwardedTo, `stayed: ${visit.title}`);
    const forwarded = new URL(visit.forwardedTo);
    assert.equal(forwarded.searchParams.get('code'), CODE);
    assert.equal(forwarded.searchParams.get('state'), state);
    assert.deepEqual(visit.requests, [visit.forwardedTo]);
    assertCodeGone(visit, 'forwarded');
  });

  it('manual mode (state without a target) keeps the address: the user copies it into VS Code', async () => {
    const visit = await relay.visit(`?code=${CODE}&state=${NONCE}`);
    assert.equal(visit.title, 'Almost done');
    assert.equal(visit.address, `${relay.relayUrl}?code=${CODE}&state=${NONCE}`);
  });
});
